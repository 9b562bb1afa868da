/**
 * The side-by-side comparison of every scenario against the baseline, over the whole horizon:
 * better health, better care (activity), cost by sector (who pays and who saves) and inequality.
 * One model of the table serves the CLI (`compare`), the HTML report and the workbench.
 */
import type { Results, ScenarioResult, SeriesSummary } from "../sim/summary.ts";
import { ACTIVITIES, ACTIVITY_LABELS, SECTOR_LABELS, SECTORS } from "../sim/types.ts";
import {
  count,
  countChange,
  money,
  moneyChange,
  number,
  numberChange,
  percent,
  perQaly,
  qalysChange,
} from "./format.ts";
import { FRONTIER_LABELS, icerText } from "./charts/value-labels.ts";

export interface Cell {
  text: string;
  /** The interval, as text, when there is one. */
  interval?: string;
  value: number | null;
}

export interface Row {
  section: "Health" | "Care" | "Cost" | "Value" | "Inequality";
  label: string;
  /** One cell per non-baseline scenario. */
  cells: Cell[];
  /** What a reader should know: direction, definition. */
  note?: string;
}

export interface Comparison {
  scenarios: string[];
  horizon: number;
  interval: number;
  rows: Row[];
}

function cell(s: SeriesSummary | undefined, year: number, fmt: (v: number) => string): Cell {
  if (!s) return { text: "–", value: null };
  const value = s.mean[year];
  const interval = s.low && s.high ? `${fmt(s.low[year])} to ${fmt(s.high[year])}` : undefined;
  return { text: fmt(value), interval, value };
}

export function buildComparison(
  r: Results,
  payers: Record<string, string | undefined> = {},
): Comparison {
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const others = r.scenarios.filter((s) => s.deltas !== null);
  const H = r.horizonYears;
  const rows: Row[] = [];
  const row = (
    section: Row["section"],
    label: string,
    f: (s: ScenarioResult) => Cell,
    note?: string,
  ) => rows.push({ section, label, cells: others.map(f), note });
  const levels = [...new Set(r.states.map((s) => s.complexity))];
  const top = levels[levels.length - 1];

  row(
    "Health",
    "QALYs gained",
    (s) => cell(s.deltas!["discounted.qalys"], H, qalysChange),
    "discounted",
  );
  row(
    "Health",
    "Life-years gained",
    (s) => cell(s.deltas!["discounted.lifeYears"], H, qalysChange),
    "discounted",
  );
  row(
    "Health",
    "Deaths over the horizon",
    (s) => cell(s.deltas!["cumulative.deaths"], H, countChange),
    "change against baseline",
  );
  row("Health", `People at ${top} complexity in year ${H}`, (s) => {
    const v = s.deltas![`population.complexity.${top}`].mean[H];
    return { text: countChange(v), value: v };
  }, "mean change");
  for (const a of ACTIVITIES) {
    row(
      "Care",
      ACTIVITY_LABELS[a],
      (s) => cell(s.deltas![`cumulative.activity.${a}`], H, countChange),
      "change over the horizon",
    );
  }
  for (const sector of SECTORS) {
    row(
      "Cost",
      SECTOR_LABELS[sector],
      (s) => cell(s.deltas![`discounted.cost.${sector}`], H, moneyChange),
      "negative: this sector saves",
    );
  }
  row("Cost", "Intervention cost", (s) => {
    const c = cell(s.absolute["discounted.cost.intervention"], H, money);
    const who = [...new Set(s.interventions.map((id) => payers[id]).filter(Boolean))].join(", ");
    return who ? { ...c, text: `${c.text} (${who})` } : c;
  }, "who pays");
  row(
    "Cost",
    "Net cost",
    (s) => cell(s.deltas!["discounted.cost.total"], H, moneyChange),
    "discounted; negative: saves money",
  );
  row("Cost", "Probability of saving money", (s) => {
    const p = s.deltas!["discounted.cost.total"].pNegative?.[H] ?? null;
    return { text: percent(p), value: p };
  });
  row(
    "Cost",
    "Return on investment",
    (s) => cell(s.deltas!["roi"], H, number),
    "net saving per £1 spent (0: pays for itself)",
  );
  row("Value", "ICER", (s) => ({
    text: s.value ? icerText(s.value) : "–",
    value: s.value?.icer ?? null,
  }), "net cost per QALY gained against the baseline");
  row("Value", "Across all scenarios", (s) => ({
    text: s.value ? FRONTIER_LABELS[s.value.frontier] : "–",
    value: null,
  }), "incremental analysis: strong and extended dominance");
  r.value.thresholds.forEach((k, j) => {
    row(
      "Value",
      `Net monetary benefit at ${perQaly(k)}`,
      (s) => cell(s.deltas![`nmb.${k}` as "nmb.20000"], H, moneyChange),
      "discounted; positive: good value",
    );
    row("Value", `Probability cost-effective at ${perQaly(k)}`, (s) => {
      const p = s.value?.thresholds[j].pCostEffective ?? null;
      return { text: percent(p), value: p };
    });
  });
  row(
    "Inequality",
    "SII, non-elective admissions per 1,000",
    (s) => cell(s.deltas!["sii.nonElective"], H, numberChange),
    `change in year ${H}; towards 0 narrows`,
  );
  row(
    "Inequality",
    "Gap Q1 − Q5, admissions per 1,000",
    (s) => cell(s.deltas!["gapAbs.nonElective"], H, numberChange),
    `change in year ${H}`,
  );
  row(
    "Inequality",
    "RII, non-elective admissions",
    (s) => cell(s.deltas!["rii.nonElective"], H, numberChange),
    `change in year ${H}; towards 1 narrows`,
  );
  row(
    "Inequality",
    "Share of admissions avoided in Q1",
    (s) => {
      const v = s.deltas!["shareQ1.cumulative.activity.nonElective"].mean[H];
      return { text: percent(v), value: Number.isFinite(v) ? v : null };
    },
    `Q1 holds ${
      percent(base.absolute["population.q1"].mean[0] / base.absolute.population.mean[0])
    } of people`,
  );
  row("Inequality", "Share of service saving in Q1", (s) => {
    const v = s.deltas!["shareQ1.cumulative.cost.service"].mean[H];
    return { text: percent(v), value: Number.isFinite(v) ? v : null };
  });
  row("Inequality", "Share of QALYs gained in Q1", (s) => {
    const v = s.deltas!["shareQ1.cumulative.qalys"].mean[H];
    return { text: percent(v), value: Number.isFinite(v) ? v : null };
  }, "undiscounted, years 1 to the horizon");
  return { scenarios: others.map((s) => s.name), horizon: H, interval: r.interval, rows };
}

/** The comparison as aligned plain text (for the terminal). */
export function comparisonText(
  c: Comparison,
  baseline: { population: number; cost: number },
): string {
  const header = ["", ...c.scenarios];
  const lines: string[][] = [];
  let section = "";
  for (const row of c.rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push([section.toUpperCase(), ...c.scenarios.map(() => "")]);
    }
    lines.push([`  ${row.label}`, ...row.cells.map((x) => x.text)]);
    if (row.cells.some((x) => x.interval)) {
      lines.push([
        `    ${Math.round(c.interval * 100)}% interval`,
        ...row.cells.map((x) => x.interval ?? ""),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (l: string[]) =>
    l.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  return [
    `Against the baseline (${count(baseline.population)} people, ${
      money(baseline.cost)
    } in year 0), over ${c.horizon} years; costs discounted.`,
    "",
    fmt(header),
    ...lines.map(fmt),
  ].join("\n");
}
