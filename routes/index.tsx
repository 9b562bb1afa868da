/** The study library: shipped studies, saved studies, and starting a new one. */
import type { RouteContext } from "../server/route-context.ts";
import { islandOf } from "../islands/_island.tsx";
import NewStudyIsland from "../islands/NewStudy.tsx";
import SavedStudiesIsland from "../islands/SavedStudies.tsx";
import { listShipped } from "../server/shipped.ts";
import type { SavedStudyMeta } from "../server/store.ts";

const NewStudy = islandOf("NewStudy", NewStudyIsland);
const SavedStudies = islandOf("SavedStudies", SavedStudiesIsland);

interface Data {
  shipped: { id: string; name: string; description: string }[];
  saved: SavedStudyMeta[];
}

export const title = "Careshift — studies";

export const handler = {
  async GET(ctx: RouteContext) {
    return ctx.render(
      { shipped: listShipped(), saved: await ctx.state.store.list() } satisfies Data,
    );
  },
};

export default function Library({ data }: { data: Data }) {
  return (
    <main id="main" tabIndex={-1}>
      <h1>Studies</h1>
      <p class="muted">
        Each study compares intervention scenarios with a baseline on a place's population:
        activity, cost by sector and health inequalities, with uncertainty.
      </p>
      <NewStudy />
      <h2>Saved studies</h2>
      <SavedStudies saved={data.saved} />
      <h2>Example studies</h2>
      <div class="cards">
        {data.shipped.map((s) => (
          <div class="card" key={s.id}>
            <h3>
              <a href={`/studies/${s.id}`}>{s.name}</a>
            </h3>
            <p class="small">{s.description}</p>
          </div>
        ))}
      </div>
    </main>
  );
}
