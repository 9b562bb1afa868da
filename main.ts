/**
 * The workbench server, and all the glue between routes, islands and Hono in one place.
 *
 * - Routes: each module in routes/ exports a `handler` ({ GET, POST }) and/or a default Preact
 *   page. A handler returns a Response or `ctx.render(data)`; a page alone is rendered with no
 *   data. The table below maps URL patterns to modules.
 * - Islands: components in islands/ wrapped with `islandOf`; every island a page renders gets its
 *   bundle (/static/build/<Name>.js, built at start-up with `deno bundle`) added to the page.
 * - Static files from static/.
 *
 * Environment: PORT (8000), HOST (127.0.0.1), CARESHIFT_KV (data/careshift.kv), CARESHIFT_TOKEN
 * (required when HOST is not a loopback address; then every write needs it, server/access.ts),
 * and the limits' overrides (server/limits.ts).
 */
import { Hono } from "hono";
import { serveStatic } from "hono/deno";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { takeUsedIslands } from "./islands/_island.tsx";
import App from "./routes/_app.tsx";
import { Store } from "./server/store.ts";
import { Limits, limitsFromEnv } from "./server/limits.ts";
import { accessRefusal, requireToken } from "./server/access.ts";
import { limitBody } from "./server/body.ts";
import { stopAllJobs } from "./server/jobs.ts";
import { endWithLauncher, launchers } from "./server/lifetime.ts";
import type { AppState, RouteContext, RouteModule } from "./server/route-context.ts";

const ROUTES: [string, () => Promise<RouteModule>][] = [
  ["/", () => import("./routes/index.tsx")],
  ["/studies/:id", () => import("./routes/studies/[id].tsx")],
  ["/glossary", () => import("./routes/glossary.tsx")],
  ["/api/run", () => import("./routes/api/run.ts")],
  ["/api/validate", () => import("./routes/api/validate.ts")],
  ["/api/report", () => import("./routes/api/report.ts")],
  ["/api/compare", () => import("./routes/api/compare.ts")],
  ["/api/workbook", () => import("./routes/api/workbook.ts")],
  ["/api/studies", () => import("./routes/api/studies/index.ts")],
  ["/api/studies/:id", () => import("./routes/api/studies/[id].ts")],
  ["/api/studies/:id/runs", () => import("./routes/api/studies/[id]/runs.ts")],
  ["/api/studies/:id/runs/:run", () => import("./routes/api/studies/[id]/runs/[run].ts")],
  [
    "/api/studies/:id/runs/:run/final",
    () => import("./routes/api/studies/[id]/runs/[run]/final.ts"),
  ],
  [
    "/api/studies/:id/runs/:run/workbook",
    () => import("./routes/api/studies/[id]/runs/[run]/workbook.ts"),
  ],
];

const ISLANDS = ["Workbench", "NewStudy", "SavedStudies"];
const ROOT = new URL(".", import.meta.url).pathname;
const BUILD = `${ROOT}static/build`;

