/**
 * Downloads of what is on screen: the results as CSV and JSON, the study file, and the HTML
 * report — built on the server from the results on screen (the browser sends them, with their
 * assertions and split by intervention), never from a run of the server's own.
 */
import type { Study } from "../../sim/study/format.ts";
import type { Problem } from "../../sim/problems.ts";
import { plainMessage } from "../../client/field-problems.ts";
import { summaryCsv } from "../../report/csv.ts";
import { slug } from "../../report/format.ts";
import { download } from "../../client/download.ts";
import { postJson } from "../../client/http.ts";
import type { ComponentChildren } from "preact";
import type { RunBundle } from "./use-monte-carlo.ts";

export function Downloads({ study, run, csvText, onNote, children }: {
  study: Study;
  /** The results on screen (Monte Carlo or deterministic), with what came with them. */
  run: RunBundle | null;
  csvText: string | null;
  onNote: (text: string) => void;
  /** Further downloads of the run on screen, in the same row (the workbook). */
  children?: ComponentChildren;
}) {
  const name = slug(study.name);
  const results = run?.results ?? null;
  const report = async () => {
    if (!run) return;
    onNote("Preparing the report of the results on screen…");
    const res = await postJson("/api/report", {
      study,
      csv: csvText,
      results: run.results,
      assertions: run.assertions ?? [],
      decompositions: run.decompositions ?? [],
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      const problems: Problem[] = body.problems ?? [];
      onNote(
        `No report: ${
          problems.length
            ? problems.map((p) => plainMessage(p)).join(" ")
            : `the server answered ${res.status}.`
        }`,
      );
      return;
    }
    download(`${name}-report.html`, "text/html", await res.blob());
    onNote("Report downloaded: it shows the results on screen.");
  };
  return (
    <div class="row small downloads">
      <span>Download:</span>
      <button
        type="button"
        class="secondary"
        disabled={!results}
        onClick={() =>
          results &&
          download(
            `${name}-summary.csv`,
            "text/csv",
            summaryCsv(results, run?.decompositions ?? []),
          )}
      >
        Results CSV
      </button>
      <button
        type="button"
        class="secondary"
        disabled={!results}
        onClick={() =>
          results &&
          download(
            `${name}-results.json`,
            "application/json",
            JSON.stringify({ study, ...run }),
          )}
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
      <button type="button" class="secondary" disabled={!results} onClick={report}>
        HTML report
      </button>
      {children}
    </div>
  );
}
