/** Downloads the Excel workbook of the run on screen (written on the server, server/job.ts). */
import type { Results } from "../../sim/summary.ts";
import type { Study } from "../../sim/study/format.ts";
import { downloadWorkbook } from "../../client/runs-api.ts";
import { slug } from "../../report/format.ts";

export function WorkbookButton({ study, csvText, results, onNote }: {
  study: Study;
  csvText: string | null;
  results: Results | null;
  onNote: (text: string) => void;
}) {
  const go = async () => {
    onNote("Writing the workbook…");
    const error = await downloadWorkbook(study, csvText, results, `${slug(study.name)}.xlsx`);
    onNote(error ? `No workbook: ${error}` : "Workbook downloaded.");
  };
  return (
    <button type="button" class="secondary" disabled={!results} onClick={go}>
      Workbook (.xlsx)
    </button>
  );
}
