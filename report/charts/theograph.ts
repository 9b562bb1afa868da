/**
 * A theograph: one synthetic person's journey, one lane per sector of activity (non-elective
 * and elective admissions, A&E, GP, community and mental health, social care) and one for the
 * programme, each event marked and sized by its cost; segment changes along the top, death or
 * moving away marked; the cumulative cost of each lane beside it; the baseline above the
 * scenario. Synthetic: drawn from the model, not a real record (sim/journeys.ts).
 */
import * as Plot from "@observablehq/plot";
import { segmentLabel } from "../../sim/journeys/cohort.ts";
import type { Journey, JourneyEvent } from "../../sim/journeys/draw.ts";
import type { ChosenJourneys } from "../../sim/journeys/select.ts";
import type { JourneyModel } from "../../sim/journeys/setup.ts";
import { ACTIVITIES, type Activity, ACTIVITY_LABELS } from "../../sim/types.ts";
import { count, money } from "../format.ts";
import { type Chart, PALETTE } from "./chart.ts";

export const SYNTHETIC_LABEL = "Synthetic: drawn from the model, not a real record";

/** The lanes, top to bottom: what changes the person, then activity, social care, programme. */
export const THEOGRAPH_LANES = [
  "Segment",
  ...ACTIVITIES.map((a) => ACTIVITY_LABELS[a]),
  "Social care",
  "Programme",
] as const;

const SEGMENT = THEOGRAPH_LANES[0];
const SOCIAL_CARE = "Social care";
const PROGRAMME = "Programme";
const COST_LANES = THEOGRAPH_LANES.slice(1);

/** One person, as the chart needs them: their journey in each arm. */
export interface TheographPerson {
  /** e.g. "Person 12" or "95th percentile of cost (person 412)". */
  label: string;
  /** Years on the time axis (0 to `years`). */
  years: number;
  /** Baseline first, then the scenario (its name), each with its journey (events kept). */
  arms: { name: string; journey: Journey }[];
  /** A state in words (segment), e.g. "80-84, high complexity, quintile 1". */
  segment: (state: number) => string;
}

/** The lane an event is drawn in (null: not drawn as a mark of its own). */
export function eventLane(e: JourneyEvent): string | null {
  if (e.kind === "activity") return ACTIVITY_LABELS[e.activity as Activity];
  if (e.kind === "socialCare") return SOCIAL_CARE;
  if (e.kind === "enrolled" || e.kind === "effectKept") return PROGRAMME;
  return null;
}

interface Mark {
  arm: string;
  lane: string;
  time: number;
  end: number;
  cost: number;
  text: string;
  /** The model year it falls in. */
  year?: number;
}

/** Short segment text for the top lane: "80-84 high" (quintile and area rarely change). */
const shortSegment = (label: string) =>
  label.split(", ").slice(0, 2).join(" ").replace(
    " complexity",
    "",
  );

/**
 * The segment changes whose labels fit: each at least `gap` years after the last one labelled in
 * its arm (every change keeps its tick, and the data table lists them all).
 */
function spaced(changes: Mark[], gap: number): Mark[] {
  const last = new Map<string, number>();
  return changes.filter((c) => {
    const before = last.get(c.arm);
    if (before !== undefined && c.time - before < gap) return false;
    last.set(c.arm, c.time);
    return true;
  });
}

