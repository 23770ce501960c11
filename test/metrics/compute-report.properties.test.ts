import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { straightforwardReport } from '../../bench/straightforward-report';
import { computeReport, ticketsInPlay } from '../../src/metrics/compute-report';
import { DRILL_METRICS, ticketsBehind } from '../../src/metrics/drill-down';
import type { MetricBlock } from '../../src/metrics/report-types';
import { ReportWindow } from '../../src/metrics/report-window';
import { SATISFACTION_SCORES, TICKET_STATUSES, type TicketRecord } from '../../src/metrics/ticket-record';
import { makeTicket } from './make-ticket';

/** Tickets around a short window, with every field sometimes null, in whole minutes as Zendesk sends them. */
const WINDOW_START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 20 * 86_400_000;

const minutes = fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null, freq: 4 });
const smallCount = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 6 });
const instant = fc.integer({ min: WINDOW_START - 5 * 86_400_000, max: WINDOW_START + SPAN });

const ticketArb = (id: number): fc.Arbitrary<TicketRecord> =>
  fc.record({
    id: fc.constant(id),
    createdAt: instant,
    status: fc.constantFrom(...TICKET_STATUSES),
    assigneeId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    groupId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    brandId: fc.constant(null),
    channel: fc.constantFrom('email', 'web', null),
    type: fc.constant(null),
    priority: fc.constant(null),
    tags: fc.subarray(['escalated', 'vip', 'closed_by_merge', 'tier2']),
    satisfaction: fc.option(fc.constantFrom(...SATISFACTION_SCORES), { nil: null }),
    solvedAt: fc.option(instant, { nil: null, freq: 3 }),
    replies: smallCount,
    reopens: smallCount,
    groupStations: smallCount,
    assigneeStations: smallCount,
    replyTimeCalendar: minutes,
    replyTimeBusiness: minutes,
    firstResolutionCalendar: minutes,
    firstResolutionBusiness: minutes,
    fullResolutionCalendar: minutes,
    fullResolutionBusiness: minutes,
    requesterWaitCalendar: minutes,
    requesterWaitBusiness: minutes,
    agentWaitCalendar: minutes,
    agentWaitBusiness: minutes,
    onHoldCalendar: minutes,
    onHoldBusiness: minutes,
  });

const ticketsArb = fc
  .integer({ min: 0, max: 60 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => ticketArb(i + 1))));

const settingsArb = fc.record({
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'),
  hours: fc.constantFrom('calendar' as const, 'business' as const),
  escalation: fc.record({
    tags: fc.subarray(['escalated', 'tier2']),
    groupIds: fc.subarray([1, 2, 3]),
    minGroupStations: fc.integer({ min: 0, max: 3 }),
  }),
});

const windowFor = (timeZone: string) => ReportWindow.of('2026-03-01', '2026-03-14', timeZone);

function rates(block: MetricBlock): (number | null)[] {
  return [block.fcr.rate, block.one_touch.rate, block.reopen.rate, block.escalation.rate, block.csat.rate];
}

