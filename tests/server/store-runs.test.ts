/**
 * The store's runs: runs kept before snapshots are migrated and marked as lacking one; final
 * runs are never dropped by the cap on kept runs; a final run's content hash detects any change.
 */
import assert from "node:assert/strict";
import { adopt, writeBlob } from "../../server/blobs.ts";
import { runContentHash, signOff, verifyFinal } from "../../server/sign-off.ts";
import { keepRuns, MAX_RUNS, type RunRecord, Store } from "../../server/store.ts";
import { migrateRunSnapshots } from "../../server/store-runs-migration.ts";

const STUDY = JSON.stringify({ name: "Old", scenarios: [{ name: "Base", interventions: [] }] });

/** A store holding one study with two runs saved the way runs were kept before snapshots. */
async function storeWithOldRuns(path: string): Promise<void> {
  const kv = await Deno.openKv(path);
  try {
    const study = await writeBlob(kv, STUDY);
    const withProvenance = await writeBlob(
      kv,
      JSON.stringify({
        mode: "monte-carlo",
        engine: { name: "careshift", version: "0.0.9" },
        provenance: { engineVersion: "0.1.0", uncertainty: "parameters", studyHash: "aaaa" },
      }),
    );
    const bare = await writeBlob(
      kv,
      JSON.stringify({ mode: "deterministic", engine: { name: "careshift", version: "0.0.8" } }),
    );
    const runs = [
      { id: "r-00000001", savedAt: "2026-01-02T00:00:00.000Z", iterations: 100, seed: 1 },
      { id: "r-00000002", savedAt: "2026-01-01T00:00:00.000Z", iterations: 1, seed: "x" },
    ].map((r, i) => ({ ...r, inputHash: "0123456789abcdef", blob: [withProvenance, bare][i] }));
    const key = ["v2", "study", "s-0000000a"];
    const op = kv.atomic().set(key, {
      id: "s-0000000a",
      name: "Old",
      savedAt: "2026-01-01T00:00:00.000Z",
      version: 3,
      study,
      csv: null,
      runs,
    });
    for (const ref of [study, withProvenance, bare]) adopt(op, ref);
    assert.ok((await op.commit()).ok);
  } finally {
    kv.close();
  }
}

Deno.test("runs kept before snapshots are marked as lacking one, with what their results record", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/old.kv`;
  try {
    await storeWithOldRuns(path);
    const store = await Store.open(path);
    try {
      const got = await store.get("s-0000000a");
      assert.equal(got!.studyText, STUDY);
      const [a, b] = got!.meta.runs;
      assert.deepEqual(
        { ...a },
        {
          id: "r-00000001",
          savedAt: "2026-01-02T00:00:00.000Z",
          iterations: 100,
          seed: 1,
          inputHash: "0123456789abcdef",
          snapshot: false,
          studyHash: "aaaa",
          schemaVersion: null,
          engineVersion: "0.1.0",
          uncertainty: "parameters",
          mode: "monte-carlo",
          studyVersion: null,
          final: null,
        },
      );
      assert.equal(b.engineVersion, "0.0.8");
      assert.equal(b.uncertainty, "none");
      assert.equal(b.mode, "deterministic");
      assert.equal(b.snapshot, false);
      const saved = await store.getSavedRun("s-0000000a", "r-00000001");
      assert.equal(saved!.snapshot, null);
      assert.match(saved!.resultsText, /"parameters"/);
      // Without its inputs a run cannot be signed off.
      const refused = await signOff(store, "s-0000000a", "r-00000001", {
        by: "A",
        note: "",
        supersedes: null,
      });
      assert.ok("noSnapshot" in refused);
    } finally {
      store.close();
    }
    // Opening again changes nothing.
    const kv = await Deno.openKv(path);
    try {
      assert.equal(await migrateRunSnapshots(kv, ["v2", "study"]), 0);
    } finally {
      kv.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("final runs are kept whatever the number of runs; the others are capped", () => {
  const run = (i: number, final: boolean) =>
    ({
      id: `r-${String(i).padStart(8, "0")}`,
      final: final ? { by: "A", note: "", at: "", contentHash: "", supersedes: null } : null,
    }) as unknown as RunRecord;
  const runs = Array.from({ length: MAX_RUNS + 10 }, (_, i) => run(i, i === 25 || i === 29));
  const { kept, dropped } = keepRuns(runs);
  assert.equal(kept.length, MAX_RUNS + 2);
  assert.ok(kept.some((r) => r.id === "r-00000025") && kept.some((r) => r.id === "r-00000029"));
  assert.equal(dropped.length, 8);
  assert.ok(dropped.every((r) => !r.final));
});

Deno.test("a final run's content hash covers its study text, CSV and results", async () => {
  const parts = { studyText: STUDY, csvText: "a,b\n1,2\n", resultsText: '{"x":1}' };
  const hash = await runContentHash(parts);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(await runContentHash({ ...parts }), hash);
  for (
    const changed of [
      { ...parts, studyText: STUDY + " " },
      { ...parts, csvText: null },
      { ...parts, resultsText: '{"x":2}' },
    ]
  ) {
    assert.notEqual(await runContentHash(changed), hash);
  }
  const meta = {
    final: { by: "A", note: "", at: "", contentHash: hash, supersedes: null },
  } as unknown as RunRecord;
  const snapshot = { ...parts, schemaVersion: 2, studyHash: "" };
  assert.equal(await verifyFinal({ meta, resultsText: parts.resultsText, snapshot }), true);
  assert.equal(await verifyFinal({ meta, resultsText: '{"x":2}', snapshot }), false);
});
