/**
 * The studies shipped in scenarios/. Ids are file names without ".json"; an id is looked up in
 * the folder's listing, never joined into a path, so no id can reach outside the folder.
 */
import { dirname, join, resolve } from "node:path";

export const SCENARIOS_DIR = resolve(new URL("../scenarios", import.meta.url).pathname);
const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;

export interface ShippedStudy {
  id: string;
  name: string;
  description: string;
  text: string;
}

function listIds(): string[] {
  const ids: string[] = [];
  for (const entry of Deno.readDirSync(SCENARIOS_DIR)) {
    if (entry.isFile && entry.name.endsWith(".json") && entry.name !== "schema.json") {
      ids.push(entry.name.slice(0, -5));
    }
  }
  return ids.sort();
}

export function listShipped(): ShippedStudy[] {
  return listIds().flatMap((id) => {
    const s = getShipped(id);
    return s ? [s] : [];
  });
}

export function getShipped(id: string): ShippedStudy | null {
  if (!ID.test(id) || !listIds().includes(id)) return null;
  const text = Deno.readTextFileSync(join(SCENARIOS_DIR, `${id}.json`));
  try {
    const json = JSON.parse(text);
    return { id, name: String(json.name ?? id), description: String(json.description ?? ""), text };
  } catch {
    return { id, name: id, description: "", text };
  }
}

/** Reads a file a shipped study names (its CSV, targets or posterior), only if inside scenarios/. */
export function readShippedFile(path: string): string | null {
  const full = resolve(SCENARIOS_DIR, path);
  if (!full.startsWith(SCENARIOS_DIR + "/") || dirname(full) === "/") return null;
  try {
    return Deno.readTextFileSync(full);
  } catch {
    return null;
  }
}

/** Reads a CSV a shipped study names, only if it lies inside scenarios/. */
export const readShippedCsv = readShippedFile;

/** The calibration files (targets, posterior) a study's text names, as paths. */
export function calibrationPaths(studyText: string): string[] {
  try {
    const c = JSON.parse(studyText)?.calibration;
    if (!c || typeof c !== "object") return [];
    return [c.targets, c.posterior].filter((p): p is string => typeof p === "string");
  } catch {
    return [];
  }
}

/**
 * The calibration files of this study and of every shipped study, read from scenarios/, by path:
 * what the browser needs to check and run the study, or one a shared link brings, in the page.
 */
export function calibrationFiles(studyText: string): Record<string, string> {
  const files: Record<string, string> = {};
  const paths = new Set([
    ...calibrationPaths(studyText),
    ...listShipped().flatMap((s) => calibrationPaths(s.text)),
  ]);
  for (const path of paths) {
    const text = readShippedFile(path);
    if (text !== null) files[path] = text;
  }
  return files;
}
