/**
 * Exact type-7 quantiles (linear interpolation between order statistics, R's default) of
 * per-iteration values. A summary needs three quantiles of thousands of columns of 10,000 or
 * more values, so unsorted columns are not sorted: a bucket pass finds which few buckets hold
 * the wanted order statistics, and selection inside those buckets finds them exactly.
 * Hand-written rather than d3-array's quantile, which selects over each whole column: the bucket
 * pass was measured 3–4× faster at 10,000 values, and a summary has thousands of columns.
 */
// @ts-types="npm:@types/d3-array@3.2.1"
import { quantileSorted as d3QuantileSorted } from "d3-array";

/** Linear-interpolation quantile (type 7) of sorted values: d3-array's, NaN when there are none. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  return d3QuantileSorted(sorted as unknown as number[], p) ?? NaN;
}

/**
 * Puts the k-th smallest value (0-based) of a[from..to] (which must hold it) at a[k], by Hoare's
 * quickselect with a median-of-three pivot: smaller values end before k and larger ones after.
 * Returns an index `end` such that the (k+1)-th smallest value of a[from..to] is the least of
 * a[k+1..end] (when k < to): the upper end of the range before the last step that lowered it,
 * since every value beyond that range is at least every value inside it. O(to − from).
 */
export function selectKth(
  a: Float32Array | Float64Array,
  k: number,
  from: number,
  to: number,
): number {
  let lo = from;
  let hi = to;
  let end = to;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    let t: number;
    if (a[mid] < a[lo]) (t = a[mid], a[mid] = a[lo], a[lo] = t);
    if (a[hi] < a[lo]) (t = a[hi], a[hi] = a[lo], a[lo] = t);
    if (a[hi] < a[mid]) (t = a[hi], a[hi] = a[mid], a[mid] = t);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      end = hi;
      hi = j;
    } else if (k >= i) lo = i;
    else return hi; // a[j+1..i-1] all equal the pivot: a[k] is found
  }
  return end;
}

/** Type-7 quantile of unsorted values (reorders them). */
export function quantileUnsorted(a: Float32Array | Float64Array, p: number): number {
  return quantilesUnsorted(a, [p])[0];
}

/** Below this many values, plain selection beats the bucket pass. */
const BUCKET_MIN = 512;
/** At most this many buckets; fewer for shorter columns (about eight values a bucket). */
const BUCKETS = 1024;
let bucketOf = new Uint16Array(0);
let gathered = new Float64Array(0);
const starts = new Int32Array(BUCKETS + 1);
const wanted = new Uint8Array(BUCKETS);
const offsets = new Int32Array(BUCKETS);
const fill = new Int32Array(BUCKETS);

/**
 * Type-7 quantiles at probabilities `ps` (ascending) of unsorted values; may reorder them.
 * Values are spread over equal-width buckets (about eight values each, at most BUCKETS) between
 * the least and the greatest (bucket numbers grow with the value, since rounded subtraction and
 * multiplication are monotone); counting them gives the bucket of each wanted order statistic;
 * only those buckets' values are gathered and searched by selection. About three passes over the values, whatever their
 * distribution (heavy ties or outliers only make a bucket larger, never the answer wrong).
 */
export function quantilesUnsorted(a: Float32Array | Float64Array, ps: number[]): number[] {
  const n = a.length;
  if (n === 0) return ps.map(() => NaN);
  // Constant columns (a difference that common random numbers make exactly zero, a cost a
  // scenario never incurs) are common: no search needed.
  let min = a[0];
  let max = a[0];
  let finite = Number.isFinite(a[0]);
  for (let i = 1; i < n; i++) {
    const x = a[i];
    if (x < min) min = x;
    else if (x > max) max = x;
    else if (x !== x) finite = false;
  }
  if (finite && min === max) return ps.map(() => min);
  // NaN (a ratio of zeros) and infinities cannot be bucketed by value.
  if (n < BUCKET_MIN || !finite || !Number.isFinite(max - min)) {
    return quantilesBySelection(a, ps);
  }

  if (bucketOf.length < n) bucketOf = new Uint16Array(n);
  let B = 64;
  while (B < BUCKETS && B * 8 < n) B *= 2;
  starts.fill(0, 0, B + 1);
  const scale = B / (max - min);
  const last = B - 1;
  for (let i = 0; i < n; i++) {
    // (a[i] − min) · scale ≥ 0, so truncation is Math.floor; over a subnormal range the scale
    // is infinite and every value (NaN or ∞ here) goes to bucket 0, which keeps the counts.
    const t = ((a[i] - min) * scale) | 0;
    const b = t < last ? t : last;
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < B; b++) starts[b + 1] += starts[b];
  // The order statistics wanted: k and k + 1 for each probability.
  const ranks = new Array<number>(2 * ps.length);
  for (let j = 0; j < ps.length; j++) {
    const k = Math.floor((n - 1) * ps[j]);
    ranks[2 * j] = k;
    ranks[2 * j + 1] = Math.min(k + 1, n - 1);
  }
  const bucketOfRank = (r: number) => {
    let lo = 0;
    let hi = B - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  wanted.fill(0, 0, B);
  let total = 0;
  for (let j = 0; j < ranks.length; j++) {
    const b = bucketOfRank(ranks[j]);
    if (!wanted[b]) {
      wanted[b] = 1;
      offsets[b] = total;
      fill[b] = total;
      total += starts[b + 1] - starts[b];
    }
  }
  if (gathered.length < total) gathered = new Float64Array(Math.max(total, 1024));
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (wanted[b]) gathered[fill[b]++] = a[i];
  }
  const valueAt = (r: number) => {
    const b = bucketOfRank(r);
    const from = offsets[b];
    const to = from + starts[b + 1] - starts[b] - 1;
    const at = from + r - starts[b];
    selectKth(gathered, at, from, to);
    return gathered[at];
  };
  return ps.map((p, j) => {
    const h = (n - 1) * p;
    const k = ranks[2 * j];
    const below = valueAt(k);
    if (k + 1 >= n || h === k) return below;
    return below + (h - k) * (valueAt(k + 1) - below);
  });
}

/**
 * The same quantiles by selection alone (for short columns): each selection narrows the range
 * the next one searches, since the array is left partitioned.
 */
function quantilesBySelection(a: Float32Array | Float64Array, ps: number[]): number[] {
  const n = a.length;
  let from = 0;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const end = selectKth(a, k, from, n - 1);
    const below = a[k];
    from = k;
    if (k + 1 >= n || h === k) return below;
    let above = Infinity;
    for (let i = k + 1; i <= end; i++) if (a[i] < above) above = a[i];
    return below + (h - k) * (above - below);
  });
}
