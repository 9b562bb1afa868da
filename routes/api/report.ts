/** POST /api/report: runs the study on the server and returns the self-contained HTML report. */
import type { RouteContext } from "../../main.ts";
import { reportHtml } from "../../report/html.tsx";
import { runForRequest } from "../../server/run-study.ts";
import { readStudyRequest } from "../../server/study-request.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    const out = await runForRequest(request!.loaded, ctx.state.limits, request!.body.iterations);
    if (out.error) return out.error;
    const name =
      request!.loaded.study.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") ||
      "study";
    return new Response(reportHtml(request!.loaded.study, out.results!, out.assertions), {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `attachment; filename="${name}-report.html"`,
      },
    });
  },
};
