import { describe, expect, it } from 'vitest';
import { computeReport, type ReportOptions } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import { at, makeTicket, solvedTicket } from './make-ticket';

const OCTOBER = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');

function report(tickets: TicketRecord[], options: Partial<ReportOptions> = {}) {
  return computeReport(tickets, { window: OCTOBER, ...options });
}

describe('cohorts and window boundaries', () => {
  it('counts created tickets from the first instant of the window up to, not including, its end', () => {
    const tickets = [
      makeTicket({ id: 1, createdAt: at('2026-10-01T00:00:00Z') }),
      makeTicket({ id: 2, createdAt: at('2026-10-31T23:59:59.999Z') }),
      makeTicket({ id: 3, createdAt: at('2026-11-01T00:00:00Z') }),
      makeTicket({ id: 4, createdAt: at('2026-09-30T23:59:59.999Z') }),
    ];
    expect(report(tickets).team.created).toBe(2);
  });

  it('shifts the window with the time zone, across the end of DST', () => {
    const window = ReportWindow.of('2026-11-01', '2026-11-01', 'America/New_York');
    const tickets = [
      makeTicket({ id: 1, createdAt: at('2026-11-01T03:59:59Z') }), // 31 Oct, 23:59:59 EDT
      makeTicket({ id: 2, createdAt: at('2026-11-01T04:00:00Z') }), // 1 Nov, 00:00 EDT
      makeTicket({ id: 3, createdAt: at('2026-11-02T04:59:59Z') }), // 1 Nov, 23:59:59 EST
      makeTicket({ id: 4, createdAt: at('2026-11-02T05:00:00Z') }), // 2 Nov, 00:00 EST
    ];
    const result = computeReport(tickets, { window });
    expect(result.team.created).toBe(2);
    expect(result.window).toEqual({ from: '2026-11-01T04:00:00Z', to: '2026-11-02T05:00:00Z', tz: 'America/New_York' });
  });

  it('counts solved tickets by the metric set solved_at, only while solved or closed', () => {
    const tickets = [
      solvedTicket(1, '2026-10-05T10:00:00Z'),
      solvedTicket(2, '2026-10-05T10:00:00Z', { status: 'closed' }),
      solvedTicket(3, '2026-10-05T10:00:00Z', { status: 'open' }), // reopened since: not solved now
      solvedTicket(4, '2026-10-05T10:00:00Z', { solvedAt: null }),
      solvedTicket(5, '2026-11-01T00:00:00Z'),
      solvedTicket(6, '2026-10-01T00:00:00Z', { createdAt: at('2026-09-01T00:00:00Z') }),
    ];
    const result = report(tickets);
    expect(result.team.solved).toBe(3);
    // Created in October: 1, 2, 3, 4 (the day before 5 Oct) and 5 (31 Oct); 6 was created in September.
    expect(result.team.created).toBe(5);
  });

  it('counts the backlog over every ticket, whatever its dates', () => {
    const tickets = [
      makeTicket({ id: 1, status: 'new', createdAt: at('2020-01-01T00:00:00Z') }),
      makeTicket({ id: 2, status: 'open' }),
      makeTicket({ id: 3, status: 'pending' }),
      makeTicket({ id: 4, status: 'hold', createdAt: at('2027-01-01T00:00:00Z') }),
      makeTicket({ id: 5, status: 'solved' }),
      makeTicket({ id: 6, status: 'closed' }),
    ];
    expect(report(tickets).team.backlog).toBe(4);
  });
});

describe('exclusions', () => {
  it('leaves deleted tickets and tickets closed by merge out of every number', () => {
    const tickets = [
      makeTicket({ id: 1, status: 'deleted', replyTimeCalendar: 5 }),
      makeTicket({ id: 2, tags: ['closed_by_merge'], status: 'open', replyTimeCalendar: 5, assigneeId: 7 }),
      solvedTicket(3, '2026-10-05T00:00:00Z', { status: 'closed', tags: ['vip', 'closed_by_merge'], assigneeId: 7 }),
      makeTicket({ id: 4, replyTimeCalendar: 9 }),
    ];
    const result = report(tickets);
    expect(result.team.created).toBe(1);
    expect(result.team.solved).toBe(0);
    expect(result.team.backlog).toBe(1);
    expect(result.team.frt).toEqual({ n: 1, median: 9, p90: 9, mean: 9, unreplied: 0 });
    expect(result.agents.map((agent) => agent.id)).toEqual([null]);
  });
});

