/** Charts fitted to a narrow width keep room to plot (report/charts/fit-width.ts). */
import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { fitWidth, MAX_MARGIN_SHARE } from "../../report/charts/fit-width.ts";

const long = "interventions.frailty-proactive-care.effects.nonElectiveAdmissions";
const options: Plot.PlotOptions = {
  marginLeft: 380,
  y: { domain: [long, "b"] },
  marks: [Plot.barX([{ y: long, x: 5 }, { y: "b", x: 3 }], { y: "y", x: "x" })],
};

Deno.test("a wide left margin is cut to a share of a narrow width, labels shortened", () => {
  const fitted = fitWidth(options, 350);
  assert.equal(fitted.width, 350);
  assert.equal(fitted.marginLeft, Math.floor(350 * MAX_MARGIN_SHARE));
  const format = (fitted.y as { tickFormat: (d: unknown, i: number) => string })
    .tickFormat;
  const shown = format(long, 0);
  assert.ok(shown.endsWith("…") && shown.length * 6 <= fitted.marginLeft!, shown);
  assert.equal(format("b", 1), "b");
});

Deno.test("a margin that fits is left alone; a numeric format string is kept", () => {
  assert.deepEqual(fitWidth(options, 900), { ...options, width: 900 });
  const numeric = fitWidth({ ...options, y: { tickFormat: ",.0f" } }, 350);
  assert.equal((numeric.y as { tickFormat: string }).tickFormat, ",.0f");
  assert.equal(numeric.marginLeft, 157);
});