/** Bundles every island and the browser simulation workers with `deno bundle`. */
export async function buildIslands(): Promise<void> {
  const entries = `${BUILD}/.entries`;
  await Deno.remove(BUILD, { recursive: true }).catch(() => {});
  await Deno.mkdir(entries, { recursive: true });
  const files: string[] = [];
  for (const name of ISLANDS) {
    const file = `${entries}/${name}.ts`;
    await Deno.writeTextFile(
      file,
      `import C from "../../../islands/${name}.tsx";\nimport { hydrateIslands } from "../../../islands/_hydrate.ts";\nhydrateIslands(${
        JSON.stringify(name)
      }, C as never);\n`,
    );
    files.push(file);
  }
  // The run worker, and the block workers it spreads a run over (loaded from beside it).
  for (
    const [name, path] of [["run-worker", "client/run-worker.ts"], [
      "block-worker",
      "sim/block-worker.ts",
    ]]
  ) {
    const file = `${entries}/${name}.ts`;
    await Deno.writeTextFile(file, `import "../../../${path}";\n`);
    files.push(file);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--code-splitting",
      "--format",
      "esm",
      "--outdir",
      BUILD,
      ...files,
    ],
    cwd: ROOT,
  }).output();
  if (!out.success) {
    throw new Error(`island bundle failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
}

function page(
  module: RouteModule,
  ctx: Omit<RouteContext, "render">,
  data: unknown,
  init?: ResponseInit,
): Response {
  const Page = module.default!;
  takeUsedIslands();
  const body = renderToString(h(Page, { data, url: ctx.url }));
  const islands = takeUsedIslands();
  const title = typeof module.title === "function"
    ? module.title(data)
    : module.title ?? "Careshift";
  const html = "<!doctype html>" +
    renderToString(h(App, { title, islands, body, skipLinks: module.skipLinks }));
  return new Response(html, {
    ...init,
    headers: { "content-type": "text/html; charset=utf-8", ...init?.headers },
  });
}

export async function createApp(state: AppState): Promise<Hono> {
  const app = new Hono();
  if (state.token) app.use("*", requireToken(state.token));
  const { maxBodyBytes, bodyReadTimeoutMs } = state.limits.settings;
  app.use("*", limitBody(maxBodyBytes, bodyReadTimeoutMs));
  app.use("/static/*", serveStatic({ root: ROOT }));
  for (const [pattern, load] of ROUTES) {
    const module = await load();
    app.all(pattern, async (c) => {
      const base = {
        req: c.req.raw,
        url: new URL(c.req.url),
        params: c.req.param() as Record<string, string>,
        state,
      };
      const ctx: RouteContext = { ...base, render: (data, init) => page(module, base, data, init) };
      const method = c.req.method as "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      const handler = module.handler?.[method] ??
        (method === "GET" && module.default ? (x: RouteContext) => x.render() : undefined);
      if (!handler) {
        return c.json(
          { problems: [{ at: "(request)", message: `${method} is not allowed here` }] },
          405,
        );
      }
      return await handler(ctx);
    });
  }
  app.notFound((c) => c.text("Not found", 404));
  app.onError((error, c) => {
    console.error(error);
    return c.json({ problems: [{ at: "(server)", message: "internal error" }] }, 500);
  });
  return app;
}

if (import.meta.main) {
  // Who started the server, looked up first: the server stops when they end (lifetime.ts).
  const launched = launchers(Deno.pid);
  const port = Number(Deno.env.get("PORT") ?? 8000);
  const hostname = Deno.env.get("HOST") ?? "127.0.0.1";
  const token = Deno.env.get("CARESHIFT_TOKEN") || null;
  const refusal = accessRefusal(hostname, token);
  if (refusal) {
    console.error(`Careshift did not start: ${refusal}`);
    Deno.exit(1);
  }
  const kvPath = Deno.env.get("CARESHIFT_KV") ?? `${ROOT}data/careshift.kv`;
  await Deno.mkdir(kvPath.replace(/\/[^/]*$/, ""), { recursive: true });
  await buildIslands();
  const state: AppState = {
    store: await Store.open(kvPath),
    limits: new Limits(limitsFromEnv((name) => Deno.env.get(name))),
    token,
  };
  const app = await createApp(state);
  await launched; // known before the server says it is up, so no launcher can end unseen
  Deno.serve({
    port,
    hostname,
    onListen: () => console.log(`Careshift on http://${hostname}:${port}/`),
  }, app.fetch);
  // Ctrl-C, SIGTERM, or the end of the command that started it (npx, deno task) stops the
  // server and every job process it has running.
  endWithLauncher((why) => {
    const jobs = stopAllJobs();
    console.log(`Careshift stopped (${why})${jobs ? `; ${jobs} job process(es) ended` : ""}.`);
    Deno.exit(0);
  }, launched).catch((error) => console.error(`not watching the start command: ${error}`));
}
