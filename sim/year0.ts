/**
 * The baseline population at year 0 as the published table shows it, for any area of the
 * hierarchy: for each segment (age band × complexity level), the people in it, their mean
 * deprivation decile (of the quintile split, docs/model.md section 1), and, at parameter means,
 * spend a year by sector, inpatient spells and A&E attendances — the calibrated rates
 * (docs/model.md section 2) turned back into the table's quantities.
 */
import { deterministicParameters, type Model, scenarioContexts } from "./model.ts";
import { areaLeafIndices, quintileMidDecile } from "./population.ts";
import { ACTIVITIES, ACTIVITY_SECTOR, type Sector, SECTORS } from "./types.ts";

export interface Year0Segment {
  ageBand: string;
  complexity: string;
  people: number;
  /** Mean deprivation decile of its people (NaN when it has none there). */
  meanDecile: number;
  /** £ a year by sector. */
  spend: Record<Sector, number>;
  /** Inpatient spells (elective and non-elective admissions) a year. */
  inpatientSpells: number;
  aeAttendances: number;
}

/** Year-0 segments of area `areaId` (every leaf under it summed). */
export function year0Spend(model: Model, areaId: string): Year0Segment[] {
  const { layout, input } = model;
  const [ctx] = scenarioContexts(model, deterministicParameters(model));
  const { rates } = ctx;
  const at = input.areas.findIndex((a) => a.id === areaId);
  const leaves = new Set(at >= 0 ? areaLeafIndices(input.areas)[at] : []);
  const nonElective = ACTIVITIES.indexOf("nonElective");
  const elective = ACTIVITIES.indexOf("elective");
  const ae = ACTIVITIES.indexOf("ae");
  return input.segments.map((seg, k) => {
    let people = 0;
    let decile = 0;
    const spend = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
    let inpatientSpells = 0;
    let aeAttendances = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.segment[s] !== k || !leaves.has(layout.area[s])) continue;
      const n = model.initial[s];
      people += n;
      decile += n * quintileMidDecile(layout.quintile[s] + 1);
      ACTIVITIES.forEach((a, i) => {
        spend[ACTIVITY_SECTOR[a]] += n * rates.activity[i][s] * rates.unitCost[i][s];
      });
      spend.socialCare += n * rates.socialCare[s];
      inpatientSpells += n * (rates.activity[nonElective][s] + rates.activity[elective][s]);
      aeAttendances += n * rates.activity[ae][s];
    }
    return {
      ageBand: seg.ageBand,
      complexity: seg.complexity,
      people,
      meanDecile: people ? decile / people : NaN,
      spend,
      inpatientSpells,
      aeAttendances,
    };
  });
}
