/**
 * Golden summary of one shipped study (falls prevention, 200 iterations, its own seed). Results
 * are deterministic for a seed, so any change in model behaviour changes this summary. Update it
 * deliberately with `deno task golden`, and give the reason in the commit message.
 */
import { prepareStudy } from "../sim/study/prepare.ts";
import { runStudy } from "../sim/api.ts";

export const GOLDEN_STUDY = new URL("../scenarios/falls-prevention.json", import.meta.url);
export const GOLDEN_FILE = new URL("./golden/falls-prevention-summary.json", import.meta.url);
const MEASURES = [
  "population",
  "deaths",
  "activity.nonElective",
  "activity.ae",
  "cost.service",
  "cost.total",
  "sii.nonElective",
  "lifeYears",
  "qalys",
];
const DELTAS = [
  "cost.total",
  "discounted.cost.total",
  "cumulative.activity.nonElective",
  "roi",
  "discounted.qalys",
  "nmb.20000",
];

export async function goldenSummary(): Promise<unknown> {
  const { loaded, problems } = prepareStudy(
    Deno.readTextFileSync(GOLDEN_STUDY),
    (path) => ({ text: Deno.readTextFileSync(new URL(path, GOLDEN_STUDY)) }),
  );
  if (!loaded) throw new Error(JSON.stringify(problems));
  const { results: r } = await runStudy(loaded, {
    ...loaded.options,
    iterations: 200,
    decompose: false,
  });
  const pick = (
    s: Record<string, { mean: number[]; low?: number[]; high?: number[]; pNegative?: number[] }>,
    keys: string[],
  ) =>
    Object.fromEntries(
      keys.map((
        k,
      ) => [k, { mean: s[k].mean, low: s[k].low, high: s[k].high, pNegative: s[k].pNegative }]),
    );
  return {
    engine: r.engine.version,
    inputHash: r.inputHash,
    seed: r.seed,
    iterations: r.iterations,
    scenarios: r.scenarios.map((s) => ({
      name: s.name,
      // "levels" is the key ScenarioResult.absolute had when this file was written.
      levels: pick(s.absolute, MEASURES),
      deltas: s.deltas ? pick(s.deltas, DELTAS) : null,
    })),
  };
}

if (import.meta.main) {
  Deno.writeTextFileSync(GOLDEN_FILE, JSON.stringify(await goldenSummary(), null, 2) + "\n");
  console.log(`Wrote ${GOLDEN_FILE.pathname}`);
}
