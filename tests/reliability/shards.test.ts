/**
 * Shards: `run --shard K/N` on any number of workers, then `merge`, writes results.json,
 * summary.csv and report.html byte for byte identical to a single run's, per-intervention
 * contributions included (docs/reliability.md, "Determinism").
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { defaultBaselineParameters } from "../../sim/defaults.ts";
import { runCli } from "../cli/run-cli.ts";
import { fixParameters } from "../helpers.ts";

const OUTPUTS = ["results.json", "summary.csv", "report.html"];

// The baseline at fixed values (no fitting in every worker of every shard run), the
// interventions' effects still uncertain, so parameter draws are part of what is merged.
const { unitCost: _, ...baseline } = fixParameters(defaultBaselineParameters());

const study = JSON.stringify({
  name: "Shard study",
  baseline,
  horizonYears: 3,
  iterations: 384, // 12 blocks of 32: every worker of every shard gets several
  seed: 11,
  interventions: [
    {
      id: "a",
      name: "Coordination",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 500,
      effects: {
        activity: { nonElective: { central: 0.8, low: 0.7, high: 0.9, family: "lognormal" } },
      },
    },
    {
      id: "b",
      name: "Falls",
      target: { ageBands: ["75+"] },
      uptake: 0.3,
      costPerParticipant: 200,
      effects: { activity: { ae: 0.9 } },
    },
  ],
  scenarios: [{ name: "Both", interventions: ["a", "b"] }],
});

async function files(dir: string): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const name of OUTPUTS) out[name] = await Deno.readFile(join(dir, name));
  return out;
}

Deno.test("shards merge byte for byte into a single run's outputs: workers 1, 2, 3 × shards 1..4", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "study.json");
  await Deno.writeTextFile(path, study);
  const single = join(dir, "single");
  const r = await runCli(["run", path, "--out", single, "--workers", "1"]);
  assert.equal(r.code, 0, r.stderr);
  const expected = await files(single);
  const results = JSON.parse(new TextDecoder().decode(expected["results.json"]));
  assert.equal(results.contributions.length, 1);
  assert.match(new TextDecoder().decode(expected["summary.csv"]), /\nBoth,a,contribution,/);
  for (const workers of [1, 2, 3]) {
    for (let count = 1; count <= 4; count++) {
      const shardDirs: string[] = [];
      for (let k = 1; k <= count; k++) {
        const out = join(dir, `w${workers}-n${count}-k${k}`);
        const s = await runCli([
          "run",
          path,
          "--shard",
          `${k}/${count}`,
          "--workers",
          String(workers),
          "--out",
          out,
        ]);
        assert.equal(s.code, 0, s.stderr);
        shardDirs.push(out);
      }
      const merged = join(dir, `merged-w${workers}-n${count}`);
      const m = await runCli(["merge", ...shardDirs.reverse(), "--out", merged]);
      assert.equal(m.code, 0, m.stderr);
      const got = await files(merged);
      for (const name of OUTPUTS) {
        assert.ok(
          got[name].length === expected[name].length &&
            got[name].every((byte, i) => byte === expected[name][i]),
          `${name} differs with ${workers} workers and ${count} shards`,
        );
      }
    }
  }
});

Deno.test("a shard's data files are the same whatever the number of workers", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "study.json");
  await Deno.writeTextFile(path, study);
  const read = async (workers: number) => {
    const out = join(dir, `w${workers}`);
    const r = await runCli([
      "run",
      path,
      "--shard",
      "1/1",
      "--workers",
      String(workers),
      "--out",
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    return await Deno.readFile(join(out, "records.bin"));
  };
  const one = await read(1);
  for (const workers of [2, 3]) {
    const other = await read(workers);
    assert.ok(
      other.every((byte, i) => byte === one[i]) && other.length === one.length,
      `${workers}`,
    );
  }
});

Deno.test("merge refuses shards whose blocks are not their shard's", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "study.json");
  await Deno.writeTextFile(path, study);
  for (const k of [1, 2]) {
    assert.equal(
      (await runCli(["run", path, "--shard", `${k}/2`, "--out", join(dir, `s${k}`)])).code,
      0,
    );
  }
  // Swap the two shards' indices: each now claims blocks that are not its own.
  for (const [k, other] of [[1, 2], [2, 1]]) {
    const file = join(dir, `s${k}`, "shard.json");
    const manifest = JSON.parse(await Deno.readTextFile(file));
    manifest.shard.index = other;
    await Deno.writeTextFile(file, JSON.stringify(manifest));
  }
  const m = await runCli(["merge", join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "never")]);
  assert.equal(m.code, 2, m.stderr);
  assert.match(m.stderr, /blocks are not those of shard 1 of 2/);
});

Deno.test("merge refuses a shard.json that is not a shard's, without an internal error", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "study.json");
  await Deno.writeTextFile(path, study);
  assert.equal((await runCli(["run", path, "--shard", "1/1", "--out", join(dir, "s")])).code, 0);
  const file = join(dir, "s", "shard.json");
  const manifest = JSON.parse(await Deno.readTextFile(file));
  for (const broken of [{ ...manifest, shard: null }, { ...manifest, blocks: [[0]] }, [], "x"]) {
    await Deno.writeTextFile(file, JSON.stringify(broken));
    const m = await runCli(["merge", join(dir, "s"), "--out", join(dir, "never")]);
    assert.equal(m.code, 2, m.stderr);
    assert.match(m.stderr, /not a Careshift shard's/);
  }
});
