/**
 * Fuzzing (docs/reliability.md, "Input"): the shipped studies and the example CSV, mutated at
 * random (keys deleted, retyped and duplicated, extreme and non-finite numbers, deep nesting,
 * prototype keys, odd cells), go through validation and, when valid, a one-iteration run with
 * its summary and assertions, in this process. Every case must end with a result or with
 * problems (an InputError is a problem too): never another exception. No case can hang: each is
 * bounded by a work budget (sim/work.ts), not by a clock.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { summariseRun } from "../../sim/api.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { formatProblem, InputError, type Problem } from "../../sim/problems.ts";
import { runAll } from "../../sim/run.ts";
import { estimateWork, overBudget } from "../../sim/work.ts";
import { scenarioFiles } from "../helpers.ts";

const SCENARIOS = new URL("../../scenarios/", import.meta.url);
const STUDIES = [...Deno.readDirSync(SCENARIOS)]
  .filter((e) => e.name.endsWith(".json") && e.name !== "schema.json")
  .map((e) => e.name)
  .sort()
  .map((name) => ({ name, text: Deno.readTextFileSync(new URL(name, SCENARIOS)) }));
const CSV = Deno.readTextFileSync(new URL("data/segmentation-example-place.csv", SCENARIOS));

/** The per-case bound: at most half a million state-cycles and 400 MB for one iteration. */
const BOUND = { maxStateCycles: 5e5, maxMemoryBytes: 400 * 2 ** 20 };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const deep = (depth: number): Json => {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values a field may be replaced by. */
const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  "",
  "x",
  "constructor",
  "0x10",
  "1e308",
  0,
  -0,
  -1,
  0.5,
  1,
  2,
  12,
  50,
  4999,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  2 ** 60,
  [],
  [1, 2, 3, 4, 5],
  {},
  { central: 1, low: 0, high: 2, family: "gamma" },
  { central: 1e300, low: 1e-300, high: 1e308, family: "lognormal" },
  { dist: "beta", alpha: 1e-300, beta: 1e300 },
  { dist: "pert", min: -1e308, mode: 0, max: 1e308 },
  "s".repeat(6000),
  deep(3000),
];

/** A deep copy (JSON's own walk is iterative, so deep nesting is fine). */
const clone = (v: Json): Json => JSON.parse(JSON.stringify(v));

const PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

/** Every path to a value in a JSON tree, down to a depth of 16 (a study's own is under 10). */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (at.length >= 16) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === "object") {
    for (const k of Object.keys(value)) paths(value[k], [...at, k], out);
  }
  return out;
}

function parentOf(root: Json, path: (string | number)[]): [Json, string | number] | null {
  if (path.length === 0) return null;
  let node = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string, Json>)[step];
  return [node, path[path.length - 1]];
}

type Mutation =
  | { op: "delete" | "duplicate"; at: number }
  | { op: "retype"; at: number; value: number }
  | { op: "proto"; at: number; key: number; value: number }
  | { op: "csv-source" };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom("delete" as const, "duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("retype" as const), at: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant("proto" as const), at: fc.nat(), key: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant("csv-source" as const) }),
);

