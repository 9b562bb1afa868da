/**
 * A risk/gain-share agreement's settlement in one iteration, over the horizon. Parties start
 * from where the change falls without an agreement (their "natural" positions): each provider
 * keeps the change in its own cost (it holds a fixed budget: a fall in its cost is its gain),
 * and whoever funds an intervention bears its cost. The agreement then moves money between the
 * commissioner and its providers:
 *
 *   V  = Σ natural positions of the agreement's providers (their gain together)
 *   S  = sign(V) · max(0, |V| − deadband)                     (the shared part)
 *   T  = gainShare · S if S > 0, lossShare · S if S < 0       (paid to the commissioner)
 *   Pa = clamp(V − T, floor, cap);  T' = V − Pa               (the providers' cap and floor)
 *   O  = perAdmissionAvoided · max(0, admissions avoided), 0 when withheld (inequality widened)
 *   commissioner = natural + T' − O;  provider p = natural_p + w_p · (O − T')
 *
 * Transfers add up to zero, so the parties' positions add up to the system's gain (minus the
 * change in total cost) in every iteration. A position above 0 is a gain.
 */
import type { AgreementSpec } from "./types.ts";

export interface OutcomeFacts {
  /** Baseline − scenario non-elective admissions over the horizon (above 0: avoided). */
  admissionsAvoided: number;
  /** Whether |SII of non-elective admissions| is wider than the baseline's at the horizon. */
  inequalityWidened: boolean;
}

export interface Settlement {
  /** Each party's position: the commissioner, then every provider (in the providers' order). */
  positions: Float64Array;
  /** The agreement's providers' natural gain together (V). */
  pooled: number;
  /** Paid by the agreement's providers to the commissioner (T'; below 0: paid to them). */
  transfer: number;
  /** Paid by the commissioner to the providers for outcomes (O). */
  outcomePayment: number;
}

/**
 * `natural`: commissioner first, then every provider; `members`: the agreement's providers'
 * indices among the providers, with their `weights` (adding up to 1).
 */
export function settle(
  a: AgreementSpec,
  natural: ArrayLike<number>,
  members: number[],
  weights: ArrayLike<number>,
  outcome: OutcomeFacts,
  into: Float64Array = new Float64Array(natural.length),
): Settlement {
  let pooled = 0;
  for (const p of members) pooled += natural[1 + p];
  const beyond = Math.max(0, Math.abs(pooled) - a.deadband);
  const shared = pooled > 0 ? beyond : pooled < 0 ? -beyond : 0;
  let transfer = shared > 0 ? a.commissionerGainShare * shared : a.commissionerLossShare * shared;
  let kept = pooled - transfer;
  if (a.cap !== null && kept > a.cap) kept = a.cap;
  if (a.floor !== null && kept < a.floor) kept = a.floor;
  transfer = pooled - kept;
  const pay = a.outcomePayment;
  const outcomePayment = pay && !(pay.withheldIfInequalityWidens && outcome.inequalityWidened)
    ? pay.perAdmissionAvoided * Math.max(0, outcome.admissionsAvoided)
    : 0;
  for (let k = 0; k < natural.length; k++) into[k] = natural[k];
  into[0] += transfer - outcomePayment;
  members.forEach((p, j) => (into[1 + p] += weights[j] * (outcomePayment - transfer)));
  return { positions: into, pooled, transfer, outcomePayment };
}
