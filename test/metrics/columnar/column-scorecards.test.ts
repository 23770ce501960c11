import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnsError, columnScorecards, type ScorecardColumns } from '../../../src/metrics/columnar/column-scorecards';
import { ColumnScratch } from '../../../src/metrics/columnar/credited-values';
import { computeReport } from '../../../src/metrics/compute-report';
import { ReportWindow } from '../../../src/metrics/report-window';
import type { ReportFilters } from '../../../src/metrics/settings';
import { SATISFACTION_SCORES, TICKET_STATUSES, type TicketRecord } from '../../../src/metrics/ticket-record';
import { encodeTicketColumns, storedTicketColumns } from '../../../src/zendesk/ticket-columns';
import { interleaved } from '../../zendesk/interleaved-columns';
import { makeTicket, solvedTicket } from '../make-ticket';

/** The cache's columns, as stored: the scorecards read them as they are. */
function columnsOf(tickets: readonly TicketRecord[]): ScorecardColumns {
  return encodeTicketColumns(tickets);
}

const WINDOW_START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 20 * 86_400_000;
const windowFor = (timeZone: string) => ReportWindow.of('2026-03-01', '2026-03-14', timeZone);

/** Whole minutes as Zendesk sends them, and now and then fractions, whose sums depend on their order. */
const minutes = fc.option(
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 20_000 }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 20_000, noNaN: true }) },
  ),
  { nil: null, freq: 4 },
);
const smallCount = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 6 });
const instant = fc.integer({ min: WINDOW_START - 5 * 86_400_000, max: WINDOW_START + SPAN });

