/**
 * The value analysis as tables (header row first, text cells): one model of each table for the
 * command line, the HTML report and the workbench's Value tab. Costs and QALYs discounted and
 * summed over the horizon unless a table says otherwise; every difference is scenario − baseline.
 */
import type { MeasureKey } from "../sim/measures.ts";
import { EDE_EPSILONS, edeKey } from "../sim/measures.ts";
import type { Results, ScenarioResult } from "../sim/summary.ts";
import {
  count,
  money,
  moneyChange,
  moneyFull,
  moneyPerPerson,
  number,
  numberChange,
  percent,
  perQaly,
  qalys,
  qalysChange,
} from "./format.ts";
import { FRONTIER_LABELS, icerText } from "./charts/value-labels.ts";

export type Table = string[][];

const compared = (r: Results) => r.scenarios.filter((s) => s.value);
const baseOf = (r: Results) => r.scenarios.find((s) => !s.value)!;

/** Per scenario against the baseline: health, cost, ICER, frontier, NMB and P(CE), payback. */
export function valueSummaryTable(r: Results): Table {
  const others = compared(r);
  const H = r.horizonYears;
  const pct = Math.round(r.interval * 100);
  const rows: Table = [
    ["Against the baseline", ...others.map((s) => s.name)],
    ["QALYs gained (discounted)", ...others.map((s) => qalysChange(s.value!.incrementalQalys))],
    [
      "Life-years gained (discounted)",
      ...others.map((s) => qalysChange(s.value!.incrementalLifeYears)),
    ],
    ["Net cost (discounted)", ...others.map((s) => moneyChange(s.value!.incrementalCost))],
    ["ICER", ...others.map((s) => icerText(s.value!))],
    ["Across all scenarios", ...others.map((s) => FRONTIER_LABELS[s.value!.frontier])],
  ];
  const monteCarlo = r.mode === "monte-carlo";
  for (const [j, k] of r.value.thresholds.entries()) {
    rows.push([
      `Net monetary benefit at ${perQaly(k)}${monteCarlo ? ` (${pct}% interval)` : ""}`,
      ...others.map((s) => {
        const t = s.value!.thresholds[j];
        return monteCarlo
          ? `${moneyChange(t.nmb.mean)} (${moneyChange(t.nmb.low)} to ${moneyChange(t.nmb.high)})`
          : moneyChange(t.nmb.mean);
      }),
    ]);
    if (!monteCarlo) continue;
    rows.push([
      `P(cost-effective at ${perQaly(k)})`,
      ...others.map((s) => percent(s.value!.thresholds[j].pCostEffective)),
    ]);
  }
  rows.push([
    "Pays back (cumulative net cost ≤ 0)",
    ...others.map((s) => {
      const p = s.value!.payback;
      return p.year === null
        ? `not within ${H} years`
        : `year ${p.year}${r.mode === "monte-carlo" ? ` (P = ${percent(p.probability)})` : ""}`;
    }),
  ]);
  return rows;
}

/** The incremental analysis across every scenario (dampack's calculate_icers). */
export function incrementalTable(r: Results): Table {
  return [
    ["Scenario", "Cost", "QALYs", "Incremental cost", "Incremental QALYs", "ICER", "Status"],
    ...r.value.incremental.map((row) => [
      row.name,
      moneyFull(row.cost),
      qalys(row.effect),
      row.incrementalCost === null ? "" : moneyChange(row.incrementalCost),
      row.incrementalEffect === null ? "" : qalysChange(row.incrementalEffect),
      row.icer === null ? "" : perQaly(row.icer),
      FRONTIER_LABELS[row.status],
    ]),
  ];
}

/** EVPI and each group's EVPPI at the reported thresholds: population and per person. */
export function informationTable(r: Results): Table | null {
  const e = r.value.evpi;
  if (!e) return null;
  const ks = r.value.thresholds;
  const at = ks.map((k) => e.thresholds.indexOf(k));
  const rows: Table = [[
    "Parameters",
    ...ks.flatMap((k) => [`${perQaly(k)}: population`, "per person"]),
  ]];
  rows.push([
    "All (EVPI)",
    ...at.flatMap((j) => [money(e.population[j]), moneyPerPerson(e.perPerson[j])]),
  ]);
  for (const g of r.value.evppi?.groups ?? []) {
    rows.push([
      `${g.name} (${g.parameters.length})`,
      ...at.flatMap((j) => [
        `${money(g.evppi[j])}${g.se[j] !== null ? ` ± ${money(g.se[j]!)}` : ""}${
          g.capped[j] ? " (capped at EVPI)" : ""
        }`,
        moneyPerPerson(g.perPerson[j]),
      ]),
    ]);
  }
  for (const o of r.value.evppi?.omitted ?? []) {
    rows.push([`${o.name}: ${o.reason}`, ...at.flatMap(() => ["", ""])]);
  }
  return rows;
}

/** PRCC of the inputs with one scenario's net cost and NMB, the strongest `top` first. */
export function prccTable(r: Results, scenario: string, top = 10): Table | null {
  const p = r.value.prcc;
  const s = p?.scenarios.find((x) => x.name === scenario);
  if (!p || !s) return null;
  const order = p.parameters.map((_, j) => j).filter((j) =>
    s.nmb[j] !== null || s.netCost[j] !== null
  )
    .sort((a, b) => Math.abs(s.nmb[b] ?? 0) - Math.abs(s.nmb[a] ?? 0));
  const show = (x: number | null) => (x === null ? "–" : numberChange(x));
  return [
    ["Parameter", "PRCC with net cost", `PRCC with NMB at ${perQaly(p.threshold)}`],
    ...order.slice(0, top).map((j) => [p.parameters[j], show(s.netCost[j]), show(s.nmb[j])]),
  ];
}

