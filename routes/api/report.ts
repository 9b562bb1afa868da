/** POST /api/report: runs the study on the server and returns the self-contained HTML report. */
import type { RouteContext } from "../../server/route-context.ts";
import { slug } from "../../report/format.ts";
import { reportHtml } from "../../report/html.tsx";
import { runStudyRequest } from "../../server/run-study.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const out = await runStudyRequest(ctx.req, ctx.state.limits);
    if (out.error) return out.error;
    return new Response(reportHtml(out.loaded!.study, out.results!, out.assertions), {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `attachment; filename="${slug(out.loaded!.study.name)}-report.html"`,
      },
    });
  },
};
