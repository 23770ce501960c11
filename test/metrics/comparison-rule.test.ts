import { describe, expect, it } from 'vitest';
import { compareAgent } from '../../src/metrics/agent-comparison';
import {
  LOW_BASIS,
  meaningfulGap,
  periodChange,
  previousPeriodHasData,
  standingAgainst,
} from '../../src/metrics/comparison-rule';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import { at, solvedTicket } from './make-ticket';

describe('meaningfulGap', () => {
  it('rates: ten points or more either way, counted in hundredths of a point', () => {
    expect(meaningfulGap('rate', 0.7, 0.6)).toBe('higher');
    expect(meaningfulGap('rate', 0.6, 0.7)).toBe('lower');
    expect(meaningfulGap('rate', 0.503, 0.5)).toBeNull();
    expect(meaningfulGap('rate', 0.69, 0.6)).toBeNull();
  });

  it('durations and counts: one and a half times or more, half or less; no ratio to zero', () => {
    expect(meaningfulGap('duration', 90, 60)).toBe('higher');
    expect(meaningfulGap('duration', 30, 60)).toBe('lower');
    expect(meaningfulGap('duration', 80, 60)).toBeNull();
    expect(meaningfulGap('count', 0, 25)).toBe('lower');
    expect(meaningfulGap('count', 3, 0)).toBeNull();
  });
});

describe('standingAgainst', () => {
  it('a 0.3-point gap is level, as in the report, not behind', () => {
    expect(standingAgainst('rate', 0.5, 0.503, 40, true)).toBe('level');
    expect(standingAgainst('rate', 0.4, 0.503, 40, true)).toBe('behind');
    expect(standingAgainst('rate', 0.4, 0.503, 40, false)).toBe('ahead');
  });

  it('no ticket behind the value: no standing; too few tickets: level', () => {
    expect(standingAgainst('count', 0, 25, 0, true)).toBeNull();
    expect(standingAgainst('duration', 10, 60, LOW_BASIS - 1, false)).toBe('level');
    expect(standingAgainst('duration', 10, 60, LOW_BASIS, false)).toBe('ahead');
  });

  it('no standing without both values or for a metric that is neither better nor worse', () => {
    expect(standingAgainst('rate', null, 0.5, 40, true)).toBeNull();
    expect(standingAgainst('rate', 0.5, null, 40, true)).toBeNull();
    expect(standingAgainst('count', 50, 10, 50, null)).toBeNull();
  });
});

describe('periodChange', () => {
  it('a change that rounds to nothing as shown is flat and neutral, never "down 0 points (worse)"', () => {
    expect(periodChange('rate', 0.8333, 0.83334, true, 100)).toEqual({ direction: 'flat', good: null, delta: 0 });
    expect(periodChange('rate', 0.5, 0.5, true, 100)).toEqual({ direction: 'flat', good: null, delta: 0 });
    expect(periodChange('duration', 60.2, 60, false, 100)).toEqual({ direction: 'flat', good: null, delta: 0 });
    expect(periodChange('count', 12, 12, true, 12)).toEqual({ direction: 'flat', good: null, delta: 0 });
  });

  it('a small change has a direction but is neither better nor worse; a large one is', () => {
    expect(periodChange('rate', 0.62, 0.6, true, 100)).toMatchObject({ direction: 'up', good: null });
    expect(periodChange('rate', 0.75, 0.6, true, 100)).toMatchObject({ direction: 'up', good: true });
    expect(periodChange('duration', 21, 60, false, 100)).toMatchObject({ direction: 'down', good: true, delta: -39 });
    expect(periodChange('duration', 120, 60, false, 100)).toMatchObject({ direction: 'up', good: false });
  });

  it('is null without a previous value (the backlog, or no previous data)', () => {
    expect(periodChange('count', 40, null, false, 40)).toBeNull();
  });
});

describe('previousPeriodHasData', () => {
  const from = Date.parse('2026-10-01T00:00:00Z');
  it('only when the account has data from the previous period’s start on', () => {
    expect(previousPeriodHasData(from, from - 1)).toBe(true);
    expect(previousPeriodHasData(from, from)).toBe(true);
    expect(previousPeriodHasData(from, from + 86_400_000)).toBe(false);
    expect(previousPeriodHasData(from, null)).toBe(false);
  });
});

describe('compareAgent uses the same rule', () => {
  const october = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
  const solvedBy = (id: number, assigneeId: number, overrides = {}) =>
    solvedTicket(id, '2026-10-10T00:00:00Z', { assigneeId, createdAt: at('2026-10-09T00:00:00Z'), ...overrides });
  const many = (first: number, count: number, assigneeId: number, overrides = {}) =>
    Array.from({ length: count }, (_, i) => solvedBy(first + i, assigneeId, overrides));

  it('someone with no tickets (a manager) is not behind on solved or anything else', () => {
    const report = computeReport([...many(1, 25, 7), ...many(100, 25, 8)], { window: october });
    const manager = compareAgent(report, 99);
    expect(manager.find((row) => row.metric === 'solved')).toMatchObject({ mine: 0, teamMedian: 25, standing: null });
    expect(manager.every((row) => row.standing === null)).toBe(true);
  });

  it('flags a clear gap on enough tickets and calls a small one level', () => {
    const report = computeReport(
      [
        ...many(1, 12, 7, { replyTimeCalendar: 10 }),
        ...many(100, 12, 8, { replyTimeCalendar: 60 }),
        ...many(200, 12, 9, { replyTimeCalendar: 70 }),
      ],
      { window: october },
    );
    const frt = (id: number) => compareAgent(report, id).find((row) => row.metric === 'frt')!;
    // The agents' medians are 10, 60 and 70: the team median is 60.
    expect(frt(7)).toMatchObject({ mine: 10, teamMedian: 60, standing: 'ahead' });
    expect(frt(9)).toMatchObject({ mine: 70, teamMedian: 60, standing: 'level' });
  });
});
