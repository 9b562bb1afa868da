/** GET /api/studies: shipped and saved studies. POST: save a study (validated first). */
import type { RouteContext } from "../../../server/route-context.ts";
import { problemResponse } from "../../../server/limits.ts";
import { listShipped } from "../../../server/shipped.ts";
import { readStudyRequest } from "../../../server/study-request.ts";

export const SAVED_ID = /^s-[a-f0-9]{8}$/;

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    return Response.json({
      shipped: listShipped().map(({ id, name, description }) => ({ id, name, description })),
      saved: await ctx.state.store.list(),
    });
  },
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    const id = request!.body.id;
    if (id !== undefined && (typeof id !== "string" || !SAVED_ID.test(id))) {
      return problemResponse(400, [{
        at: "id",
        message: "not a saved study id",
        found: String(id),
        expected: "s- and 8 hex digits, or no id for a new study",
      }]);
    }
    const meta = await ctx.state.store.save(
      (id as string | undefined) ?? null,
      request!.loaded.study.name,
      request!.studyText,
      request!.csvText,
    );
    return Response.json(meta, { status: id ? 200 : 201 });
  },
};
