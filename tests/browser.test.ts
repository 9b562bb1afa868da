/**
 * Browser tests: Debian's chromium driven by playwright-core against the real server (started
 * as `deno task start` would). Each step opens its own page (a fresh browser context: no
 * storage shared) and makes its own run, so a step does not depend on the ones before it.
 * Screenshots of the main views go to tests/artifacts/.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser, Page } from "playwright-core";
import { axeViolations, hasChromium, headings, launch, startServer } from "./browser-helpers.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const ARTIFACTS = `${ROOT}tests/artifacts`;
if (!hasChromium && Deno.env.get("CI")) {
  throw new Error("chromium is not installed: .ci/run installs it");
}

/** A fresh page whose errors (uncaught or logged) are collected. */
async function newPage(
  browser: Browser,
  viewport = { width: 1366, height: 768 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { page, errors };
}

/** Opens a study page and waits for its deterministic values. */
async function openStudy(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}/studies/${id}`);
  await page.waitForFunction(() =>
    document.querySelector("[data-testid=results-mode]")?.textContent?.includes("updated in")
  );
}

/** Runs Monte Carlo with `iterations` (and `seed`) and waits for its results. */
async function runMonteCarlo(page: Page, iterations: number, seed?: string): Promise<void> {
  await page.getByLabel("Iterations").fill(String(iterations));
  if (seed !== undefined) await page.getByLabel("Seed").fill(seed);
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

/** Text as a reader sees it (word joiners between a sign and its figure removed). */
const seen = (text: string | null) => (text ?? "").replace(/\u2060/g, "");

/** No serious or critical axe-core violations, one h1, no heading level skipped. */
async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `${where}: axe-core`);
  const hs = await headings(page);
  assert.equal(hs.filter(([level]) => level === 1).length, 1, `${where}: one h1`);
  assert.equal(hs[0]?.[0], 1, `${where}: the h1 comes first`);
  hs.forEach(([level, text], i) => {
    if (i > 0) assert.ok(level <= hs[i - 1][0] + 1, `${where}: "${text}" skips a level`);
  });
}

const TABS = [
  "Summary",
  "Cost",
  "Value",
  "Activity",
  "Inequality",
  "Movement",
  "Impactability",
  "By intervention",
  "Assumptions",
  "Population",
  "Journeys",
  "Budgets",
  "Logic models",
];

Deno.test({
  name:
    "browser: verdict, sign convention, Monte Carlo, every chart, accessibility, errors, reload, report, saves",
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
    const step = (
      name: string,
      fn: (page: Page) => Promise<void>,
      viewport?: { width: number; height: number },
    ) =>
      t.step(name, async () => {
        const { page, errors } = await newPage(browser, viewport);
        try {
          await fn(page);
          assert.deepEqual(errors, []);
        } finally {
          await page.close();
        }
      });
    try {
      await step(
        "deterministic values first, labelled, with no probabilities; they follow edits",
        async (page) => {
          await openStudy(page, server.url, "targeting-comparison");
          assert.match(
            await page.textContent("[data-testid=results-mode]") ?? "",
            /^Deterministic \(parameters at their means\), updated in \d+ ms/,
          );
          // Every scenario side by side, with no probability before a Monte Carlo run.
          assert.equal(await page.getByTestId("verdict-net").count(), 3);
          assert.equal(await page.getByTestId("verdict-p-saving").count(), 0);
          assert.equal(await page.getByTestId("verdict-p-widens").count(), 0);
          assert.doesNotMatch(await page.textContent("[data-testid=verdict]") ?? "", /\d%/);
          assert.match(
            await page.textContent("[data-testid=comparison]") ?? "",
            /Probability of saving money.*run Monte Carlo/,
          );
          const admissions = page.getByTestId("verdict-admissions").first();
          const before = seen(await admissions.textContent());
          await page.getByLabel("Non-elective admissions: central value").fill("0.6");
          await page.getByLabel("Non-elective admissions: low (2.5%)").fill("0.5");
          await page.waitForFunction(
            (b) =>
              document.querySelector("[data-testid=verdict-admissions]")?.textContent?.replace(
                /\u2060/g,
                "",
              ) !== b,
            before,
            { timeout: 5000 },
          );
          const after = seen(await admissions.textContent());
          const parse = (s: string) => Number(s.replace(/[−-]/g, "-").replace(/[^0-9-]/g, ""));
          assert.ok(parse(after) < parse(before), `admissions change ${before} → ${after}`);
          // A 90% interval is labelled as one.
          await page.getByLabel("GP contacts: low (5%)").waitFor();
          await page.screenshot({ path: `${ARTIFACTS}/workbench-deterministic.png` });
        },
      );

      await step(
        "a Monte Carlo run: probabilities, words, best marked, scenarios compared",
        async (page) => {
          await openStudy(page, server.url, "targeting-comparison");
          await runMonteCarlo(page, 200, "11");
          assert.match(
            await page.textContent("[data-testid=results-mode]") ?? "",
            /^Monte Carlo: 200 iterations, seed 11/,
          );
          assert.equal(await page.getByTestId("verdict-p-saving").count(), 3);
          for (const text of await page.getByTestId("verdict-inequality").allTextContents()) {
            assert.match(seen(text), /^(Widens|Narrows|No change)( \(uncertain\))?: [+−]?[\d.]+/);
          }
          assert.match(
            seen(await page.getByTestId("verdict-p-widens").first().textContent()),
            /^Probability it narrows: \d+%; widens: \d+%$/,
          );
          assert.ok(
            await page.getByTestId("best-money").count() >= 1,
            "the best on money is marked",
          );
          assert.ok(await page.getByTestId("best-inequality").count() >= 1);
          // The baseline's gradient says which way "widens" goes, in words.
          assert.match(
            await page.textContent("[data-testid=verdict]") ?? "",
            /The baseline's SII is −[\d,.]+ per 1,000 \(more admissions in the more deprived quintiles\)/,
          );
          // Any two scenarios, against each other, run by run.
          await page.getByTestId("pair-a").selectOption("Most deprived first");
          await page.getByTestId("pair-b").selectOption("Impactability first");
          const pair = page.getByTestId("pair-table");
          assert.match(await pair.textContent() ?? "", /Impactability first − Most deprived first/);
          assert.match(
            await pair.textContent() ?? "",
            /\d+% interval.*Probability Impactability first is lower/,
          );
          assert.match(await page.textContent("[data-testid=pair-compare]") ?? "", /run by run/);
          await page.screenshot({ path: `${ARTIFACTS}/workbench-monte-carlo.png`, fullPage: true });
        },
      );

      await step("a rationale typed in the editor is listed with the assumptions", async (page) => {
        await openStudy(page, server.url, "falls-prevention");
        const why = "Chosen because the Cochrane review pools community trials like ours.";
        await page.getByTestId("intervention-rationale").first().fill(why);
        await page.getByRole("tab", { name: "Assumptions", exact: true }).click();
        await page.getByTestId("panel-assumptions").getByText(why).first().waitFor({
          timeout: 10_000,
        });
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], "editor with a rationale");
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

      await step(
        "every tab: its charts with text, downloads as SVG and PNG, no axe violations",
        async (page) => {
          await openStudy(page, server.url, "frailty-proactive-care");
          await runMonteCarlo(page, 120);
          await page.getByRole("tab", { name: "By intervention" }).click();
          await page.getByTestId("contributions").waitFor({ timeout: 60_000 });
          const expected: Record<string, string[]> = {
            Summary: [],
            Cost: ["cost-fan", "net-cost", "net-cost-histogram", "sectors"],
            Activity: ["activity"],
            Inequality: ["inequality"],
            Movement: ["flows", "flow-change"],
            Impactability: ["impactability", "equity-efficiency"],
            Value: ["ce-plane", "ceac", "evpi"],
            "By intervention": [],
            Assumptions: [],
            Population: [],
            Journeys: [],
            Budgets: [],
            "Logic models": [],
          };
          await assertAccessible(page, "study page after a run");
          for (const tab of TABS) {
            await page.getByRole("tab", { name: tab, exact: true }).click();
            for (const id of expected[tab]) {
              const figure = page.locator(`[data-chart="${id}"]`);
              await figure.locator("svg").first().waitFor({ timeout: 10_000 });
              assert.ok(
                (await figure.locator(".alt").textContent())!.length > 10,
                `${id} has text`,
              );
            }
            if (tab === "By intervention") {
              await page.locator("[data-chart^=waterfall-] svg").first().waitFor();
            }
            if (tab === "Journeys") {
              await page.locator("[data-chart^=theograph-] svg").first().waitFor({
                timeout: 30_000,
              });
            }
            const violations = await axeViolations(page);
            assert.deepEqual(violations, [], `tab ${tab}`);
            await page.screenshot({
              path: `${ARTIFACTS}/tab-${tab.toLowerCase().replace(/ /g, "-")}.png`,
              fullPage: true,
            });
          }
          // Plot's groups carry no prohibited aria-label; the chart is one described image.
          assert.equal(await page.locator("svg g[aria-label]").count(), 0);
          // Every chart downloads as SVG (title, legend and chart in one file) and PNG.
          await page.getByRole("tab", { name: "Cost", exact: true }).click();
          const fan = page.locator('[data-chart="cost-fan"]');
          await fan.locator("svg").first().waitFor();
          const [svgFile] = await Promise.all([
            page.waitForEvent("download"),
            fan.getByRole("button", { name: /as SVG$/ }).click(),
          ]);
          const svg = await Deno.readTextFile(await svgFile.path());
          assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
          assert.match(svg, /Change in total cost each year against the baseline/);
          assert.match(svg, /Case management/, "the legend is in the file");
          assert.match(svgFile.suggestedFilename(), /\.svg$/);
          const [pngFile] = await Promise.all([
            page.waitForEvent("download"),
            fan.getByRole("button", { name: /as PNG$/ }).click(),
          ]);
          const png = await Deno.readFile(await pngFile.path());
          assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
          assert.ok(png.length > 5000, `a PNG of ${png.length} bytes`);
          await page.getByRole("tab", { name: "Population" }).click();
          assert.match(
            await page.textContent("[data-testid=population-table]") ?? "",
            /229,323|138,611/,
          );
        },
      );

      await step("a combined scenario is split by intervention (waterfalls)", async (page) => {
        await openStudy(page, server.url, "frailty-proactive-care");
        await runMonteCarlo(page, 60);
        await page.getByRole("tab", { name: "By intervention" }).click();
        const panel = page.getByTestId("contributions");
        await panel.waitFor({ timeout: 60_000 });
        await panel.locator("[data-chart^=waterfall-discounted] svg").first().waitFor();
        await page.getByLabel("Outcome for the waterfalls").selectOption(
          "cumulative.activity.nonElective",
        );
        await panel.locator('[data-chart^="waterfall-cumulative.activity.nonElective"] svg').first()
          .waitFor();
        assert.match(await panel.textContent() ?? "", /Case management for frail older people/);
        // Full names beside the bars: nothing cut short with "…".
        assert.doesNotMatch(await panel.locator("svg").first().textContent() ?? "", /…/);
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

      await step(
        "the HTML report is of the run on screen, and lists every assumption",
        async (page) => {
          await openStudy(page, server.url, "falls-prevention");
          // An edit, then a run with settings other than the study's own (seed 7, 1,000).
          await page.getByLabel("Non-elective admissions: central value").fill("0.96");
          await runMonteCarlo(page, 150, "5");
          const net = seen(await page.getByTestId("verdict-net").first().textContent());
          const [download] = await Promise.all([
            page.waitForEvent("download"),
            page.getByRole("button", { name: "HTML report" }).click(),
          ]);
          const path = `${ARTIFACTS}/downloaded-report.html`;
          await download.saveAs(path);
          const html = seen(await Deno.readTextFile(path));
          assert.match(html, /Monte Carlo: 150 iterations, seed 5/);
          assert.ok(html.includes(net.replace(/^.*: /, "")), `the report's net cost is ${net}`);
          assert.match(html, /Assumptions as entered/);
          assert.match(
            html,
            /Relative risk: non-elective admissions<\/th><td>0\.96 \(/,
            "the edited RR",
          );
          assert.match(html, /Uptake/);
          assert.match(html, /Sign convention:/);
        },
      );

      await step(
        "errors beside their field, in plain words; old results marked out of date",
        async (page) => {
          await openStudy(page, server.url, "falls-prevention");
          const run = page.getByRole("button", { name: "Run Monte Carlo" });
          // Clearing a field: an error beside it, the results out of date, Run held back.
          const uptake = page.getByLabel("Uptake in quintile 1");
          await uptake.fill("");
          assert.equal(await uptake.getAttribute("aria-invalid"), "true");
          const describedBy = await uptake.getAttribute("aria-describedby");
          assert.equal(
            await page.locator(`[id="${describedBy}"]`).textContent(),
            "Enter a number from 0 to 1.",
          );
          await page.getByTestId("study-problems").waitFor();
          assert.match(
            await page.textContent("[data-testid=study-problems]") ?? "",
            /These results are for the study before your last change/,
          );
          assert.match(
            await page.textContent("[data-testid=results-mode]") ?? "",
            /the last valid study/,
          );
          assert.ok(await run.isDisabled());
          await page.screenshot({ path: `${ARTIFACTS}/field-error.png` });
          await uptake.fill("0.4");
          assert.equal(await uptake.getAttribute("aria-invalid"), null);
          await page.getByTestId("study-problems").waitFor({ state: "detached" });
          assert.ok(await run.isEnabled());
          // An interval out of order: said in plain words beside its row, no path or id.
          const low = page.getByLabel("Non-elective admissions: low (2.5%)");
          await low.fill("0.99");
          await page.waitForFunction(() =>
            document.querySelector("[data-testid=study-problems]") !== null
          );
          assert.equal(await low.getAttribute("aria-invalid"), "true");
          const rowError = page.locator(
            `[id="${(await low.getAttribute("aria-describedby"))!.split(" ").pop()}"]`,
          );
          assert.match(
            await rowError.textContent() ?? "",
            /Non-elective admissions: Low must not be above the central value/,
          );
          const body = await page.textContent("body") ?? "";
          assert.doesNotMatch(body, /interventions\[|effects\.activity|nonElective/);
          assert.match(
            await page.textContent("[data-testid=study-problems]") ?? "",
            /Strength and balance exercise \(75\+\): effect on non-elective admissions: Low must not/,
          );
        },
      );

      await step(
        "upload a bad CSV and see every problem at once, by row and column",
        async (page) => {
          await page.goto(`${server.url}/`);
          await page.waitForLoadState("networkidle");
          const example = await (await fetch(`${server.url}/static/segmentation-example-place.csv`))
            .text();
          const lines = example.trim().split("\n");
          lines[0] = lines[0].replace("spend_pppy_social_care", "spend_social");
          lines[2] = lines[2].replace(",middle,", ",medium,");
          lines[4] = lines[4].replace(/,(\d+),(\d+),/, ",lots,$2,");
          await page.getByTestId("csv-upload").setInputFiles({
            name: "bad.csv",
            mimeType: "text/csv",
            buffer: Buffer.from(lines.join("\n")),
          });
          const problems = page.getByTestId("csv-problems");
          await problems.waitFor();
          const items = await problems.locator("li").allTextContents();
          assert.ok(
            items.includes(
              "bad.csv: row 1, column spend_pppy_social_care: a required column is missing (expected a header named spend_pppy_social_care)",
            ),
            items.join("\n"),
          );
          assert.ok(
            items.some((x) =>
              /^bad\.csv: row 3, column complexity: not a complexity level the model has rates for \(found "medium"; expected low, middle or high, as in the example table\)$/
                .test(x)
            ),
            items.join("\n"),
          );
          assert.ok(
            items.some((x) => /^bad\.csv: row 5, column \w+: not a decimal number/.test(x)),
            items.join("\n"),
          );
          await page.screenshot({ path: `${ARTIFACTS}/library-bad-csv.png` });
        },
      );

      await step(
        "home, glossary and study page: accessible, skip link to Run, sign convention once",
        async (page) => {
          for (const path of ["/", "/glossary", "/studies/falls-prevention"]) {
            await page.goto(`${server.url}${path}`);
            await page.waitForLoadState("networkidle");
            await assertAccessible(page, path);
            const body = await page.textContent("body") ?? "";
            assert.equal(body.split("Sign convention:").length - 1, 1, `${path}: stated once`);
            assert.equal(
              body.split("Every difference is scenario − baseline").length - 1,
              1,
              `${path}: the convention itself appears once`,
            );
            assert.doesNotMatch(body, /docs\/|\.md\b/, `${path}: no file paths`);
          }
          // From load, two key presses reach Run.
          await openStudy(page, server.url, "falls-prevention");
          await page.keyboard.press("Tab");
          assert.equal(
            await page.evaluate(() => document.activeElement?.textContent),
            "Skip to Run",
          );
          await page.keyboard.press("Enter");
          assert.equal(await page.evaluate(() => document.activeElement?.id), "run-button");
          // And the results are one Tab further along the skip links.
          await openStudy(page, server.url, "falls-prevention");
          await page.keyboard.press("Tab");
          await page.keyboard.press("Tab");
          assert.equal(
            await page.evaluate(() => document.activeElement?.textContent),
            "Skip to results",
          );
          await page.keyboard.press("Enter");
          assert.equal(await page.evaluate(() => document.activeElement?.id), "results");
          // Terms of art explain themselves on focus, and link to the glossary.
          await openStudy(page, server.url, "falls-prevention");
          const sii = page.locator("[data-testid=verdict] .term a", { hasText: "SII" }).first();
          await sii.focus();
          const tip = page.locator(`[id="${await sii.getAttribute("aria-describedby")}"]`);
          assert.ok(await tip.isVisible());
          assert.match(await tip.textContent() ?? "", /least and the most deprived/);
          assert.equal(await sii.getAttribute("href"), "/glossary#sii");
          await page.goto(`${server.url}/glossary#sii`);
          for (
            const term of [
              "SII",
              "RII",
              "PPPY",
              "Q1 … Q5",
              "Capacity to benefit",
              "Lognormal",
              "QALY",
              "NMB",
              "ICER",
            ]
          ) {
            assert.match(
              await page.textContent("main") ?? "",
              new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
            );
          }
          await page.screenshot({ path: `${ARTIFACTS}/glossary.png` });
        },
      );

      await step(
        "390 px wide: no sideways scroll, Run on the first screen, results readable",
        async (page) => {
          for (const path of ["/", "/glossary"]) {
            await page.goto(`${server.url}${path}`);
            await page.waitForLoadState("networkidle");
            assert.equal(
              await page.evaluate(() => document.documentElement.scrollWidth),
              390,
              path,
            );
          }
          // A study with providers, so the Budgets tab has its tables.
          await openStudy(page, server.url, "falls-prevention");
          assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
          const box = (await page.locator("#run-button").boundingBox())!;
          assert.ok(box.y + box.height < 844, `Run at ${box.y} px`);
          await page.screenshot({ path: `${ARTIFACTS}/narrow-study.png` });
          await runMonteCarlo(page, 60);
          // Every tab: wide tables scroll inside their own region, long options shrink their
          // select; the page itself never scrolls sideways.
          for (const tab of TABS) {
            await page.getByRole("tab", { name: tab, exact: true }).click();
            if (tab === "Journeys") {
              await page.locator("[data-chart^=theograph-] svg").first().waitFor({
                timeout: 30_000,
              });
            }
            await page.waitForTimeout(300);
            assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, tab);
            if (tab === "Budgets" || tab === "Journeys") {
              await page.screenshot({ path: `${ARTIFACTS}/narrow-${tab.toLowerCase()}.png` });
              assert.deepEqual(await axeViolations(page), [], `${tab} at 390 px`);
            }
          }
          assert.deepEqual(await axeViolations(page), []);
          await page.getByTestId("verdict").scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${ARTIFACTS}/narrow-verdict.png` });
        },
        { width: 390, height: 844 },
      );

      await step(
        "a reload puts the run back on screen with its iterations and seed",
        async (page) => {
          await openStudy(page, server.url, "falls-prevention");
          await runMonteCarlo(page, 120, "77");
          const net = seen(await page.getByTestId("verdict-net").first().textContent());
          // The page keeps the run in the browser (IndexedDB) once it is done.
          await page.waitForFunction(() =>
            new Promise((resolve) => {
              const open = indexedDB.open("careshift", 1);
              open.onupgradeneeded = () => open.result.createObjectStore("last-run");
              open.onerror = () => resolve(false);
              open.onsuccess = () => {
                try {
                  const get = open.result.transaction("last-run").objectStore("last-run").get(
                    location.pathname,
                  );
                  get.onsuccess = () => resolve(get.result?.run?.results?.seed === 77);
                  get.onerror = () => resolve(false);
                } catch {
                  resolve(false);
                }
              };
            })
          );
          await page.reload();
          await page.waitForFunction(
            () =>
              /Monte Carlo: 120 iterations, seed 77.*your last run/.test(
                document.querySelector("[data-testid=results-mode]")?.textContent ?? "",
              ),
            null,
            { timeout: 20_000 },
          );
          assert.equal(await page.getByLabel("Iterations").inputValue(), "120");
          assert.equal(await page.getByLabel("Seed").inputValue(), "77");
          assert.equal(seen(await page.getByTestId("verdict-net").first().textContent()), net);
          assert.equal(await page.getByTestId("verdict-p-saving").count(), 1);
        },
      );

      await step(
        "rename and delete a saved study, deleting only after confirmation",
        async (page) => {
          const study = await (await fetch(`${server.url}/api/studies/falls-prevention`)).json();
          const made = await (await fetch(`${server.url}/api/studies`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ study: { ...JSON.parse(study.studyText), name: "To rename" } }),
          })).json();
          await page.goto(`${server.url}/`);
          await page.waitForLoadState("networkidle");
          await page.getByRole("button", { name: "Rename To rename" }).click();
          await page.getByLabel("New name").fill("Renamed study");
          await page.getByRole("button", { name: "Save name" }).click();
          await page.getByRole("link", { name: "Renamed study" }).waitFor();
          const renamed = await (await fetch(`${server.url}/api/studies/${made.id}`)).json();
          assert.equal(JSON.parse(renamed.studyText).name, "Renamed study");
          assert.equal(renamed.version, 2);
          await page.getByRole("button", { name: "Delete Renamed study" }).click();
          await page.getByText(
            /Delete “Renamed study” and its 0 saved runs\? This cannot be undone\./,
          )
            .waitFor();
          await page.getByRole("button", { name: "Keep it" }).click();
          assert.equal((await fetch(`${server.url}/api/studies/${made.id}`)).status, 200);
          await page.getByRole("button", { name: "Delete Renamed study" }).click();
          await page.getByRole("button", { name: "Delete for good" }).click();
          await page.getByText("Deleted “Renamed study”.").waitFor();
          assert.equal(await page.getByRole("link", { name: "Renamed study" }).count(), 0);
          assert.equal((await fetch(`${server.url}/api/studies/${made.id}`)).status, 404);
        },
      );

      await step(
        "run history: save a run, edit the study, open the old run with its own inputs, compare two, sign one off",
        async (page) => {
          await openStudy(page, server.url, "falls-prevention");
          await page.getByLabel("Study name").fill("Run history study");
          const cost = page.getByLabel("£ per participant per year");
          const oldCost = await cost.inputValue();
          await runMonteCarlo(page, 60, "11");
          await page.getByRole("button", { name: "Save", exact: true }).click();
          await page.getByText("Saved with the run on screen.").waitFor();
          const history = page.getByTestId("run-history");
          await history.waitFor();
          const oldRun = await history.locator("tbody tr").first().getAttribute("data-run");
          assert.ok(oldRun);
          // The study is edited (name and cost), run and saved again.
          await page.getByLabel("Study name").fill("Run history study, revised");
          await cost.fill("999");
          await runMonteCarlo(page, 70, "12");
          await page.getByRole("button", { name: "Save", exact: true }).click();
          await page.getByText("Saved with the run on screen.").waitFor();
          assert.equal(await history.locator("tbody tr").count(), 2);
          const id = new URL(page.url()).pathname.split("/").pop()!;
          // The old run opens with its own inputs in the editor and its own results.
          await page.getByRole("button", { name: `Open run ${oldRun} with its inputs` }).click();
          await page.waitForFunction(
            () =>
              /^Monte Carlo: 60 iterations, seed 11, .*\(saved run/.test(
                document.querySelector("[data-testid=results-mode]")?.textContent ?? "",
              ),
            null,
            { timeout: 20_000 },
          );
          assert.equal(await page.getByLabel("Study name").inputValue(), "Run history study");
          assert.equal(await cost.inputValue(), oldCost);
          assert.notEqual(oldCost, "999");
          assert.equal(
            await page.getByRole("heading", { level: 1 }).textContent(),
            "Run history study",
          );
          assert.equal(await page.getByLabel("Iterations").inputValue(), "60");
          assert.equal(await page.getByLabel("Seed").inputValue(), "11");
          assert.match(await page.textContent(`[data-run="${oldRun}"]`) ?? "", /On screen/);
          assert.match(
            await page.textContent("[data-testid=note]") ?? "",
            new RegExp(`Opened run ${oldRun} with its own inputs, as it ran`),
          );
          // Opening a run changes nothing saved: the study is still the revised one.
          const saved = await (await fetch(`${server.url}/api/studies/${id}`)).json();
          assert.equal(JSON.parse(saved.studyText).name, "Run history study, revised");
          // The two runs compared: the cost change is named in words, with both values.
          for (const box of await history.locator("tbody input[type=checkbox]").all()) {
            await box.check();
          }
          await page.getByRole("button", { name: "Compare the two ticked runs" }).click();
          const compare = page.getByTestId("run-compare");
          await compare.getByText("What moved in the outputs").waitFor({ timeout: 20_000 });
          const changed = await compare.locator("tr.model-change").allTextContents();
          assert.ok(
            changed.some((r) => /Cost per participant/.test(r) && /£999/.test(r)),
            changed.join("\n"),
          );
          assert.doesNotMatch(await compare.textContent() ?? "", /interventions\./);
          // The old run signed off: marked final in the list and beside the run on screen.
          await page.getByRole("button", { name: `Sign off run ${oldRun}…` }).click();
          await page.getByLabel("Signed off by").fill("A. Finance");
          await page.getByRole("button", { name: "Mark final" }).click();
          await page.getByText(`Run ${oldRun} is final.`).waitFor();
          assert.match(
            await page.textContent(`[data-run="${oldRun}"]`) ?? "",
            /Final — A\. Finance/,
          );
          assert.match(
            await page.textContent("[data-testid=run-status]") ?? "",
            /Final — A\. Finance/,
          );
          await assertAccessible(page, "workbench with run history");
          await history.scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${ARTIFACTS}/workbench-run-history.png` });
        },
      );

      await step(
        "save a study with its run; reopen it after a server restart, run and all",
        async (page) => {
          await openStudy(page, server.url, "falls-prevention");
          await page.getByLabel("Study name").fill("My falls study");
          await page.getByText("Logic model of this scenario").click();
          await page.getByLabel("Logic model: Problem").fill(
            "Falls drive emergency admissions in our place.",
          );
          await runMonteCarlo(page, 80, "31");
          await page.getByRole("button", { name: "Save" }).click();
          await page.waitForFunction(() => location.pathname.startsWith("/studies/s-"));
          await page.getByText("Saved with the run on screen.").waitFor();
          const id = new URL(page.url()).pathname.split("/").pop()!;
          await server.stop();
          server = await startServer(kvPath, port + 1);
          // A fresh browser context: nothing kept in the browser, the run comes from the save.
          const { page: again, errors } = await newPage(browser);
          try {
            await again.goto(`${server.url}/`);
            const saved = again.getByTestId("saved-studies");
            await saved.waitFor();
            assert.match(await saved.textContent() ?? "", /My falls study/);
            await again.getByRole("link", { name: "My falls study" }).click();
            await again.waitForFunction(
              () =>
                /Monte Carlo: 80 iterations, seed 31\b.*saved run/.test(
                  document.querySelector("[data-testid=results-mode]")?.textContent ?? "",
                ),
              null,
              { timeout: 20_000 },
            );
            assert.equal(new URL(again.url()).pathname, `/studies/${id}`);
            assert.equal(await again.getByLabel("Study name").inputValue(), "My falls study");
            assert.equal(
              await again.getByRole("heading", { level: 1 }).textContent(),
              "My falls study",
            );
            assert.equal(await again.getByLabel("Iterations").inputValue(), "80");
            assert.equal(await again.getByLabel("Seed").inputValue(), "31");
            assert.match(
              await again.textContent("[data-testid=run-history]") ?? "",
              /On screen/,
            );
            await again.getByRole("tab", { name: "Logic models" }).click();
            assert.match(
              await again.textContent("#tabpanel") ?? "",
              /Falls drive emergency admissions in our place\./,
            );
            await again.screenshot({ path: `${ARTIFACTS}/library-saved.png` });
            assert.deepEqual(errors, []);
          } finally {
            await again.close();
          }
        },
      );
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
