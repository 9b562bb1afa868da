/**
 * A number input that says what is wrong beside itself: empty, not a number, out of range or
 * not whole — in plain words, with aria-invalid and the message as its description — and the
 * study's own problems about this field (from the checks) the same way. While its text is not a
 * valid value the study keeps its last valid value and the field reports itself (field-errors).
 */
import { useEffect, useId, useState } from "preact/hooks";
import type { Problem } from "../../sim/problems.ts";
import { plainMessage } from "../../client/field-problems.ts";
import { useFieldError } from "./field-errors.ts";

export interface NumberRule {
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Empty means "none" (null) rather than an error. */
  optional?: boolean;
}

/** The value a text stands for under `rule`, or what is wrong with it. */
export function readNumber(
  text: string,
  rule: NumberRule,
): { value?: number | null; error?: string } {
  const t = text.trim();
  const range = rule.min !== undefined && rule.max !== undefined
    ? `from ${rule.min.toLocaleString("en-GB")} to ${rule.max.toLocaleString("en-GB")}`
    : rule.min !== undefined
    ? `of ${rule.min.toLocaleString("en-GB")} or more`
    : rule.max !== undefined
    ? `of ${rule.max.toLocaleString("en-GB")} or less`
    : "";
  const kind = rule.integer ? "a whole number" : "a number";
  const wanted = `Enter ${kind}${range ? ` ${range}` : ""}.`;
  if (t === "") return rule.optional ? { value: null } : { error: wanted };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: wanted };
  if (
    (rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max) ||
    (rule.integer && !Number.isInteger(v))
  ) {
    return { error: wanted };
  }
  return { value: v };
}

const show = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? "" : String(Number(v.toPrecision(6)));

export function NumberField(
  {
    id,
    label,
    value,
    rule,
    onValue,
    problems = [],
    step,
    placeholder,
    fieldKey,
    class: cls,
    describedBy,
    disabled,
  }: {
    id?: string;
    /** The accessible name when no <label for> names the input. */
    label?: string;
    value: number | null | undefined;
    rule: NumberRule;
    onValue: (v: number | null) => void;
    /** The study's problems about this field. */
    problems?: Problem[];
    step?: number;
    placeholder?: string;
    /** Unique key of the field for field-errors (defaults to its id or label). */
    fieldKey?: string;
    class?: string;
    /** The id of a message about this field shown elsewhere (e.g. under a row of fields). */
    describedBy?: string;
    /** Not in use (e.g. iterations of a deterministic run). */
    disabled?: boolean;
  },
) {
  const [text, setText] = useState(show(value));
  const [error, setError] = useState<string | null>(null);
  // A value changed from elsewhere (another field, a loaded study) replaces a valid text.
  useEffect(() => {
    const read = readNumber(text, rule);
    if (read.error === undefined && read.value !== (value ?? null)) setText(show(value));
  }, [value]);
  useFieldError(fieldKey ?? id ?? label ?? "field", error);
  const autoId = useId();
  const errorId = `${id ?? autoId}-error`;
  const message = error ?? (problems.length ? plainMessage(problems[0]) : null);
  return (
    <span class={`field ${cls ?? ""}`}>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={step ?? "any"}
        min={rule.min}
        max={rule.max}
        placeholder={placeholder}
        value={text}
        disabled={disabled}
        aria-label={label}
        aria-invalid={message || describedBy ? "true" : undefined}
        aria-describedby={[message ? errorId : "", describedBy ?? ""].filter(Boolean).join(" ") ||
          undefined}
        onInput={(e) => {
          const t = (e.currentTarget as HTMLInputElement).value;
          setText(t);
          const read = readNumber(t, rule);
          setError(read.error ?? null);
          if (read.error === undefined) onValue(read.value!);
        }}
      />
      {message && <span id={errorId} class="field-error" role="alert">{message}</span>}
    </span>
  );
}
