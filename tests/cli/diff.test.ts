/** `sim diff` as a user meets it: run directories in, a table out, exit codes 0, 1 and 2. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "./run-cli.ts";

const study = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: "Diff CLI study",
    horizonYears: 3,
    iterations: 60,
    seed: 9,
    interventions: [{
      id: "iv",
      name: "Coordination",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 500,
      effects: { activity: { nonElective: 0.8 } },
    }],
    scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
    ...extra,
  });

async function run(dir: string, name: string, text: string, ...args: string[]) {
  await Deno.writeTextFile(join(dir, `${name}.json`), text);
  const out = join(dir, name);
  const r = await runCli(["run", join(dir, `${name}.json`), "--out", out, ...args]);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

Deno.test("diff: the same study and seed give no differences, exit 0, CSV and markdown", async () => {
  const dir = await Deno.makeTempDir();
  const a = await run(dir, "a", study(), "--workers", "1");
  const b = await run(dir, "b", study(), "--workers", "2");
  const csv = join(dir, "diff", "cells.csv");
  const md = join(dir, "diff", "comment.md");
  const r = await runCli(["diff", a, join(b, "results.json"), "--csv", csv, "--markdown", md]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OLD .*\/a\nNEW .*\/b\/results\.json\n/);
  assert.match(r.stdout, /No differences beyond Monte Carlo error\./);
  assert.match(r.stdout, /the results should be identical/);
  const rows = (await Deno.readTextFile(csv)).trim().split("\n");
  assert.ok(rows.length > 1000, `${rows.length} rows`);
  assert.ok(rows.slice(1).every((row) => row.endsWith(",same")));
  assert.match(await Deno.readTextFile(md), /^### Careshift results diff\n\n\*\*No differences/);
});

Deno.test("diff: a changed effect exits 1 and says why; a reworded study is flagged but explained", async () => {
  const dir = await Deno.makeTempDir();
  const a = await run(dir, "a", study());
  const effect = study({
    interventions: [{
      id: "iv",
      name: "Coordination",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 500,
      effects: { activity: { nonElective: 0.6 } },
    }],
  });
  const b = await run(dir, "b", effect);
  const moved = await runCli(["diff", a, b, "--z", "6"]);
  assert.equal(moved.code, 1);
  assert.match(
    moved.stdout,
    /Changed: [\d,]+ cells? moved beyond z > 6; the study file and CSV changed\./,
  );
  assert.match(moved.stdout, /and with it the model inputs/);
  assert.match(moved.stdout, /Coordinated +difference +activity\.nonElective/);
  // The same model in other words (the study's description): the hash changes, the numbers do not.
  const c = await run(dir, "c", study({ description: "Reworded" }));
  const reworded = await runCli(["diff", a, c]);
  assert.equal(reworded.code, 1);
  assert.match(reworded.stdout, /Changed: the study file and CSV changed\./);
  assert.match(reworded.stdout, /but the model inputs did not/);
  assert.match(reworded.stdout, /[\d,]+ identical, 0 within z ≤ 4, 0 flagged/);
});

Deno.test("diff: deterministic results from expected --json; bad input exits 2 naming the file", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "s.json"), study());
  const expected = await runCli(["expected", join(dir, "s.json"), "--json"]);
  await Deno.writeTextFile(join(dir, "e1.json"), expected.stdout);
  await Deno.writeTextFile(join(dir, "e2.json"), expected.stdout);
  const same = await runCli(["diff", join(dir, "e1.json"), join(dir, "e2.json")]);
  assert.equal(same.code, 0, same.stdout + same.stderr);

  const bad = async (args: string[], pattern: RegExp) => {
    const r = await runCli(["diff", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}`);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
  };
  const e1 = join(dir, "e1.json");
  await bad([e1, join(dir, "nope.json")], /nope\.json: no such file or directory/);
  await bad([e1, dir], /results\.json: no results\.json in this directory/);
  await Deno.writeTextFile(join(dir, "broken.json"), "{ nope");
  await bad([e1, join(dir, "broken.json")], /broken\.json: malformed JSON/);
  await Deno.writeTextFile(join(dir, "shape.json"), JSON.stringify({ results: { years: [0] } }));
  await bad(
    [e1, join(dir, "shape.json")],
    /shape\.json: results\.scenarios: expected a non-empty array/,
  );
  await bad([e1], /diff takes two runs, OLD and NEW/);
  await bad([e1, e1, "--z", "0"], /--z must be a number above 0/);
  await bad([e1, e1, "--z", "four"], /--z must be a number above 0/);
});
