/** Any two scenarios compared with each other (B − A, run by run): a choice of A and B, and the table. */
import { useSignal } from "@preact/signals";
import type { Results } from "../../sim/summary.ts";
import { compareScenarios } from "../../report/verdict.ts";
import { PairTable } from "../PairTable.tsx";

export function PairCompare({ results }: { results: Results }) {
  const names = results.scenarios.map((s) => s.name);
  const compared = results.scenarios.filter((s) => s.deltas).map((s) => s.name);
  // By default the first two scenarios after the baseline (or the baseline and the one).
  const a = useSignal(compared.length > 1 ? compared[0] : names[0]);
  const b = useSignal(compared.length > 1 ? compared[1] : compared[0] ?? names[0]);
  const valid = (n: string, fallback: string) => (names.includes(n) ? n : fallback);
  const A = valid(a.value, names[0]);
  const B = valid(b.value, names[names.length - 1]);
  const choose = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label>
      {label}
      <select
        value={value}
        data-testid={testId}
        onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)}
      >
        {names.map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
    </label>
  );
  return (
    <div data-testid="pair-compare">
      <div class="row">
        {choose("Scenario B", B, (v) => (b.value = v), "pair-b")}
        <span>against</span>
        {choose("scenario A", A, (v) => (a.value = v), "pair-a")}
      </div>
      <PairTable
        c={compareScenarios(results, A, B)}
        level={Math.round(results.interval * 100)}
      />
    </div>
  );
}