export function theographChart(p: TheographPerson, width = 640): Chart {
  const points: Mark[] = [];
  const spans: Mark[] = [];
  const changes: Mark[] = [];
  const ends: Mark[] = [];
  const totals: { arm: string; lane: string; cost: number; events: number }[] = [];
  for (const { name: arm, journey } of p.arms) {
    const byLane = new Map(COST_LANES.map((l) => [l, { cost: 0, events: 0 }]));
    const segment = p.segment(journey.start);
    changes.push({ arm, lane: SEGMENT, time: 0, end: 0, cost: 0, text: shortSegment(segment) });
    for (const e of journey.events ?? []) {
      const lane = eventLane(e);
      if (lane) {
        const t = byLane.get(lane)!;
        t.cost += e.cost;
        t.events += 1;
        const mark = { arm, lane, time: e.time, end: e.time + e.duration, cost: e.cost, text: "" };
        if (e.kind === "activity") {
          points.push({ ...mark, text: `${lane}, year ${e.year}: ${money(e.cost)}` });
        } else {
          const what = e.kind === "socialCare"
            ? `social care ${money(e.cost)}`
            : e.kind === "enrolled"
            ? `enrolled in ${e.intervention}, ${money(e.cost)}`
            : `${e.intervention}: ${Math.round(e.kept * 100)}% of its effect kept`;
          spans.push({ ...mark, text: `Year ${e.year}: ${what}` });
        }
      } else if (e.kind === "move" || e.kind === "ageing") {
        changes.push({
          arm,
          lane: SEGMENT,
          time: e.time,
          end: e.time,
          cost: 0,
          text: shortSegment(p.segment(e.state)),
        });
      } else if (e.kind === "death" || e.kind === "migration") {
        ends.push({
          arm,
          lane: SEGMENT,
          time: e.time,
          end: p.years,
          cost: 0,
          text: e.kind === "death" ? "died" : "moved away",
          year: e.year,
        });
      }
    }
    for (const [lane, t] of byLane) totals.push({ arm, lane, ...t });
  }
  const armNames = p.arms.map((a) => a.name);
  const laneColour = {
    domain: COST_LANES as unknown as string[],
    range: [PALETTE[6], PALETTE[1], PALETTE[2], PALETTE[3], PALETTE[4], PALETTE[5], PALETTE[0]],
  };
  const armTotal = (arm: string) =>
    totals.filter((t) => t.arm === arm).reduce((s, t) => s + t.cost, 0);
  const endOf = (arm: string) => ends.find((e) => e.arm === arm);
  const headings = armNames.map((arm) => ({
    arm,
    text: `${arm}: ${money(armTotal(arm))}${endOf(arm) ? `, ${endOf(arm)!.text}` : ""}`,
  }));
  return {
    id: `theograph-${p.arms[0]?.journey.person ?? 0}`,
    title: `${p.label}: a synthetic journey, ${armNames.join(" and ")}`,
    options: {
      width,
      height: 70 + armNames.length * 26 * THEOGRAPH_LANES.length,
      marginLeft: 170,
      marginRight: 90,
      marginTop: 28,
      caption: `${SYNTHETIC_LABEL}. Dots: events, area by cost; bars: social care and ` +
        `programme by cycle; right: cost over the journey by lane.`,
      x: { label: "Years from the start of year 0", domain: [0, p.years], grid: true },
      y: { label: null, domain: THEOGRAPH_LANES as unknown as string[] },
      fy: { axis: null, domain: armNames, padding: 0.14 },
      color: laneColour,
      r: { type: "sqrt", range: [1.5, 7] },
      marks: [
        Plot.frame({ stroke: "#ccc" }),
        Plot.text(headings, {
          fy: "arm",
          text: "text",
          frameAnchor: "top-left",
          lineAnchor: "bottom",
          dy: -6,
          fontWeight: "bold",
          fontSize: 12,
        }),
        Plot.rect(ends, {
          x1: "time",
          x2: "end",
          fy: "arm",
          fill: "#000",
          fillOpacity: 0.08,
        }),
        Plot.barX(spans, {
          x1: "time",
          x2: "end",
          y: "lane",
          fy: "arm",
          fill: "lane",
          fillOpacity: 0.55,
          inset: 4,
          title: "text",
        }),
        Plot.dot(points, {
          x: "time",
          y: "lane",
          fy: "arm",
          r: "cost",
          fill: "lane",
          fillOpacity: 0.75,
          title: "text",
        }),
        Plot.tickX(changes, { x: "time", y: "lane", fy: "arm", stroke: "#555" }),
        Plot.text(spaced(changes, (p.years * 72) / Math.max(200, width - 260)), {
          x: "time",
          y: "lane",
          fy: "arm",
          text: "text",
          textAnchor: "start",
          dx: 3,
          fontSize: 10,
        }),
        Plot.ruleX(ends, { x: "time", fy: "arm", stroke: "#000", strokeWidth: 2 }),
        Plot.text(ends, {
          x: "time",
          y: "lane",
          fy: "arm",
          text: "text",
          textAnchor: "end",
          dx: -4,
          fontWeight: "bold",
          fontSize: 11,
        }),
        Plot.text(totals, {
          x: p.years,
          y: "lane",
          fy: "arm",
          text: (d: { cost: number }) => money(d.cost),
          textAnchor: "start",
          dx: 6,
          fontSize: 11,
          clip: false,
        }),
      ],
    },
    alt: `${SYNTHETIC_LABEL}. ${p.label}, starting ${p.segment(p.arms[0].journey.start)}. ` +
      p.arms.map(({ name }) => {
        const end = endOf(name);
        const lanes = totals.filter((t) => t.arm === name && t.events > 0)
          .map((t) =>
            t.lane === SOCIAL_CARE
              ? `social care ${money(t.cost)}`
              : t.lane === PROGRAMME
              ? `programme ${money(t.cost)}`
              : `${t.lane} ${count(t.events)} (${money(t.cost)})`
          );
        return `${name}: ${lanes.join(", ") || "no activity"}; ${money(armTotal(name))} in all` +
          (end ? `; ${end.text} at the end of year ${end.year}` : "; present to the end") +
          ".";
      }).join(" "),
    table: [
      ["Arm", "Lane", "Events", "Cost (£, over the journey)"],
      ...totals.map((t) => [t.arm, t.lane, count(t.events), `£${count(t.cost)}`]),
      ...changes.map((c) => [c.arm, SEGMENT, `year ${c.time.toFixed(2)}`, c.text]),
      ...ends.map((e) => [e.arm, SEGMENT, `year ${e.time.toFixed(2)}`, e.text]),
    ],
  };
}

/** The chosen people of a draw, ready to chart (their journeys with events, both arms). */
export function theographPeople(
  jm: JourneyModel,
  chosen: ChosenJourneys,
): TheographPerson[] {
  const { layout } = jm.model;
  return chosen.chosen.map((c, i) => ({
    label: c.label,
    years: jm.years,
    arms: [
      { name: jm.baseline.name, journey: chosen.set.baseline[i] },
      ...(jm.scenario && chosen.set.scenario
        ? [{ name: jm.scenario.name, journey: chosen.set.scenario[i] }]
        : []),
    ],
    segment: (s: number) => segmentLabel(layout, s),
  }));
}
