/** File access for the command line: reading studies and CSVs with clear errors, atomic output. */
import { dirname, join, resolve } from "node:path";
import { formatProblem, type Problem } from "../sim/problems.ts";
import { MAX_CSV_BYTES, MAX_STUDY_BYTES } from "../sim/study/schema.ts";
import { type PreparedStudy, prepareStudy } from "../sim/study/prepare.ts";

function readCapped(path: string, cap: number): { text?: string; problem?: Problem } {
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) return { problem: { at: "(file)", message: "not a file" } };
    if (info.size > cap) {
      return {
        problem: {
          at: "(file)",
          message: "the file is too large",
          found: `${info.size} bytes`,
          expected: `at most ${cap} bytes`,
        },
      };
    }
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(Deno.readFileSync(path)) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { problem: { at: "(file)", message: "no such file" } };
    }
    if (error instanceof TypeError) return { problem: { at: "(file)", message: "not UTF-8 text" } };
    return {
      problem: { at: "(file)", message: error instanceof Error ? error.message : String(error) },
    };
  }
}

/** Loads a study file and its CSV; returns the study (with both texts) or problems named by file. */
export function loadStudyFile(
  path: string,
  beforePrepare?: Parameters<typeof prepareStudy>[2],
): { loaded?: PreparedStudy; problems: string[]; studyText?: string; csvText?: string | null } {
  const read = readCapped(path, MAX_STUDY_BYTES);
  if (read.text === undefined) return { problems: [formatProblem(read.problem!, path)] };
  let csvText: string | null = null;
  const { loaded, problems } = prepareStudy(read.text, (csvPath) => {
    const full = resolve(dirname(path), csvPath);
    const csv = readCapped(full, MAX_CSV_BYTES);
    csvText = csv.text ?? null;
    return csv.text !== undefined
      ? csv
      : { problem: { ...csv.problem!, file: join(dirname(path), csvPath) } };
  }, beforePrepare);
  return {
    loaded,
    problems: problems.map((p) => formatProblem(p, path)),
    studyText: read.text,
    csvText,
  };
}

/**
 * Writes files into `dir` atomically: everything goes to a sibling temporary directory which is
 * renamed into place only when complete, so `dir` never holds a partial set of outputs.
 */
export function writeDirectoryAtomically(
  dir: string,
  files: Record<string, string | Uint8Array>,
): void {
  const target = resolve(dir);
  const parent = dirname(target);
  Deno.mkdirSync(parent, { recursive: true });
  const temp = Deno.makeTempDirSync({ dir: parent, prefix: ".careshift-" });
  try {
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === "string") Deno.writeTextFileSync(join(temp, name), content);
      else Deno.writeFileSync(join(temp, name), content);
    }
    let old: string | null = null;
    try {
      Deno.statSync(target);
      old = `${temp}-old`;
      Deno.renameSync(target, old);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    Deno.renameSync(temp, target);
    if (old) Deno.removeSync(old, { recursive: true });
  } catch (error) {
    try {
      Deno.removeSync(temp, { recursive: true });
    } catch { /* already moved or gone */ }
    throw error;
  }
}
