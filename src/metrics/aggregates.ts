/**
 * Order statistics without sorting: quickselect finds the k-th smallest value in O(n), which keeps
 * a million-ticket report linear instead of paying n log n per metric and per agent.
 */

/** Plain arrays in tests, typed arrays in the engine (no per-value boxing, no GC-scanned backing store). */
export type NumberArray = number[] | Float64Array;

/**
 * An append-only list of numbers in a Float64Array that doubles as it grows: a million durations
 * pushed into plain arrays cost more in garbage collection than the whole report otherwise does.
 */
export class ValueBuffer {
  private data = new Float64Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values as a view that summarize may reorder. */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export interface DurationSummary {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export interface Rate {
  rate: number | null;
  numerator: number;
  denominator: number;
}

/**
 * Rearranges `values[lo..hi]` so that `values[k]` holds the k-th smallest (0-based) value, every
 * value before it is <= it and every value after it is >= it. Three-way partitioning keeps runs of
 * equal values (durations are whole minutes, so there are many) from degrading to O(n^2).
 */
export function selectInPlace(values: NumberArray, k: number, lo = 0, hi = values.length - 1): number {
  while (hi > lo) {
    const a = values[lo]!;
    const b = values[(lo + hi) >>> 1]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = values[i]!;
      if (v < pivot) {
        values[i] = values[lt]!;
        values[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        values[i] = values[gt]!;
        values[gt] = v;
        gt--;
      } else {
        i++;
      }
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return values[k]!;
}

/** 1-based nearest rank of the 90th percentile, ceil(0.9·n), in integers: 0.9 * 30 is 27.000000000000004 in floating point. */
export function p90Rank(n: number): number {
  return Math.floor((9 * n + 9) / 10);
}

/**
 * `{n, median, p90, mean}` as METRICS.md defines them. Reorders `values` (it is the caller's
 * scratch array); never sorts it.
 */
export function summarize(values: NumberArray): DurationSummary {
  const n = values.length;
  if (n === 0) return { n: 0, median: null, p90: null, mean: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;

  const upper = n >>> 1; // 0-based index of x[n/2 + 1] (even n) or of the middle (odd n)
  const upperValue = selectInPlace(values, upper);
  let median: number;
  if (n % 2 === 1) {
    median = upperValue;
  } else {
    // After selection everything left of `upper` is <= it, so x[n/2] is the largest of them.
    let lowerValue = values[0]!;
    for (let i = 1; i < upper; i++) if (values[i]! > lowerValue) lowerValue = values[i]!;
    median = (lowerValue + upperValue) / 2;
  }
  const p90Index = p90Rank(n) - 1;
  const p90 = p90Index === upper ? upperValue : selectInPlace(values, p90Index, upper, n - 1);
  return { n, median, p90, mean: sum / n };
}

export function rate(numerator: number, denominator: number): Rate {
  return { rate: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}
