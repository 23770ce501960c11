import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/metrics/aggregates';
import { CreditedValues, summarizeEach } from '../../../src/metrics/columnar/credited-values';

/** summarize on each slot's values in ticket order, and on all of them for slot 0: what summarizeEach must equal. */
function expected(pairs: readonly (readonly [number, number])[], slotCount: number) {
  const bySlot: number[][] = Array.from({ length: slotCount }, () => []);
  for (const [value, slot] of pairs) {
    bySlot[slot]!.push(value);
    bySlot[0]!.push(value);
  }
  return bySlot.map((values) => summarize(values));
}

function credited(pairs: readonly (readonly [number, number])[]): CreditedValues {
  const list = new CreditedValues(4);
  for (const [value, slot] of pairs) list.push(value, slot);
  return list;
}

const SLOTS = 5;
/** Values from a few distinct ones (many equal, as whole minutes are) to any finite double. */
const valueArb = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: 50_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-Number.MAX_VALUE, Number.MAX_VALUE, Number.MIN_VALUE, 1 + Number.EPSILON),
);
const pairsArb = fc.array(fc.tuple(valueArb, fc.integer({ min: 1, max: SLOTS - 1 })), { maxLength: 3000 });

describe('summarizeEach', () => {
  it("equals summarize on each slot's values and on all of them", () => {
    fc.assert(
      fc.property(pairsArb, (pairs) => {
        // -0 and 0 are equal values; summarize may return either, so both sides read 0.
        const clean = pairs.map(([value, slot]) => [value === 0 ? 0 : value, slot] as const);
        expect(summarizeEach(credited(clean), SLOTS)).toStrictEqual(expected(clean, SLOTS));
      }),
      { numRuns: 300 },
    );
  });

  it('finds ranks where one bucket holds most values, and in a range too narrow to scale', () => {
    const crowded = Array.from({ length: 5000 }, (_, i) => [i % 7 === 0 ? 1e9 : i % 13, 1 + (i % 3)] as const);
    expect(summarizeEach(credited(crowded), 4)).toStrictEqual(expected(crowded, 4));
    const narrow = Array.from({ length: 100 }, (_, i) => [1 + (i % 3) * Number.EPSILON, 1] as const);
    expect(summarizeEach(credited(narrow), 2)).toStrictEqual(expected(narrow, 2));
  });

  it('gives an empty summary to a slot without values', () => {
    expect(summarizeEach(credited([[5, 2]]), 4)).toStrictEqual([
      { n: 1, median: 5, p90: 5, mean: 5 },
      { n: 0, median: null, p90: null, mean: null },
      { n: 1, median: 5, p90: 5, mean: 5 },
      { n: 0, median: null, p90: null, mean: null },
    ]);
  });
});
