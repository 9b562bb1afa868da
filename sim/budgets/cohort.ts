/**
 * Cohorts: any combination of age bands, complexity levels, deprivation quintiles and areas, as
 * the set of cells they hold. The standard list is everyone, each single age band, level,
 * quintile and area, then the study's own cohorts.
 */
import type { StateLayout } from "../population.ts";
import type { AreaSpec } from "../types.ts";
import { QUINTILES } from "../types.ts";
import { cellCoordinates, leavesById } from "./split.ts";
import type { CohortSpec } from "./types.ts";

/** 1 for each cell in the cohort. */
export function cohortCells(spec: CohortSpec, layout: StateLayout, areas: AreaSpec[]): Uint8Array {
  const bands = spec.ageBands?.length ? new Set(spec.ageBands) : null;
  const levels = spec.complexity?.length ? new Set(spec.complexity) : null;
  const quintiles = spec.quintiles?.length ? new Set(spec.quintiles) : null;
  const leaves = leavesById(areas);
  const inAreas = spec.areas?.length
    ? new Set(spec.areas.flatMap((id) => [...(leaves.get(id) ?? [])]))
    : null;
  const mask = new Uint8Array(layout.cellCount);
  for (let k = 0; k < layout.cellCount; k++) {
    const c = cellCoordinates(layout, k);
    mask[k] = (!bands || bands.has(layout.ageBands[c.band])) &&
        (!levels || levels.has(layout.levels[c.level])) &&
        (!quintiles || quintiles.has(c.quintile + 1)) &&
        (!inAreas || inAreas.has(c.area))
      ? 1
      : 0;
  }
  return mask;
}

/** Everyone, each single band, level, quintile and area (if more than one), then `declared`. */
export function standardCohorts(
  layout: StateLayout,
  areas: AreaSpec[],
  declared: CohortSpec[],
): CohortSpec[] {
  const out: CohortSpec[] = [{ id: "everyone", name: "Everyone" }];
  for (const b of layout.ageBands) out.push({ id: `age-${b}`, name: `Age ${b}`, ageBands: [b] });
  for (const l of layout.levels) {
    out.push({ id: `complexity-${l}`, name: `${l} complexity`, complexity: [l] });
  }
  for (const q of QUINTILES) {
    out.push({
      id: `q${q}`,
      name: `Quintile ${q}${q === 1 ? " (most deprived)" : ""}`,
      quintiles: [q],
    });
  }
  if (areas.length > 1) {
    for (const a of areas) out.push({ id: `area-${a.id}`, name: a.name, areas: [a.id] });
  }
  const taken = new Set(out.map((c) => c.id));
  for (const c of declared) if (!taken.has(c.id)) out.push(c);
  return out;
}

/** A cohort's description in words, e.g. "age 75+, high complexity, quintile 1". */
export function describeCohort(spec: CohortSpec): string {
  const parts = [
    spec.ageBands?.length ? `age ${spec.ageBands.join(" or ")}` : "",
    spec.complexity?.length ? `${spec.complexity.join(" or ")} complexity` : "",
    spec.quintiles?.length ? `quintile ${spec.quintiles.join(" or ")}` : "",
    spec.areas?.length ? `in ${spec.areas.join(" or ")}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "everyone";
}
