import { describe, expect, it } from 'vitest';
import { latestInstant, viewsTable } from '../../src/cli/views-table';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import { at, makeTicket, solvedTicket } from '../metrics/make-ticket';

describe('the report table\'s "right now" lines', () => {
  const tickets = [
    makeTicket({ id: 1, status: 'new', createdAt: at('2026-10-05T13:30:00Z'), type: 'question' }),
    makeTicket({ id: 2, status: 'open', createdAt: at('2026-10-01T13:10:00Z'), assigneeId: 4, type: 'question' }),
    solvedTicket(3, '2026-10-06T09:00:00Z', { type: 'incident', channel: 'web' }),
  ];
  const now = latestInstant(tickets)!;
  const report = computeReport(tickets, { window: ReportWindow.of('2026-10-01', '2026-10-07', 'UTC'), now });

  it("takes now from the data's latest creation or solve", () => {
    expect(new Date(now).toISOString()).toBe('2026-10-06T09:00:00.000Z');
    expect(latestInstant([])).toBeNull();
  });

  it('names the backlog by status and age, the oldest, the busiest hours and the largest kinds', () => {
    expect(viewsTable(report)).toEqual([
      'Backlog as of 2026-10-06T09:00:00.000Z: 2 unsolved (1 new, 1 open, 0 pending, 0 on hold), 1 unassigned',
      '  by age: under 1 day 1, 1-3 days 0, 3-7 days 1, 7-30 days 0, 30+ days 0',
      // Ticket 3 was solved at now itself, and a change at an instant comes after it.
      '  over the period: 0 at the start, 3 at the end (+3), estimated from the metric sets (no ticket events)',
      '  oldest: #2 (4 d), #1 (0 d)',
      'Busiest hours (UTC): Monday 09:00-10:00 (1), Monday 13:00-14:00 (1), Thursday 13:00-14:00 (1)',
      'Created by type: question 2, incident 1; by channel: email 2, web 1 (per day in the JSON)',
    ]);
  });

  it('prints nothing for a report made without now', () => {
    expect(viewsTable(computeReport(tickets, { window: ReportWindow.of('2026-10-01', '2026-10-07', 'UTC') }))).toEqual(
      [],
    );
  });
});
