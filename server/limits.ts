/**
 * Limits that keep one user from starving the rest: request body size and read time, Monte
 * Carlo iterations and work (state-cycles and memory, sim/work.ts) per server run, concurrent
 * runs and checks, and a deadline for each. Every limit is a setting (main.ts reads overrides
 * from the environment); bad requests get the same problem list the command line prints, with
 * a 4xx status.
 */
import type { Problem } from "../sim/problems.ts";
import { formatProblem } from "../sim/problems.ts";
import { SERVER_BUDGET, type WorkBudget } from "../sim/work.ts";

export const MAX_BODY_BYTES = 6_000_000;
export const MAX_SERVER_ITERATIONS = 5_000;
export const MAX_CONCURRENT_RUNS = 2;
export const RUN_TIMEOUT_MS = 60_000;

export interface LimitSettings {
  /** Largest request body. */
  maxBodyBytes: number;
  /** Longest a request body may take to arrive. */
  bodyReadTimeoutMs: number;
  /** Most iterations of one server run. */
  maxIterations: number;
  /** Most work one server run (or the model a check prepares) may ask for. */
  budget: WorkBudget;
  /** Server runs (and reports) at once; more get 429. */
  maxConcurrentRuns: number;
  /** Checks (validation, saves) at once; more get 429. */
  maxConcurrentChecks: number;
  /** Deadline of a run or report, from the moment it starts. */
  runTimeoutMs: number;
  /** Deadline of a check. */
  checkTimeoutMs: number;
  /** A run or check whose process grows beyond this resident memory is stopped. */
  maxProcessBytes: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  maxBodyBytes: MAX_BODY_BYTES,
  bodyReadTimeoutMs: 30_000,
  maxIterations: MAX_SERVER_ITERATIONS,
  budget: SERVER_BUDGET,
  maxConcurrentRuns: MAX_CONCURRENT_RUNS,
  maxConcurrentChecks: 4,
  runTimeoutMs: RUN_TIMEOUT_MS,
  checkTimeoutMs: 15_000,
  maxProcessBytes: 2 * SERVER_BUDGET.maxMemoryBytes,
};

/**
 * Overrides from the environment: CARESHIFT_MAX_STATE_CYCLES, CARESHIFT_MAX_MEMORY_MB (the
 * process limit follows at twice it), CARESHIFT_RUN_TIMEOUT_S. Unset or unreadable values keep
 * the defaults.
 */
export function limitsFromEnv(get: (name: string) => string | undefined): Partial<LimitSettings> {
  const num = (name: string) => {
    const v = Number(get(name));
    return get(name) !== undefined && Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const out: Partial<LimitSettings> = {};
  const cycles = num("CARESHIFT_MAX_STATE_CYCLES");
  const memoryMb = num("CARESHIFT_MAX_MEMORY_MB");
  if (cycles !== undefined || memoryMb !== undefined) {
    out.budget = {
      maxStateCycles: cycles ?? SERVER_BUDGET.maxStateCycles,
      maxMemoryBytes: memoryMb !== undefined ? memoryMb * 2 ** 20 : SERVER_BUDGET.maxMemoryBytes,
    };
    if (memoryMb !== undefined) out.maxProcessBytes = 2 * memoryMb * 2 ** 20;
  }
  const timeout = num("CARESHIFT_RUN_TIMEOUT_S");
  if (timeout !== undefined) out.runTimeoutMs = timeout * 1000;
  return out;
}

export function problemResponse(
  status: number,
  problems: Problem[],
  headers?: HeadersInit,
): Response {
  return Response.json({ problems, messages: problems.map((p) => formatProblem(p)) }, {
    status,
    headers,
  });
}

/** Counts concurrent server runs and checks. */
export class Limits {
  readonly settings: LimitSettings;
  private running = 0;
  private checking = 0;

  constructor(settings: Partial<LimitSettings> = {}) {
    this.settings = { ...DEFAULT_LIMITS, ...settings };
  }

  /** Runs `task` if a run slot is free; otherwise returns null at once (the caller answers 429). */
  async withRunSlot<T>(task: () => Promise<T>): Promise<T | null> {
    if (this.running >= this.settings.maxConcurrentRuns) return null;
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
    }
  }

  /** Runs `task` if a check slot is free; otherwise returns null at once. */
  async withCheckSlot<T>(task: () => Promise<T>): Promise<T | null> {
    if (this.checking >= this.settings.maxConcurrentChecks) return null;
    this.checking++;
    try {
      return await task();
    } finally {
      this.checking--;
    }
  }
}
