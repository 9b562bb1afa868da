/**
 * The national benchmark study: 1,250 neighbourhoods of 30–50k people generated
 * deterministically from the example place (deprivation shifted by up to ±3 deciles between
 * neighbourhoods), grouped into 125 places and 42 systems, with the reference scenarios.
 */
import { iterationKey, Stream } from "../sim/rng.ts";
import type { Study } from "../sim/study/format.ts";
import type { AreaSpec } from "../sim/types.ts";

const EXAMPLE_POPULATION = 229_323;

export function nationalStudy(reference: Study, neighbourhoods = 1250, iterations = 1000): Study {
  const rng = new Stream().reset(iterationKey("national", 0), 0);
  const places = Math.ceil(neighbourhoods / 10);
  const systems = Math.min(42, places);
  const areas: AreaSpec[] = [];
  for (let s = 0; s < systems; s++) {
    areas.push({ id: `system-${s + 1}`, name: `System ${s + 1}`, level: "system" });
  }
  for (let p = 0; p < places; p++) {
    areas.push({
      id: `place-${p + 1}`,
      name: `Place ${p + 1}`,
      level: "place",
      parent: `system-${(p % systems) + 1}`,
    });
  }
  for (let n = 0; n < neighbourhoods; n++) {
    const people = 30_000 + Math.floor(rng.uniform() * 20_001);
    areas.push({
      id: `nbh-${n + 1}`,
      name: `Neighbourhood ${n + 1}`,
      level: "neighbourhood",
      parent: `place-${(n % places) + 1}`,
      scale: people / EXAMPLE_POPULATION,
      deprivationShift: Math.round((rng.uniform() * 6 - 3) * 100) / 100,
    });
  }
  // The example place's posterior was fitted to one place: with these neighbourhoods it would
  // be stale, so the national study runs on the priors (the same work per state).
  const { calibration: _, ...rest } = reference;
  return {
    ...rest,
    name: `National study (${neighbourhoods} neighbourhoods)`,
    areas,
    iterations,
  };
}
