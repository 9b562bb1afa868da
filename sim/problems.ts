/**
 * A problem found in an input: where it is (a JSON path such as `scenarios[1].interventions[0]`
 * or a CSV position such as `row 4, column population`), what was found and what was expected.
 * Callers add the file name; nothing here throws past the boundary of a validator.
 */
export interface Problem {
  /** The file it is in, when not the one being read (e.g. a study's segmentation CSV). */
  file?: string;
  /** JSON path, or "row R, column C" for CSV input. */
  at: string;
  message: string;
  found?: string;
  expected?: string;
  suggestion?: string;
}

/** Thrown by the engine when handed an input that a validator should have refused. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => formatProblem(p)).join("\n"));
    this.name = "InputError";
  }
}

/** One line: `at: message (found X; expected Y; did you mean Z?)`. */
export function formatProblem(p: Problem, file?: string): string {
  const name = p.file ?? file;
  const where = name ? `${name}: ${p.at}` : p.at;
  const extra = [
    p.found !== undefined ? `found ${p.found}` : "",
    p.expected !== undefined ? `expected ${p.expected}` : "",
    p.suggestion !== undefined ? `did you mean "${p.suggestion}"?` : "",
  ].filter(Boolean).join("; ");
  return `${where}: ${p.message}${extra ? ` (${extra})` : ""}`;
}

/** Shows a value in a problem message, shortened. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === "number") s = Number.isNaN(value) ? "NaN" : String(value);
  else if (value === undefined) s = "nothing";
  else s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}
