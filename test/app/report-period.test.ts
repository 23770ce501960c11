import { describe, expect, it } from 'vitest';
import { periodFor, RANGE_PRESETS, type RangePreset } from '../../src/app/report/report-period';
import { WindowError } from '../../src/metrics/report-window';
import { granularityFor } from '../../src/metrics/volume-trend';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const day = (window: { firstDay: { year: number; month: number; day: number } }) =>
  `${window.firstDay.year}-${String(window.firstDay.month).padStart(2, '0')}-${String(window.firstDay.day).padStart(2, '0')}`;

describe("periodFor: presets count back from today in the viewer's zone", () => {
  const NOW = at('2026-11-15T12:00:00Z');

  it('last30 in UTC: 2026-10-17 .. 2026-11-15, previous 2026-09-17 .. 2026-10-16', () => {
    const { current, previous } = periodFor({ preset: 'last30' }, 'UTC', NOW);
    expect(current.labels[0]).toBe('2026-10-17');
    expect(current.labels.at(-1)).toBe('2026-11-15');
    expect(current.from).toBe(at('2026-10-17T00:00:00Z'));
    expect(current.to).toBe(at('2026-11-16T00:00:00Z'));
    expect(previous.labels[0]).toBe('2026-09-17');
    expect(previous.labels.at(-1)).toBe('2026-10-16');
    expect(previous.to).toBe(current.from);
  });

  it('today is one local day, and the previous period is yesterday', () => {
    const { current, previous } = periodFor({ preset: 'today' }, 'Asia/Tokyo', NOW);
    // 12:00Z is 21:00 in Tokyo on the 15th.
    expect(current.labels).toEqual(['2026-11-15']);
    expect(current.from).toBe(at('2026-11-14T15:00:00Z'));
    expect(current.to).toBe(at('2026-11-15T15:00:00Z'));
    expect(previous.labels).toEqual(['2026-11-14']);
    // Today so far (21 hours in Tokyo) against yesterday's first 21 hours, not all of yesterday.
    expect(previous.from).toBe(at('2026-11-13T15:00:00Z'));
    expect(previous.to).toBe(at('2026-11-14T12:00:00Z'));
  });

  it('a one-day custom range that is today compares with yesterday up to now; a past day with all of the day before', () => {
    const today = periodFor({ preset: 'custom', from: '2026-11-15', to: '2026-11-15' }, 'UTC', NOW);
    expect(today.previous.to).toBe(at('2026-11-14T12:00:00Z'));
    const past = periodFor({ preset: 'custom', from: '2026-11-10', to: '2026-11-10' }, 'UTC', NOW);
    expect(past.previous.from).toBe(at('2026-11-09T00:00:00Z'));
    expect(past.previous.to).toBe(at('2026-11-10T00:00:00Z'));
  });

  it('just after midnight, yesterday up to the same time is its first moment, not an empty or reversed window', () => {
    const { previous } = periodFor({ preset: 'today' }, 'UTC', at('2026-11-15T00:00:00Z'));
    expect(previous.from).toBe(at('2026-11-14T00:00:00Z'));
    expect(previous.to).toBeGreaterThan(previous.from);
    expect(previous.to - previous.from).toBe(1);
  });

  it('uses the local date, not the UTC one: late evening in New York is still the day before in UTC terms', () => {
    // 2026-11-16T03:30Z is 22:30 on the 15th in New York.
    const { current } = periodFor({ preset: 'last7' }, 'America/New_York', at('2026-11-16T03:30:00Z'));
    expect(current.labels[0]).toBe('2026-11-09');
    expect(current.labels.at(-1)).toBe('2026-11-15');
  });

  it('a week across the end of DST in New York is 169 hours; the previous week 168', () => {
    // 2026-11-01: clocks go back from 02:00 EDT to 01:00 EST. 03:30Z on Nov 2 is 22:30 EST on Nov 1.
    const { current, previous } = periodFor({ preset: 'last7' }, 'America/New_York', at('2026-11-02T03:30:00Z'));
    expect(current.labels).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(current.from).toBe(at('2026-10-26T04:00:00Z'));
    expect(current.to).toBe(at('2026-11-02T05:00:00Z'));
    expect(current.to - current.from).toBe(169 * HOUR);
    expect(previous.labels[0]).toBe('2026-10-19');
    expect(previous.to - previous.from).toBe(168 * HOUR);
    expect(previous.to).toBe(current.from);
  });

  it('a week across the start of DST in Berlin is 167 hours', () => {
    // 2026-03-29: clocks go forward from 02:00 CET to 03:00 CEST.
    const { current } = periodFor({ preset: 'last7' }, 'Europe/Berlin', at('2026-03-31T12:00:00Z'));
    expect(current.labels[0]).toBe('2026-03-25');
    expect(current.from).toBe(at('2026-03-24T23:00:00Z'));
    expect(current.to).toBe(at('2026-03-31T22:00:00Z'));
    expect(current.to - current.from).toBe(167 * HOUR);
  });

  it.each(RANGE_PRESETS.filter((preset): preset is Exclude<RangePreset, 'custom'> => preset !== 'custom'))(
    '%s: the previous period has as many days and ends the day before (today: up to the same time)',
    (preset) => {
      const { current, previous } = periodFor({ preset }, 'Europe/Berlin', NOW);
      expect(current.days).toBe({ today: 1, last7: 7, last30: 30, last90: 90, last365: 365 }[preset]);
      expect(previous.days).toBe(current.days);
      expect(previous.to).toBe(preset === 'today' ? NOW - 86_400_000 : current.from);
      expect(current.labels.at(-1)).toBe('2026-11-15');
    },
  );
});

