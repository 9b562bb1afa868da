/** A set of checkboxes for a target list: none ticked or all ticked both mean "everyone". */
import type { ComponentChildren } from "preact";

export function Checks({ legend, options, selected, onChange }: {
  legend: ComponentChildren;
  options: { value: string | number; label: string }[];
  selected: (string | number)[] | undefined;
  onChange: (next: (string | number)[] | undefined) => void;
}) {
  const all = !selected || selected.length === 0;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="row">
        {options.map((o) => {
          const on = all || selected!.includes(o.value);
          return (
            <label key={String(o.value)}>
              <input
                type="checkbox"
                checked={on}
                onChange={() => {
                  const current = all ? options.map((x) => x.value) : selected!;
                  const next = on ? current.filter((v) => v !== o.value) : [...current, o.value];
                  onChange(next.length === options.length ? undefined : next);
                }}
              />
              {o.label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
