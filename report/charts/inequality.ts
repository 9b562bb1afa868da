/** The change in non-elective admission rates by deprivation quintile: the paired change. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { QUINTILES } from "../../sim/types.ts";
import { numberChange } from "../format.ts";
import { inequalityWord } from "../verdict.ts";
import { type Chart, QUINTILE_LABELS, scenarioColour } from "./chart.ts";

/**
 * Non-elective admissions per 1,000 by quintile at the horizon, as the change from the baseline
 * in the same iterations (scenario − baseline) with its interval: far narrower than the
 * intervals of the two levels, because both share their random numbers.
 */
export function inequalityChart(r: Results, width = 640): Chart {
  const H = r.horizonYears;
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const baseSii = base.absolute["sii.nonElective"].mean[H];
  const compared = r.scenarios.filter((s) => s.deltas);
  const rows = compared.flatMap((s) =>
    QUINTILES.map((q) => {
      const k = s.deltas![`rate.nonElective.q${q}`];
      return {
        scenario: s.name,
        quintile: QUINTILE_LABELS[q - 1],
        mean: k.mean[H],
        low: k.low?.[H] ?? k.mean[H],
        high: k.high?.[H] ?? k.mean[H],
      };
    })
  );
  const level = Math.round(r.interval * 100);
  return {
    id: "inequality",
    title: `Change in non-elective admissions per 1,000 by deprivation quintile, year ${H}`,
    options: {
      width,
      height: 320,
      marginLeft: 60,
      marginBottom: 40,
      x: { axis: null, domain: compared.map((s) => s.name) },
      fx: { label: null, domain: QUINTILE_LABELS, padding: 0.15 },
      y: {
        label: "Change in admissions per 1,000 (scenario − baseline)",
        tickFormat: (d: number) => numberChange(d),
        grid: true,
      },
      color: scenarioColour(r, true),
      marks: [
        Plot.ruleY([0], { stroke: "#000" }),
        Plot.ruleX(rows, {
          fx: "quintile",
          x: "scenario",
          y1: "low",
          y2: "high",
          stroke: "scenario",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          fx: "quintile",
          x: "scenario",
          y: "mean",
          fill: "scenario",
          r: 4,
          channels: { Quintile: "quintile", Scenario: "scenario", Low: "low", High: "high" },
          tip: {
            format: {
              fx: false,
              x: false,
              fill: false,
              y: (d: number) => numberChange(d),
              Low: (d: number) => numberChange(d),
              High: (d: number) => numberChange(d),
            },
          },
        }),
      ],
    },
    alt:
      `Change in admissions per 1,000 in year ${H} by quintile, Q1 most deprived to Q5 least deprived (scenario − baseline${
        r.mode === "monte-carlo" ? `, with ${level}% intervals` : ""
      }). ` +
      compared.map((s) => {
        const sii = s.deltas!["sii.nonElective"];
        return `${s.name}: Q1 ${numberChange(s.deltas!["rate.nonElective.q1"].mean[H])}, Q5 ${
          numberChange(s.deltas!["rate.nonElective.q5"].mean[H])
        }; SII ${numberChange(sii.mean[H])}${
          sii.low ? ` (${numberChange(sii.low[H])} to ${numberChange(sii.high![H])})` : ""
        }, inequality ${inequalityWord(baseSii, sii.mean[H])}`;
      }).join("; ") + ".",
    table: [
      ["Scenario", "Quintile", "Change per 1,000", "Low", "High"],
      ...rows.map((d) => [
        d.scenario,
        d.quintile,
        numberChange(d.mean),
        numberChange(d.low),
        numberChange(d.high),
      ]),
    ],
  };
}