describe('periodFor: the year', () => {
  it('last365 runs from the same day a year ago, the day after, to today; its charts go by week', () => {
    const { current, previous } = periodFor({ preset: 'last365' }, 'UTC', at('2026-11-15T12:00:00Z'));
    expect(current.labels[0]).toBe('2025-11-16');
    expect(current.labels.at(-1)).toBe('2026-11-15');
    expect(previous.labels[0]).toBe('2024-11-16');
    expect(previous.labels.at(-1)).toBe('2025-11-15');
    expect(granularityFor(current.days)).toBe('week');
    expect(granularityFor(periodFor({ preset: 'last90' }, 'UTC', at('2026-11-15T12:00:00Z')).current.days)).toBe(
      'week',
    );
  });
});

describe('periodFor: custom days', () => {
  const NOW = at('2026-11-15T12:00:00Z');

  it('takes the days as given, both included; the previous period is as long, just before', () => {
    const { current, previous } = periodFor({ preset: 'custom', from: '2026-10-01', to: '2026-10-10' }, 'UTC', NOW);
    expect(current.days).toBe(10);
    expect(day(current)).toBe('2026-10-01');
    expect(current.labels.at(-1)).toBe('2026-10-10');
    expect(previous.days).toBe(10);
    expect(previous.labels[0]).toBe('2026-09-21');
    expect(previous.labels.at(-1)).toBe('2026-09-30');
  });

  it('a single custom day compares with the day before', () => {
    const { current, previous } = periodFor({ preset: 'custom', from: '2026-03-01', to: '2026-03-01' }, 'UTC', NOW);
    expect(current.labels).toEqual(['2026-03-01']);
    expect(previous.labels).toEqual(['2026-02-28']);
  });

  it('falls back to the last 30 days while a day is missing or not a date', () => {
    const fallback = periodFor({ preset: 'last30' }, 'UTC', NOW);
    for (const choice of [{ from: '2026-10-01' }, { to: '2026-10-01' }, { from: '2026-02-30', to: '2026-03-02' }, {}]) {
      const { current } = periodFor({ preset: 'custom', ...choice }, 'UTC', NOW);
      expect(current.from).toBe(fallback.current.from);
      expect(current.to).toBe(fallback.current.to);
    }
  });

  it('throws a WindowError for a first day after the last', () => {
    expect(() => periodFor({ preset: 'custom', from: '2026-10-10', to: '2026-10-01' }, 'UTC', NOW)).toThrow(
      WindowError,
    );
  });
});
