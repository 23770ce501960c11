import { describe, expect, it } from 'vitest';
import {
  countTicks,
  dateLabeller,
  dateTickIndices,
  durationTicks,
  labelWidthPx,
  needsYear,
} from '../../src/app/report/chart-axis';

describe('countTicks', () => {
  it('gives whole numbers only, even for a handful of tickets (no 0.25)', () => {
    expect(countTicks(1).ticks).toEqual([0, 1]);
    expect(countTicks(3).ticks).toEqual([0, 1, 2, 3]);
    expect(countTicks(7).ticks).toEqual([0, 2, 4, 6, 8]);
  });

  it('ends at or above the maximum, so the top label is a real round value (3000 for 2400, not a cut 240)', () => {
    expect(countTicks(2400)).toEqual({ ticks: [0, 1000, 2000, 3000], domain: [0, 3000] });
    expect(countTicks(2000).domain).toEqual([0, 2000]);
  });

  it('draws 0 to 1 for no tickets', () => {
    expect(countTicks(0)).toEqual({ ticks: [0, 1], domain: [0, 1] });
  });
});

describe('durationTicks', () => {
  it('steps in whole minutes, hours or days, never repeating a label ("0m 0m 1m 1m")', () => {
    expect(durationTicks(1.3).ticks).toEqual([0, 1, 2]);
    expect(durationTicks(700).ticks).toEqual([0, 180, 360, 540, 720]);
    expect(durationTicks(50).ticks).toEqual([0, 15, 30, 45, 60]);
    expect(durationTicks(4 * 1440).ticks).toEqual([0, 1440, 2880, 4320, 5760]);
    for (const max of [0.5, 7, 100, 1000, 9000, 100_000]) {
      const { ticks } = durationTicks(max);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks.every((tick) => Number.isInteger(tick))).toBe(true);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
    }
  });
});

describe('dateTickIndices', () => {
  it('thins 90 days to what fits, keeping the last day and never crowding it', () => {
    const indices = dateTickIndices(90, 300, 50);
    expect(indices.length).toBeLessThanOrEqual(7);
    expect(indices.at(-1)).toBe(89);
    const gaps = indices.slice(1).map((value, i) => value - indices[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(Math.ceil(90 / 6));
  });

  it('shows every day when they fit', () => {
    expect(dateTickIndices(5, 500, 50)).toEqual([0, 1, 2, 3, 4]);
    expect(dateTickIndices(0, 500, 50)).toEqual([]);
  });
});

describe('date labels', () => {
  it('carries the year on a range that leaves this year, and in the locale’s digits', () => {
    expect(needsYear('2026-10-01', '2026-10-30', '2026-11-02')).toBe(false);
    expect(needsYear('2025-12-01', '2026-01-30', '2026-02-01')).toBe(true);
    expect(needsYear('2025-10-01', '2025-10-30', '2026-02-01')).toBe(true);
    expect(dateLabeller('en-US', true)('2025-12-01')).toBe('Dec 1, 2025');
    expect(dateLabeller('en-US', false)('2025-12-01')).toBe('Dec 1');
    expect(dateLabeller('fa', false)('2026-11-12')).toMatch(/[۰-۹]/);
    expect(dateLabeller('fa', false)('2026-11-12')).not.toMatch(/[0-9]/);
  });

  it('measures a label wider as it grows', () => {
    expect(labelWidthPx('Dec 1, 2025')).toBeGreaterThan(labelWidthPx('Dec 1'));
  });
});
