/**
 * A parameter as central value and interval (labelled with its own level: 5% and 95% for a
 * 90% interval), with the implied distribution drawn beside it (its density over the central
 * 99%), so a user sees what "0.81 (0.72–0.91)" means.
 */
import { density, quantile, toDistribution } from "../../sim/distributions.ts";
import { editRange, intervalEnds, toRange } from "../../client/study-edit.ts";
import type { ParameterSpec } from "../../sim/distributions.ts";

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
  { label, spec, fallback, step = 0.01, family = "lognormal", onChange }: {
    label: string;
    spec: ParameterSpec | undefined;
    fallback: number;
    step?: number;
    family?: "lognormal" | "beta" | "gamma";
    onChange: (spec: ParameterSpec) => void;
  },
) {
  const v = toRange(spec, fallback);
  const [lowEnd, highEnd] = intervalEnds(v.level);
  const set = (key: "central" | "low" | "high", value: number) => {
    if (!Number.isFinite(value)) return;
    onChange(editRange(spec, fallback, key, value, family));
  };
  const input = (key: "central" | "low" | "high", name: string) => (
    <input
      type="number"
      step={step}
      value={Number(v[key].toPrecision(6))}
      aria-label={`${label}: ${name}`}
      onInput={(e) => set(key, (e.currentTarget as HTMLInputElement).valueAsNumber)}
    />
  );
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{input("central", "central value")}</td>
      <td>{input("low", `low (${lowEnd})`)}</td>
      <td>{input("high", `high (${highEnd})`)}</td>
      <td>
        <Spark spec={spec ?? fallback} />
      </td>
    </tr>
  );
}
