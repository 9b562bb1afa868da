/**
 * The run bar: iterations, seed and uncertainty of a Monte Carlo run, Run (or Cancel), Save and
 * Share, and the state of what is on screen — deterministic values or which run, with its
 * iterations and seed. First on the page after the title, so Run is near at any width.
 */
import type { Signal } from "@preact/signals";
import { MAX_BROWSER_ITERATIONS } from "../../client/run-client.ts";
import { MAX_SEED_LENGTH } from "../../sim/study/schema.ts";
import { count } from "../../report/format.ts";
import { UNCERTAINTY_LABELS } from "../../report/run-label.ts";
import { NumberField } from "../editor/NumberField.tsx";
import { useFieldError } from "../editor/field-errors.ts";
import { Term } from "../Term.tsx";
import type { RunState } from "./use-monte-carlo.ts";

export type Uncertainty = "parameters+counts" | "parameters";

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

function SeedField({ seed }: { seed: Signal<string> }) {
  const error = readSeed(seed.value).error ?? null;
  useFieldError("run.seed", error);
  return (
    <span class="field">
      <input
        id="run-seed"
        type="text"
        size={8}
        value={seed.value}
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
  return (
    <div class="run-controls row">
      <span class="labelled">
        <label for="run-iterations">Iterations</label>
        <NumberField
          id="run-iterations"
          fieldKey="run.iterations"
          value={iterations.value}
          rule={{ min: 1, max: MAX_BROWSER_ITERATIONS, integer: true }}
          step={100}
          onValue={(v) => (iterations.value = v)}
        />
      </span>
      <span class="labelled">
        <label for="run-seed">Seed</label>
        <SeedField seed={seed} />
      </span>
      <span class="labelled">
        <label for="run-uncertainty">Uncertainty</label>
        <select
          id="run-uncertainty"
          value={uncertainty.value}
          onChange={(
            e,
          ) => (uncertainty.value = (e.currentTarget as HTMLSelectElement).value as Uncertainty)}
        >
          {Object.entries(UNCERTAINTY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label[0].toUpperCase() + label.slice(1)}</option>
          ))}
        </select>
        <Term id="uncertainty-mode">(what is this?)</Term>
      </span>
      {status.status === "running"
        ? (
          <button id="run-button" type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )
        : (
          <button id="run-button" type="button" onClick={onRun} disabled={!canRun}>
            Run Monte Carlo
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
