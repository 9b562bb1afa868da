/**
 * The journeys tab: pick a starting cohort and a scenario, see synthetic people drawn from the
 * model (sim/journeys.ts) as theographs, baseline above scenario — a typical and a high-cost
 * person, or three at random — with their averages beside the cohort model's values. Computed
 * in the browser from the study's model at the deterministic analysis's parameter values.
 */
import { useSignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import { InputError } from "../../sim/problems.ts";
import { type CohortSpec, defaultCohort, journeyModel } from "../../sim/journeys.ts";
import { baselineIndex } from "../../sim/model.ts";
import type { PreparedStudy } from "../../sim/study/prepare.ts";
import { type JourneysReport, journeysReport } from "../../report/journeys-report.ts";
import { JourneysSection } from "../JourneysSection.tsx";
import { PlotFigure } from "../PlotFigure.tsx";

/** Synthetic people drawn for the averages (and to rank by cost). */
export const TAB_PEOPLE = 500;

const CHOICES = {
  percentiles: "A typical and a high-cost person (50th and 95th percentile of cost)",
  random: "Three people at random",
} as const;
type ChoiceKey = keyof typeof CHOICES;

function Select({ label, value, options, onChange, testid }: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (v: string) => void;
  testid: string;
}) {
  return (
    <label>
      {label}{" "}
      <select
        value={value}
        data-testid={testid}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

export function JourneysTab({ loaded, scenario }: { loaded: PreparedStudy; scenario: number }) {
  const { model } = loaded;
  const { layout } = model;
  const base = baselineIndex(model);
  const names = model.input.scenarios.map((s) => s.name).filter((_, i) => i !== base);
  const initialScenario = scenario !== base && model.input.scenarios[scenario]
    ? model.input.scenarios[scenario].name
    : names[0] ?? "";
  const scenarioName = useSignal(initialScenario);
  const start = useMemo(() => {
    const jm = journeyModel(model, { scenario: scenarioName.peek() || undefined });
    return defaultCohort(jm);
  }, [model]);
  const band = useSignal(start.band ?? "");
  const complexity = useSignal(start.complexity ?? "");
  const quintile = useSignal(start.quintile ? String(start.quintile) : "");
  const area = useSignal("");
  const choice = useSignal<ChoiceKey>("percentiles");
  const draw = useSignal(0);
  const seed = `${loaded.options.seed}${draw.value ? `/${draw.value}` : ""}`;
  const spec: CohortSpec = {
    ...(band.value ? { band: band.value } : {}),
    ...(complexity.value ? { complexity: complexity.value } : {}),
    ...(quintile.value ? { quintile: Number(quintile.value) } : {}),
    ...(area.value ? { area: area.value } : {}),
  };
  const key = JSON.stringify([scenarioName.value, spec, choice.value, seed]);
  const outcome = useMemo((): { report: JourneysReport } | { error: string } => {
    try {
      return {
        report: journeysReport(model, {
          cohort: spec,
          scenario: scenarioName.value || undefined,
          people: TAB_PEOPLE,
          seed,
          choice: choice.value === "random"
            ? { kind: "random", count: 3 }
            : { kind: "percentiles", percentiles: [50, 95] },
        }),
      };
    } catch (error) {
      if (error instanceof InputError) {
        return { error: error.problems.map((p) => p.message).join("; ") };
      }
      throw error;
    }
  }, [model, key]);
  const all = (text: string, values: string[]): [string, string][] => [
    ["", text],
    ...values.map((v): [string, string] => [v, v]),
  ];
  return (
    <div data-testid="journeys-tab">
      <fieldset
        class="journey-controls"
        style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem 1.25rem", alignItems: "center" }}
      >
        <legend>Starting cohort and scenario</legend>
        <Select
          label="Age band"
          testid="journey-band"
          value={band.value}
          options={all("All ages", layout.ageBands)}
          onChange={(v) => (band.value = v)}
        />
        <Select
          label="Complexity"
          testid="journey-complexity"
          value={complexity.value}
          options={all("Every level", layout.levels)}
          onChange={(v) => (complexity.value = v)}
        />
        <Select
          label="Deprivation quintile"
          testid="journey-quintile"
          value={quintile.value}
          options={[
            ["", "Every quintile"],
            ...[1, 2, 3, 4, 5].map((q): [string, string] => [
              String(q),
              q === 1 ? "1 (most deprived)" : q === 5 ? "5 (least deprived)" : String(q),
            ]),
          ]}
          onChange={(v) => (quintile.value = v)}
        />
        {layout.areas.length > 1 && (
          <Select
            label="Area"
            testid="journey-area"
            value={area.value}
            options={all("All areas", layout.areas)}
            onChange={(v) => (area.value = v)}
          />
        )}
        {names.length > 0 && (
          <Select
            label="Scenario"
            testid="journey-scenario"
            value={scenarioName.value}
            options={names.map((n): [string, string] => [n, n])}
            onChange={(v) => (scenarioName.value = v)}
          />
        )}
        <Select
          label="People shown"
          testid="journey-choice"
          value={choice.value}
          options={Object.entries(CHOICES) as [string, string][]}
          onChange={(v) => (choice.value = v as ChoiceKey)}
        />
        <button type="button" data-testid="journey-redraw" onClick={() => draw.value++}>
          Draw other people
        </button>
      </fieldset>
      {"error" in outcome
        ? <p class="problems" role="alert" data-testid="journey-error">{outcome.error}</p>
        : (
          <JourneysSection
            j={outcome.report}
            figure={(chart) => <PlotFigure key={chart.id} chart={chart} />}
          />
        )}
    </div>
  );
}
