/**
 * The journeys tab in the browser: from the study page, pick a cohort and see synthetic people
 * as theographs (baseline above scenario), labelled synthetic, redrawn when the cohort or the
 * choice of people changes; no page errors. Screenshot to tests/artifacts/.
 */
import assert from "node:assert/strict";
import { hasChromium, launch, startServer } from "./browser-helpers.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const ARTIFACTS = `${ROOT}tests/artifacts`;

Deno.test({
  name: "browser: journeys tab — pick a cohort, see synthetic people",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const kvPath = `${await Deno.makeTempDir()}/journeys.kv`;
    const server = await startServer(kvPath, 8800 + Math.floor(Math.random() * 100));
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto(`${server.url}/studies/frailty-proactive-care`);
      await page.waitForFunction(() =>
        document.querySelector("[data-testid=results-mode]")?.textContent?.includes("updated in")
      );
      await page.getByRole("tab", { name: "Journeys" }).click();
      const tab = page.getByTestId("journeys-tab");
      const charts = tab.locator("[data-chart^=theograph]");
      await charts.first().locator("svg").first().waitFor({ timeout: 20_000 });
      assert.equal(await charts.count(), 2);
      // The default cohort is the one the scenario reaches most: aged 75+.
      assert.equal(await page.getByTestId("journey-band").inputValue(), "75+");
      const text = await tab.textContent() ?? "";
      assert.match(text, /Synthetic: drawn from the model, not a real record\./);
      assert.match(text, /50th percentile of cost/);
      assert.match(text, /95th percentile of cost/);
      for (let i = 0; i < 2; i++) {
        const alt = await charts.nth(i).locator(".alt").textContent() ?? "";
        assert.match(alt, /^Synthetic: drawn from the model/);
        assert.match(alt, /Baseline: .*Case management: /);
      }
      await page.screenshot({ path: `${ARTIFACTS}/workbench-journeys.png`, fullPage: false });

      // Another cohort: the people and their segments change.
      await page.getByTestId("journey-band").selectOption("0-17");
      await page.getByTestId("journey-complexity").selectOption("low");
      await page.waitForFunction(() =>
        document.querySelector("[data-testid=journeys-tab]")?.textContent?.includes(
          "cohort aged 0-17, low complexity",
        )
      );
      const alt = await charts.first().locator(".alt").textContent() ?? "";
      assert.match(alt, /starting (0-4|5-9|10-14|15-17), low complexity/);

      // Three at random, then other people.
      await page.getByTestId("journey-choice").selectOption("random");
      await page.waitForFunction(() =>
        document.querySelectorAll("[data-testid=journeys-tab] [data-chart^=theograph]").length ===
          3
      );
      const before = await charts.first().locator(".alt").textContent();
      await page.getByTestId("journey-redraw").click();
      await page.waitForFunction(
        (b) =>
          document.querySelector("[data-testid=journeys-tab] [data-chart^=theograph] .alt")
            ?.textContent !== b,
        before,
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
