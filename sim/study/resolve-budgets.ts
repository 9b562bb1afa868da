/**
 * The providers and budgets sections of a checked study, resolved for the engine
 * (sim/budgets/types.ts): defaults filled in (defaults.ts), maps copied by own properties only.
 */
import type { BudgetsInput, SectorSplit } from "../budgets/types.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";
import type { Study } from "./format.ts";

function ownCopy<T>(map: Record<string, T> | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(map ?? {})) if (Object.hasOwn(map!, k)) out[k] = map![k];
  return out;
}

function splitCopy(split: Record<string, Record<string, number>>): Partial<SectorSplit> {
  const out: Record<string, Record<string, number>> = {};
  for (const [sector, shares] of Object.entries(ownCopy(split))) out[sector] = ownCopy(shares);
  return out as Partial<SectorSplit>;
}

/** The budgets input of a study with providers (undefined without). */
export function resolveBudgets(study: Study): BudgetsInput | undefined {
  const p = study.providers;
  if (!p) return undefined;
  const b = study.budgets ?? {};
  const cap = b.capitation;
  return {
    providers: {
      providers: p.list.map(({ id, name }) => ({ id, name })),
      split: splitCopy(p.split) as SectorSplit,
      overrides: (p.overrides ?? []).map((o) => ({
        ...(o.ageBands?.length ? { ageBands: [...o.ageBands] } : {}),
        ...(o.complexity?.length ? { complexity: [...o.complexity] } : {}),
        ...(o.areas?.length ? { areas: [...o.areas] } : {}),
        split: splitCopy(o.split),
      })),
      illustrative: p.illustrative ?? false,
      ...(p.source ? { source: p.source } : {}),
    },
    cohorts: (b.cohorts ?? []).map((c) => ({ ...c })),
    capitation: cap
      ? {
        perHead: Object.fromEntries(
          Object.entries(ownCopy(cap.perHead)).map(([band, levels]) => [band, ownCopy(levels)]),
        ),
        uplift: cap.uplift ?? STUDY_DEFAULTS.capitationUplift,
        covers: cap.covers ?? STUDY_DEFAULTS.capitationCovers,
      }
      : null,
    agreements: (b.agreements ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      providers: [...a.providers],
      commissionerGainShare: a.commissionerGainShare,
      commissionerLossShare: a.commissionerLossShare,
      deadband: a.deadband ?? STUDY_DEFAULTS.agreementDeadband,
      cap: a.cap ?? null,
      floor: a.floor ?? null,
      weights: a.weights ? ownCopy(a.weights) : null,
      outcomePayment: a.outcomePayment
        ? {
          perAdmissionAvoided: a.outcomePayment.perAdmissionAvoided,
          withheldIfInequalityWidens: a.outcomePayment.withheldIfInequalityWidens ??
            STUDY_DEFAULTS.withheldIfInequalityWidens,
        }
        : null,
    })),
    funders: ownCopy(b.funders),
    commissionerName: b.commissioner ?? STUDY_DEFAULTS.commissionerName,
  };
}
