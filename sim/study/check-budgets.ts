/**
 * The checks a schema cannot express for the providers and budgets sections: provider ids that
 * exist and are unique, every sector split over providers adding up to 1, overrides naming age
 * bands, levels and areas that exist, cohorts and agreements naming what exists, weights adding
 * up to 1, funders naming interventions and parties. Maps are walked by own properties only.
 */
import { type Problem, show } from "../problems.ts";
import { COMMISSIONER } from "../budgets/types.ts";
import { SECTORS } from "../types.ts";
import { choices, joinPath, suggest } from "../validate.ts";
import type { Study } from "./format.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";

/** How far from 1 a set of shares may add up to (rounding in a hand-written split). */
export const SHARE_TOLERANCE = 1e-6;

interface Names {
  bands: string[];
  levels: string[];
  areaIds: string[];
}

/** A study without areas has one, "place" (resolve.ts). */
function withDefaultArea(names: Names): Names {
  return names.areaIds.length ? names : { ...names, areaIds: ["place"] };
}

function unknown(at: string, what: string, found: string, allowed: string[]): Problem {
  return {
    at,
    message: `unknown ${what}`,
    found: show(found),
    expected: choices(allowed),
    suggestion: suggest(found, allowed),
  };
}

function entries<T>(map: Record<string, T> | undefined | null): [string, T][] {
  if (map == null || typeof map !== "object") return [];
  return Object.keys(map).filter((k) => Object.hasOwn(map, k)).map((k) => [k, map[k]]);
}

/** Shares by provider: known ids, adding up to 1. */
function checkShares(
  shares: Record<string, number>,
  at: string,
  ids: string[],
  problems: Problem[],
): void {
  let total = 0;
  for (const [id, share] of entries(shares)) {
    if (!ids.includes(id)) problems.push(unknown(joinPath(at, id), "provider", id, ids));
    total += share;
  }
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    problems.push({
      at,
      message: "the shares do not add up to 1",
      found: String(Number(total.toPrecision(12))),
      expected: "shares adding up to 1",
    });
  }
}

function checkNames(
  list: string[] | undefined,
  at: string,
  what: string,
  allowed: string[],
  problems: Problem[],
): void {
  (list ?? []).forEach((v, i) => {
    if (!allowed.includes(v)) problems.push(unknown(`${at}[${i}]`, what, v, allowed));
  });
}

/** The providers section: unique ids, splits over known providers adding up to 1. */
export function checkProviders(study: Study, given: Names): Problem[] {
  const names = withDefaultArea(given);
  const p = study.providers;
  const problems: Problem[] = [];
  if (!p) {
    if (study.budgets) {
      problems.push({
        at: "budgets",
        message: "budgets need providers",
        expected: 'a "providers" section: the providers and how each sector splits between them',
      });
    }
    return problems;
  }
  const ids = p.list.map((x) => x.id);
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === COMMISSIONER) {
      problems.push({
        at: `providers.list[${i}].id`,
        message: `"${COMMISSIONER}" is the commissioner's party id`,
        expected: "another id",
      });
    }
    if (seen.has(id)) {
      problems.push({
        at: `providers.list[${i}].id`,
        message: "duplicate provider id",
        found: show(id),
        expected: `an id not used by item ${seen.get(id)}`,
      });
    }
    seen.set(id, i);
  });
  for (const sector of SECTORS) {
    if (!Object.hasOwn(p.split, sector)) {
      problems.push({
        at: "providers.split",
        message: `no split for the sector ${sector}`,
        expected: `a split for every sector: ${SECTORS.join(", ")}`,
      });
    }
  }
  for (const [sector, shares] of entries(p.split)) {
    checkShares(shares, joinPath("providers.split", sector), ids, problems);
  }
  (p.overrides ?? []).forEach((o, i) => {
    const at = `providers.overrides[${i}]`;
    checkNames(o.ageBands, `${at}.ageBands`, "age band", names.bands, problems);
    checkNames(o.complexity, `${at}.complexity`, "complexity level", names.levels, problems);
    checkNames(o.areas, `${at}.areas`, "area", names.areaIds, problems);
    for (const [sector, shares] of entries(o.split)) {
      checkShares(shares, joinPath(`${at}.split`, sector), ids, problems);
    }
  });
  return problems;
}

