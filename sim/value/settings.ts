/**
 * Value-for-money settings: the cost-effectiveness thresholds, the range of the acceptability
 * curve, the parameter groups of EVPPI, and the budget view's assumptions (which activities
 * release cash, who pays for each sector). A study writes any part under `value`;
 * `resolveValue` fills the rest (docs/model.md, "Value for money").
 */
import { STUDY_DEFAULTS } from "../study/defaults.ts";
import type { EffectTarget, Sector } from "../types.ts";

export interface EvppiGroup {
  name: string;
  /** Parameter keys or patterns, "*" standing for any characters (e.g. "interventions.*.effects.*"). */
  parameters: string[];
}

export interface ValueSettings {
  /** £ per QALY at which net monetary benefit and P(cost-effective) are reported. */
  thresholds: number[];
  /** Highest threshold of the acceptability curve and the EVPI curve, £ per QALY. */
  curveMax: number;
  /** Step of the curves' threshold grid, £ per QALY. */
  curveStep: number;
  /** EVPPI groups; null: one group per kind of parameter (groups.ts). */
  evppi: EvppiGroup[] | null;
  /** Per activity and social care: true when a change releases cash, false when it frees capacity. */
  cashReleasing: Record<EffectTarget, boolean>;
  /** Who pays for each sector's cost. */
  sectorPayer: Record<Sector, string>;
}

/** Value settings as a study writes them (every field optional). */
export interface StudyValue {
  thresholds?: number[];
  curveMax?: number;
  curveStep?: number;
  evppi?: EvppiGroup[];
  cashReleasing?: Partial<Record<EffectTarget, boolean>>;
  sectorPayer?: Partial<Record<Sector, string>>;
}

/**
 * ASSUMPTION (docs/model.md register): fewer admissions, attendances and contacts free capacity
 * that is used by others (waiting lists, unmet demand) rather than releasing cash, unless
 * wards or services close; social care packages are bought per person, so fewer packages
 * release cash.
 */
export const DEFAULT_CASH_RELEASING: Record<EffectTarget, boolean> = {
  nonElective: false,
  elective: false,
  ae: false,
  gp: false,
  community: false,
  socialCare: true,
};

/** ASSUMPTION: NHS services are paid by the ICB (primary care delegated since 2023), social care by the local authority. */
export const DEFAULT_SECTOR_PAYER: Record<Sector, string> = {
  acuteElective: "ICB",
  acuteNonElective: "ICB",
  mhCommunity: "ICB",
  generalPractice: "ICB",
  socialCare: "Local authority",
};

/** The model's value settings: what the study wrote over the defaults. */
export function resolveValue(written: StudyValue | ValueSettings | undefined): ValueSettings {
  const w = written ?? {};
  const thresholds = [...new Set(w.thresholds ?? STUDY_DEFAULTS.thresholds)].sort((a, b) => a - b);
  return {
    thresholds,
    curveMax: w.curveMax ?? STUDY_DEFAULTS.curveMax,
    curveStep: w.curveStep ?? STUDY_DEFAULTS.curveStep,
    evppi: w.evppi ?? null,
    cashReleasing: { ...DEFAULT_CASH_RELEASING, ...(w.cashReleasing ?? {}) },
    sectorPayer: { ...DEFAULT_SECTOR_PAYER, ...(w.sectorPayer ?? {}) },
  };
}

/** The curves' threshold grid: 0 to curveMax by curveStep, with the reported thresholds added. */
export function thresholdGrid(v: ValueSettings): number[] {
  const grid = new Set<number>();
  for (let k = 0; k <= v.curveMax + 1e-9; k += v.curveStep) grid.add(Math.round(k));
  for (const k of v.thresholds) grid.add(k);
  return [...grid].sort((a, b) => a - b);
}
