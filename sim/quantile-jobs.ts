/**
 * The summary's quantile pass, in independent jobs: per-iteration values of up to JOB_COLUMNS
 * columns, column-major, answered in any thread (`answerQuantiles`: a pool's block workers, or
 * this thread) with exact type-7 quantiles, so the summary is the same wherever they ran.
 * `ColumnTable` fills a table's jobs a block of iterations at a time.
 */
import { quantileSorted, quantilesUnsorted } from "./quantiles.ts";
import { intervalProbabilities } from "./statistics.ts";

/** Low, median and high of every column (column c at index c). */
export interface ColumnQuantiles {
  low: Float64Array;
  median: Float64Array;
  high: Float64Array;
}

/** Columns of per-iteration values in one quantile job (the last job of a table may hold fewer). */
export const JOB_COLUMNS = 128;

/**
 * One piece of the summary's quantile pass: `columns` columns of `n` per-iteration values each,
 * column-major (`values[c·n + i]`). Jobs are independent, so they can be answered in any thread
 * (`answerQuantiles`, on the pool's workers or here) and in any order: each quantile is an exact
 * order statistic of its column, whatever order the values are in.
 */
export interface QuantileJob {
  values: Float32Array;
  n: number;
  columns: number;
  /** Coverage of the interval (its ends are the low and high quantiles). */
  interval: number;
  /** Columns (within the job) whose 101 percentiles (0%, 1%, …, 100%) are wanted too. */
  percentiles: number[];
}

/** A quantile job's answer: low, median and high of each column, and the percentiles asked for. */
export interface QuantileAnswer extends ColumnQuantiles {
  /** One array of 101 values per column in the job's `percentiles`, in that order. */
  percentiles: number[][];
}

/** Answers a quantile job (reorders its values). */
export function answerQuantiles(job: QuantileJob): QuantileAnswer {
  const { values, n, columns } = job;
  const ps = intervalProbabilities(job.interval);
  const column = (c: number) => values.subarray(c * n, (c + 1) * n);
  // The percentiles first, from a sorted copy: the quantiles below reorder the column.
  const percentiles = job.percentiles.map((c) => {
    const sorted = column(c).slice().sort();
    return Array.from({ length: 101 }, (_, k) => quantileSorted(sorted, k / 100));
  });
  const out = {
    low: new Float64Array(columns),
    median: new Float64Array(columns),
    high: new Float64Array(columns),
    percentiles,
  };
  for (let c = 0; c < columns; c++) {
    const [low, median, high] = quantilesUnsorted(column(c), ps);
    out.low[c] = low;
    out.median[c] = median;
    out.high[c] = high;
  }
  return out;
}

/**
 * A table of per-iteration values (n iterations × width columns) kept column-major in jobs of
 * JOB_COLUMNS columns, filled a block of iterations at a time: a block's rows are gathered
 * row-major, then each column's run of the block is copied into place.
 */
export class ColumnTable {
  readonly jobs: QuantileJob[] = [];
  private block = new Float32Array(0);
  private blockCount = 0;
  private blockStart = 0;

  constructor(readonly n: number, readonly width: number, interval: number) {
    for (let c0 = 0; c0 < width; c0 += JOB_COLUMNS) {
      const columns = Math.min(JOB_COLUMNS, width - c0);
      this.jobs.push({
        values: new Float32Array(columns * n),
        n,
        columns,
        interval,
        percentiles: [],
      });
    }
  }

  /** The row of iteration `start + i` of a block of `count` iterations starting at `start`. */
  row(start: number, count: number, i: number): Float32Array {
    if (this.blockStart !== start || this.blockCount !== count) {
      this.blockStart = start;
      this.blockCount = count;
      if (this.block.length < count * this.width) {
        this.block = new Float32Array(count * this.width);
      }
    }
    return this.block.subarray(i * this.width, (i + 1) * this.width);
  }

  /** Copies the block's rows into their columns. */
  flush(): void {
    const { block, blockStart: start, blockCount: count, width, n } = this;
    for (let j = 0; j < this.jobs.length; j++) {
      const { values, columns } = this.jobs[j];
      const c0 = j * JOB_COLUMNS;
      for (let i = 0; i < count; i++) {
        const from = i * width + c0;
        let to = start + i;
        for (let c = 0; c < columns; c++, to += n) values[to] = block[from + c];
      }
    }
  }

  /** Asks for the percentiles of column c. */
  wantPercentiles(c: number): void {
    this.jobs[Math.floor(c / JOB_COLUMNS)].percentiles.push(c % JOB_COLUMNS);
  }

  /** The answers of this table's jobs, joined: quantiles by column, percentiles by column. */
  join(answers: QuantileAnswer[]): ColumnQuantiles & { percentiles: Map<number, number[]> } {
    const out = {
      low: new Float64Array(this.width),
      median: new Float64Array(this.width),
      high: new Float64Array(this.width),
      percentiles: new Map<number, number[]>(),
    };
    answers.forEach((a, j) => {
      const c0 = j * JOB_COLUMNS;
      out.low.set(a.low, c0);
      out.median.set(a.median, c0);
      out.high.set(a.high, c0);
      this.jobs[j].percentiles.forEach((c, k) => out.percentiles.set(c0 + c, a.percentiles[k]));
    });
    return out;
  }
}
