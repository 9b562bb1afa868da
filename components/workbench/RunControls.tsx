/**
 * The run bar: what a run draws (none: the deterministic analysis; parameters; parameters and
 * counts), the iterations and seed of a Monte Carlo run, Run (or Cancel), Save and Share. First
 * on the page after the title, so Run is near at any width. A deterministic run needs no
 * iterations or seed: their fields are disabled and Run keeps the deterministic values on screen
 * as the run (to save, report or download).
 */
import type { Signal } from "@preact/signals";
import { MAX_BROWSER_ITERATIONS } from "../../client/run-client.ts";
import { MAX_SEED_LENGTH } from "../../sim/study/schema.ts";
import { count } from "../../report/format.ts";
import { UNCERTAINTY_CHOICES, type UncertaintyChoice } from "../../report/run-label.ts";
import { NumberField } from "../editor/NumberField.tsx";
import { useFieldError } from "../editor/field-errors.ts";
import { Term } from "../Term.tsx";
import type { RunState } from "./use-monte-carlo.ts";

export type Uncertainty = UncertaintyChoice;

/** A seed as typed: a whole number, or text of at most MAX_SEED_LENGTH characters. */
export function readSeed(text: string): { seed?: number | string; error?: string } {
  const t = text.trim();
  if (t === "") return { error: "Enter a seed: a whole number or a word." };
  if (/^-?\d+$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? { seed: n } : { error: "That number is too large." };
  }
  return t.length > MAX_SEED_LENGTH
    ? { error: `At most ${MAX_SEED_LENGTH} characters.` }
    : { seed: t };
}

function SeedField({ seed, disabled }: { seed: Signal<string>; disabled: boolean }) {
  const error = disabled ? null : readSeed(seed.value).error ?? null;
  useFieldError("run.seed", error);
  return (
    <span class="field">
      <input
        id="run-seed"
        type="text"
        size={8}
        value={seed.value}
        disabled={disabled}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? "run-seed-error" : undefined}
        onInput={(e) => (seed.value = (e.currentTarget as HTMLInputElement).value)}
      />
      {error && <span id="run-seed-error" class="field-error" role="alert">{error}</span>}
    </span>
  );
}

export function RunControls(
  {
    iterations,
    seed,
    uncertainty,
    status,
    canRun,
    canSave,
    onRun,
    onCancel,
    onSave,
    onShare,
  }: {
    iterations: Signal<number | null>;
    seed: Signal<string>;
    uncertainty: Signal<Uncertainty>;
    status: RunState;
    /** Whether the study and the run settings are valid. */
    canRun: boolean;
    canSave: boolean;
    onRun: () => void;
    onCancel: () => void;
    onSave: () => void;
    onShare: () => void;
  },
) {
  const deterministic = uncertainty.value === "deterministic";
  return (
    <div class="run-controls row">
      <span class="labelled">
        <label for="run-uncertainty">Uncertainty</label>
        <select
          id="run-uncertainty"
          value={uncertainty.value}
          onChange={(
            e,
          ) => (uncertainty.value = (e.currentTarget as HTMLSelectElement).value as Uncertainty)}
        >
          {UNCERTAINTY_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
        <Term id="uncertainty-mode">(what is this?)</Term>
      </span>
      <span class="labelled">
        <label for="run-iterations">Iterations</label>
        <NumberField
          id="run-iterations"
          fieldKey="run.iterations"
          value={iterations.value}
          rule={{ min: 1, max: MAX_BROWSER_ITERATIONS, integer: true }}
          step={100}
          onValue={(v) => (iterations.value = v)}
          disabled={deterministic}
        />
      </span>
      <span class="labelled">
        <label for="run-seed">Seed</label>
        <SeedField seed={seed} disabled={deterministic} />
      </span>
      {status.status === "running"
        ? (
          <button id="run-button" type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )
        : (
          <button id="run-button" type="button" onClick={onRun} disabled={!canRun}>
            {deterministic ? "Run deterministic" : "Run Monte Carlo"}
          </button>
        )}
      <button type="button" class="secondary" onClick={onSave} disabled={!canSave}>Save</button>
      <button type="button" class="secondary" onClick={onShare}>Share link</button>
      {status.status === "running" && (
        <span class="progress">
          <progress max={status.total} value={status.done} aria-label="Simulation progress" />
          <span>{count(status.done)} of {count(status.total)} iterations</span>
        </span>
      )}
    </div>
  );
}
