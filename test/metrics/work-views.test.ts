import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../../src/metrics/arrival-grid';
import { ageBucket, unsolvedAt } from '../../src/metrics/backlog-health';
import { computeReport, ticketsInPlay } from '../../src/metrics/compute-report';
import { workViewTicketsBehind, type WorkViewFocus } from '../../src/metrics/drill-down';
import { ReportWindow } from '../../src/metrics/report-window';
import type { TicketTimelines } from '../../src/metrics/ticket-timeline';
import { granularityFor } from '../../src/metrics/volume-trend';
import { at, makeTicket, solvedTicket } from './make-ticket';

// Hand-computed cases for METRICS.md, Version 3: backlog health, arrivals, volume.
const october = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
const NOW = at('2026-11-02T12:00:00Z');
const DAY = 86_400_000;

describe('backlog health', () => {
  const tickets = [
    makeTicket({ id: 1, status: 'new', createdAt: NOW - 2 * 3_600_000 }), // under 1 day, unassigned
    makeTicket({ id: 2, status: 'open', createdAt: NOW - DAY, assigneeId: 7 }), // exactly 1 day: 1–3
    makeTicket({ id: 3, status: 'pending', createdAt: NOW - 5 * DAY, assigneeId: 7 }), // 3–7
    makeTicket({ id: 4, status: 'hold', createdAt: NOW - 10 * DAY, assigneeId: 8 }), // 7–30
    makeTicket({ id: 5, status: 'open', createdAt: NOW - 40 * DAY }), // 30 and over, unassigned
    makeTicket({ id: 6, status: 'open', createdAt: NOW - 40 * DAY, tags: ['closed_by_merge'] }), // excluded
    makeTicket({ id: 7, status: 'deleted', createdAt: NOW - 3 * DAY }), // excluded
    solvedTicket(8, '2026-10-20T00:00:00Z'), // solved: not in the backlog now
  ];

  it('counts the unsolved tickets by age, status and assignment, with the oldest first', () => {
    const health = computeReport(tickets, { window: october, now: NOW }).backlog_health!;
    expect(health.as_of).toBe('2026-11-02T12:00:00.000Z');
    expect(health.total).toBe(5);
    expect(health.by_age).toEqual([1, 1, 1, 1, 1]);
    expect(health.by_status).toEqual({ new: 1, open: 2, pending: 1, hold: 1 });
    expect(health.unassigned).toBe(2);
    expect(health.oldest.map((ticket) => ticket.id)).toEqual([5, 4, 3, 2, 1]);
    expect(health.oldest[0]).toEqual({
      id: 5,
      created_at: '2026-09-23T12:00:00.000Z',
      age_minutes: 40 * 24 * 60,
      status: 'open',
      assignee_id: null,
      group_id: null,
    });
  });

  it('estimates the backlog at the start and end of the period from the metric sets without events', () => {
    const health = computeReport(tickets, { window: october, now: NOW }).backlog_health!;
    // At Oct 1 00:00: ticket 5 (created Sep 23). Ticket 8 was created Oct 19, after the start.
    // At Nov 1 00:00: 5, 4 (Oct 23), 3 (Oct 28); 8 was solved Oct 20.
    expect(health).toMatchObject({ start: 1, end: 3, change: 2, estimated: true });
  });

  it('reads the start and end from the status history when the ticket events are there', () => {
    const reopened = makeTicket({ id: 20, status: 'open', createdAt: at('2026-09-01T00:00:00Z') });
    const timelines: TicketTimelines = {
      ticketEvents: true,
      metricEvents: false,
      byTicket: new Map([
        [
          20,
          {
            ticketId: 20,
            people: null,
            assignees: [],
            statuses: [
              { at: at('2026-09-01T00:00:00Z'), status: 'new' },
              { at: at('2026-09-15T00:00:00Z'), status: 'solved' },
              { at: at('2026-11-01T00:00:00Z'), status: 'open' }, // at the end instant: after it
            ],
            slaTargets: [],
            ratedAssignee: null,
          },
        ],
      ]),
    };
    const health = computeReport([reopened], { window: october, now: NOW, timelines }).backlog_health!;
    expect(health).toMatchObject({ start: 0, end: 0, change: 0, estimated: false, total: 1 });
  });

  it('ends the period at now when the period runs past it', () => {
    const partial = ReportWindow.of('2026-11-01', '2026-11-30', 'UTC');
    const laterTicket = makeTicket({ id: 30, status: 'open', createdAt: NOW + DAY });
    const health = computeReport([...tickets, laterTicket], { window: partial, now: NOW }).backlog_health!;
    // Not yet created at now: neither in the backlog nor at the end.
    expect(health.total).toBe(5);
    expect(health.end).toBe(5);
  });

  it('keeps ten oldest only, ties by id', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      makeTicket({ id: 100 + i, status: 'open', createdAt: NOW - (i % 5) * DAY }),
    );
    const oldest = computeReport(many, { window: october, now: NOW }).backlog_health!.oldest;
    expect(oldest.map((ticket) => ticket.id)).toEqual([104, 109, 114, 119, 124, 103, 108, 113, 118, 123]);
  });

  it('places ages on the bucket bounds', () => {
    expect([0, DAY - 1, DAY, 3 * DAY - 1, 3 * DAY, 7 * DAY, 30 * DAY - 1, 30 * DAY].map(ageBucket)).toEqual([
      0, 0, 1, 1, 2, 3, 3, 4,
    ]);
  });

  it('treats a change at the instant itself as coming after it', () => {
    const ticket = makeTicket({ id: 1, status: 'solved', createdAt: 0, solvedAt: 100 });
    expect(unsolvedAt(ticket, undefined, 100)).toBe(true);
    expect(unsolvedAt(ticket, undefined, 101)).toBe(false);
    expect(unsolvedAt(ticket, undefined, 0)).toBe(false);
  });

  it('is absent when the report is not given now', () => {
    expect(computeReport(tickets, { window: october }).backlog_health).toBeUndefined();
  });
});

