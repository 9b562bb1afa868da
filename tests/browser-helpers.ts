/**
 * Starting the real server and Debian's chromium, for the browser tests and the in-browser
 * benchmark. Chromium is never downloaded: it is /usr/bin/chromium or nothing.
 */
import { type Browser, chromium } from "playwright-core";

const ROOT = new URL("..", import.meta.url).pathname;
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** Starts `main.ts` as `deno task start` would, on `port`, with its KV store at `kvPath`. */
export async function startServer(kvPath: string, port: number): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      "--allow-sys",
      "--unstable-kv",
      "main.ts",
    ],
    cwd: ROOT,
    env: { PORT: String(port), HOST: "127.0.0.1", CARESHIFT_KV: kvPath, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 60_000;
  while (!seen.includes("Careshift on")) {
    if (Date.now() > deadline) throw new Error(`server did not start: ${seen}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited: ${seen}`);
    seen += value;
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  (async () => {
    try {
      while (!(await reader.read()).done) { /* drain */ }
    } catch { /* closed */ }
  })();
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

/** Launches headless chromium with the flags CI needs. */
export async function launch(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** axe-core's source, read from the npm package (injected into pages under test). */
let axeSource: string | null = null;
async function axeScript(): Promise<string> {
  if (axeSource === null) {
    const axe = await import("axe-core");
    axeSource = (axe.default as unknown as { source: string }).source;
  }
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations (rule id, impact
 * and the first few elements), after injecting it once per page.
 */
export async function axeViolations(page: import("playwright-core").Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.addScriptTag({ content: await axeScript() });
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v: { impact: string | null }) => v.impact === "serious" || v.impact === "critical")
      .map((v: { id: string; impact: string | null; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
  });
}

/** The page's headings in order, as [level, text]. */
export async function headings(page: import("playwright-core").Page): Promise<[number, string][]> {
  return await page.evaluate(() =>
    Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
      .filter((h) => (h as HTMLElement).offsetParent !== null)
      .map((h) => [Number(h.tagName[1]), (h.textContent ?? "").trim()] as [number, string])
  );
}
