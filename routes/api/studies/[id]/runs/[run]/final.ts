/**
 * POST /api/studies/:id/runs/:run/final, body {"by": name, "note": text, "supersedes": run id or
 * absent}: sign a run off as final (server/sign-off.ts). 201 with the run's metadata; 423 when it
 * is final already; 409 when another run is final and not named in "supersedes", or is newer;
 * 422 for a run kept without its inputs.
 */
import type { RouteContext } from "../../../../../../server/route-context.ts";
import { readJsonBody } from "../../../../../../server/body.ts";
import { isRunId, isSavedId } from "../../../../../../server/ids.ts";
import { problemResponse } from "../../../../../../server/limits.ts";
import { runChangeRefusal } from "../../../../../../server/run-outcome.ts";
import { signOff } from "../../../../../../server/sign-off.ts";
import { show } from "../../../../../../sim/problems.ts";
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from "../../../../../../sim/study/schema.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { id, run } = ctx.params;
    if (!isSavedId(id) || !isRunId(run)) {
      return problemResponse(404, [{ at: "run", message: "no such run", found: show(run) }]);
    }
    const { body, error } = await readJsonBody(ctx.req);
    if (error) return error;
    const by = typeof body!.by === "string" ? body!.by.trim() : "";
    const note = body!.note === undefined ? "" : body!.note;
    const supersedes = body!.supersedes ?? null;
    const problems = [];
    if (by.length < 1 || by.length > MAX_NAME_LENGTH) {
      problems.push({
        at: "by",
        message: "a sign-off names who signs it off",
        found: show(body!.by),
        expected: `a name of 1 to ${MAX_NAME_LENGTH} characters`,
      });
    }
    if (typeof note !== "string" || note.length > MAX_TEXT_LENGTH) {
      problems.push({
        at: "note",
        message: "not a note",
        found: show(note),
        expected: `text of at most ${MAX_TEXT_LENGTH} characters`,
      });
    }
    if (supersedes !== null && !isRunId(supersedes)) {
      problems.push({
        at: "supersedes",
        message: "not a run id",
        found: show(supersedes),
        expected: "the id of the final run this one supersedes (r- and 8 hex digits), or nothing",
      });
    }
    if (problems.length) return problemResponse(422, problems);
    const outcome = await signOff(ctx.state.store, id, run, {
      by,
      note: note as string,
      supersedes: supersedes as string | null,
    });
    const refusal = runChangeRefusal(outcome, { study: id, run }, "signed off again");
    if (refusal) return refusal;
    return Response.json((outcome as { done: unknown }).done, { status: 201 });
  },
};