function mutate(root: Json, m: Mutation): Json {
  if (m.op === "csv-source") {
    if (root && typeof root === "object" && !Array.isArray(root)) {
      root.population = { source: "csv", path: "p.csv" };
    }
    return root;
  }
  const all = paths(root);
  const path = all[m.at % all.length];
  const where = parentOf(root, path);
  if (m.op === "retype") {
    const value = clone(ODD_VALUES[m.value % ODD_VALUES.length]);
    if (!where) return value;
    (where[0] as Record<string, Json>)[where[1]] = value;
    return root;
  }
  if (m.op === "proto") {
    const node = where ? (where[0] as Record<string, Json>)[where[1]] : root;
    if (node && typeof node === "object" && !Array.isArray(node)) {
      Object.defineProperty(node, PROTO_KEYS[m.key % PROTO_KEYS.length], {
        value: clone(ODD_VALUES[m.value % ODD_VALUES.length]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return root;
  }
  if (!where) return root;
  const [parent, key] = where;
  if (Array.isArray(parent)) {
    if (m.op === "delete") parent.splice(key as number, 1);
    else parent.splice(key as number, 0, clone(parent[key as number]));
  } else if (parent && typeof parent === "object") {
    if (m.op === "delete") delete parent[key];
    else {
      // A duplicated key: the same value under a sibling name, or twice in the text.
      const siblings = Object.keys(parent);
      const other = siblings[(siblings.indexOf(key as string) + 1) % siblings.length];
      parent[other] = clone(parent[key]);
    }
  }
  return root;
}

type TextMutation = { op: "number"; at: number; value: number } | {
  op: "duplicate-key";
  at: number;
} | { op: "truncate"; at: number };

const NUMBER_TEXTS = [
  "1e999",
  "-1e999",
  "NaN",
  "0x10",
  "1e308",
  "-0",
  "00",
  "1.",
  "9007199254740993",
];

const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("number" as const), at: fc.nat(), value: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("duplicate-key" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }) },
);

function mutateText(text: string, m: TextMutation): string {
  if (m.op === "truncate") return text.slice(0, m.at % (text.length + 1));
  const pattern = m.op === "number"
    ? /(?<=[:\[,]\s*)-?\d+(\.\d+)?([eE][+-]?\d+)?/g
    : /"[A-Za-z]+": [^{}\[\],]+,/g;
  const hits = [...text.matchAll(pattern)];
  if (!hits.length) return text;
  const hit = hits[m.at % hits.length];
  const replacement = m.op === "number"
    ? NUMBER_TEXTS[m.value % NUMBER_TEXTS.length]
    : hit[0] + " " + hit[0];
  return text.slice(0, hit.index!) + replacement + text.slice(hit.index! + hit[0].length);
}

type CsvMutation = { row: number; column: number; value: number } | {
  drop: "row" | "column";
  at: number;
} | {
  whole: number;
};

const CELLS = [
  "",
  "0",
  " ",
  "0x10",
  "1e308",
  "-5",
  "NaN",
  "Infinity",
  "1,2",
  "1,234",
  "£12",
  "3.5",
  "1e-320",
  "99999999999",
  "constructor",
  "__proto__",
  "75+",
  "high",
  '"quoted, cell"',
];
const WHOLE = ["", "\uFEFF", "age_band\n", "a,b\n1,2\n", CSV + CSV.split("\n").slice(1).join("\n")];

const csvMutationArb: fc.Arbitrary<CsvMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ row: fc.nat(), column: fc.nat(), value: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      drop: fc.constantFrom("row" as const, "column" as const),
      at: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ whole: fc.nat() }) },
);

function mutateCsv(csv: string, m: CsvMutation): string {
  if ("whole" in m) return WHOLE[m.whole % WHOLE.length];
  const rows = csv.trim().split("\n").map((r) => r.split(","));
  if (rows.length === 0 || rows[0].length === 0) return csv;
  if ("drop" in m) {
    if (m.drop === "row") rows.splice(m.at % rows.length, 1);
    else {
      const c = m.at % rows[0].length;
      for (const r of rows) r.splice(c, 1);
    }
  } else {
    const r = m.row % rows.length;
    rows[r][m.column % rows[r].length] = CELLS[m.value % CELLS.length];
  }
  return rows.map((r) => r.join(",")).join("\n");
}

const caseArb = fc.record({
  study: fc.nat({ max: STUDIES.length - 1 }),
  mutations: fc.array(mutationArb, { maxLength: 4 }),
  textMutations: fc.array(textMutationArb, { maxLength: 2 }),
  csvMutations: fc.array(csvMutationArb, { maxLength: 3 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

interface Tally {
  cases: number;
  valid: number;
  ran: number;
  refused: number;
  problemsDuringRun: number;
}

function checkProblems(problems: Problem[]): void {
  assert.ok(problems.length > 0, "refused without a problem");
  for (const p of problems) {
    assert.equal(typeof p.at, "string");
    assert.equal(typeof p.message, "string");
    assert.doesNotMatch(formatProblem(p), /undefined/);
  }
}

function runCase(c: Case, tally: Tally): void {
  tally.cases++;
  let tree = JSON.parse(STUDIES[c.study].text) as Json;
  for (const m of c.mutations) tree = mutate(tree, m);
  let text = JSON.stringify(tree) ?? "";
  for (const m of c.textMutations) text = mutateText(text, m);
  let csv = CSV;
  for (const m of c.csvMutations) csv = mutateCsv(csv, m);
  const { loaded, problems } = prepareStudy(
    text,
    scenarioFiles(csv),
    (input) => overBudget(estimateWork(input, 1), BOUND, "the fuzz bound", ""),
  );
  if (!loaded) {
    checkProblems(problems);
    if (problems.some((p) => p.message.includes("the fuzz bound"))) tally.refused++;
    return;
  }
  tally.valid++;
  try {
    const run = runAll(loaded.model, loaded.options.seed, 1);
    summariseRun(loaded, run, loaded.options);
    tally.ran++;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    checkProblems(error.problems);
    tally.problemsDuringRun++;
  }
}

Deno.test("fuzz: 1,000 mutated studies and CSVs through validation and a one-iteration run, no internal error", () => {
  const tally: Tally = { cases: 0, valid: 0, ran: 0, refused: 0, problemsDuringRun: 0 };
  fc.assert(fc.property(caseArb, (c) => runCase(c, tally)), { seed: 20261123, numRuns: 1000 });
  assert.equal(tally.cases >= 1000, true);
  // The mutations must leave enough cases valid for the run to be exercised too.
  assert.ok(tally.ran >= 100, JSON.stringify(tally));
  console.log(JSON.stringify(tally));
});
