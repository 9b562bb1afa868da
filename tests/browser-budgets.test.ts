/**
 * Browser test of the budgets tab: after a Monte Carlo run of a shipped study, the tab shows
 * everyone's cost per provider per person with intervals, a picked single-dimension cohort from
 * the run, a combination the run did not summarise from the deterministic analysis (said so),
 * the capitated budget and the risk share. Screenshot in tests/artifacts/tab-budgets.png.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { hasChromium, launch, startServer } from "./browser-helpers.ts";

const ARTIFACTS = `${new URL("..", import.meta.url).pathname}tests/artifacts`;

async function runMonteCarlo(page: Page, url: string, iterations: number): Promise<void> {
  await page.goto(`${url}/studies/falls-prevention`);
  await page.waitForFunction(() =>
    document.querySelector("[data-testid=results-mode]")?.textContent?.includes("updated in")
  );
  await page.getByLabel("Iterations").fill(String(iterations));
  await page.getByRole("button", { name: "Run Monte Carlo" }).click();
  await page.waitForFunction(
    (n) =>
      document.querySelector("[data-testid=results-mode]")?.textContent?.includes(
        `Monte Carlo: ${n} iterations`,
      ),
    String(iterations),
    { timeout: 60_000 },
  );
}

Deno.test({
  name: "browser: the budgets tab with its cohort picker, capitation and risk share",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const kvPath = `${await Deno.makeTempDir()}/browser.kv`;
    const server = await startServer(kvPath, 8800 + Math.floor(Math.random() * 150));
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await runMonteCarlo(page, server.url, 64);
      await page.getByRole("tab", { name: "Budgets" }).click();
      const tab = page.getByTestId("budgets-tab");
      await tab.waitFor();
      const table = () => page.getByTestId("cohort-costs").textContent();
      assert.match(await table() ?? "", /Everyone: cost per person in year 8/);
      assert.match(await table() ?? "", /Acute trust£\d+£[\d,]+ to £[\d,]+/);
      await page.getByTestId("cohort-age").selectOption("75+");
      assert.match(await table() ?? "", /Age 75\+/);
      // A combination the run did not summarise: the deterministic analysis, said so.
      await page.getByTestId("cohort-quintile").selectOption("1");
      await page.getByTestId("cohort-complexity").selectOption("middle");
      const det = page.getByTestId("cohort-costs-deterministic");
      await det.waitFor();
      assert.match(await tab.textContent() ?? "", /not summarised by the run/);
      assert.match(await det.textContent() ?? "", /All providers£[\d,]+/);
      assert.match(await page.getByTestId("capitation").textContent() ?? "", /P\(overspend/);
      assert.match(
        await page.getByTestId("agreement").first().textContent() ?? "",
        /ICB \(commissioner\).*Acute trustin the agreement/,
      );
      await page.screenshot({ path: `${ARTIFACTS}/tab-budgets.png`, fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
