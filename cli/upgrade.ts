/**
 * `deno task sim upgrade STUDY... [--write]`: upgrades study files written in an older version of
 * the study format to the current one (sim/study/versions.ts), listing what each step changed.
 * Without --write nothing is written. A file is written only when the upgraded study is valid;
 * a file of a version newer than this Careshift is refused (exit 2).
 */
import { basename, dirname, join } from "node:path";
import { formatProblem } from "../sim/problems.ts";
import { upgradeStudyText } from "../sim/study/parse.ts";
import { SCHEMA_HISTORY, SCHEMA_VERSION } from "../sim/study/versions.ts";
import { parseArgs, UsageError } from "./args.ts";
import { loadStudyFile } from "./files.ts";

export const UPGRADE_HELP = `Usage: deno task sim upgrade STUDY... [--write]

Upgrades study files written in an older version of the study format to version ${SCHEMA_VERSION}
and lists what changed. Without --write it only reports; with --write it replaces each file
that needs it (written whole, in standard JSON layout with the file's indentation), and only
when the upgraded study is valid. Every command reads older files the same way without
rewriting them; a file of a newer version than ${SCHEMA_VERSION} is refused.

Versions (the schemas: scenarios/schema/vN.json; scenarios/schema.json is the current one):
${SCHEMA_HISTORY.map((v) => `  ${v.version}  ${v.summary}`).join("\n")}

Exit codes: 0 every file is current or was upgraded, 2 a file could not be read or upgraded.`;

/** Replaces a file's text whole: a sibling temporary file renamed over it. */
function replaceFile(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.upgrade-${crypto.randomUUID().slice(0, 8)}`);
  Deno.writeTextFileSync(temp, text);
  try {
    Deno.renameSync(temp, path);
  } catch (error) {
    Deno.removeSync(temp);
    throw error;
  }
}

export function commandUpgrade(args: string[]): number {
  const p = parseArgs(args, [], ["write"]);
  if (p.positional.length === 0) {
    throw new UsageError(`upgrade needs at least one study file\n\n${UPGRADE_HELP}`);
  }
  const write = p.options.has("write");
  let bad = 0;
  for (const path of p.positional) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(Deno.readFileSync(path));
    } catch (error) {
      bad++;
      const why = error instanceof Deno.errors.NotFound
        ? "no such file"
        : error instanceof TypeError
        ? "not UTF-8 text"
        : error instanceof Error
        ? error.message
        : String(error);
      console.log(`${path}: ${why}`);
      continue;
    }
    const upgraded = upgradeStudyText(text);
    if (upgraded.problems.length) {
      bad++;
      console.log(`${path}: not upgraded`);
      for (const problem of upgraded.problems) console.log(`  ${formatProblem(problem, path)}`);
      continue;
    }
    if (!upgraded.upgrade) {
      console.log(`${path}: already version ${SCHEMA_VERSION}, nothing to do`);
      continue;
    }
    const { from, to, changes } = upgraded.upgrade;
    console.log(`${path}: version ${from} → ${to}`);
    for (const change of changes) console.log(`  ${change}`);
    // Every command reads the old file upgraded in memory the same way: check it is valid.
    const check = loadStudyFile(path);
    if (!check.loaded) {
      bad++;
      console.log(`  not written: the upgraded study is not valid`);
      for (const line of check.problems) console.log(`  ${line}`);
      continue;
    }
    if (write) {
      replaceFile(path, upgraded.text!);
      console.log(`  written`);
    } else {
      console.log(`  not written (add --write to upgrade the file)`);
    }
  }
  return bad ? 2 : 0;
}