describe('arrivals', () => {
  it('counts created tickets by weekday and hour of the report zone, with each cell’s median FRT', () => {
    const zone = ReportWindow.of('2026-10-01', '2026-10-31', 'America/New_York');
    const tickets = [
      // 2026-10-05 is a Monday; 13:30 UTC is 09:30 in New York (EDT, UTC-4).
      makeTicket({ id: 1, createdAt: at('2026-10-05T13:30:00Z'), replyTimeCalendar: 10 }),
      makeTicket({ id: 2, createdAt: at('2026-10-12T13:05:00Z'), replyTimeCalendar: 30 }),
      makeTicket({ id: 3, createdAt: at('2026-10-12T13:59:00Z') }),
      // Sunday Oct 4, 23:10 in New York is Monday 03:10 UTC.
      makeTicket({ id: 4, createdAt: at('2026-10-05T03:10:00Z'), replyTimeCalendar: 5 }),
      // Outside the window: not counted.
      makeTicket({ id: 5, createdAt: at('2026-11-02T13:30:00Z') }),
    ];
    const grid = computeReport(tickets, { window: zone, now: NOW }).arrivals!;
    expect(grid.created[0]![9]).toBe(3);
    expect(grid.frt_median[0]![9]).toBe(20);
    expect(grid.created[6]![23]).toBe(1);
    expect(grid.frt_median[6]![23]).toBe(5);
    expect(grid.created.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(grid.frt_median[3]![3]).toBeNull();
    expect(grid.busiest).toEqual([
      { weekday: 0, hour: 9, created: 3 },
      { weekday: 6, hour: 23, created: 1 },
    ]);
  });

  it('reads the wall clock on a day that is not 24 hours long (DST ends 2026-11-01 in New York)', () => {
    const zone = ReportWindow.of('2026-11-01', '2026-11-01', 'America/New_York');
    // 07:30 UTC is 02:30 EST, after the clocks went back at 02:00 EDT (06:00 UTC).
    const grid = computeReport([makeTicket({ id: 1, createdAt: at('2026-11-01T07:30:00Z') })], {
      window: zone,
      now: NOW,
    }).arrivals!;
    expect(grid.created[6]![2]).toBe(1);
  });

  it('numbers weekdays from Monday', () => {
    expect(['2026-10-05', '2026-10-10', '2026-10-11'].map(isoWeekday)).toEqual([0, 5, 6]);
  });
});

describe('volume by type and channel', () => {
  it('groups by day below a quarter, by week from 90 days, by month past a year', () => {
    expect([1, 89, 90, 366, 367].map(granularityFor)).toEqual(['day', 'day', 'week', 'week', 'month']);
  });

  it('counts per day and orders series by total, none last', () => {
    const days = ReportWindow.of('2026-10-01', '2026-10-03', 'UTC');
    const tickets = [
      makeTicket({ id: 1, createdAt: at('2026-10-01T10:00:00Z'), type: 'question', channel: 'email' }),
      makeTicket({ id: 2, createdAt: at('2026-10-03T10:00:00Z'), type: 'incident', channel: 'web' }),
      makeTicket({ id: 3, createdAt: at('2026-10-03T11:00:00Z'), type: 'incident', channel: 'email' }),
      makeTicket({ id: 4, createdAt: at('2026-10-02T11:00:00Z'), type: null, channel: 'email' }),
      makeTicket({ id: 5, createdAt: at('2026-10-02T12:00:00Z'), type: 'question', channel: 'web' }),
    ];
    const volume = computeReport(tickets, { window: days, now: NOW }).volume!;
    expect(volume.granularity).toBe('day');
    expect(volume.buckets).toEqual([
      { start: '2026-10-01', days: 1 },
      { start: '2026-10-02', days: 1 },
      { start: '2026-10-03', days: 1 },
    ]);
    expect(volume.by_type).toEqual([
      { key: 'incident', total: 2, counts: [0, 0, 2] },
      { key: 'question', total: 2, counts: [1, 1, 0] },
      { key: null, total: 1, counts: [0, 1, 0] },
    ]);
    expect(volume.by_channel).toEqual([
      { key: 'email', total: 3, counts: [1, 1, 1] },
      { key: 'web', total: 2, counts: [0, 1, 1] },
    ]);
  });

  it('cuts ISO weeks at the window edges on a quarter', () => {
    // 2026-10-01 is a Thursday: the first week holds 4 days (Thu to Sun), then Mondays open weeks.
    const quarter = ReportWindow.of('2026-10-01', '2026-12-31', 'UTC');
    const volume = computeReport([makeTicket({ id: 1, createdAt: at('2026-10-05T00:00:00Z') })], {
      window: quarter,
      now: NOW,
    }).volume!;
    expect(volume.granularity).toBe('week');
    expect(volume.buckets.slice(0, 3)).toEqual([
      { start: '2026-10-01', days: 4 },
      { start: '2026-10-05', days: 7 },
      { start: '2026-10-12', days: 7 },
    ]);
    expect(volume.buckets.reduce((sum, bucket) => sum + bucket.days, 0)).toBe(92);
    expect(volume.by_channel[0]!.counts.slice(0, 3)).toEqual([0, 1, 0]);
  });

  it('groups by calendar month past a year', () => {
    const long = ReportWindow.of('2025-01-15', '2026-01-31', 'UTC');
    const volume = computeReport([makeTicket({ id: 1, createdAt: at('2025-02-28T23:00:00Z') })], {
      window: long,
      now: NOW,
    }).volume!;
    expect(volume.granularity).toBe('month');
    expect(volume.buckets[0]).toEqual({ start: '2025-01-15', days: 17 });
    expect(volume.buckets[1]).toEqual({ start: '2025-02-01', days: 28 });
    expect(volume.buckets).toHaveLength(13);
    expect(volume.by_channel[0]!.counts[1]).toBe(1);
  });

  it('follows the report filters', () => {
    const days = ReportWindow.of('2026-10-01', '2026-10-03', 'UTC');
    const tickets = [
      makeTicket({ id: 1, createdAt: at('2026-10-01T10:00:00Z'), channel: 'email' }),
      makeTicket({ id: 2, createdAt: at('2026-10-01T10:00:00Z'), channel: 'web' }),
    ];
    const report = computeReport(tickets, { window: days, now: NOW, filters: { channels: ['web'] } });
    expect(report.volume!.by_channel).toEqual([{ key: 'web', total: 1, counts: [1, 0, 0] }]);
    expect(report.arrivals!.busiest).toEqual([{ weekday: 3, hour: 10, created: 1 }]);
  });
});

describe('the tickets behind the work views', () => {
  const zone = 'America/New_York';
  const window = ReportWindow.of('2026-10-01', '2026-10-31', zone);
  const HOUR = 3_600_000;
  // A mixed account: every status, some unassigned, types and channels, replies, over September
  // to November, with tickets solved before, in and after October.
  const statuses = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
  const tickets = Array.from({ length: 120 }, (_, i) => {
    const createdAt = at('2026-09-10T00:00:00Z') + i * 13 * HOUR + (i % 7) * 17 * 60_000;
    const status = statuses[i % statuses.length]!;
    const solved = status === 'solved' || status === 'closed';
    return makeTicket({
      id: i + 1,
      createdAt,
      status,
      assigneeId: i % 4 === 0 ? null : 7 + (i % 3),
      type: [null, 'question', 'incident', 'problem'][i % 4]!,
      channel: ['email', 'web', 'api'][i % 3]!,
      solvedAt: solved ? createdAt + (i % 5) * 3 * DAY : null,
      replyTimeCalendar: i % 5 === 0 ? null : (i * 37) % 600,
    });
  });
  const options = { window, now: NOW };
  const report = computeReport(tickets, options);

  it('lists for each backlog number the tickets it counts', () => {
    const health = report.backlog_health!;
    const count = (focus: WorkViewFocus) => workViewTicketsBehind(tickets, options, focus).length;
    expect(count({ view: 'backlog' })).toBe(health.total);
    expect(health.by_age.map((_, bucket) => count({ view: 'backlog', bucket }))).toEqual(health.by_age);
    for (const status of ['new', 'open', 'pending', 'hold'] as const)
      expect(count({ view: 'backlog', status })).toBe(health.by_status[status]);
    expect(count({ view: 'backlog', unassigned: true })).toBe(health.unassigned);
    expect(count({ view: 'backlog_at', edge: 'start' })).toBe(health.start);
    expect(count({ view: 'backlog_at', edge: 'end' })).toBe(health.end);
    expect(health.total).toBeGreaterThan(0);
    expect(health.start).toBeGreaterThan(0);
    // The value is the age in whole minutes, as the oldest list gives it.
    const oldest = workViewTicketsBehind(tickets, options, { view: 'backlog' }).find(
      (row) => row.ticket.id === health.oldest[0]!.id,
    );
    expect(oldest!.value).toBe(health.oldest[0]!.age_minutes);
  });

  it('lists for each arrival cell its tickets, whose reply times give the cell’s median', () => {
    const grid = report.arrivals!;
    let cells = 0;
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const rows = workViewTicketsBehind(tickets, options, { view: 'arrivals', weekday, hour });
        expect(rows.length).toBe(grid.created[weekday]![hour]);
        const replies = rows.map((row) => row.value).filter((value): value is number => value !== null);
        expect(replies.length > 0 ? median(replies) : null).toBe(grid.frt_median[weekday]![hour]);
        if (rows.length > 0) cells++;
      }
    }
    expect(cells).toBeGreaterThan(10);
  });

  it('lists for each volume series and bucket its tickets', () => {
    const quarter = ReportWindow.of('2026-09-01', '2026-11-30', zone);
    const long = { window: quarter, now: NOW };
    const volume = computeReport(tickets, long).volume!;
    expect(volume.granularity).toBe('week');
    for (const dimension of ['type', 'channel'] as const) {
      for (const series of dimension === 'type' ? volume.by_type : volume.by_channel) {
        const focus = { view: 'volume', dimension, key: series.key } as const;
        expect(workViewTicketsBehind(tickets, long, focus).length).toBe(series.total);
        expect(
          volume.buckets.map((_, bucket) => workViewTicketsBehind(tickets, long, { ...focus, bucket }).length),
        ).toEqual(series.counts);
      }
    }
  });

  it('keeps, for a past window, the tickets its backlog at the start and end counts', () => {
    const september = ReportWindow.of('2026-09-20', '2026-09-24', zone);
    const past = { window: september, now: NOW };
    const all = computeReport(tickets, past).backlog_health!;
    // Tickets created before the 20th and solved after the 24th were unsolved all through it.
    const plain = computeReport(ticketsInPlay(tickets, september), past).backlog_health!;
    expect(all.start).toBeGreaterThan(plain.start);
    expect(all.end).toBeGreaterThan(plain.end);
    expect(computeReport(ticketsInPlay(tickets, september, undefined, true), past)).toEqual(
      computeReport(tickets, past),
    );
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
