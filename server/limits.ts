/**
 * Limits that keep one user from starving the rest: request body size, Monte Carlo iterations
 * per server run, concurrent server runs and a run timeout. Bad requests get the same problem
 * list the command line prints, with a 4xx status.
 */
import type { Problem } from "../sim/problems.ts";
import { formatProblem } from "../sim/problems.ts";

export const MAX_BODY_BYTES = 6_000_000;
export const MAX_SERVER_ITERATIONS = 5_000;
export const MAX_CONCURRENT_RUNS = 2;
export const RUN_TIMEOUT_MS = 60_000;

export function problemResponse(status: number, problems: Problem[]): Response {
  return Response.json({ problems, messages: problems.map((p) => formatProblem(p)) }, { status });
}

/** Reads a JSON body of at most MAX_BODY_BYTES; returns a 4xx Response instead when it cannot. */
export async function readJsonBody(
  req: Request,
): Promise<{ body?: Record<string, unknown>; error?: Response }> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  const tooLarge = () =>
    problemResponse(413, [{
      at: "(request)",
      message: "the request body is too large",
      expected: `at most ${MAX_BODY_BYTES} bytes`,
    }]);
  if (declared > MAX_BODY_BYTES) return { error: tooLarge() };
  const reader = req.body?.getReader();
  if (!reader) {
    return {
      error: problemResponse(400, [{
        at: "(request)",
        message: "the request has no body",
        expected: "JSON",
      }]),
    };
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return { error: tooLarge() };
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  try {
    const body = JSON.parse(new TextDecoder().decode(bytes));
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    return { body };
  } catch {
    return {
      error: problemResponse(400, [{
        at: "(request)",
        message: "the body is not a JSON object",
        expected: '{"study": …}',
      }]),
    };
  }
}

/** Counts concurrent server runs. */
export class Limits {
  private running = 0;

  /** Runs `task` if a slot is free; otherwise returns null at once (the caller answers 429). */
  async withRunSlot<T>(task: () => Promise<T>): Promise<T | null> {
    if (this.running >= MAX_CONCURRENT_RUNS) return null;
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
    }
  }
}
