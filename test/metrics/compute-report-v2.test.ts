import { describe, expect, it } from 'vitest';
import { computeReport, ticketsInPlay } from '../../src/metrics/compute-report';
import type { AgentScorecard, Report } from '../../src/metrics/report-types';
import { ReportWindow } from '../../src/metrics/report-window';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import type { TicketTimeline, TicketTimelines } from '../../src/metrics/ticket-timeline';
import { at, makeTicket, solvedTicket } from './make-ticket';

const window = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');

function timeline(ticketId: number, overrides: Partial<TicketTimeline> = {}): TicketTimeline {
  return { ticketId, people: null, assignees: [], statuses: [], slaTargets: [], ratedAssignee: null, ...overrides };
}

function timelines(list: TicketTimeline[], ticketEvents = true, metricEvents = true): TicketTimelines {
  return { byTicket: new Map(list.map((t) => [t.ticketId, t])), ticketEvents, metricEvents };
}

function agent(report: Report, id: number | null): AgentScorecard | undefined {
  return report.agents.find((a) => a.id === id);
}

/** A ticket created 2 October, first replied to by 1, first assigned to 2, solved by 3, rated while 4 held it, now held by 5. */
const handedOn: TicketRecord = solvedTicket(10, '2026-10-05T10:00:00Z', {
  createdAt: at('2026-10-02T09:00:00Z'),
  assigneeId: 5,
  replyTimeCalendar: 30,
  firstResolutionCalendar: 100,
  fullResolutionCalendar: 200,
  requesterWaitCalendar: 50,
  onHoldCalendar: 10,
  replies: 1,
  reopens: 0,
  satisfaction: 'good',
  tags: ['escalated'],
});
const handedOnTimeline = timeline(10, {
  people: { firstReplier: 1, firstAssignee: 2, solver: 3 },
  ratedAssignee: 4,
});

describe('credit (METRICS.md version 2, Credit)', () => {
  const report = computeReport([handedOn], { window, timelines: timelines([handedOnTimeline]) });

  it('defaults to actor when the input holds ticket events, and says so', () => {
    expect(report.credit).toBe('actor');
    const withoutTicketEvents = computeReport([handedOn], {
      window,
      timelines: timelines([handedOnTimeline], false, true),
    });
    expect(withoutTicketEvents.credit).toBe('assignee');
  });

  it('credits frt values to the first replier', () => {
    expect(agent(report, 1)!.frt).toEqual({ n: 1, median: 30, p90: 30, mean: 30, unreplied: 0 });
    // The current assignee did none of it, so has no scorecard.
    expect(agent(report, 5)).toBeUndefined();
  });

  it('credits created and escalation to the first assignee, who passed it on', () => {
    expect(agent(report, 2)!.created).toBe(1);
    expect(agent(report, 2)!.escalation).toEqual({ rate: 1, numerator: 1, denominator: 1 });
    // The current assignee did none of it, so has no scorecard.
    expect(agent(report, 5)).toBeUndefined();
  });

  it('credits solved, resolution times, waits, fcr, one-touch, reopen and replies per solved to the solver', () => {
    const solver = agent(report, 3)!;
    expect(solver.solved).toBe(1);
    expect(solver.first_resolution.median).toBe(100);
    expect(solver.full_resolution.median).toBe(200);
    expect(solver.requester_wait.median).toBe(50);
    expect(solver.on_hold.median).toBe(10);
    expect(solver.fcr).toEqual({ rate: 1, numerator: 1, denominator: 1 });
    expect(solver.one_touch).toEqual({ rate: 1, numerator: 1, denominator: 1 });
    expect(solver.reopen).toEqual({ rate: 0, numerator: 0, denominator: 1 });
    expect(solver.replies_per_solved).toBe(1);
    // The current assignee did none of it, so has no scorecard.
    expect(agent(report, 5)).toBeUndefined();
  });

  it('credits csat to the rated assignee, else to the solver', () => {
    expect(agent(report, 4)!.csat).toEqual({ rate: 1, numerator: 1, denominator: 1, offered: 1 });
    expect(agent(report, 3)!.csat.denominator).toBe(0);
    const unrated = computeReport([handedOn], {
      window,
      timelines: timelines([{ ...handedOnTimeline, ratedAssignee: null }]),
    });
    expect(agent(unrated, 3)!.csat).toEqual({ rate: 1, numerator: 1, denominator: 1, offered: 1 });
  });

  it('credits unreplied tickets and the backlog to the current assignee', () => {
    const waiting = makeTicket({ id: 11, createdAt: at('2026-10-03T00:00:00Z'), status: 'open', assigneeId: 5 });
    const result = computeReport([waiting], {
      window,
      timelines: timelines([timeline(11, { people: { firstReplier: null, firstAssignee: 2, solver: null } })]),
    });
    expect(agent(result, 5)!.frt.unreplied).toBe(1);
    expect(agent(result, 5)!.backlog).toBe(1);
    expect(agent(result, 2)!.created).toBe(1);
    expect(agent(result, 2)!.backlog).toBe(0);
  });

  it('with credit to the assignee, every number goes to the current assignee', () => {
    const byAssignee = computeReport([handedOn], {
      window,
      timelines: timelines([handedOnTimeline]),
      credit: 'assignee',
    });
    expect(byAssignee.credit).toBe('assignee');
    expect(byAssignee.agents.map((a) => a.id)).toEqual([5]);
    expect(agent(byAssignee, 5)!.created).toBe(1);
    expect(agent(byAssignee, 5)!.solved).toBe(1);
  });

  it('falls back to the current assignee for a ticket without events', () => {
    const result = computeReport([handedOn], { window, timelines: timelines([]) });
    expect(result.agents.map((a) => a.id)).toEqual([5]);
  });

  it('never changes the team block', () => {
    const actor = computeReport([handedOn], { window, timelines: timelines([handedOnTimeline]) });
    const assignee = computeReport([handedOn], {
      window,
      timelines: timelines([handedOnTimeline]),
      credit: 'assignee',
    });
    expect(actor.team).toEqual(assignee.team);
  });
});

