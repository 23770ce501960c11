import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReport, ticketsInPlay } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import { TICKET_STATUSES, type TicketRecord } from '../../src/metrics/ticket-record';
import type { TicketTimeline, TicketTimelines } from '../../src/metrics/ticket-timeline';
import { makeTicket } from './make-ticket';

const FROM = Date.parse('2026-03-01T00:00:00Z');
const instant = fc.integer({ min: FROM - 5 * 86_400_000, max: FROM + 20 * 86_400_000 });
const person = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const window = ReportWindow.of('2026-03-01', '2026-03-14', 'UTC');

const caseArb = (id: number): fc.Arbitrary<[TicketRecord, TicketTimeline | null]> =>
  fc
    .tuple(
      fc.record({
        createdAt: instant,
        status: fc.constantFrom(...TICKET_STATUSES),
        assigneeId: person,
        solvedAt: fc.option(instant, { nil: null }),
        replies: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
        replyTimeCalendar: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
        satisfaction: fc.constantFrom('good' as const, 'bad' as const, null),
      }),
      fc.option(
        fc.record({
          people: fc.option(fc.record({ firstReplier: person, firstAssignee: person, solver: person }), { nil: null }),
          assignees: fc.array(fc.record({ at: instant, assigneeId: person }), { maxLength: 3 }),
          statuses: fc.array(fc.record({ at: instant, status: fc.constantFrom(...TICKET_STATUSES) }), { maxLength: 4 }),
          slaTargets: fc.array(
            fc.record({
              metric: fc.constantFrom('first_reply_time', 'next_reply_time', 'requester_wait_time'),
              instanceId: fc.integer({ min: 1, max: 3 }),
              state: fc.constantFrom('achieved' as const, 'breached' as const, 'active' as const),
              at: instant,
            }),
            { maxLength: 3 },
          ),
          ratedAssignee: person,
        }),
        { nil: null },
      ),
    )
    .map(([fields, events]) => [
      makeTicket({ id, ...fields }),
      events && {
        ticketId: id,
        ...events,
        assignees: [...events.assignees].sort((a, b) => a.at - b.at),
        statuses: [...events.statuses].sort((a, b) => a.at - b.at),
        slaTargets: events.slaTargets.map((t) => (t.state === 'active' ? { ...t, at: null } : t)),
      },
    ]);

const casesArb = fc
  .integer({ min: 0, max: 40 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => caseArb(i + 1))));

function split(cases: [TicketRecord, TicketTimeline | null][]): [TicketRecord[], TicketTimelines] {
  const byTicket = new Map<number, TicketTimeline>();
  for (const [, timeline] of cases) if (timeline) byTicket.set(timeline.ticketId, timeline);
  return [cases.map(([ticket]) => ticket), { byTicket, ticketEvents: true, metricEvents: true }];
}

describe('version 2 properties', () => {
  it('gives the same team block under either credit', () => {
    fc.assert(
      fc.property(casesArb, (cases) => {
        const [tickets, timelines] = split(cases);
        const actor = computeReport(tickets, { window, timelines, credit: 'actor' });
        const assignee = computeReport(tickets, { window, timelines, credit: 'assignee' });
        expect(actor.team).toEqual(assignee.team);
      }),
    );
  });

  it('adds the scorecards’ SLA and credited counts up to the team’s', () => {
    fc.assert(
      fc.property(casesArb, (cases) => {
        const [tickets, timelines] = split(cases);
        const report = computeReport(tickets, { window, timelines });
        const sum = (read: (a: (typeof report.agents)[number]) => number) =>
          report.agents.reduce((total, a) => total + read(a), 0);
        expect(sum((a) => a.sla!.all!.breached)).toBe(report.team.sla!.all!.breached);
        expect(sum((a) => a.sla!.all!.achieved)).toBe(report.team.sla!.all!.achieved);
        expect(sum((a) => a.sla_active!)).toBe(report.team.sla_active);
        expect(sum((a) => a.created)).toBe(report.team.created);
        expect(sum((a) => a.solved)).toBe(report.team.solved);
        expect(sum((a) => a.frt.n)).toBe(report.team.frt.n);
        expect(sum((a) => a.csat.denominator)).toBe(report.team.csat.denominator);
        const daily = report.sla_daily!.reduce((total, row) => total + row.breached + row.achieved, 0);
        expect(daily).toBe(report.team.sla!.all!.breached + report.team.sla!.all!.achieved);
      }),
    );
  });

  it('reports the same from the tickets in play as from all of them', () => {
    fc.assert(
      fc.property(casesArb, (cases) => {
        const [tickets, timelines] = split(cases);
        const all = computeReport(tickets, { window, timelines });
        const inPlay = computeReport(ticketsInPlay(tickets, window, timelines), { window, timelines });
        expect(inPlay).toEqual(all);
      }),
    );
  });

  it('without timelines is the version 1 report, whatever the credit asked for', () => {
    fc.assert(
      fc.property(casesArb, (cases) => {
        const [tickets] = split(cases);
        const v1 = computeReport(tickets, { window });
        expect(computeReport(tickets, { window, credit: 'actor' })).toEqual(v1);
        expect(Object.keys(v1)).toEqual(['window', 'hours', 'team', 'agents', 'daily']);
      }),
    );
  });
});