/** Distributional cost-effectiveness: QALYs per person by quintile, their gap and SII, EDE. */
export function distributionalTable(r: Results): Table {
  const H = r.horizonYears;
  const base = baseOf(r);
  const at = (s: ScenarioResult, key: MeasureKey, delta: boolean) =>
    (delta ? s.deltas![key] : s.absolute[key as keyof ScenarioResult["absolute"]]).mean[H];
  const rows: Table = [[
    `Discounted QALYs per year-0 person, years 1–${H}`,
    base.name,
    ...compared(r).map((s) => `${s.name}: change`),
  ]];
  for (let q = 1; q <= 5; q++) {
    const key = `discounted.qalysPerPerson.q${q}` as MeasureKey;
    rows.push([
      `Q${q}${q === 1 ? " (most deprived)" : q === 5 ? " (least deprived)" : ""}`,
      number(at(base, key, false)),
      ...compared(r).map((s) => numberChange(at(s, key, true))),
    ]);
  }
  const year = (label: string, key: MeasureKey) =>
    rows.push([
      `${label}, year ${H}`,
      number(at(base, key, false)),
      ...compared(r).map((s) => numberChange(at(s, key, true))),
    ]);
  year("Gap Q1 − Q5 in QALYs per person", "gapAbs.qalysPerPerson");
  year("SII of QALYs per person (towards 0 narrows)", "sii.qalysPerPerson");
  rows.push([
    `Share of the QALY gain in Q1 (Q1 holds ${
      percent(base.absolute["population.q1"].mean[0] / base.absolute.population.mean[0])
    } of people)`,
    "",
    ...compared(r).map((s) => percent(s.deltas!["shareQ1.cumulative.qalys"].mean[H])),
  ]);
  for (const e of EDE_EPSILONS) {
    const key = edeKey(e);
    rows.push([
      `Equally distributed equivalent, Atkinson ε = ${e}`,
      number(at(base, key, false)),
      ...compared(r).map((s) => numberChange(at(s, key, true))),
    ]);
  }
  return rows;
}

/** The caveat that goes with the EDE rows. */
export const EDE_CAVEAT =
  "Robson et al. (Health Econ 2017) elicited ε = 10.95 for the distribution of lifetime quality-adjusted life expectancy between social groups; here the EDE is of discounted QALYs per year-0 person over the model's horizon, between deprivation quintiles only, so large ε mean something different.";

/** The budget view of one scenario: by payer per year, cash released and capacity freed. */
export function budgetTable(r: Results, scenario: string): Table | null {
  const b = r.value.budget.find((x) => x.name === scenario);
  if (!b) return null;
  const years = r.years.slice(1);
  return [
    ["Change in spending (undiscounted)", ...years.map((y) => `Year ${y}`), "Total"],
    ...b.byPayer.map((p) => [
      p.payer,
      ...years.map((y) => moneyChange(p.change[y])),
      moneyChange(years.reduce((t, y) => t + p.change[y], 0)),
    ]),
    [
      "Intervention cost (cash spent)",
      ...years.map((y) => moneyChange(b.intervention[y])),
      moneyChange(b.totals.intervention),
    ],
    [
      "Service cost that releases cash",
      ...years.map((y) => moneyChange(b.cashReleasing[y])),
      moneyChange(b.totals.cashReleasing),
    ],
    [
      "Service cost that frees capacity only",
      ...years.map((y) => moneyChange(b.capacityFreeing[y])),
      moneyChange(b.totals.capacityFreeing),
    ],
    ...(r.mode === "monte-carlo"
      ? [[
        "P(cumulative net cost below 0)",
        ...years.map((y) => percent(b.probabilityPaidBack[y])),
        "",
      ]]
      : []),
  ];
}

/** Tables as aligned plain text (for the terminal). */
export function tableText(t: Table, indent = "  "): string {
  const widths = t[0].map((_, i) => Math.max(...t.map((r) => (r[i] ?? "").length)));
  return t.map((r) =>
    indent + r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ")
  ).join("\n");
}

/**
 * The value lines `sim compare` prints after the comparison (which has each scenario's QALYs,
 * ICER, NMB and P(cost-effective)): the incremental analysis, payback and the value of
 * information.
 */
export function valueText(r: Results): string {
  const parts = [
    `VALUE FOR MONEY (costs discounted at ${number(r.value.costDiscountRate * 100)}%, QALYs at ${
      number(r.value.healthDiscountRate * 100)
    }%, over ${r.horizonYears} years; ${count(r.value.population)} people in year 0)`,
    "Incremental analysis across scenarios (strong and extended dominance):",
    tableText(incrementalTable(r)),
    "",
    tableText([valueSummaryTable(r)[0], valueSummaryTable(r).at(-1)!]),
  ];
  const info = informationTable(r);
  if (info) {
    parts.push("", "Value of information (population over the horizon; EVPPI by regression):");
    parts.push(tableText(info));
  }
  return parts.join("\n");
}