describe('SLAs (METRICS.md version 2, SLAs)', () => {
  const ticket = makeTicket({ id: 20, createdAt: at('2026-10-02T09:00:00Z'), status: 'open', assigneeId: 7 });
  const slaTimeline = timeline(20, {
    people: { firstReplier: 6, firstAssignee: 6, solver: null },
    // Held by 6 from creation, by 7 from 4 October.
    assignees: [
      { at: at('2026-10-02T09:00:00Z'), assigneeId: 6 },
      { at: at('2026-10-04T00:00:00Z'), assigneeId: 7 },
    ],
    slaTargets: [
      { metric: 'first_reply_time', instanceId: 1, state: 'achieved', at: at('2026-10-02T10:00:00Z') },
      { metric: 'next_reply_time', instanceId: 2, state: 'breached', at: at('2026-10-03T10:00:00Z') },
      { metric: 'next_reply_time', instanceId: 3, state: 'breached', at: at('2026-10-04T00:00:00Z') },
      { metric: 'periodic_update_time', instanceId: 1, state: 'active', at: null },
      // Counted in September: outside the window.
      { metric: 'requester_wait_time', instanceId: 1, state: 'achieved', at: at('2026-09-30T23:59:59Z') },
    ],
  });
  const report = computeReport([ticket], { window, timelines: timelines([slaTimeline]) });

  it('counts achieved and breached targets in the window, per metric and overall, and the active ones', () => {
    expect(report.team.sla).toEqual({
      all: { achieved: 1, breached: 2, rate: 1 / 3 },
      first_reply_time: { achieved: 1, breached: 0, rate: 1 },
      next_reply_time: { achieved: 0, breached: 2, rate: 0 },
    });
    expect(report.team.sla_active).toBe(1);
  });

  it('credits each outcome to the assignee at its instant, and active targets to the current assignee', () => {
    // The breach at exactly 00:00 on 4 October is after the change made at that instant.
    expect(agent(report, 6)!.sla!.all).toEqual({ achieved: 1, breached: 1, rate: 0.5 });
    expect(agent(report, 7)!.sla!.all).toEqual({ achieved: 0, breached: 1, rate: 0 });
    expect(agent(report, 7)!.sla_active).toBe(1);
    expect(agent(report, 6)!.sla_active).toBe(0);
  });

  it('per-agent counts add up to the team', () => {
    const breached = report.agents.reduce((sum, a) => sum + a.sla!.all!.breached, 0);
    const achieved = report.agents.reduce((sum, a) => sum + a.sla!.all!.achieved, 0);
    expect({ breached, achieved }).toEqual({ breached: 2, achieved: 1 });
  });

  it('lists outcomes per day and scorecard, by date, then agent id, unassigned last', () => {
    const other = makeTicket({ id: 21, createdAt: at('2026-10-01T09:00:00Z'), status: 'open', assigneeId: null });
    const otherTimeline = timeline(21, {
      slaTargets: [{ metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-02T11:00:00Z') }],
    });
    const third = makeTicket({ id: 22, createdAt: at('2026-10-01T09:00:00Z'), status: 'open', assigneeId: 3 });
    const thirdTimeline = timeline(22, {
      slaTargets: [{ metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-02T12:00:00Z') }],
    });
    const result = computeReport([other, ticket, third], {
      window,
      timelines: timelines([otherTimeline, slaTimeline, thirdTimeline]),
    });
    expect(result.sla_daily).toEqual([
      { date: '2026-10-02', agent_id: 3, breached: 1, achieved: 0 },
      { date: '2026-10-02', agent_id: 6, breached: 0, achieved: 1 },
      { date: '2026-10-02', agent_id: null, breached: 1, achieved: 0 },
      { date: '2026-10-03', agent_id: 6, breached: 1, achieved: 0 },
      { date: '2026-10-04', agent_id: 7, breached: 1, achieved: 0 },
    ]);
  });

  it('has no SLA keys without metric events', () => {
    const result = computeReport([ticket], { window, timelines: timelines([slaTimeline], true, false) });
    expect(result.team.sla).toBeUndefined();
    expect(result.sla_daily).toBeUndefined();
  });

  it('keeps a ticket whose only number is an SLA outcome in the window in play', () => {
    const solvedLater = solvedTicket(23, '2026-11-05T00:00:00Z', { createdAt: at('2026-09-20T00:00:00Z') });
    const events = timelines([
      timeline(23, {
        slaTargets: [{ metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-03T00:00:00Z') }],
        statuses: [
          { at: at('2026-09-20T00:00:00Z'), status: 'open' },
          { at: at('2026-11-05T00:00:00Z'), status: 'solved' },
        ],
      }),
    ]);
    expect(ticketsInPlay([solvedLater], window, events)).toHaveLength(1);
    expect(ticketsInPlay([solvedLater], window)).toHaveLength(0);
  });
});

describe('backlog per day (METRICS.md version 2)', () => {
  const short = ReportWindow.of('2026-10-01', '2026-10-04', 'UTC');

  it('counts the tickets unsolved at the end of each day, a change at midnight belonging to the next day', () => {
    const first = solvedTicket(30, '2026-10-03T00:00:00Z', { createdAt: at('2026-09-30T12:00:00Z') });
    const second = makeTicket({ id: 31, createdAt: at('2026-10-02T08:00:00Z'), status: 'open' });
    const statuses = {
      first: [
        { at: at('2026-09-30T12:00:00Z'), status: 'new' as const },
        { at: at('2026-10-01T10:00:00Z'), status: 'pending' as const },
        { at: at('2026-10-03T00:00:00Z'), status: 'solved' as const },
      ],
      second: [
        { at: at('2026-10-02T08:00:00Z'), status: 'open' as const },
        { at: at('2026-10-02T09:00:00Z'), status: 'solved' as const },
        { at: at('2026-10-03T09:00:00Z'), status: 'open' as const },
      ],
    };
    const report = computeReport([first, second], {
      window: short,
      timelines: timelines([timeline(30, { statuses: statuses.first }), timeline(31, { statuses: statuses.second })]),
    });
    // End of 1 Oct: first pending. 2 Oct: first (solved only at 00:00 on the 3rd); second solved.
    // 3 Oct: second reopened. 4 Oct: second.
    expect(report.daily.map((d) => d.backlog)).toEqual([1, 1, 1, 1]);
  });

  it('reads a ticket without events from its metric set, and leaves backlog out without ticket events', () => {
    const solved = solvedTicket(32, '2026-10-02T12:00:00Z', { createdAt: at('2026-10-01T12:00:00Z') });
    const open = makeTicket({ id: 33, createdAt: at('2026-10-03T12:00:00Z'), status: 'hold' });
    const report = computeReport([solved, open], { window: short, timelines: timelines([]) });
    expect(report.daily.map((d) => d.backlog)).toEqual([1, 0, 1, 1]);
    const noEvents = computeReport([solved, open], { window: short });
    expect(noEvents.daily.every((d) => !('backlog' in d))).toBe(true);
    expect('credit' in noEvents).toBe(false);
  });
});
