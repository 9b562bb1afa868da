/** A run's status wherever it appears: final (and by whom), superseded, or kept without inputs. */
import type { RunMeta } from "../../server/store.ts";

export function RunBadge({ run }: { run: RunMeta }) {
  if (run.final) {
    return run.supersededBy
      ? (
        <span class="badge superseded" title={`Superseded by run ${run.supersededBy}`}>
          Final, superseded by {run.supersededBy}
        </span>
      )
      : (
        <span
          class="badge final"
          title={`Signed off by ${run.final.by} at ${run.final.at}; content hash ${run.final.contentHash}`}
        >
          Final — {run.final.by}, {run.final.at.slice(0, 10)}
        </span>
      );
  }
  if (!run.snapshot) {
    return (
      <span class="badge no-snapshot" title="Kept before runs kept their own inputs">
        No snapshot of inputs
      </span>
    );
  }
  return null;
}
