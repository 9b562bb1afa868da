/** The study view: the workbench island on a shipped or saved study. */
import type { RouteContext } from "../../server/route-context.ts";
import { islandOf } from "../../islands/_island.tsx";
import WorkbenchIsland, { type WorkbenchProps } from "../../islands/Workbench.tsx";
import { findStudy } from "../../server/find-study.ts";

const Workbench = islandOf("Workbench", WorkbenchIsland);

export const title = (data: unknown) =>
  `${(data as WorkbenchProps & { name: string } | undefined)?.name ?? "Study"} — Careshift`;

export const skipLinks: [string, string][] = [
  ["#run-button", "Skip to Run"],
  ["#results", "Skip to results"],
];

export const handler = {
  async GET(ctx: RouteContext) {
    const found = await findStudy(ctx.state.store, ctx.params.id);
    if (!found) {
      return new Response(`No study "${ctx.params.id}". Go back to the study library at /.`, {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    return ctx.render(found);
  },
};

export default function StudyPage({ data }: { data: WorkbenchProps & { name: string } }) {
  return (
    <main id="main" tabIndex={-1}>
      <p class="small">
        <a href="/">← All studies</a>
      </p>
      <Workbench
        id={data.id}
        source={data.source}
        studyText={data.studyText}
        csvText={data.csvText}
        files={data.files}
        version={data.version}
        runs={data.runs}
        upgrade={data.upgrade}
      />
    </main>
  );
}
