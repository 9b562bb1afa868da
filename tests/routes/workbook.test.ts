/** The workbook through the API: of a saved run (with its sign-off) and of results sent. */
import assert from "node:assert/strict";
import { readWorkbook } from "../../report/xlsx.ts";
import { post, savedRun, study, withApp } from "./runs-helpers.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function cover(res: Response): Promise<Map<unknown, unknown>> {
  assert.equal(res.status, 200, res.status === 200 ? "" : await res.clone().text());
  assert.equal(res.headers.get("content-type"), XLSX);
  const wb = await readWorkbook(new Uint8Array(await res.arrayBuffer()));
  const out = new Map();
  wb.getWorksheet("Cover")!.eachRow((row) => {
    const v = row.values as unknown[];
    out.set(v[1], v[2]);
  });
  return out;
}

Deno.test("the workbook of a saved run carries its sign-off; results sent get theirs; others' refused", async () => {
  await withApp(async (call) => {
    const a = await savedRun(call);
    const path = `/api/studies/${a.studyId}/runs/${a.run.id}`;
    const before = await cover(await call(`${path}/workbook`));
    assert.match(String(before.get("Sign-off")), /not signed off/);
    assert.equal(before.get("Run"), `${a.run.id}, kept ${a.run.savedAt}`);
    const signed = await call(`${path}/final`, post({ by: "A. Finance", note: "Q3" }));
    const final = (await signed.json()).final;
    const res = await call(`${path}/workbook`);
    assert.match(res.headers.get("content-disposition")!, new RegExp(`${a.run.id}\\.xlsx`));
    const after = await cover(res);
    assert.match(String(after.get("Sign-off")), /FINAL — signed off by A\. Finance/);
    assert.equal(after.get("Content hash (SHA-256)"), final.contentHash);
    // The saved study is edited; the run's workbook still comes from its own inputs.
    await call("/api/studies", post({ study: study(0.3), id: a.studyId, version: a.version }));
    assert.equal((await cover(await call(`${path}/workbook`))).get("Seed"), "5");
    // Results sent from the browser with their study.
    const sent = await cover(
      await call("/api/workbook", post({ study: study(), results: a.results })),
    );
    assert.equal(sent.get("Saved study"), "not saved");
    assert.equal(sent.get("Iterations"), 30);
    const wrong = await call("/api/workbook", post({ study: study(0.3), results: a.results }));
    assert.equal(wrong.status, 409);
    assert.equal((await call("/api/workbook", post({ study: study() }))).status, 400);
    assert.equal((await call(`/api/studies/${a.studyId}/runs/r-00000000/workbook`)).status, 404);
  });
});
