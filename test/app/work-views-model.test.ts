import { describe, expect, it } from 'vitest';
import {
  slaDailyVisibleTo,
  bucketLabeller,
  dataNow,
  otherKeys,
  rowsVisibleTo,
  shadeLevel,
  volumeChart,
  weekdayNames,
} from '../../src/app/report/work-views-model';
import type { Report } from '../../src/metrics/report-types';
import type { VolumeTrend } from '../../src/metrics/volume-trend';
import { makeTicket } from '../metrics/make-ticket';

describe('volumeChart', () => {
  const volume: VolumeTrend = {
    granularity: 'week',
    buckets: [
      { start: '2026-10-01', days: 4 },
      { start: '2026-10-05', days: 7 },
    ],
    by_type: [],
    by_channel: ['email', 'web', 'chat', 'api', 'voice', 'sms', 'mobile', null].map((key, i) => ({
      key,
      total: 16 - 2 * i,
      counts: [8 - i, 8 - i],
    })),
  };

  it('draws the five largest by name and sums the rest as other, keeping every total', () => {
    const chart = volumeChart(volume, 'channel');
    expect(chart.series.map((series) => [series.key, series.other, series.total])).toEqual([
      ['email', false, 16],
      ['web', false, 14],
      ['chat', false, 12],
      ['api', false, 10],
      ['voice', false, 8],
      [null, true, 6 + 4 + 2],
    ]);
    expect(chart.series.at(-1)!.counts).toEqual([3 + 2 + 1, 3 + 2 + 1]);
    expect(chart.total).toBe(16 + 14 + 12 + 10 + 8 + 6 + 4 + 2);
    expect(chart.rows[1]).toEqual({ start: '2026-10-05', days: 7, s0: 8, s1: 7, s2: 6, s3: 5, s4: 4, s5: 6 });
    expect(otherKeys(volume, 'channel')).toEqual(['sms', 'mobile', null]);
  });

  it('draws up to six series by name, with no other', () => {
    const six = { ...volume, by_channel: volume.by_channel.slice(0, 6) };
    expect(volumeChart(six, 'channel').series.every((series) => !series.other)).toBe(true);
    expect(otherKeys(six, 'channel')).toEqual([]);
  });
});

describe('the arrivals grid', () => {
  it('shades by share of the busiest cell, empty cells unshaded', () => {
    expect([0, 1, 25, 26, 50, 75, 100, null].map((value) => shadeLevel(value, 100))).toEqual([0, 1, 1, 2, 2, 3, 4, 0]);
    expect(shadeLevel(5, 0)).toBe(0);
  });

  it('names weekdays from Monday in the locale', () => {
    expect(weekdayNames('en-US')).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(weekdayNames('fa')[0]).toBe('دوشنبه');
  });
});

describe('the data’s now and who sees which rows', () => {
  it('takes the latest creation or solve, as the CLI does', () => {
    const tickets = [
      makeTicket({ id: 1, createdAt: 100 }),
      makeTicket({ id: 2, createdAt: 50, solvedAt: 300, status: 'solved' }),
      makeTicket({ id: 3, createdAt: 200 }),
    ];
    expect(dataNow(tickets)).toBe(300);
    expect(dataNow([])).toBeNull();
  });

  it('keeps the tickets of the agents the viewer sees, never the unassigned, unless they see all', () => {
    const rows = [7, 8, null].map((assigneeId, i) => ({
      ticket: makeTicket({ id: i + 1, assigneeId }),
      value: null,
      counted: null,
    }));
    expect(rowsVisibleTo(rows, 'all')).toHaveLength(3);
    expect(rowsVisibleTo(rows, new Set([7])).map((row) => row.ticket.id)).toEqual([1]);
  });
});

describe('bucket labels', () => {
  it('writes months by month and year, weeks by their first day', () => {
    expect(bucketLabeller('month', 'en-US', false)('2026-02-01')).toBe('Feb 2026');
    expect(bucketLabeller('week', 'en-US', false)('2026-10-05')).toBe('Oct 5');
    expect(bucketLabeller('week', 'en-US', true)('2025-12-29')).toBe('Dec 29, 2025');
  });
});

describe('slaDailyVisibleTo', () => {
  const rows = [
    { date: '2026-11-02', agent_id: 7, breached: 2, achieved: 5 },
    { date: '2026-11-02', agent_id: 8, breached: 1, achieved: 3 },
    { date: '2026-11-03', agent_id: 9, breached: 4, achieved: 0 },
    { date: '2026-11-03', agent_id: null, breached: 1, achieved: 1 },
  ];
  const report = { sla_daily: rows } as unknown as Report;

  it('keeps every row for a manager, the seen agents’ rows for a lead, the own row for an agent', () => {
    expect(slaDailyVisibleTo(report, 'all')).toBe(report);
    expect(slaDailyVisibleTo(report, new Set([7, 8])).sla_daily).toEqual(rows.slice(0, 2));
    expect(slaDailyVisibleTo(report, new Set([9])).sla_daily).toEqual([rows[2]]);
  });

  it('leaves a report without the rows as it is', () => {
    const without = {} as Report;
    expect(slaDailyVisibleTo(without, new Set([7]))).toBe(without);
  });
});