describe('durations', () => {
  it('summarises first reply time over created tickets and counts the unreplied ones', () => {
    const tickets = [
      makeTicket({ id: 1, replyTimeCalendar: 10, status: 'solved' }),
      makeTicket({ id: 2, replyTimeCalendar: 30 }),
      makeTicket({ id: 3, replyTimeCalendar: 20 }),
      makeTicket({ id: 4, replyTimeCalendar: 60 }),
      makeTicket({ id: 5, replyTimeCalendar: null, status: 'open' }),
      makeTicket({ id: 6, replyTimeCalendar: null, status: 'pending' }),
      makeTicket({ id: 7, replyTimeCalendar: null, status: 'solved' }),
      makeTicket({ id: 8, replyTimeCalendar: null, status: 'closed' }),
    ];
    // Sorted: 10, 20, 30, 60. Median (20 + 30) / 2; p90 rank ceil(3.6) = 4; mean 120 / 4.
    expect(report(tickets).team.frt).toEqual({ n: 4, median: 25, p90: 60, mean: 30, unreplied: 2 });
  });

  it('summarises resolution, wait and on-hold times over solved tickets, skipping nulls', () => {
    const tickets = [
      solvedTicket(1, '2026-10-02T00:00:00Z', {
        firstResolutionCalendar: 100,
        fullResolutionCalendar: 100,
        requesterWaitCalendar: 50,
        onHoldCalendar: 0,
      }),
      solvedTicket(2, '2026-10-03T00:00:00Z', {
        firstResolutionCalendar: 200,
        fullResolutionCalendar: 400,
        requesterWaitCalendar: null,
        onHoldCalendar: 30,
      }),
      solvedTicket(3, '2026-10-04T00:00:00Z', {
        firstResolutionCalendar: null,
        fullResolutionCalendar: 700,
        requesterWaitCalendar: 10,
        onHoldCalendar: null,
      }),
      // Created and solved outside the window: not in S.
      solvedTicket(4, '2026-09-04T00:00:00Z', { fullResolutionCalendar: 1 }),
    ];
    const team = report(tickets).team;
    expect(team.first_resolution).toEqual({ n: 2, median: 150, p90: 200, mean: 150 });
    expect(team.full_resolution).toEqual({ n: 3, median: 400, p90: 700, mean: 400 });
    expect(team.requester_wait).toEqual({ n: 2, median: 30, p90: 50, mean: 30 });
    expect(team.on_hold).toEqual({ n: 2, median: 15, p90: 30, mean: 15 });
  });

  it('reads the business member in business hours', () => {
    const tickets = [
      makeTicket({ id: 1, replyTimeCalendar: 600, replyTimeBusiness: 60 }),
      solvedTicket(2, '2026-10-05T00:00:00Z', {
        fullResolutionCalendar: 2000,
        fullResolutionBusiness: 480,
        createdAt: at('2026-10-04T00:00:00Z'),
      }),
    ];
    const business = report(tickets, { hours: 'business' });
    expect(business.hours).toBe('business');
    expect(business.team.frt.median).toBe(60);
    expect(business.team.full_resolution.median).toBe(480);
    const calendar = report(tickets, { hours: 'calendar' });
    expect(calendar.team.frt.median).toBe(600);
    expect(calendar.team.full_resolution.median).toBe(2000);
  });

  it('treats a null business member as missing even when the calendar one is set', () => {
    const tickets = [makeTicket({ id: 1, replyTimeCalendar: 5, replyTimeBusiness: null })];
    expect(report(tickets, { hours: 'business' }).team.frt).toEqual({
      n: 0,
      median: null,
      p90: null,
      mean: null,
      unreplied: 1,
    });
  });
});

