/**
 * Who provides what: each cell's (area × age band × level × quintile) cost of each sector split
 * between providers — the overall split, replaced sector by sector by every override that
 * applies to the cell (in order, so a later one wins).
 */
import { areaLeafIndices, type StateLayout } from "../population.ts";
import { type AreaSpec, QUINTILE_COUNT, SECTORS } from "../types.ts";
import type { ProvidersInput } from "./types.ts";

/** Shares: cells × sectors × providers, each (cell, sector) adding up to 1. */
export interface ProviderShares {
  providers: number;
  cells: number;
  shares: Float64Array;
}

/** For each area id, the leaf indices under it (itself when a leaf). */
export function leavesById(areas: AreaSpec[]): Map<string, Set<number>> {
  const under = areaLeafIndices(areas);
  return new Map(areas.map((a, i) => [a.id, new Set(under[i])]));
}

/** The (area, band, level, quintile) of cell k, in population.ts's cellIndex order. */
export function cellCoordinates(
  layout: StateLayout,
  k: number,
): { area: number; band: number; level: number; quintile: number } {
  const C = layout.levels.length;
  const B = layout.ageBands.length;
  const quintile = k % QUINTILE_COUNT;
  const rest = (k - quintile) / QUINTILE_COUNT;
  const level = rest % C;
  const rest2 = (rest - level) / C;
  const band = rest2 % B;
  const area = (rest2 - band) / B;
  return { area, band, level, quintile };
}

export function providerShares(
  spec: ProvidersInput,
  layout: StateLayout,
  areas: AreaSpec[],
): ProviderShares {
  const P = spec.providers.length;
  const NS = SECTORS.length;
  const index = new Map(spec.providers.map((p, i) => [p.id, i]));
  const cells = layout.cellCount;
  const shares = new Float64Array(cells * NS * P);
  const leaves = leavesById(areas);
  const fill = (k: number, s: number, split: Record<string, number>) => {
    const at = (k * NS + s) * P;
    shares.fill(0, at, at + P);
    for (const id of Object.keys(split)) {
      if (Object.hasOwn(split, id)) shares[at + index.get(id)!] = split[id];
    }
  };
  const matchers = spec.overrides.map((o) => {
    const bands = o.ageBands?.length ? new Set(o.ageBands) : null;
    const levels = o.complexity?.length ? new Set(o.complexity) : null;
    const inAreas = o.areas?.length
      ? new Set(o.areas.flatMap((id) => [...(leaves.get(id) ?? [])]))
      : null;
    return (c: ReturnType<typeof cellCoordinates>) =>
      (!bands || bands.has(layout.ageBands[c.band])) &&
      (!levels || levels.has(layout.levels[c.level])) &&
      (!inAreas || inAreas.has(c.area));
  });
  for (let k = 0; k < cells; k++) {
    const c = cellCoordinates(layout, k);
    SECTORS.forEach((sector, s) => fill(k, s, spec.split[sector]));
    spec.overrides.forEach((o, j) => {
      if (!matchers[j](c)) return;
      SECTORS.forEach((sector, s) => {
        if (Object.hasOwn(o.split, sector)) fill(k, s, o.split[sector]!);
      });
    });
  }
  return { providers: P, cells, shares };
}
