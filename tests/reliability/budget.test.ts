/**
 * Work estimates and budgets: a run is sized (states × scenario runs × cycles × iterations, and
 * memory) before the model is prepared, and the command line refuses one over its default
 * budget unless --force is given (docs/reliability.md, "Limits").
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseArgs } from "../../cli/args.ts";
import { withinBudget } from "../../cli/budget.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { COMMAND_LINE_BUDGET, estimateWork, overBudget, SERVER_BUDGET } from "../../sim/work.ts";
import { runCli } from "../cli/run-cli.ts";
import { largeStudy } from "./large-study.ts";

Deno.test("the estimate counts states, scenario runs, cycles and iterations", () => {
  const { loaded } = prepareStudy(
    JSON.stringify(largeStudy(10, 3)),
    () => ({}),
  );
  const input = loaded!.input;
  const e = estimateWork(input, 7);
  // neighbourhoods × age groups (0-17: 4, 18-74: 12, 75+: 4) × levels × quintiles
  assert.equal(e.states, 10 * 20 * 3 * 5);
  assert.equal(e.states, loaded!.model.layout.stateCount);
  assert.equal(e.scenarios, 4); // with the baseline
  assert.equal(e.simulated, 4);
  assert.equal(e.cycles, 600);
  assert.equal(e.stateCycles, 3000 * 4 * 600 * 7);
  // Decomposing each one-intervention scenario simulates its two subsets as well.
  assert.equal(estimateWork(input, 7, { decomposition: true }).simulated, 4 + 3 * 2);
  // Memory grows with iterations and with workers.
  assert.ok(estimateWork(input, 700).memoryBytes > e.memoryBytes);
  assert.ok(estimateWork(input, 7, { workers: 3 }).memoryBytes > e.memoryBytes);
  assert.deepEqual(overBudget(e, COMMAND_LINE_BUDGET, "here", "try less"), []);
  const over = overBudget(e, { maxStateCycles: 1e6, maxMemoryBytes: 1e6 }, "this server", "ask");
  assert.equal(over.length, 2);
  assert.match(
    over[0].found!,
    /about 50 million state-cycles \(3,000 states × 4 scenario runs × 600 cycles × 7 iterations\)/,
  );
  assert.match(over[1].message, /more memory than this server allows/);
});

Deno.test("the shipped studies fit the server's budget at 5,000 iterations", () => {
  const dir = new URL("../../scenarios/", import.meta.url);
  for (const entry of Deno.readDirSync(dir)) {
    if (!entry.name.endsWith(".json") || entry.name === "schema.json") continue;
    const { loaded } = prepareStudy(
      Deno.readTextFileSync(new URL(entry.name, dir)),
      (p) => ({ text: Deno.readTextFileSync(new URL(p, dir)) }),
    );
    assert.ok(loaded, entry.name);
    const e = estimateWork(loaded!.input, 5000, { workers: 2 });
    assert.deepEqual(overBudget(e, SERVER_BUDGET, "the server", ""), [], entry.name);
  }
});

Deno.test("the command line refuses a run over its default budget before preparing it, unless --force", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "large.json");
  await Deno.writeTextFile(path, JSON.stringify(largeStudy(4999, 30)));
  const out = join(dir, "never");
  const r = await runCli(["run", path, "--iterations", "1", "--out", out]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /the run needs more memory than the command line's default limit allows/);
  assert.match(r.stderr, /add --force to run it anyway/);
  await assert.rejects(Deno.stat(out));
  const e = await runCli(["expected", path]);
  assert.equal(e.code, 2);
  // --force lifts the check (the run itself is not started here).
  const forced = withinBudget(parseArgs([path, "--force"], [], ["force"]));
  const { problems } = prepareStudy(JSON.stringify(largeStudy(50, 2)), () => ({}), forced);
  assert.deepEqual(problems, []);
});
