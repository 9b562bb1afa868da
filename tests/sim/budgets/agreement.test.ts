/**
 * Risk/gain-share settlements worked by hand: the deadband, the gain and loss shares, the cap
 * and the floor, outcome payments and their withholding; and in any agreement the parties'
 * positions add up to the natural positions' sum (the system's gain).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { settle } from "../../../sim/budgets/agreement.ts";
import type { AgreementSpec } from "../../../sim/budgets/types.ts";

const base: AgreementSpec = {
  id: "a",
  name: "A",
  providers: ["acute", "community"],
  commissionerGainShare: 0.5,
  commissionerLossShare: 0.25,
  deadband: 200_000,
  cap: null,
  floor: null,
  weights: null,
  outcomePayment: null,
};
const none = { admissionsAvoided: 0, inequalityWidened: false };
/** Commissioner, acute, community, GP (not in the agreement). */
const members = [0, 1];
const weights = [0.75, 0.25];

const close = (a: ArrayLike<number>, b: number[]) =>
  b.forEach((v, i) => assert.ok(Math.abs(a[i] - v) < 1e-6, `party ${i}: ${a[i]} ≠ ${v}`));

Deno.test("a gain beyond the deadband is shared: half of the £800k beyond £200k to the commissioner", () => {
  // The commissioner paid £300k for the intervention; the acute trust saves £900k, community
  // £100k: together V = £1m, shared S = £800k, the commissioner's half T = £400k, paid by the
  // providers 3:1 (£300k and £100k). The GP's £50k stays its own.
  const s = settle(base, [-300_000, 900_000, 100_000, 50_000], members, weights, none);
  assert.equal(s.pooled, 1_000_000);
  assert.equal(s.transfer, 400_000);
  close(s.positions, [100_000, 600_000, 0, 50_000]);
});

Deno.test("within the deadband nothing moves", () => {
  const s = settle(base, [-300_000, 100_000, 50_000, 0], members, weights, none);
  assert.equal(s.transfer, 0);
  close(s.positions, [-300_000, 100_000, 50_000, 0]);
  const loss = settle(base, [0, -150_000, -40_000, 0], members, weights, none);
  assert.equal(loss.transfer, 0);
});

Deno.test("a loss beyond the deadband: the commissioner bears its loss share, up to the floor", () => {
  // V = −£1m, S = −£800k, the commissioner's quarter: it pays the providers £200k.
  const s = settle(base, [0, -1_000_000, 0, 0], members, weights, none);
  assert.equal(s.transfer, -200_000);
  close(s.positions, [-200_000, -1_000_000 + 150_000, 50_000, 0]);
  // With a floor of −£500k the providers end at −£500k: the commissioner pays £500k.
  const floored = settle(
    { ...base, floor: -500_000 },
    [0, -1_000_000, 0, 0],
    members,
    weights,
    none,
  );
  assert.equal(floored.transfer, -500_000);
  close(floored.positions, [-500_000, -625_000, 125_000, 0]);
});

Deno.test("the cap: the providers keep at most £1m; the rest of the gain goes to the commissioner", () => {
  // V = £3m, no deadband: half each would leave the providers £1.5m; capped at £1m.
  const a = { ...base, deadband: 0, cap: 1_000_000 };
  const s = settle(a, [0, 2_000_000, 1_000_000, 0], members, weights, none);
  assert.equal(s.transfer, 2_000_000);
  close(s.positions, [2_000_000, 2_000_000 - 1_500_000, 1_000_000 - 500_000, 0]);
});

Deno.test("outcome payments: £250 per admission avoided, none when inequality widens or admissions rise", () => {
  const a = {
    ...base,
    outcomePayment: { perAdmissionAvoided: 250, withheldIfInequalityWidens: true },
  };
  const paid = settle(a, [0, 0, 0, 0], members, weights, {
    admissionsAvoided: 120,
    inequalityWidened: false,
  });
  assert.equal(paid.outcomePayment, 30_000);
  close(paid.positions, [-30_000, 22_500, 7_500, 0]);
  const withheld = settle(a, [0, 0, 0, 0], members, weights, {
    admissionsAvoided: 120,
    inequalityWidened: true,
  });
  assert.equal(withheld.outcomePayment, 0);
  const kept = settle(
    { ...a, outcomePayment: { perAdmissionAvoided: 250, withheldIfInequalityWidens: false } },
    [0, 0, 0, 0],
    members,
    weights,
    { admissionsAvoided: 120, inequalityWidened: true },
  );
  assert.equal(kept.outcomePayment, 30_000);
  const rose = settle(a, [0, 0, 0, 0], members, weights, {
    admissionsAvoided: -40,
    inequalityWidened: false,
  });
  assert.equal(rose.outcomePayment, 0);
});

Deno.test("whatever the terms, the positions add up to the natural positions' sum", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -5e6, max: 5e6, noNaN: true }), { minLength: 4, maxLength: 4 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.option(fc.double({ min: 0, max: 3e6, noNaN: true })),
      fc.option(fc.double({ min: -3e6, max: 0, noNaN: true })),
      fc.integer({ min: -500, max: 500 }),
      fc.boolean(),
      (natural, gain, loss, deadband, cap, floor, avoided, widened) => {
        const a: AgreementSpec = {
          ...base,
          commissionerGainShare: gain,
          commissionerLossShare: loss,
          deadband,
          cap,
          floor,
          outcomePayment: { perAdmissionAvoided: 300, withheldIfInequalityWidens: true },
        };
        const s = settle(a, natural, members, weights, {
          admissionsAvoided: avoided,
          inequalityWidened: widened,
        });
        const total = natural.reduce((t, v) => t + v, 0);
        const after = s.positions.reduce((t, v) => t + v, 0);
        assert.ok(Math.abs(after - total) < 1e-6 * (1 + Math.abs(total)));
        // The providers' settlement stays within the cap and the floor.
        const kept = s.pooled - s.transfer;
        if (cap !== null) assert.ok(kept <= cap + 1e-6);
        if (floor !== null) assert.ok(kept >= floor - 1e-6);
      },
    ),
  );
});
