/** Downloads: the results as CSV and JSON, the study file, and the HTML report (from the server). */
import type { Study } from "../../sim/study/format.ts";
import type { Results } from "../../sim/summary.ts";
import { summaryCsv } from "../../report/csv.ts";
import { slug } from "../../report/format.ts";
import { download } from "../../client/download.ts";
import { postJson } from "../../client/http.ts";

/** The most iterations the report endpoint runs. */
const REPORT_ITERATIONS = 5000;

export function Downloads({ study, results, csvText, iterations, valid, onNote }: {
  study: Study;
  /** The results on screen (Monte Carlo or expected values), if any. */
  results: Results | null;
  csvText: string | null;
  iterations: number;
  valid: boolean;
  onNote: (text: string) => void;
}) {
  const name = slug(study.name);
  const report = async () => {
    onNote("Preparing the report on the server…");
    const res = await postJson("/api/report", {
      study,
      csv: csvText,
      iterations: Math.min(iterations, REPORT_ITERATIONS),
    });
    if (!res.ok) {
      const body = await res.json();
      onNote(`No report: ${(body.messages ?? []).join("; ")}`);
      return;
    }
    download(`${name}-report.html`, "text/html", await res.blob());
    onNote("Report downloaded.");
  };
  return (
    <div class="row small">
      Download:
      <button
        type="button"
        class="secondary"
        disabled={!results}
        onClick={() => results && download(`${name}-summary.csv`, "text/csv", summaryCsv(results))}
      >
        Results CSV
      </button>
      <button
        type="button"
        class="secondary"
        disabled={!results}
        onClick={() =>
          results &&
          download(`${name}-results.json`, "application/json", JSON.stringify({ study, results }))}
      >
        Results JSON
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() =>
          download(`${name}.json`, "application/json", JSON.stringify(study, null, 2) + "\n")}
      >
        Study file
      </button>
      <button type="button" class="secondary" disabled={!valid} onClick={report}>
        HTML report
      </button>
    </div>
  );
}
