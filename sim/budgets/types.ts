/**
 * Budgets and risk share, resolved (what the engine reads; the study's `providers` and `budgets`
 * sections are resolved into this by sim/study/resolve.ts). Sign convention, everywhere: a
 * difference is scenario − baseline (a cost difference above 0 costs more, below 0 saves); a
 * party's position is what it gains (above 0 gains, below 0 loses). docs/model.md, “Providers, budgets and risk share”.
 */
import type { Sector } from "../types.ts";

/** The commissioner's party id in agreements (no provider may take it). */
export const COMMISSIONER = "commissioner";

export interface Provider {
  id: string;
  name: string;
}

/** Shares of each sector's cost by provider id (each sector's shares add up to 1). */
export type SectorSplit = Record<Sector, Record<string, number>>;

/** A split for some segments or areas: replaces the overall split there, sector by sector. */
export interface SplitOverride {
  ageBands?: string[];
  complexity?: string[];
  /** Area ids (a place covers its neighbourhoods). */
  areas?: string[];
  split: Partial<SectorSplit>;
}

export interface ProvidersInput {
  providers: Provider[];
  split: SectorSplit;
  /** In order: a later override replaces an earlier one where both apply. */
  overrides: SplitOverride[];
  /** True when the split is illustrative (not a place's own figures). */
  illustrative: boolean;
  source?: string;
}

/** A cohort: people in every listed value of each dimension (a missing or empty list: all). */
export interface CohortSpec {
  id: string;
  name: string;
  ageBands?: string[];
  complexity?: string[];
  /** 1 = most deprived … 5. */
  quintiles?: number[];
  areas?: string[];
}

export interface CapitationSpec {
  /**
   * £ per head per year in year 0 by age band and complexity level; a segment not given takes
   * its year-0 cost per head (the segmentation table's spend, every sector).
   */
  perHead: Record<string, Record<string, number>>;
  /** Uplift of the per-head budget each year: one rate, or one per projected year (1..H). */
  uplift: number | number[];
  /** What the budget must pay for: service cost, or service and intervention cost ("total"). */
  covers: "service" | "total";
}

export interface OutcomePayment {
  /** £ paid by the commissioner to the providers per non-elective admission avoided. */
  perAdmissionAvoided: number;
  /** No payment in an iteration where |SII of non-elective admissions| widens at the horizon. */
  withheldIfInequalityWidens: boolean;
}

export interface AgreementSpec {
  id: string;
  name: string;
  /** Provider ids in the agreement (one, or several as a collaborative). */
  providers: string[];
  /** The commissioner's share of a gain beyond the deadband (the providers keep the rest). */
  commissionerGainShare: number;
  /** The commissioner's share of a loss beyond the deadband (the providers bear the rest). */
  commissionerLossShare: number;
  /** £ of gain or loss either side of zero that is not shared (stays where it falls). */
  deadband: number;
  /** Most the providers together may gain from the settlement, £ (null: no cap). */
  cap: number | null;
  /** Least the providers together may end with, £ (≤ 0; null: no floor). */
  floor: number | null;
  /**
   * How the settlement and outcome payments split among the providers (shares adding to 1);
   * null: their shares of the agreement's providers' year-0 cost.
   */
  weights: Record<string, number> | null;
  outcomePayment: OutcomePayment | null;
}

export interface BudgetsInput {
  providers: ProvidersInput;
  /** Cohorts reported besides everyone and each single age band, level, quintile and area. */
  cohorts: CohortSpec[];
  capitation: CapitationSpec | null;
  agreements: AgreementSpec[];
  /** Who pays for each intervention (party id; default the commissioner). */
  funders: Record<string, string>;
  commissionerName: string;
}