const ticketArb = (id: number): fc.Arbitrary<TicketRecord> =>
  fc.record({
    id: fc.constant(id),
    createdAt: instant,
    status: fc.constantFrom(...TICKET_STATUSES),
    assigneeId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    groupId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    brandId: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    channel: fc.constantFrom('email', 'web', null),
    type: fc.constantFrom('question', 'incident', null),
    priority: fc.constantFrom('low', 'high', null),
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
  .integer({ min: 0, max: 80 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => ticketArb(i + 1))));

const filtersArb: fc.Arbitrary<ReportFilters> = fc.record(
  {
    groupIds: fc.subarray([1, 2, 3, null]),
    brandIds: fc.subarray([1, 2, null]),
    channels: fc.subarray(['email', 'web', 'chat', null]),
    types: fc.subarray(['question', 'incident', null]),
    priorities: fc.subarray(['low', 'high', null]),
  },
  { requiredKeys: [] },
);

const settingsArb = fc.record({
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'),
  hours: fc.constantFrom('calendar' as const, 'business' as const),
  escalation: fc.record({
    tags: fc.subarray(['escalated', 'tier2']),
    groupIds: fc.subarray([1, 2, 3]),
    minGroupStations: fc.integer({ min: 0, max: 3 }),
  }),
  filters: filtersArb,
});

const names = new Map([
  [1, 'Ana'],
  [3, 'Bo'],
]);

describe('columnScorecards', () => {
  it("equals computeReport's team block and scorecards on random tickets, in either hours mode, with filters", () => {
    fc.assert(
      fc.property(ticketsArb, settingsArb, (tickets, { timeZone, hours, escalation, filters }) => {
        const options = { window: windowFor(timeZone), hours, escalation, filters, agentNames: names };
        const { team, agents } = computeReport(tickets, options);
        expect(columnScorecards(columnsOf(tickets), options)).toStrictEqual({ team, agents });
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same numbers from a cache of the interleaved format, read as columns', () => {
    fc.assert(
      fc.property(ticketsArb, settingsArb, (tickets, { timeZone, hours, escalation, filters }) => {
        const options = { window: windowFor(timeZone), hours, escalation, filters, agentNames: names };
        const old = storedTicketColumns(structuredClone(interleaved(encodeTicketColumns(tickets))))!;
        expect(columnScorecards(old, options)).toStrictEqual(columnScorecards(columnsOf(tickets), options));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same numbers with memory kept from earlier reports of other tickets', () => {
    const scratch = new ColumnScratch();
    fc.assert(
      fc.property(ticketsArb, settingsArb, (tickets, { timeZone, hours, escalation, filters }) => {
        const options = { window: windowFor(timeZone), hours, escalation, filters };
        const { team, agents } = computeReport(tickets, options);
        expect(columnScorecards(columnsOf(tickets), { ...options, scratch })).toStrictEqual({ team, agents });
      }),
      { numRuns: 100 },
    );
  });

  it('finds each assignee among many, with ids above 2^31 as Zendesk gives them', () => {
    const tickets = Array.from({ length: 3000 }, (_, i) =>
      solvedTicket(i + 1, '2026-03-05T10:00:00Z', {
        assigneeId: i % 5 === 0 ? null : 361_000_000_000 + ((i * 7919) % 500) * 4_294_967_296,
        fullResolutionCalendar: i % 97,
      }),
    );
    const options = { window: windowFor('UTC') };
    const { team, agents } = computeReport(tickets, options);
    expect(agents).toHaveLength(new Set(tickets.map((ticket) => ticket.assigneeId)).size);
    expect(agents.length).toBeGreaterThan(300);
    expect(columnScorecards(columnsOf(tickets), options)).toStrictEqual({ team, agents });
  });

  it('takes medians, nearest-rank p90 and rates as METRICS.md defines them', () => {
    const solved = (id: number, minutesToResolve: number, overrides: Partial<TicketRecord> = {}) =>
      solvedTicket(id, '2026-03-05T10:00:00Z', {
        assigneeId: 7,
        fullResolutionCalendar: minutesToResolve,
        ...overrides,
      });
    const tickets = [
      solved(1, 10),
      solved(2, 40, { replies: 2, satisfaction: 'good' }),
      solved(3, 20, { reopens: 1, satisfaction: 'bad' }),
      solved(4, 30, { satisfaction: 'good', assigneeId: null }),
      makeTicket({ id: 5, status: 'open', assigneeId: 7 }),
    ];
    const { team, agents } = columnScorecards(columnsOf(tickets), { window: windowFor('UTC') });
    expect(team.full_resolution).toEqual({ n: 4, median: 25, p90: 40, mean: 25 });
    expect(team.fcr).toEqual({ rate: 2 / 4, numerator: 2, denominator: 4 });
    expect(team.csat).toEqual({ rate: 2 / 3, numerator: 2, denominator: 3, offered: 3 });
    expect(team.backlog).toBe(1);
    expect(agents.map((agent) => [agent.id, agent.solved, agent.full_resolution.median])).toEqual([
      [7, 3, 20],
      [null, 1, 30],
    ]);
  });

  it('says which column is wrong, and where', () => {
    const tickets = [solvedTicket(1, '2026-03-05T10:00:00Z', { satisfaction: 'good' })];
    const window = windowFor('UTC');
    const run = (change: (columns: ScorecardColumns) => ScorecardColumns) => () =>
      columnScorecards(change(columnsOf(tickets)), { window });
    expect(run((c) => ({ ...c, numbers: { ...c.numbers, solvedAt: new Float64Array(2) } }))).toThrow(
      new ColumnsError('numbers.solvedAt holds 2 values, expected 1 for 1 tickets'),
    );
    expect(run(({ numbers: { solvedAt: _solvedAt, ...numbers }, ...c }) => ({ ...c, numbers }))).toThrow(
      new ColumnsError('numbers has no "solvedAt": the columns do not hold what the scorecards read'),
    );
    expect(run((c) => ({ ...c, statuses: Uint8Array.of(9) }))).toThrow(
      new ColumnsError('ticket row 0: status code 9 is not a status'),
    );
    expect(run((c) => ({ ...c, scores: Uint8Array.of(7) }))).toThrow(
      new ColumnsError('ticket row 0: score code 7 is not a satisfaction score'),
    );
    expect(run((c) => ({ ...c, tagSets: Uint32Array.of(3) }))).toThrow(
      new ColumnsError('ticket row 0: tag set 3 of 1'),
    );
    expect(run((c) => ({ ...c, numbers: { ...c.numbers, createdAt: Float64Array.of(NaN) } }))).toThrow(
      new ColumnsError('ticket row 0: no createdAt'),
    );
    expect(run((c) => ({ ...c, tagSetOffsets: Uint32Array.of(0, 2) }))).toThrow(
      new ColumnsError('tagSetOffsets do not start at 0 and end at the length of tagSetStrings'),
    );
    expect(() =>
      columnScorecards(
        { ...columnsOf(tickets), labels: { ...columnsOf(tickets).labels, channel: Int32Array.of(9) } },
        { window, filters: { channels: ['web'] } },
      ),
    ).toThrow(new ColumnsError('ticket row 0: label 9 of 1'));
  });
});
