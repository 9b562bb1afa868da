/**
 * `sim diff` output: a text table for the terminal, CSV of every compared cell, and markdown for
 * a pull-request comment. Values are printed in full precision in the CSV, to six significant
 * figures elsewhere.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvFormatRows } from "d3-dsv";
import type { DiffCell, RunDiff } from "./diff.ts";

/** A value to six significant figures, thousands grouped, minus as "−"; "–" when undefined. */
export function diffNumber(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "–";
  if (v === 0) return "0";
  const digits = Math.abs(v) >= 1e6 ? 0 : Math.max(0, 5 - Math.floor(Math.log10(Math.abs(v))));
  return v.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 })
    .replace("-", "−");
}

const signed = (v: number | null) => (v !== null && v > 0 ? `+${diffNumber(v)}` : diffNumber(v));
const zText = (z: number | null) =>
  z === null ? "–" : z === Infinity ? "∞ (no MC error)" : z.toFixed(1);

const HEADER = ["Scenario", "Kind", "Measure", "Year", "OLD", "NEW", "Change", "SE", "z"];

function cellRow(c: DiffCell): string[] {
  return [
    c.scenario,
    c.kind,
    c.measure,
    String(c.year),
    diffNumber(c.old),
    diffNumber(c.new),
    signed(c.change),
    diffNumber(c.se),
    zText(c.z),
  ];
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** One paragraph: what was compared and what was found, with the multiplicity caveat. */
export function diffSummary(d: RunDiff): string {
  const c = d.counts;
  const lines = [
    `Compared ${
      plural(c.cells, "cell")
    } (scenario × measure × year, absolute values and differences from the baseline): ${
      c.same.toLocaleString("en-GB")
    } identical, ${c.within.toLocaleString("en-GB")} within z ≤ ${d.threshold}, ${
      c.flagged.toLocaleString("en-GB")
    } flagged${c.notAssessed ? `, ${c.notAssessed} without a standard error (not assessed)` : ""}.`,
  ];
  if (c.tested > 0) {
    lines.push(
      `Chance alone would flag about ${
        c.expectedFalseFlags < 0.01 ? c.expectedFalseFlags.toExponential(1) : c.expectedFalseFlags
          .toFixed(2)
      } of the ${
        c.tested.toLocaleString("en-GB")
      } cells with Monte Carlo error at z > ${d.threshold} (on average; cells move together, so false flags come rarely and in clusters).`,
    );
  }
  if (d.largestUnflagged) {
    const u = d.largestUnflagged;
    lines.push(
      `Largest change not flagged: z = ${
        u.z!.toFixed(2)
      } (${u.scenario}, ${u.kind} ${u.measure}, year ${u.year}).`,
    );
  }
  return lines.join("\n");
}

function structureLines(d: RunDiff): string[] {
  const s = d.structure;
  const list = (xs: (string | number)[], max = 8) =>
    xs.slice(0, max).join(", ") + (xs.length > max ? `, … (${xs.length} in all)` : "");
  const out: string[] = [];
  if (s.scenariosOnlyOld.length) out.push(`Scenarios only in OLD: ${list(s.scenariosOnlyOld)}.`);
  if (s.scenariosOnlyNew.length) out.push(`Scenarios only in NEW: ${list(s.scenariosOnlyNew)}.`);
  if (s.yearsOnlyOld.length) out.push(`Years only in OLD: ${list(s.yearsOnlyOld)}.`);
  if (s.yearsOnlyNew.length) out.push(`Years only in NEW: ${list(s.yearsOnlyNew)}.`);
  if (s.measuresOnlyOld.length) out.push(`Measures only in OLD: ${list(s.measuresOnlyOld)}.`);
  if (s.measuresOnlyNew.length) out.push(`Measures only in NEW: ${list(s.measuresOnlyNew)}.`);
  return out;
}

function verdict(d: RunDiff): string {
  if (!d.moved) return "No differences beyond Monte Carlo error.";
  const parts: string[] = [];
  if (d.counts.flagged) {
    parts.push(`${plural(d.counts.flagged, "cell")} moved beyond z > ${d.threshold}`);
  }
  for (const p of d.provenance) if (p.flagged) parts.push(`the ${p.label} changed`);
  const s = d.structure;
  if (s.scenariosOnlyOld.length + s.scenariosOnlyNew.length) parts.push("the scenarios changed");
  if (s.yearsOnlyOld.length + s.yearsOnlyNew.length) parts.push("the years changed");
  const text = parts.join("; ");
  return `Changed: ${text}.`;
}

function pad(rows: string[][], right: Set<number>): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) =>
    r.map((x, i) => {
      const fill = " ".repeat(widths[i] - [...x].length);
      return right.has(i) ? fill + x : x + fill;
    }).join("  ").trimEnd()
  );
}

