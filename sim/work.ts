/**
 * How big a run is, before anything is prepared: the work (state-cycles: states × simulated
 * scenarios × cycles × iterations) and the memory it will need, estimated from the resolved
 * input alone, and the problems to report when either is over a budget. Hosts refuse runs over
 * their budget (the server always; the command line unless asked to --force).
 *
 * The memory estimate adds the raw records, the per-iteration rows the summary keeps, the
 * blocks in flight and their per-state sums, the results as JSON and a fixed runtime; it is
 * meant to be within a factor of about two of the peak, erring high.
 */
import { groupRanges, parseAgeBand } from "./age-groups.ts";
import { leafAreas } from "./population.ts";
import type { Problem } from "./problems.ts";
import { recordLayout, recordLength } from "./record.ts";
import { BLOCK_SIZE } from "./run.ts";
import { EXACT_LIMIT, PERMUTATIONS } from "./shapley.ts";
import { ACTIVITIES, type ModelInput, QUINTILE_COUNT } from "./types.ts";

export interface WorkEstimate {
  states: number;
  /** Scenarios the study defines (baseline included). */
  scenarios: number;
  /** Scenario simulations per iteration: the scenarios, plus Shapley subsets when decomposed. */
  simulated: number;
  cycles: number;
  iterations: number;
  /** states × simulated × cycles × iterations. */
  stateCycles: number;
  memoryBytes: number;
}

export interface WorkBudget {
  maxStateCycles: number;
  maxMemoryBytes: number;
}

/** The command line's default budget: about an hour on two cores; above it, --force. */
export const COMMAND_LINE_BUDGET: WorkBudget = {
  maxStateCycles: 20e9,
  maxMemoryBytes: 4 * 2 ** 30,
};

/** A server's default budget: a run that fits in a minute on two cores and 1 GB. */
export const SERVER_BUDGET: WorkBudget = {
  maxStateCycles: 100e6,
  maxMemoryBytes: 2 ** 30,
};

/** Memory of the runtime and the prepared model, before any iteration. */
const RUNTIME_BYTES = 150 * 2 ** 20;
/** Bytes per number in results held as objects, written as JSON text and drawn in the report. */
const JSON_BYTES_PER_NUMBER = 150;
/** Bytes per state of a prepared model (rates, intervention plans, workspace) in one thread. */
const PER_STATE_MODEL_BYTES = 1600;

/** Scenario runs of each Shapley decomposition (sim/shapley.ts): its subsets, per iteration. */
function decompositionRuns(input: ModelInput): number[] {
  return input.scenarios.filter((s) => s.interventions.length > 0).map((s) => {
    const n = s.interventions.length;
    return n <= EXACT_LIMIT ? 2 ** n : Math.min(2 ** n, PERMUTATIONS * n + 1);
  });
}

/** Estimates a run of `iterations` on `workers` block workers (1: this thread). */
export function estimateWork(
  input: ModelInput,
  iterations: number,
  opts: { workers?: number; decomposition?: boolean } = {},
): WorkEstimate {
  const leaves = leafAreas(input.areas).length;
  // Each band's five-year age groups (a band that is not one counts once; validation refuses it).
  const groups = [...new Set(input.segments.map((s) => s.ageBand))]
    .reduce((n, b) => {
      const band = parseAgeBand(b);
      return n + (band ? groupRanges(band).length : 1);
    }, 0);
  const levels = new Set(input.segments.map((s) => s.complexity)).size;
  const states = leaves * groups * levels * QUINTILE_COUNT;
  const scenarios = input.scenarios.length;
  const subsets = opts.decomposition ? decompositionRuns(input) : [];
  const simulated = scenarios + subsets.reduce((a, b) => a + b, 0);
  // Decompositions run one after another, after the main run: the largest sets the peak.
  const held = Math.max(scenarios, ...subsets);
  const cycles = input.horizonYears * input.cyclesPerYear;
  const years = input.horizonYears + 1;
  const interventions = input.interventions.length;
  const record = recordLength(recordLayout(years, levels, leaves, interventions));
  const areaValues = years * leaves * (2 + ACTIVITIES.length);
  const measures = 170 + 2 * interventions + levels * (levels + 1);
  // The value analysis: each scenario's horizon totals and every parameter in every iteration
  // (about 60 parameters in the shipped studies, more with many interventions).
  const parameters = 60 + 12 * interventions;
  const workers = Math.max(1, opts.workers ?? 1);
  const inFlight = workers > 1 ? 2 * workers + 1 : 1;
  const blockBytes = 8 * (Math.min(BLOCK_SIZE, iterations) * record + years * states + areaValues);
  const memoryBytes = RUNTIME_BYTES +
    // the prepared model in each thread: rates and plans per state
    (workers + 1) * states * PER_STATE_MODEL_BYTES +
    // raw records of every iteration, and the summary's per-iteration rows (levels and deltas)
    iterations * (held * record * 8 + scenarios * 2 * measures * years * 4) +
    iterations * 8 * (3 * scenarios + parameters) +
    // blocks in flight and the folded sums
    held * (inFlight * blockBytes + 8 * (years * states + areaValues)) +
    // results: mean population by state, area means and every measure's summary
    scenarios * JSON_BYTES_PER_NUMBER *
      (years * states + 2 * input.areas.length * (2 + ACTIVITIES.length) * years +
        2 * measures * years * 7);
  return {
    states,
    scenarios,
    simulated,
    cycles,
    iterations,
    stateCycles: states * simulated * cycles * iterations,
    memoryBytes,
  };
}

/** A count in words a user reads at a glance: 4.2 billion, 96 million, 12,000. */
export function roughly(n: number): string {
  const two = (x: number) => Number(x.toPrecision(2)).toLocaleString("en-GB");
  if (n >= 1e9) return `${two(n / 1e9)} billion`;
  if (n >= 1e6) return `${two(n / 1e6)} million`;
  return Math.round(n).toLocaleString("en-GB");
}

function bytes(n: number): string {
  return n >= 2 ** 30
    ? `${Number((n / 2 ** 30).toPrecision(2)).toLocaleString("en-GB")} GB`
    : `${Math.ceil(n / 2 ** 20)} MB`;
}

/**
 * Problems when an estimate is over a budget, in the user's terms. `where` names the host
 * ("this server", "the command line's default limit") and `advice` says what to do.
 */
export function overBudget(
  estimate: WorkEstimate,
  budget: WorkBudget,
  where: string,
  advice: string,
): Problem[] {
  const e = estimate;
  const problems: Problem[] = [];
  if (e.stateCycles > budget.maxStateCycles) {
    problems.push({
      at: "(run)",
      message: `the run is too large for ${where}`,
      found: `about ${roughly(e.stateCycles)} state-cycles (${roughly(e.states)} states × ${
        roughly(e.simulated)
      } scenario runs × ${roughly(e.cycles)} cycles × ${roughly(e.iterations)} iteration${
        e.iterations === 1 ? "" : "s"
      })`,
      expected: `at most ${roughly(budget.maxStateCycles)}; ${advice}`,
    });
  }
  if (e.memoryBytes > budget.maxMemoryBytes) {
    problems.push({
      at: "(run)",
      message: `the run needs more memory than ${where} allows`,
      found: `about ${bytes(e.memoryBytes)} (${roughly(e.states)} states, ${
        roughly(e.scenarios)
      } scenarios, ${roughly(e.iterations)} iteration${e.iterations === 1 ? "" : "s"})`,
      expected: `at most ${bytes(budget.maxMemoryBytes)}; ${advice}`,
    });
  }
  return problems;
}
