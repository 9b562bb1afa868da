/**
 * Looks a study up by id: shipped (scenarios/) or saved (Deno KV). A study written in an older
 * version of the format is handed out upgraded (sim/study/versions.ts, as every host reads it),
 * with what the upgrade changed; what is stored changes only when the study is saved again.
 */
import type { RunMeta, Store } from "./store.ts";
import { upgradeStudyText } from "../sim/study/parse.ts";
import type { Upgrade } from "../sim/study/versions.ts";
import { calibrationFiles, getShipped, readShippedCsv } from "./shipped.ts";
import { isSavedId } from "./ids.ts";

export interface FoundStudy {
  id: string;
  source: "shipped" | "saved";
  name: string;
  studyText: string;
  csvText: string | null;
  /** The calibration files (targets, posterior) the study may name, by path (shipped ones). */
  files: Record<string, string>;
  /** The saved version (null for a shipped study): a save of it names this version. */
  version: number | null;
  runs: RunMeta[];
  /** What upgrading the stored text to the current format changed; null when it was current. */
  upgrade: Upgrade | null;
}

/** The text upgraded to the current format (as it is when it cannot be: the editor reports why). */
function upgraded(studyText: string): { studyText: string; upgrade: Upgrade | null } {
  const u = upgradeStudyText(studyText);
  return u.text !== undefined && u.upgrade
    ? { studyText: u.text, upgrade: u.upgrade }
    : { studyText, upgrade: null };
}

export async function findStudy(store: Store, id: string): Promise<FoundStudy | null> {
  const shipped = getShipped(id);
  if (shipped) {
    let csvText: string | null = null;
    try {
      const path = JSON.parse(shipped.text)?.population?.path;
      if (typeof path === "string") csvText = readShippedCsv(path);
    } catch { /* reported when the study is loaded */ }
    return {
      id,
      source: "shipped",
      name: shipped.name,
      ...upgraded(shipped.text),
      csvText,
      files: calibrationFiles(shipped.text),
      version: null,
      runs: [],
    };
  }
  if (!isSavedId(id)) return null;
  const saved = await store.get(id);
  if (!saved) return null;
  return {
    id,
    source: "saved",
    name: saved.meta.name,
    ...upgraded(saved.studyText),
    csvText: saved.csvText,
    files: calibrationFiles(saved.studyText),
    version: saved.meta.version,
    runs: saved.meta.runs,
  };
}