describe('rates', () => {
  const solvedIn = (id: number, overrides: Partial<TicketRecord>) =>
    solvedTicket(id, '2026-10-10T00:00:00Z', overrides);

  it('computes FCR over solved tickets with at least one reply', () => {
    const tickets = [
      solvedIn(1, { replies: 1, reopens: 0 }), // FCR
      solvedIn(2, { replies: 1, reopens: 1 }), // reopened
      solvedIn(3, { replies: 2, reopens: 0 }), // two replies
      solvedIn(4, { replies: 0, reopens: 0 }), // no reply: not in the denominator
      solvedIn(5, { replies: null, reopens: 0 }), // null replies read as 0: not in the denominator
      solvedIn(6, { replies: 1, reopens: null }), // null reopens read as 0: FCR
    ];
    expect(report(tickets).team.fcr).toEqual({ rate: 2 / 4, numerator: 2, denominator: 4 });
  });

  it('computes one-touch (fewer than two replies) and reopen rates over all solved tickets', () => {
    const tickets = [
      solvedIn(1, { replies: 0, reopens: 0 }),
      solvedIn(2, { replies: 1, reopens: 2 }),
      solvedIn(3, { replies: 2, reopens: 0 }),
      solvedIn(4, { replies: null, reopens: null }),
    ];
    const team = report(tickets).team;
    expect(team.one_touch).toEqual({ rate: 3 / 4, numerator: 3, denominator: 4 });
    expect(team.reopen).toEqual({ rate: 1 / 4, numerator: 1, denominator: 4 });
    // Replies 0 + 1 + 2 + 0 over 4 solved.
    expect(team.replies_per_solved).toBe(0.75);
  });

  it('computes CSAT over good and bad ratings, and counts offered surveys', () => {
    const tickets = [
      solvedIn(1, { satisfaction: 'good' }),
      solvedIn(2, { satisfaction: 'good' }),
      solvedIn(3, { satisfaction: 'bad' }),
      solvedIn(4, { satisfaction: 'offered' }),
      solvedIn(5, { satisfaction: 'unoffered' }),
      solvedIn(6, { satisfaction: null }),
      makeTicket({ id: 7, satisfaction: 'bad' }), // not solved: not in S
    ];
    expect(report(tickets).team.csat).toEqual({ rate: 2 / 3, numerator: 2, denominator: 3, offered: 4 });
  });

  it('reports null rates and null replies per solved ticket with nothing to divide by', () => {
    const team = report([]).team;
    expect(team.fcr).toEqual({ rate: null, numerator: 0, denominator: 0 });
    expect(team.csat).toEqual({ rate: null, numerator: 0, denominator: 0, offered: 0 });
    expect(team.escalation).toEqual({ rate: null, numerator: 0, denominator: 0 });
    expect(team.replies_per_solved).toBeNull();
  });
});

describe('escalation', () => {
  const tickets = [
    makeTicket({ id: 1, groupStations: 1, tags: [], groupId: 10 }),
    makeTicket({ id: 2, groupStations: 2, tags: [], groupId: 10 }), // stations
    makeTicket({ id: 3, groupStations: 1, tags: ['escalated'], groupId: 10 }), // tag
    makeTicket({ id: 4, groupStations: 1, tags: ['tier2'], groupId: 10 }), // custom tag
    makeTicket({ id: 5, groupStations: null, tags: [], groupId: 20 }), // group
    makeTicket({ id: 6, groupStations: 3, tags: ['escalated'], groupId: 20 }), // all three
    makeTicket({ id: 7, groupStations: null, tags: [], groupId: null }),
  ];
  const escalated = (escalation: ReportOptions['escalation']) => report(tickets, { escalation }).team.escalation;

  it('defaults to two group stations or the tag "escalated"', () => {
    expect(report(tickets).team.escalation).toEqual({ rate: 3 / 7, numerator: 3, denominator: 7 });
  });

  it('applies the group-stations rule alone', () => {
    expect(escalated({ tags: [], groupIds: [], minGroupStations: 2 }).numerator).toBe(2);
    expect(escalated({ tags: [], groupIds: [], minGroupStations: 3 }).numerator).toBe(1);
  });

  it('applies the tag rule alone', () => {
    expect(escalated({ tags: ['escalated', 'tier2'], groupIds: [], minGroupStations: 0 }).numerator).toBe(3);
  });

  it('applies the group rule alone', () => {
    expect(escalated({ tags: [], groupIds: [20], minGroupStations: 0 }).numerator).toBe(2);
  });

  it('counts a ticket once when several rules match', () => {
    expect(escalated({ tags: ['escalated', 'tier2'], groupIds: [20], minGroupStations: 2 })).toEqual({
      rate: 5 / 7,
      numerator: 5,
      denominator: 7,
    });
  });

  it('turns every rule off', () => {
    expect(escalated({ tags: [], groupIds: [], minGroupStations: 0 }).numerator).toBe(0);
  });
});

