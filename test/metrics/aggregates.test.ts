import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { p90Rank, rate, selectInPlace, summarize } from '../../src/metrics/aggregates';

describe('summarize', () => {
  it('takes the middle value of an odd count', () => {
    expect(summarize([7, 1, 3])).toEqual({ n: 3, median: 3, p90: 7, mean: 11 / 3 });
  });

  it('averages the two middle values of an even count', () => {
    expect(summarize([10, 2, 4, 8]).median).toBe(6);
    expect(summarize([5, 5]).median).toBe(5);
    expect(summarize([1, 2]).median).toBe(1.5);
  });

  it('uses the nearest rank ceil(0.9·n) for p90', () => {
    // n = 10: rank 9. Values 1..10 in reverse.
    expect(summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).p90).toBe(9);
    // n = 11: ceil(9.9) = 10.
    expect(summarize([11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p90).toBe(10);
    // n = 1 and n = 2: rank 1 and rank 2.
    expect(summarize([42]).p90).toBe(42);
    expect(summarize([3, 1]).p90).toBe(3);
  });

  it('gets n = 30 right, where 0.9 * 30 is 27.000000000000004 in floating point', () => {
    const values = Array.from({ length: 30 }, (_, i) => 30 - i);
    expect(summarize(values).p90).toBe(27);
    expect(p90Rank(30)).toBe(27);
    expect(p90Rank(10)).toBe(9);
    expect(p90Rank(11)).toBe(10);
    expect(p90Rank(1)).toBe(1);
  });

  it('is null for no values', () => {
    expect(summarize([])).toEqual({ n: 0, median: null, p90: null, mean: null });
  });

  it('copes with long runs of equal values', () => {
    const values = [...Array.from({ length: 5000 }, () => 5), ...Array.from({ length: 5000 }, () => 9)];
    expect(summarize(values)).toEqual({ n: 10_000, median: 7, p90: 9, mean: 7 });
  });

  it('matches sorting for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const n = sorted.length;
        const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        const summary = summarize([...values]);
        expect(summary.median).toBe(median);
        expect(summary.p90).toBe(sorted[Math.ceil((9 * n) / 10) - 1]);
        expect(summary.median!).toBeGreaterThanOrEqual(sorted[0]!);
        expect(summary.median!).toBeLessThanOrEqual(sorted[n - 1]!);
      }),
    );
  });
});

describe('selectInPlace', () => {
  it('leaves smaller values before k and larger ones after', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (values, seed) => {
          const k = seed % values.length;
          const copy = [...values];
          const kth = selectInPlace(copy, k);
          expect(kth).toBe([...values].sort((a, b) => a - b)[k]);
          expect(copy[k]).toBe(kth);
          for (let i = 0; i < k; i++) expect(copy[i]!).toBeLessThanOrEqual(kth);
          for (let i = k + 1; i < copy.length; i++) expect(copy[i]!).toBeGreaterThanOrEqual(kth);
        },
      ),
    );
  });
});

describe('rate', () => {
  it('carries its parts and is null with no denominator', () => {
    expect(rate(1, 4)).toEqual({ rate: 0.25, numerator: 1, denominator: 4 });
    expect(rate(0, 0)).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});
