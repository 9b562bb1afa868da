/** Numbers in en-GB: £1.2m, £345k, 12,345, 4.5%. Used by the CLI, the HTML report and the pages. */
// @ts-types="npm:@types/d3-format@3.0.4"
import { format } from "d3-format";
import type { Unit } from "../sim/measures.ts";

const grouped = format(",.0f");
const oneDecimal = format(",.1f");
const twoSig = format(",.2~r");

/** £ with k / m / bn suffixes: £1.2m, £345k, £950. Negative amounts as −£1.2m. */
export function money(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const sign = value < 0 ? "−" : "";
  const v = Math.abs(value);
  if (v >= 1e9) return `${sign}£${oneDecimal(v / 1e9)}bn`;
  if (v >= 1e6) return `${sign}£${oneDecimal(v / 1e6)}m`;
  if (v >= 1e4) return `${sign}£${grouped(v / 1e3)}k`;
  return `${sign}£${grouped(v)}`;
}

/** Money with an explicit sign for changes: +£1.2m, −£0.3m. */
export function moneyChange(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value > 0 ? `+${money(value)}` : money(value);
}

/** Whole numbers with thousands separators: 12,345 (−12,345). */
export function count(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return grouped(value).replace("-", "−");
}

export function countChange(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value > 0 ? `+${count(value)}` : count(value);
}

/** A number to two significant figures (rates, indices). */
export function number(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 100) return grouped(value).replace("-", "−");
  return twoSig(value).replace("-", "−");
}

export function numberChange(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value > 0 ? `+${number(value)}` : number(value);
}

/** A share as a percentage: 0.123 → 12%. */
export function percent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  return `${format(".0%")(value)}`.replace("-", "−");
}

/** QALYs or life-years to one decimal: 1,234.5 (−0.3). */
export function qalys(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return oneDecimal(value).replace("-", "−");
}

export function qalysChange(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value > 0 ? `+${qalys(value)}` : qalys(value);
}

/** Money in full, to the pound: £1,868,376,299 (for totals whose differences are small). */
export function moneyFull(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return `${value < 0 ? "−" : ""}£${grouped(Math.abs(value))}`;
}

/** Small amounts per person to the penny below £100: £2.53; larger as money(). */
export function moneyPerPerson(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return Math.abs(value) < 100
    ? `${value < 0 ? "−" : ""}£${Math.abs(value).toFixed(2)}`
    : money(value);
}

/** £ per QALY: £12,345 per QALY. */
export function perQaly(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return `${value < 0 ? "−" : ""}£${grouped(Math.abs(value))} per QALY`;
}

/** Formats a value in a measure's unit: money, whole numbers of people or events, or a number. */
export function inUnit(unit: Unit, value: number): string {
  if (unit === "£" || unit === "£ per person") return money(value);
  if (unit === "people" || unit === "count") return count(value);
  if (unit === "share") return percent(value);
  if (unit === "QALYs" || unit === "life-years") return qalys(value);
  if (unit === "£ per QALY") return perQaly(value);
  return number(value);
}

/** A file-name-safe form of a study name: "Falls prevention" → "falls-prevention". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "study";
}
