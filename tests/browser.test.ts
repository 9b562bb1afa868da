/**
 * Browser tests: Debian's chromium driven by playwright-core against the real server (started
 * as `deno task start` would). Each step opens its own page and makes its own run, so a step
 * does not depend on the ones before it. Screenshots of the main views go to tests/artifacts/.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launch, startServer } from "./browser-helpers.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const ARTIFACTS = `${ROOT}tests/artifacts`;
if (!hasChromium && Deno.env.get("CI")) {
  throw new Error("chromium is not installed: .ci/run installs it");
}

/** A fresh page whose errors (uncaught or logged) are collected. */
async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { page, errors };
}

/** Opens a study page and waits for its expected values. */
async function openStudy(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}/studies/${id}`);
  await page.waitForFunction(() =>
    document.querySelector("[data-testid=results-mode]")?.textContent?.includes("updated in")
  );
}

/** Runs Monte Carlo with `iterations` and waits for its results. */
async function runMonteCarlo(page: Page, iterations: number): Promise<void> {
  await page.getByLabel("Iterations").fill(String(iterations));
  await page.getByRole("button", { name: "Run Monte Carlo" }).click();
  await page.waitForFunction(
    (n) =>
      document.querySelector("[data-testid=results-mode]")?.textContent?.includes(
        `Monte Carlo: ${n} iterations`,
      ),
    iterations.toLocaleString("en-GB"),
    { timeout: 60_000 },
  );
}

Deno.test({
  name:
    "browser: edit, expected values, Monte Carlo, every chart, downloads, bad CSV, save across a restart",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const kvPath = `${await Deno.makeTempDir()}/browser.kv`;
    const port = 8300 + Math.floor(Math.random() * 500);
    let server = await startServer(kvPath, port);
    const browser = await launch();
    /** A step on a page of its own, which must end without page errors. */
    const step = (name: string, fn: (page: Page) => Promise<void>) =>
      t.step(name, async () => {
        const { page, errors } = await newPage(browser);
        try {
          await fn(page);
          assert.deepEqual(errors, []);
        } finally {
          await page.close();
        }
      });
    try {
      await step(
        "open the example study and see expected values change as an intervention is edited",
        async (page) => {
          await openStudy(page, server.url, "targeting-comparison");
          const before = await page.textContent("[data-testid=kpi-admissions]");
          await page.getByLabel("Non-elective admissions: central value").fill("0.6");
          await page.getByLabel("Non-elective admissions: low (2.5%)").fill("0.5");
          await page.waitForFunction(
            (b) => document.querySelector("[data-testid=kpi-admissions]")?.textContent !== b,
            before,
            { timeout: 5000 },
          );
          const after = await page.textContent("[data-testid=kpi-admissions]");
          const parse = (s: string | null) =>
            Number((s ?? "").replace(/[−-]/g, "-").replace(/[^0-9-]/g, ""));
          assert.ok(parse(after) < parse(before), `admissions change ${before} → ${after}`);
          // A 90% interval is labelled as one.
          await page.getByLabel("GP contacts: low (5%)").waitFor();
          await page.screenshot({ path: `${ARTIFACTS}/workbench-expected.png`, fullPage: false });
        },
      );

      await step("run Monte Carlo to completion in the Web Worker", async (page) => {
        await openStudy(page, server.url, "targeting-comparison");
        await runMonteCarlo(page, 200);
        assert.match(
          await page.textContent("[data-testid=results-mode]") ?? "",
          /Monte Carlo: 200 iterations/,
        );
        await page.screenshot({ path: `${ARTIFACTS}/workbench-monte-carlo.png`, fullPage: true });
      });

      await step("cancel a run, then run again on the page's run worker", async (page) => {
        await openStudy(page, server.url, "targeting-comparison");
        await page.getByLabel("Iterations").fill("20000");
        await page.getByRole("button", { name: "Run Monte Carlo" }).click();
        await page.waitForSelector("progress[aria-label='Simulation progress']");
        await page.getByRole("button", { name: "Cancel" }).click();
        await page.getByText("Run cancelled.").waitFor();
        await runMonteCarlo(page, 300);
        assert.match(
          await page.textContent("[data-testid=run-timing]") ?? "",
          /^[\d.]+ s on \d+ workers?$/,
        );
      });

      await step("every chart renders, each with a text alternative", async (page) => {
        await openStudy(page, server.url, "targeting-comparison");
        await runMonteCarlo(page, 200);
        const expected: Record<string, string[]> = {
          Cost: ["cost-fan", "net-cost", "sectors"],
          Activity: ["activity"],
          Inequality: ["inequality"],
          Movement: ["flows"],
          Impactability: ["impactability", "equity-efficiency"],
          Value: ["ce-plane", "ceac", "evpi"],
        };
        for (const [tab, charts] of Object.entries(expected)) {
          await page.getByRole("tab", { name: tab }).click();
          for (const id of charts) {
            const figure = page.locator(`[data-chart="${id}"]`);
            await figure.locator("svg").first().waitFor({ timeout: 10_000 });
            assert.ok((await figure.locator(".alt").textContent())!.length > 10, `${id} has text`);
          }
          await page.screenshot({
            path: `${ARTIFACTS}/tab-${tab.toLowerCase()}.png`,
            fullPage: true,
          });
        }
        await page.getByRole("tab", { name: "Population" }).click();
        assert.match(
          await page.textContent("[data-testid=population-table]") ?? "",
          /229,323|138,611/,
        );
        await page.getByRole("tab", { name: "Summary" }).click();
        assert.match(
          await page.textContent("[data-testid=comparison]") ?? "",
          /Probability of saving money/,
        );
      });

      await step("a combined scenario is split by intervention (waterfalls)", async (page) => {
        await openStudy(page, server.url, "frailty-proactive-care");
        await runMonteCarlo(page, 60);
        await page.getByRole("tab", { name: "By intervention" }).click();
        const panel = page.getByTestId("contributions");
        await panel.waitFor({ timeout: 60_000 });
        await panel.locator("[data-chart^=waterfall-discounted] svg").first().waitFor();
        await page.getByLabel("Outcome for the waterfall").selectOption(
          "cumulative.activity.nonElective",
        );
        await panel.locator('[data-chart^="waterfall-cumulative.activity.nonElective"] svg').first()
          .waitFor();
        assert.match(await panel.textContent() ?? "", /Case management for frail older people/);
        await page.screenshot({ path: `${ARTIFACTS}/tab-by-intervention.png`, fullPage: true });
      });

      await step("download the results CSV", async (page) => {
        await openStudy(page, server.url, "frailty-proactive-care");
        await runMonteCarlo(page, 40);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Results CSV" }).click(),
        ]);
        const path = `${ARTIFACTS}/downloaded-summary.csv`;
        await download.saveAs(path);
        const csv = await Deno.readTextFile(path);
        assert.ok(csv.startsWith("scenario,intervention,kind,measure,year,"));
        assert.match(csv, /\nBoth together,,difference,discounted\.cost\.total,10,/);
        assert.match(csv, /\nBaseline,,absolute,population,0,229323,/);
      });

      await step("upload a bad CSV and see its problems by row and column", async (page) => {
        await page.goto(`${server.url}/`);
        await page.waitForLoadState("networkidle");
        const bad = "age_band,complexity,population\n18-74,low,lots\n";
        await page.getByTestId("csv-upload").setInputFiles({
          name: "bad.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(bad),
        });
        const problems = page.getByTestId("csv-problems");
        await problems.waitFor();
        const text = await problems.textContent() ?? "";
        assert.match(
          text,
          /bad\.csv: row 1, column average_deprivation_decile: a required column is missing/,
        );
        await page.screenshot({ path: `${ARTIFACTS}/library-bad-csv.png` });
      });

      await step("save a study and find it after a server restart", async (page) => {
        await openStudy(page, server.url, "falls-prevention");
        await page.getByLabel("Study name").fill("My falls study");
        await page.getByText("Logic model of this scenario").click();
        await page.getByLabel("Logic model: Problem").fill(
          "Falls drive emergency admissions in our place.",
        );
        await page.getByRole("button", { name: "Save" }).click();
        await page.waitForFunction(() => location.pathname.startsWith("/studies/s-"));
        const id = new URL(page.url()).pathname.split("/").pop()!;
        await server.stop();
        server = await startServer(kvPath, port + 1);
        await page.goto(`${server.url}/`);
        const saved = page.getByTestId("saved-studies");
        await saved.waitFor();
        assert.match(await saved.textContent() ?? "", /My falls study/);
        await page.getByRole("link", { name: "My falls study" }).click();
        await page.waitForFunction(() =>
          document.querySelector("[data-testid=results-mode]")?.textContent?.includes("updated in")
        );
        assert.equal(new URL(page.url()).pathname, `/studies/${id}`);
        assert.equal(await page.getByLabel("Study name").inputValue(), "My falls study");
        await page.getByRole("tab", { name: "Logic models" }).click();
        assert.match(
          await page.textContent("#tabpanel") ?? "",
          /Falls drive emergency admissions in our place\./,
        );
        await page.screenshot({ path: `${ARTIFACTS}/library-saved.png` });
      });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
