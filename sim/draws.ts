/**
 * How the engine obtains counts. The same simulation code runs with random draws (Monte Carlo)
 * or with their expectations (expected-value mode), so the two modes cannot drift apart.
 */
import type { IterationKey } from "./rng.ts";
import { Stream } from "./rng.ts";
import { binomial, poisson } from "./samplers.ts";

export interface Draws {
  /** True when counts are their expectations: nothing is drawn, so nothing can be reused. */
  readonly expected: boolean;
  /** Moves to the start of a draw site (no effect in expected-value mode). */
  at(site: number): void;
  binomial(n: number, p: number): number;
  poisson(mean: number): number;
}

/** Random counts from the iteration's streams. */
export class RandomDraws implements Draws {
  readonly expected: boolean = false;
  private readonly stream = new Stream();
  constructor(private readonly key: IterationKey) {}
  at(site: number): void {
    this.stream.reset(this.key, site);
  }
  binomial(n: number, p: number): number {
    return binomial(this.stream, n, p);
  }
  poisson(mean: number): number {
    return poisson(this.stream, mean);
  }
}

/** Expected counts: n·p and the mean. */
export class ExpectedDraws implements Draws {
  readonly expected: boolean = true;
  at(_site: number): void {}
  binomial(n: number, p: number): number {
    return n * p;
  }
  poisson(mean: number): number {
    return mean;
  }
}
