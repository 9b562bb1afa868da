/**
 * A parameter as central value and interval (labelled with its own level: 5% and 95% for a
 * 90% interval), with the implied distribution drawn beside it (its density over the central
 * 99%), so a user sees what "0.81 (0.72–0.91)" means.
 */
import { density, quantile, toDistribution } from "../../sim/distributions.ts";
import { editRange, intervalEnds, toRange } from "../../client/study-edit.ts";
import type { ParameterSpec } from "../../sim/distributions.ts";
import type { Problem } from "../../sim/problems.ts";
import { useId } from "preact/hooks";
import { plainMessage } from "../../client/field-problems.ts";
import { NumberField } from "./NumberField.tsx";

function sparkPath(
  spec: ParameterSpec,
  w: number,
  h: number,
): { path: string; marker: number } | null {
  const d = toDistribution(spec);
  if (d.dist === "fixed") return null;
  const lo = quantile(d, 0.005);
  const hi = quantile(d, 0.995);
  if (!(hi > lo)) return null;
  const xs = Array.from({ length: 41 }, (_, i) => lo + (hi - lo) * i / 40);
  const ys = xs.map((x) => density(d, x));
  const top = Math.max(...ys.filter(Number.isFinite), 1e-12);
  const path = xs.map((x, i) =>
    `${i ? "L" : "M"}${((x - lo) / (hi - lo) * w).toFixed(1)},${
      (h - ys[i] / top * (h - 2)).toFixed(1)
    }`
  ).join("");
  const median = quantile(d, 0.5);
  return { path, marker: (median - lo) / (hi - lo) * w };
}

export function Spark({ spec }: { spec: ParameterSpec }) {
  const shape = (() => {
    try {
      return sparkPath(spec, 90, 28);
    } catch {
      return null;
    }
  })();
  return (
    <svg class="spark" viewBox="0 0 90 28" preserveAspectRatio="none" aria-hidden="true">
      {shape
        ? (
          <>
            <path d={shape.path} fill="none" stroke="#0072B2" stroke-width="1.5" />
            <line x1={shape.marker} x2={shape.marker} y1="0" y2="28" stroke="#E69F00" />
          </>
        )
        : <line x1="45" x2="45" y1="2" y2="28" stroke="#0072B2" stroke-width="2" />}
    </svg>
  );
}

export function RangeInputs(
  { label, spec, fallback, step = 0.01, family = "lognormal", onChange, path, problems = [] }: {
    label: string;
    spec: ParameterSpec | undefined;
    fallback: number;
    step?: number;
    family?: "lognormal" | "beta" | "gamma";
    onChange: (spec: ParameterSpec) => void;
    /** The parameter's place in the study (for its problems and its fields' keys). */
    path: string;
    /** The study's problems about this parameter. */
    problems?: Problem[];
  },
) {
  const v = toRange(spec, fallback);
  const [lowEnd, highEnd] = intervalEnds(v.level);
  const errorId = `${useId()}-range-error`;
  const message = problems.length ? plainMessage(problems[0]) : null;
  const input = (key: "central" | "low" | "high", name: string) => (
    <NumberField
      label={`${label}: ${name}`}
      fieldKey={`${path}.${key}`}
      value={Number(v[key].toPrecision(6))}
      rule={{}}
      step={step}
      describedBy={message ? errorId : undefined}
      onValue={(x) => onChange(editRange(spec, fallback, key, x as number, family))}
    />
  );
  return (
    <>
      <tr>
        <th scope="row">{label}</th>
        <td>{input("central", "central value")}</td>
        <td>{input("low", `low (${lowEnd})`)}</td>
        <td>{input("high", `high (${highEnd})`)}</td>
        <td class="spark-cell">
          <Spark spec={spec ?? fallback} />
        </td>
      </tr>
      {message && (
        <tr class="row-error">
          <td colSpan={5}>
            <span id={errorId} class="field-error">{label}: {message}</span>
          </td>
        </tr>
      )}
    </>
  );
}
