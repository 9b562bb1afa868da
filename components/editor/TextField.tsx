/** A required text input (a name) that says so beside itself when it is emptied. */
import { useEffect, useId, useState } from "preact/hooks";
import type { Problem } from "../../sim/problems.ts";
import { plainMessage } from "../../client/field-problems.ts";
import { useFieldError } from "./field-errors.ts";

export function TextField(
  { id, label, value, onValue, problems = [], class: cls, maxLength = 200, fieldKey }: {
    id?: string;
    /** The field's place in the study (for the list of fields to put right). */
    fieldKey?: string;
    label: string;
    value: string;
    onValue: (v: string) => void;
    problems?: Problem[];
    class?: string;
    maxLength?: number;
  },
) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  // A name changed from elsewhere (a loaded study) replaces the text unless it is being fixed.
  useEffect(() => {
    if (text.trim() !== "" && text !== value) setText(value);
  }, [value]);
  useFieldError(fieldKey ?? id ?? label, error);
  const autoId = useId();
  const errorId = `${id ?? autoId}-error`;
  const message = error ?? (problems.length ? plainMessage(problems[0]) : null);
  return (
    <span class={`field ${cls ?? ""}`}>
      <input
        id={id}
        type="text"
        value={text}
        maxLength={maxLength}
        aria-label={id ? undefined : label}
        aria-invalid={message ? "true" : undefined}
        aria-describedby={message ? errorId : undefined}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLInputElement).value;
          setText(v);
          if (v.trim() === "") {
            setError("Enter a name.");
            return;
          }
          setError(null);
          onValue(v);
        }}
      />
      {message && <span id={errorId} class="field-error" role="alert">{message}</span>}
    </span>
  );
}
