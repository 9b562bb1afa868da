/**
 * Journeys as CSV (`deno task sim journeys`): events.csv, one row per event of each synthetic
 * person in each arm, and people.csv, one row per person and arm with what their journey adds
 * up to (programmeCost: the programmes' cost per participant over the person's enrolled time;
 * an intervention's fixed cost is no one person's). Synthetic: drawn from the model, not a real record (the files' first column says
 * which person of the draw, not who).
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvFormatRows } from "d3-dsv";
import { ACTIVITIES, type Activity, ACTIVITY_SECTOR, SECTORS } from "../sim/types.ts";
import { segmentLabel } from "../sim/journeys/cohort.ts";
import type { Journey, JourneyEvent, JourneySet } from "../sim/journeys/draw.ts";
import type { JourneyModel } from "../sim/journeys/setup.ts";
import { serviceCost, totalCost } from "../sim/journeys/totals.ts";

export const EVENT_COLUMNS = [
  "person",
  "arm",
  "time",
  "year",
  "sector",
  "event",
  "intervention",
  "kept",
  "cost",
  "segment",
];

/** The sector an event's cost falls on: an activity's, social care, or "intervention". */
export function eventSector(e: JourneyEvent): string {
  if (e.kind === "activity") return ACTIVITY_SECTOR[e.activity as Activity];
  if (e.kind === "socialCare") return "socialCare";
  if (e.kind === "enrolled" || e.kind === "effectKept") return "intervention";
  return "";
}

/** An event's name: the activity for activity, else its kind. */
export function eventName(e: JourneyEvent): string {
  return e.kind === "activity" ? e.activity as string : e.kind;
}

const num = (x: number, digits: number) => String(Number(x.toFixed(digits)));

/** events.csv: every event of every journey, baseline first, then the scenario. */
export function eventsCsv(jm: JourneyModel, set: JourneySet): string {
  const { layout } = jm.model;
  const labels = new Map<number, string>();
  const label = (s: number) => {
    let l = labels.get(s);
    if (l === undefined) labels.set(s, l = segmentLabel(layout, s));
    return l;
  };
  const rows: string[][] = [EVENT_COLUMNS];
  for (const journeys of [set.baseline, set.scenario ?? []]) {
    for (const j of journeys) {
      rows.push(startRow(j, label(j.start)));
      for (const e of j.events ?? []) {
        rows.push([
          String(j.person + 1),
          j.arm,
          num(e.time, 4),
          String(e.year),
          eventSector(e),
          eventName(e),
          e.intervention ?? "",
          e.kind === "effectKept" ? num(e.kept, 4) : "",
          num(e.cost, 2),
          label(e.state),
        ]);
      }
    }
  }
  return csvFormatRows(rows) + "\n";
}

function startRow(j: Journey, segment: string): string[] {
  return [String(j.person + 1), j.arm, "0", "0", "", "start", "", "", "0", segment];
}

/** people.csv: one row per person and arm. */
export function peopleCsv(jm: JourneyModel, set: JourneySet): string {
  const t = set.totals;
  const ivs = jm.scenario?.interventions ?? [];
  const header = [
    "person",
    "arm",
    "start_segment",
    "end",
    "end_time",
    ...ACTIVITIES.map((a) => `activity.${a}`),
    ...SECTORS.map((s) => `cost.${s}`),
    "cost.service",
    ...ivs.map((iv) => `enrolledYears.${iv.id}`),
    ...ivs.map((iv) => `programmeCost.${iv.id}`),
    "programmeCost",
    "costWithProgramme",
  ];
  const rows: string[][] = [header];
  for (const journeys of [set.baseline, set.scenario ?? []]) {
    for (const j of journeys) {
      const x = j.totals;
      const service = serviceCost(t, x);
      const total = totalCost(t, x);
      rows.push([
        String(j.person + 1),
        j.arm,
        segmentLabel(jm.model.layout, j.start),
        j.end?.kind ?? "",
        j.end ? num(j.end.time, 4) : "",
        ...ACTIVITIES.map((_, a) => String(x[t.activity + a])),
        ...SECTORS.map((_, i) => num(x[t.cost + i], 2)),
        num(service, 2),
        ...ivs.map((_, i) => num(x[t.enrolledYears + i], 4)),
        ...ivs.map((_, i) => num(x[t.programmeCost + i], 2)),
        num(total - service, 2),
        num(total, 2),
      ]);
    }
  }
  return csvFormatRows(rows) + "\n";
}