/** The terminal table: provenance, why the runs differ, the verdict and the flagged cells. */
export function diffText(d: RunDiff, limit = 40): string {
  const out: string[] = [`OLD ${d.old.label}`, `NEW ${d.new.label}`, ""];
  const prov = [["", "OLD", "NEW", ""]].concat(
    d.provenance.map((p) => [p.label, p.old, p.new, p.changed ? "changed" : ""]),
  );
  out.push(...pad(prov, new Set()), "");
  out.push(...d.reasons, "");
  out.push(verdict(d), ...structureLines(d), "", diffSummary(d));
  if (d.flagged.length) {
    out.push(
      "",
      `Flagged cells (largest z first${d.flagged.length > limit ? `, first ${limit}` : ""}):`,
    );
    out.push(
      ...pad([HEADER, ...d.flagged.slice(0, limit).map(cellRow)], new Set([3, 4, 5, 6, 7, 8])),
    );
    if (d.flagged.length > limit) {
      out.push(`… and ${d.flagged.length - limit} more (--csv FILE lists every cell).`);
    }
  }
  return out.join("\n");
}

/** CSV of every compared cell, full precision (Infinity as "inf"). */
export function diffCsv(d: RunDiff): string {
  const n = (v: number | null) =>
    v === null ? "" : v === Infinity ? "inf" : Number.isFinite(v) ? String(v) : "";
  const rows = [
    [
      "scenario",
      "kind",
      "measure",
      "year",
      "old",
      "new",
      "change",
      "old_mcse",
      "new_mcse",
      "se",
      "z",
      "status",
    ],
    ...d.cells.map((c) => [
      c.scenario,
      c.kind,
      c.measure,
      String(c.year),
      n(c.old),
      n(c.new),
      n(c.change),
      n(c.oldMcse),
      n(c.newMcse),
      n(c.se),
      n(c.z),
      c.status,
    ]),
  ];
  return csvFormatRows(rows) + "\n";
}

/** Markdown table cell text: pipes and line breaks escaped. */
const md = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** Inline code (backticks inside become quotes). */
const code = (s: string) => `\`${md(s).replace(/`/g, "'")}\``;

/** Markdown for a pull-request comment: verdict, reasons, provenance, flagged cells. */
export function diffMarkdown(d: RunDiff, title = "Careshift results diff", limit = 50): string {
  const out: string[] = [
    `### ${md(title)}`,
    "",
    `**${md(verdict(d))}**`,
    "",
    ...d.reasons.map((r) => `- ${md(r)}`),
    ...structureLines(d).map((r) => `- ${md(r)}`),
    "",
    md(diffSummary(d).replace(/\n/g, " ")),
    "",
  ];
  if (d.flagged.length) {
    const shown = d.flagged.slice(0, limit);
    out.push(
      `| ${HEADER.join(" | ")} |`,
      `|${HEADER.map((_, i) => (i >= 3 ? " ---: " : " --- ")).join("|")}|`,
      ...shown.map((c) => `| ${cellRow(c).map(md).join(" | ")} |`),
    );
    if (d.flagged.length > limit) {
      out.push("", `… and ${d.flagged.length - limit} more flagged cells (see the CSV).`);
    }
    out.push("");
  }
  out.push(
    "<details><summary>Provenance</summary>",
    "",
    "| | OLD | NEW | |",
    "| --- | --- | --- | --- |",
    ...d.provenance.map((p) =>
      `| ${md(p.label)} | ${code(p.old)} | ${code(p.new)} | ${p.changed ? "changed" : ""} |`
    ),
    "",
    "</details>",
    "",
  );
  return out.join("\n");
}
