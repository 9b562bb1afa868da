/**
 * GET /api/studies/:id: a shipped or saved study, with its CSV and saved runs.
 * PATCH (body {"name", "version"}): rename a saved study — a new version, 409 if someone saved
 * a newer one meanwhile. DELETE ?version=N: delete a saved study with its runs, 409 likewise; a
 * study holding a final run is locked (423: its signed-off runs are never deleted). Shipped
 * studies cannot be renamed or deleted (404: no such saved study).
 */
import type { RouteContext } from "../../../server/route-context.ts";
import { problemResponse } from "../../../server/limits.ts";
import { findStudy } from "../../../server/find-study.ts";
import { isSavedId } from "../../../server/ids.ts";
import { readJsonBody } from "../../../server/body.ts";
import { show } from "../../../sim/problems.ts";
import { MAX_NAME_LENGTH } from "../../../sim/study/schema.ts";

const noSavedStudy = (id: string) =>
  problemResponse(404, [{ at: "id", message: "no such saved study", found: show(id) }]);

const conflict = (version: unknown, current: number) =>
  problemResponse(409, [{
    at: "version",
    message: "the study was saved by someone else since this version was opened",
    found: `version ${show(version)}`,
    expected: `version ${current}: reload the study first`,
  }]);

/** A version as a request gives it, or the 400 answer. */
function versionOf(value: unknown): { version?: number; error?: Response } {
  const version = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (Number.isSafeInteger(version) && (version as number) >= 1) {
    return { version: version as number };
  }
  return {
    error: problemResponse(400, [{
      at: "version",
      message: "a change to a saved study names the version it changes",
      found: show(value),
      expected: "the version the study had when it was opened (a whole number from 1)",
    }]),
  };
}

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    const found = await findStudy(ctx.state.store, ctx.params.id);
    if (!found) {
      return problemResponse(404, [{
        at: "id",
        message: "no such study",
        found: show(ctx.params.id),
      }]);
    }
    return Response.json(found);
  },

  async PATCH(ctx: RouteContext): Promise<Response> {
    const id = ctx.params.id;
    if (!isSavedId(id)) return noSavedStudy(id);
    const { body, error } = await readJsonBody(ctx.req);
    if (error) return error;
    const name = typeof body!.name === "string" ? body!.name.trim() : "";
    if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
      return problemResponse(400, [{
        at: "name",
        message: "not a study name",
        found: show(body!.name),
        expected: `a name of 1 to ${MAX_NAME_LENGTH} characters`,
      }]);
    }
    const v = versionOf(body!.version);
    if (v.error) return v.error;
    const outcome = await ctx.state.store.rename(id, v.version!, name);
    if ("missing" in outcome) return noSavedStudy(id);
    if ("conflict" in outcome) return conflict(body!.version, outcome.conflict.version);
    return Response.json(outcome.saved);
  },

  async DELETE(ctx: RouteContext): Promise<Response> {
    const id = ctx.params.id;
    if (!isSavedId(id)) return noSavedStudy(id);
    const v = versionOf(ctx.url.searchParams.get("version") ?? undefined);
    if (v.error) return v.error;
    const outcome = await ctx.state.store.delete(id, v.version!);
    if ("missing" in outcome) return noSavedStudy(id);
    if ("conflict" in outcome) {
      return conflict(ctx.url.searchParams.get("version"), outcome.conflict.version);
    }
    if ("locked" in outcome) {
      const runs = outcome.locked.map((r) =>
        `run ${r.id} (signed off by ${r.final!.by} on ${r.final!.at.slice(0, 10)})`
      );
      return problemResponse(423, [{
        at: "id",
        message: `the study holds ${
          runs.length === 1 ? "a final run" : `${runs.length} final runs`
        } — ${
          runs.join(", ")
        } — and is locked: a signed-off run and the study it belongs to are never deleted`,
        found: show(id),
        expected:
          "a study with no final run; to retire this one, rename it (e.g. “… (retired)”) instead",
      }]);
    }
    return new Response(null, { status: 204 });
  },
};
