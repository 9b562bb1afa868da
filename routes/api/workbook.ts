/**
 * POST /api/workbook, body {"study": …, "csv": "…", "results": …, "assertions": […]}: the Excel
 * workbook (report/workbook.ts) of results sent from the browser, after checking they are the
 * study's (409 otherwise). A saved run's workbook: GET /api/studies/:id/runs/:run/workbook.
 */
import type { RouteContext } from "../../server/route-context.ts";
import { problemResponse } from "../../server/limits.ts";
import { readStudyRequest } from "../../server/study-request.ts";
import { workbookOf } from "../../server/workbook-request.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    const { results, assertions } = request!.body;
    if (!results || typeof results !== "object" || Array.isArray(results)) {
      return problemResponse(400, [{
        at: "results",
        message: "no results to write",
        expected: "the results of a run of the study",
      }]);
    }
    return await workbookOf(
      request!,
      { results, assertions: Array.isArray(assertions) ? assertions : [] },
      ctx.state.limits,
      ctx.req.signal,
    );
  },
};
