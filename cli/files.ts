/** File access for the command line: reading studies and CSVs with clear errors, atomic output. */
import { dirname, join, resolve } from "node:path";
import { formatProblem, type Problem } from "../sim/problems.ts";
import { MAX_CSV_BYTES, MAX_STUDY_BYTES } from "../sim/study/schema.ts";
import {
  type FileKind,
  type PreparedStudy,
  type PrepareOptions,
  prepareStudy,
} from "../sim/study/prepare.ts";
import { MAX_POSTERIOR_BYTES } from "../sim/calibration/format.ts";

const CAPS: Record<FileKind, number> = {
  population: MAX_CSV_BYTES,
  targets: MAX_STUDY_BYTES,
  posterior: MAX_POSTERIOR_BYTES,
};

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

/**
 * Loads a study file and the files it names (its CSV, calibration targets and posterior, each
 * relative to the study); returns the study with their texts, or problems named by file.
 * `files` holds the calibration files read, by the path the study gives (a shard keeps them).
 */
export function loadStudyFile(
  path: string,
  beforePrepare?: Parameters<typeof prepareStudy>[2],
  options: PrepareOptions = {},
): {
  loaded?: PreparedStudy;
  problems: string[];
  studyText?: string;
  csvText?: string | null;
  files?: Record<string, string>;
} {
  const read = readCapped(path, MAX_STUDY_BYTES);
  if (read.text === undefined) return { problems: [formatProblem(read.problem!, path)] };
  let csvText: string | null = null;
  const files: Record<string, string> = {};
  const { loaded, problems } = prepareStudy(
    read.text,
    (named, kind) => {
      const full = resolve(dirname(path), named);
      const got = readCapped(full, CAPS[kind]);
      if (kind === "population") csvText = got.text ?? null;
      else if (got.text !== undefined) files[named] = got.text;
      return got.text !== undefined
        ? got
        : { problem: { ...got.problem!, file: join(dirname(path), named) } };
    },
    beforePrepare,
    { studyPath: path, ...options },
  );
  return {
    loaded,
    problems: problems.map((p) => formatProblem(p, path)),
    studyText: read.text,
    csvText,
    files,
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