describe('agent scorecards', () => {
  const names = new Map([
    [7, 'Ana'],
    [8, 'Bo'],
  ]);
  const tickets = [
    makeTicket({ id: 1, assigneeId: 7, replyTimeCalendar: 10 }),
    makeTicket({ id: 2, assigneeId: 7, replyTimeCalendar: 20, status: 'pending' }),
    solvedTicket(3, '2026-10-10T00:00:00Z', {
      assigneeId: 8,
      satisfaction: 'good',
      createdAt: at('2026-09-10T00:00:00Z'),
    }),
    makeTicket({ id: 4, assigneeId: null, replyTimeCalendar: 90 }),
    makeTicket({ id: 5, assigneeId: 9, status: 'hold', createdAt: at('2026-01-01T00:00:00Z') }), // backlog only
    solvedTicket(6, '2026-08-01T00:00:00Z', { assigneeId: 10 }), // nothing in C, S or backlog
  ];
  const result = report(tickets, { agentNames: names });

  it('has one scorecard per current assignee plus one for unassigned tickets, by id', () => {
    expect(result.agents.map((agent) => [agent.id, agent.name])).toEqual([
      [7, 'Ana'],
      [8, 'Bo'],
      [9, null],
      [null, null],
    ]);
  });

  it('computes each metric over the agent’s share of the cohort', () => {
    const ana = result.agents.find((agent) => agent.id === 7)!;
    expect(ana.created).toBe(2);
    expect(ana.backlog).toBe(2);
    expect(ana.frt).toEqual({ n: 2, median: 15, p90: 20, mean: 15, unreplied: 0 });
    expect(ana.solved).toBe(0);
    const bo = result.agents.find((agent) => agent.id === 8)!;
    expect(bo.created).toBe(0);
    expect(bo.solved).toBe(1);
    expect(bo.csat).toEqual({ rate: 1, numerator: 1, denominator: 1, offered: 1 });
    const unassigned = result.agents.find((agent) => agent.id === null)!;
    expect(unassigned.frt.median).toBe(90);
    expect(result.agents.find((agent) => agent.id === 9)!.backlog).toBe(1);
  });

  it('keeps the team block equal to the sum of its parts', () => {
    expect(result.team.created).toBe(3);
    expect(result.team.solved).toBe(1);
    expect(result.team.backlog).toBe(4);
    expect(result.team.frt).toEqual({ n: 3, median: 20, p90: 90, mean: 40, unreplied: 0 });
  });
});

describe('daily series', () => {
  it('has one row per day, empty days included, counting created and solved tickets on their local day', () => {
    const window = ReportWindow.of('2026-11-01', '2026-11-03', 'America/New_York');
    const tickets = [
      makeTicket({ id: 1, createdAt: at('2026-11-02T04:30:00Z'), replyTimeCalendar: 10 }), // 1 Nov, 23:30 EST
      makeTicket({ id: 2, createdAt: at('2026-11-01T12:00:00Z'), replyTimeCalendar: 30 }),
      makeTicket({
        id: 3,
        createdAt: at('2026-11-03T12:00:00Z'),
        status: 'solved',
        solvedAt: at('2026-11-04T04:59:00Z'),
        satisfaction: 'bad',
      }), // solved 3 Nov, 23:59 EST
    ];
    const result = computeReport(tickets, { window });
    expect(result.daily).toEqual([
      { date: '2026-11-01', created: 2, solved: 0, frt_median: 20, csat_good: 0, csat_bad: 0 },
      { date: '2026-11-02', created: 0, solved: 0, frt_median: null, csat_good: 0, csat_bad: 0 },
      { date: '2026-11-03', created: 1, solved: 1, frt_median: null, csat_good: 0, csat_bad: 1 },
    ]);
  });
});

describe('filters', () => {
  it('narrows every number to the matching tickets', () => {
    const tickets = [
      makeTicket({ id: 1, groupId: 1, channel: 'email', replyTimeCalendar: 5 }),
      makeTicket({ id: 2, groupId: 2, channel: 'web', replyTimeCalendar: 50 }),
      makeTicket({ id: 3, groupId: 1, channel: 'web', replyTimeCalendar: 500, priority: 'high' }),
    ];
    expect(report(tickets, { filters: { groupIds: [1] } }).team.frt.n).toBe(2);
    expect(report(tickets, { filters: { groupIds: [1], channels: ['web'] } }).team.frt.median).toBe(500);
    expect(report(tickets, { filters: { priorities: [null] } }).team.created).toBe(2);
    expect(report(tickets, { filters: { groupIds: [] } }).team.created).toBe(3);
  });
});