describe('report properties', () => {
  it('agrees with the straightforward implementation of METRICS.md', () => {
    fc.assert(
      fc.property(ticketsArb, settingsArb, (tickets, { timeZone, hours, escalation }) => {
        const window = windowFor(timeZone);
        const expected = straightforwardReport(tickets, window, hours, escalation);
        expect(computeReport(tickets, { window, hours, escalation })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every rate within [0, 1]', () => {
    fc.assert(
      fc.property(ticketsArb, settingsArb, (tickets, { timeZone, hours, escalation }) => {
        const result = computeReport(tickets, { window: windowFor(timeZone), hours, escalation });
        for (const block of [result.team, ...result.agents]) {
          for (const value of rates(block)) {
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
    );
  });

  it('puts each median between the smallest and largest value', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const window = windowFor('UTC');
        const result = computeReport(tickets, { window });
        const replies = tickets
          .filter((t) => t.status !== 'deleted' && !t.tags.includes('closed_by_merge') && window.contains(t.createdAt))
          .map((t) => t.replyTimeCalendar)
          .filter((value): value is number => value !== null);
        if (replies.length === 0) {
          expect(result.team.frt.median).toBeNull();
          return;
        }
        expect(result.team.frt.median!).toBeGreaterThanOrEqual(Math.min(...replies));
        expect(result.team.frt.median!).toBeLessThanOrEqual(Math.max(...replies));
        expect(result.team.frt.p90!).toBeGreaterThanOrEqual(result.team.frt.median!);
      }),
    );
  });

  it('adds the agents’ counts up to the team’s', () => {
    fc.assert(
      fc.property(ticketsArb, settingsArb, (tickets, { timeZone, hours, escalation }) => {
        const result = computeReport(tickets, { window: windowFor(timeZone), hours, escalation });
        const sum = (read: (block: MetricBlock) => number) =>
          result.agents.reduce((total, agent) => total + read(agent), 0);
        const counts: ((block: MetricBlock) => number)[] = [
          (b) => b.created,
          (b) => b.solved,
          (b) => b.backlog,
          (b) => b.frt.n,
          (b) => b.frt.unreplied,
          (b) => b.full_resolution.n,
          (b) => b.fcr.numerator,
          (b) => b.fcr.denominator,
          (b) => b.escalation.numerator,
          (b) => b.csat.numerator,
          (b) => b.csat.denominator,
          (b) => b.csat.offered,
        ];
        for (const read of counts) expect(sum(read)).toBe(read(result.team));
        expect(result.daily.reduce((total, day) => total + day.created, 0)).toBe(result.team.created);
        expect(result.daily.reduce((total, day) => total + day.solved, 0)).toBe(result.team.solved);
      }),
    );
  });

  it('does not depend on the order of the tickets', () => {
    fc.assert(
      fc.property(
        ticketsArb.chain((tickets) =>
          fc.tuple(fc.constant(tickets), fc.shuffledSubarray(tickets, { minLength: tickets.length })),
        ),
        settingsArb,
        ([tickets, shuffled], { timeZone, hours, escalation }) => {
          const window = windowFor(timeZone);
          expect(computeReport(shuffled, { window, hours, escalation })).toEqual(
            computeReport(tickets, { window, hours, escalation }),
          );
        },
      ),
    );
  });
});

describe('ticketsInPlay', () => {
  const filtersArb = fc.record(
    { groupIds: fc.subarray([1, 2, 3, null]), channels: fc.subarray(['email', 'web', null]) },
    { requiredKeys: [] },
  );

  it('a report and every drill-down of the tickets in play equal those of all the tickets', () => {
    fc.assert(
      fc.property(ticketsArb, settingsArb, filtersArb, (tickets, { timeZone, hours, escalation }, filters) => {
        const window = windowFor(timeZone);
        const options = { window, hours, escalation, filters, extras: true };
        const inPlay = ticketsInPlay(tickets, window);
        expect(computeReport(inPlay, options)).toEqual(computeReport(tickets, options));
        for (const metric of DRILL_METRICS) {
          expect(ticketsBehind(inPlay, options, metric, { kind: 'team' })).toEqual(
            ticketsBehind(tickets, options, metric, { kind: 'team' }),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out the tickets created and solved before the window, and those created after it', () => {
    const window = windowFor('UTC');
    const day = 86_400_000;
    const tickets: TicketRecord[] = [
      makeTicket({ id: 1, createdAt: WINDOW_START - 9 * day, status: 'closed', solvedAt: WINDOW_START - 8 * day }),
      makeTicket({ id: 2, createdAt: WINDOW_START - 9 * day, status: 'solved', solvedAt: WINDOW_START + day }),
      makeTicket({ id: 3, createdAt: WINDOW_START - 9 * day, status: 'open' }),
      makeTicket({ id: 4, createdAt: WINDOW_START + 30 * day, status: 'solved', solvedAt: WINDOW_START + 31 * day }),
      makeTicket({ id: 5, createdAt: WINDOW_START + 2 * day, status: 'new' }),
      makeTicket({ id: 6, createdAt: WINDOW_START - 9 * day, status: 'closed', solvedAt: WINDOW_START + 30 * day }),
    ];
    expect(ticketsInPlay(tickets, window).map((ticket) => ticket.id)).toEqual([2, 3, 5]);
  });
});
