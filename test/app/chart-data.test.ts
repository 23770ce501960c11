import { describe, expect, it } from 'vitest';
import { backlogFromHistory, breachGrid, dayPoints, slaDays, weeklyCsat } from '../../src/app/report/chart-data';
import type { DailyRow } from '../../src/metrics/report-types';

const row = (
  date: string,
  created: number,
  solved: number,
  good = 0,
  bad = 0,
  frt: number | null = null,
): DailyRow => ({
  date,
  created,
  solved,
  frt_median: frt,
  csat_good: good,
  csat_bad: bad,
});

describe('dayPoints', () => {
  it('walks the backlog back from today: a day ends with what the next day started with', () => {
    const daily = [row('2026-11-01', 3, 1, 0, 0, 12), row('2026-11-02', 2, 2), row('2026-11-03', 1, 4, 0, 0, 30)];
    expect(dayPoints(daily, 10)).toEqual([
      { date: '2026-11-01', created: 3, solved: 1, backlog: 13, frtMedian: 12 },
      { date: '2026-11-02', created: 2, solved: 2, backlog: 13, frtMedian: null },
      { date: '2026-11-03', created: 1, solved: 4, backlog: 10, frtMedian: 30 },
    ]);
  });

  it('never shows a negative backlog, though it keeps walking from the true figure', () => {
    const daily = [row('2026-11-01', 0, 0), row('2026-11-02', 0, 3), row('2026-11-03', 5, 0)];
    // End of day 3: 1; day 2: 1 - 5 = -4 → 0; day 1: -4 + 3 = -1 → 0.
    expect(dayPoints(daily, 1).map((point) => point.backlog)).toEqual([0, 0, 1]);
    const recovering = [row('2026-11-01', 0, 0), row('2026-11-02', 0, 6), row('2026-11-03', 5, 0)];
    // Day 2: 1 - 5 = -4 → 0; day 1: -4 + 6 = 2.
    expect(dayPoints(recovering, 1).map((point) => point.backlog)).toEqual([2, 0, 1]);
  });

  it('is empty for no days', () => {
    expect(dayPoints([], 7)).toEqual([]);
  });
});

describe('weeklyCsat', () => {
  it("groups days in weeks from the window's first day; a week without ratings has no CSAT", () => {
    const daily = Array.from({ length: 10 }, (_, i) =>
      row(`2026-10-${String(17 + i).padStart(2, '0')}`, 0, 0, i < 7 ? i % 2 : 0, i === 3 ? 1 : 0),
    );
    // Days 0..6: good on days 1, 3, 5 (3), bad on day 3 (1): 3/4. Days 7..9: none.
    expect(weeklyCsat(daily)).toEqual([
      { start: '2026-10-17', csat: 0.75, responses: 4 },
      { start: '2026-10-24', csat: null, responses: 0 },
    ]);
  });

  it('a 30-day window has five weeks, the last two days long', () => {
    const daily = Array.from({ length: 30 }, (_, i) => row(`d${i}`, 0, 0, i >= 28 ? 1 : 0, i === 29 ? 1 : 0));
    const weeks = weeklyCsat(daily);
    expect(weeks.map((week) => week.start)).toEqual(['d0', 'd7', 'd14', 'd21', 'd28']);
    expect(weeks.at(-1)).toEqual({ start: 'd28', csat: 2 / 3, responses: 3 });
  });
});

describe('backlog per day', () => {
  it('uses the status history when every day has it, not the estimate', () => {
    const daily = [
      { ...row('2026-11-01', 3, 1), backlog: 40 },
      { ...row('2026-11-02', 2, 2), backlog: 38 },
    ];
    expect(backlogFromHistory(daily)).toBe(true);
    expect(dayPoints(daily, 10).map((point) => point.backlog)).toEqual([40, 38]);
    expect(backlogFromHistory([row('2026-11-01', 3, 1)])).toBe(false);
  });
});

describe('SLA per day', () => {
  const daily = [row('2026-11-01', 0, 0), row('2026-11-02', 0, 0), row('2026-11-03', 0, 0)];
  const sla = [
    { date: '2026-11-01', agent_id: 7, breached: 2, achieved: 1 },
    { date: '2026-11-01', agent_id: null, breached: 1, achieved: 0 },
    { date: '2026-11-03', agent_id: 5, breached: 0, achieved: 4 },
    { date: '2026-11-03', agent_id: 7, breached: 3, achieved: 0 },
  ];

  it('sums the agents per day, every day of the window present', () => {
    expect(slaDays(daily, sla)).toEqual([
      { date: '2026-11-01', breached: 3, achieved: 1 },
      { date: '2026-11-02', breached: 0, achieved: 0 },
      { date: '2026-11-03', breached: 3, achieved: 4 },
    ]);
  });

  it('lays the breaches out agents by days, unassigned last, zeros where none', () => {
    expect(breachGrid(daily, sla)).toEqual({
      dates: ['2026-11-01', '2026-11-02', '2026-11-03'],
      agents: [5, 7, null],
      breaches: [
        [0, 0, 0],
        [2, 0, 3],
        [1, 0, 0],
      ],
      totals: [0, 5, 1],
    });
  });

  it('refuses a row for a day the report does not have, naming it', () => {
    expect(() => breachGrid(daily, [{ date: '2026-12-01', agent_id: 1, breached: 1, achieved: 0 }])).toThrow(
      '2026-12-01',
    );
  });
});
