/**
 * Downloads the Excel workbook of the run on screen (written on the server, server/job.ts): a
 * saved run's own workbook (its snapshot, its sign-off on the cover) when the run on screen is
 * one, else the workbook of the results and assertions on screen.
 */
import type { Study } from "../../sim/study/format.ts";
import { downloadWorkbook, type RunBundle } from "../../client/runs-api.ts";
import { slug } from "../../report/format.ts";

export function WorkbookButton({ study, csvText, run, saved, onNote }: {
  study: Study;
  csvText: string | null;
  /** The Monte Carlo run on screen (null: none, or the study changed after it). */
  run: RunBundle | null;
  /** The saved run on screen, if it is one. */
  saved: { studyId: string; runId: string } | null;
  onNote: (text: string) => void;
}) {
  if (run && saved) {
    return (
      <a
        class="button secondary"
        href={`/api/studies/${saved.studyId}/runs/${saved.runId}/workbook`}
        download
      >
        Workbook (.xlsx)
      </a>
    );
  }
  const go = async () => {
    if (!run) return;
    onNote("Writing the workbook…");
    const error = await downloadWorkbook(study, csvText, run, `${slug(study.name)}.xlsx`);
    onNote(error ? `No workbook: ${error}` : "Workbook downloaded.");
  };
  return (
    <button type="button" class="secondary" disabled={!run} onClick={go}>
      Workbook (.xlsx)
    </button>
  );
}