/** The budgets section: cohorts, capitation, agreements and funders naming what exists. */
export function checkBudgets(study: Study, given: Names): Problem[] {
  const names = withDefaultArea(given);
  const b = study.budgets;
  if (!b || !study.providers) return [];
  const problems: Problem[] = [];
  const ids = study.providers.list.map((x) => x.id);
  const cohortIds = new Map<string, number>();
  (b.cohorts ?? []).forEach((c, i) => {
    const at = `budgets.cohorts[${i}]`;
    if (cohortIds.has(c.id)) {
      problems.push({
        at: `${at}.id`,
        message: "duplicate cohort id",
        found: show(c.id),
        expected: `an id not used by item ${cohortIds.get(c.id)}`,
      });
    }
    cohortIds.set(c.id, i);
    checkNames(c.ageBands, `${at}.ageBands`, "age band", names.bands, problems);
    checkNames(c.complexity, `${at}.complexity`, "complexity level", names.levels, problems);
    checkNames(c.areas, `${at}.areas`, "area", names.areaIds, problems);
  });
  const cap = b.capitation;
  if (cap) {
    for (const [band, levels] of entries(cap.perHead)) {
      const at = joinPath("budgets.capitation.perHead", band);
      if (!names.bands.includes(band)) problems.push(unknown(at, "age band", band, names.bands));
      for (const [level] of entries(levels)) {
        if (!names.levels.includes(level)) {
          problems.push(unknown(joinPath(at, level), "complexity level", level, names.levels));
        }
      }
    }
    const horizon = study.horizonYears ?? STUDY_DEFAULTS.horizonYears;
    if (Array.isArray(cap.uplift) && cap.uplift.length !== horizon) {
      problems.push({
        at: "budgets.capitation.uplift",
        message: "one uplift per projected year is needed",
        found: `${cap.uplift.length} rates`,
        expected: `${horizon} rates (years 1 to ${horizon}), or one rate for every year`,
      });
    }
  }
  const agreementIds = new Map<string, number>();
  (b.agreements ?? []).forEach((a, i) => {
    const at = `budgets.agreements[${i}]`;
    if (agreementIds.has(a.id)) {
      problems.push({
        at: `${at}.id`,
        message: "duplicate agreement id",
        found: show(a.id),
        expected: `an id not used by item ${agreementIds.get(a.id)}`,
      });
    }
    agreementIds.set(a.id, i);
    checkNames(a.providers, `${at}.providers`, "provider", ids, problems);
    if (a.weights) {
      checkShares(a.weights, `${at}.weights`, a.providers, problems);
    }
    const cap = a.cap ?? null;
    const floor = a.floor ?? null;
    const deadband = a.deadband ?? STUDY_DEFAULTS.agreementDeadband;
    if (cap !== null && floor !== null && floor > cap) {
      problems.push({
        at: `${at}.floor`,
        message: "the floor is above the cap",
        found: `floor ${floor}, cap ${cap}`,
        expected: "floor ≤ cap",
      });
    }
    if (cap !== null && cap < 0) {
      problems.push({ at: `${at}.cap`, message: "a cap below 0", found: String(cap) });
    }
    if (deadband < 0) {
      problems.push({ at: `${at}.deadband`, message: "a negative deadband", found: `${deadband}` });
    }
  });
  const ivIds = (study.interventions ?? []).map((iv) => iv.id);
  const parties = [COMMISSIONER, ...ids];
  for (const [iv, party] of entries(b.funders)) {
    const at = joinPath("budgets.funders", iv);
    if (!ivIds.includes(iv)) problems.push(unknown(at, "intervention", iv, ivIds));
    if (!parties.includes(party)) problems.push(unknown(at, "party", party, parties));
  }
  return problems;
}
