import { describe, expect, it } from 'vitest';
import { agentPage } from '../../src/metrics/agent-page';
import { computeReport } from '../../src/metrics/compute-report';
import { compareRatingRows } from '../../src/metrics/csat-comments';
import { ReportWindow } from '../../src/metrics/report-window';
import { checkSurveySettings, type SurveySettings } from '../../src/metrics/survey-scores';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import type { TicketTimeline, TicketTimelines } from '../../src/metrics/ticket-timeline';
import { voiceTicketsBehind } from '../../src/metrics/voice-drill-down';
import { at, makeTicket, solvedTicket } from './make-ticket';

const window = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
const NPS = 360_030_001;
const CES = 360_030_002;
const surveys: SurveySettings = { npsFieldId: NPS, cesFieldId: CES, cesScale: [1, 7] };

function timeline(ticketId: number, overrides: Partial<TicketTimeline> = {}): TicketTimeline {
  return { ticketId, people: null, assignees: [], statuses: [], slaTargets: [], ratedAssignee: null, ...overrides };
}

function timelines(list: TicketTimeline[], ticketEvents = true): TicketTimelines {
  return { byTicket: new Map(list.map((t) => [t.ticketId, t])), ticketEvents, metricEvents: false };
}

const nps = (value: number) => ({ fieldId: NPS, value });
const ces = (value: number) => ({ fieldId: CES, value });

describe('CSAT with what customers wrote', () => {
  // 1: bad, rated 6 Oct, reopened after the rating. 2: bad, rated 8 Oct, nothing after.
  // 3: good with a comment. 4: bad, no events: reopens 1 stands in. 5: bad, solved outside the window.
  const tickets: TicketRecord[] = [
    solvedTicket(1, '2026-10-05T10:00:00Z', {
      assigneeId: 7,
      satisfaction: 'bad',
      satisfactionComment: 'Nobody <b>read</b> my email',
      satisfactionReason: 'The issue was not resolved',
    }),
    solvedTicket(2, '2026-10-07T10:00:00Z', { assigneeId: 8, satisfaction: 'bad' }),
    solvedTicket(3, '2026-10-09T10:00:00Z', { assigneeId: 7, satisfaction: 'good', satisfactionComment: 'Quick!' }),
    solvedTicket(4, '2026-10-10T10:00:00Z', { assigneeId: 7, satisfaction: 'bad', reopens: 1 }),
    solvedTicket(5, '2026-11-02T10:00:00Z', { assigneeId: 7, satisfaction: 'bad' }),
    makeTicket({ id: 6, status: 'open', satisfaction: 'offered' }),
  ];
  const events = timelines([
    timeline(1, {
      ratedAt: at('2026-10-06T10:00:00Z'),
      statuses: [
        { at: at('2026-10-04T10:00:00Z'), status: 'new' },
        { at: at('2026-10-05T10:00:00Z'), status: 'solved' },
        { at: at('2026-10-06T12:00:00Z'), status: 'open' },
        { at: at('2026-10-06T13:00:00Z'), status: 'solved' },
      ],
      staffCommentTimes: [at('2026-10-05T09:00:00Z')],
    }),
    timeline(2, {
      ratedAt: at('2026-10-08T10:00:00Z'),
      // A reply before the rating is no follow-up.
      staffCommentTimes: [at('2026-10-07T09:00:00Z')],
    }),
    timeline(3, { ratedAt: at('2026-10-10T10:00:00Z') }),
  ]);
  const report = computeReport(tickets, { window, voice: true, timelines: events, credit: 'assignee' });
  const comments = report.csat_comments!;

  it('lists the rated solved tickets, bad first, newest rating first, unknown last, with the text as written', () => {
    expect(comments.ratings.map((row) => row.ticket_id)).toEqual([2, 1, 4, 3]);
    expect(comments.ratings[1]).toEqual({
      ticket_id: 1,
      score: 'bad',
      comment: 'Nobody <b>read</b> my email',
      reason: 'The issue was not resolved',
      agent_id: 7,
      rated_at: '2026-10-06T10:00:00Z',
      follow_up: true,
      follow_up_from: 'events',
    });
    expect(comments.ratings[3]!.follow_up).toBeNull();
    expect([comments.good, comments.bad, comments.with_comment]).toEqual([1, 3, 2]);
  });

  it('counts the follow-ups of bad ratings from events, the reopens standing in without them', () => {
    // 1 reopened after its rating (events), 2 only replied before it (events), 4 has reopens 1 (metric set).
    expect(comments.bad_follow_up).toEqual({ rate: 2 / 3, numerator: 2, denominator: 3, from_events: 2 });
    expect(comments.ratings.find((row) => row.ticket_id === 4)!.follow_up_from).toBe('reopens');
  });

  it('has the csat number of bad ratings, and opens the same tickets', () => {
    expect(comments.bad).toBe(report.team.csat.denominator - report.team.csat.numerator);
    const behind = voiceTicketsBehind(tickets, { window, timelines: events, credit: 'assignee' }, 'bad_follow_up', {
      kind: 'team',
    });
    expect(behind.map((row) => [row.ticket.id, row.counted])).toEqual([
      [1, true],
      [2, false],
      [4, true],
    ]);
  });

  it('a staff comment after the rating is a follow-up; without ticket events every ticket falls back', () => {
    const replied = timeline(2, {
      ratedAt: at('2026-10-08T10:00:00Z'),
      staffCommentTimes: [at('2026-10-08T10:00:01Z')],
    });
    const after = computeReport(tickets, { window, voice: true, timelines: timelines([replied]) });
    expect(after.csat_comments!.ratings.find((row) => row.ticket_id === 2)!.follow_up).toBe(true);
    const noEvents = computeReport(tickets, { window, voice: true });
    expect(noEvents.csat_comments!.bad_follow_up).toEqual({
      rate: 1 / 3,
      numerator: 1,
      denominator: 3,
      from_events: 0,
    });
    expect(noEvents.csat_comments!.ratings.every((row) => row.rated_at === null)).toBe(true);
  });

  it('is absent without voice', () => {
    expect(computeReport(tickets, { window }).csat_comments).toBeUndefined();
  });

  it('orders two rows of one score and instant by ticket id', () => {
    const row = { score: 'bad', comment: null, reason: null, agent_id: null, follow_up: false } as const;
    const a = { ...row, ticket_id: 1, rated_at: 'x', follow_up_from: 'events' } as const;
    const b = { ...a, ticket_id: 2 };
    expect(compareRatingRows(a, b)).toBeLessThan(0);
  });
});

describe('NPS and CES from ticket fields', () => {
  // NPS answers 10, 9 (promoters), 8 (passive), 6, 0 (detractors): (2 − 2) / 5 = 0. Agent 7: 10, 9, 6 → 100·(2−1)/3.
  const tickets: TicketRecord[] = [
    solvedTicket(1, '2026-10-01T10:00:00Z', { assigneeId: 7, fieldValues: [nps(10), ces(2)] }),
    solvedTicket(2, '2026-10-02T10:00:00Z', { assigneeId: 7, fieldValues: [nps(9), ces(7)] }),
    solvedTicket(3, '2026-10-02T11:00:00Z', { assigneeId: 7, fieldValues: [nps(6)] }),
    solvedTicket(4, '2026-10-20T10:00:00Z', { assigneeId: 8, fieldValues: [nps(8), ces(1)] }),
    solvedTicket(5, '2026-10-20T10:00:00Z', { assigneeId: null, fieldValues: [nps(0)] }),
    // Invalid: 11 is off the 0–10 scale, NaN was text; 0 is off the 1–7 CES scale.
    solvedTicket(6, '2026-10-21T10:00:00Z', { assigneeId: 8, fieldValues: [nps(11), ces(0)] }),
    solvedTicket(7, '2026-10-21T10:00:00Z', { assigneeId: 8, fieldValues: [nps(NaN)] }),
    // Not solved in the window: left out.
    makeTicket({ id: 8, status: 'open', fieldValues: [nps(0)] }),
    solvedTicket(9, '2026-11-01T00:00:00Z', { fieldValues: [nps(0)] }),
  ];
  const report = computeReport(tickets, { window, voice: true, surveys });

  it('scores NPS as % promoters − % detractors on 0–10, per team, agent and day', () => {
    const result = report.nps!;
    expect(result.field_id).toBe(NPS);
    expect(result.team).toEqual({ n: 5, promoters: 2, passives: 1, detractors: 2, score: 0 });
    expect(result.invalid).toBe(2);
    expect(result.agents).toEqual([
      { id: 7, n: 3, promoters: 2, passives: 0, detractors: 1, score: 100 / 3 },
      { id: 8, n: 1, promoters: 0, passives: 1, detractors: 0, score: 0 },
      { id: null, n: 1, promoters: 0, passives: 0, detractors: 1, score: -100 },
    ]);
    expect(result.trend).toHaveLength(31);
    expect(result.trend[1]).toEqual({ start: '2026-10-02', n: 2, promoters: 1, passives: 0, detractors: 1, score: 0 });
    expect(result.trend[2]!.score).toBeNull();
  });

  it('gives CES as the mean and the distribution over the scale', () => {
    const result = report.ces!;
    expect(result.scale).toEqual([1, 7]);
    expect(result.team).toEqual({ n: 3, mean: 10 / 3, distribution: [1, 1, 0, 0, 0, 0, 1] });
    expect(result.invalid).toBe(1);
    expect(result.agents.map((row) => [row.id, row.mean])).toEqual([
      [7, 4.5],
      [8, 1],
    ]);
  });

  it('opens the answers behind each number, and each agent only theirs', () => {
    const options = { window, surveys };
    const team = voiceTicketsBehind(tickets, options, 'nps', { kind: 'team' });
    expect(team.map((row) => [row.ticket.id, row.value, row.counted])).toEqual([
      [1, 10, true],
      [2, 9, true],
      [3, 6, false],
      [4, 8, null],
      [5, 0, false],
    ]);
    expect(voiceTicketsBehind(tickets, options, 'ces', { kind: 'agent', id: 7 }).map((row) => row.value)).toEqual([
      2, 7,
    ]);
  });

  it('opens exactly the tickets behind every count: each group, scale point, agent, bucket and the invalid values', () => {
    const options = { window, surveys };
    const ids = (rows: { ticket: TicketRecord }[]) => rows.map((row) => row.ticket.id);
    const team = { kind: 'team' } as const;
    const nps = report.nps!;
    const ces = report.ces!;
    for (const group of ['promoters', 'passives', 'detractors'] as const) {
      expect(voiceTicketsBehind(tickets, options, 'nps', team, { answer: group }), group).toHaveLength(nps.team[group]);
      for (const agent of nps.agents)
        expect(
          voiceTicketsBehind(tickets, options, 'nps', { kind: 'agent', id: agent.id }, { answer: group }),
          `${group} of ${agent.id}`,
        ).toHaveLength(agent[group]);
      for (const bucket of nps.trend)
        expect(
          voiceTicketsBehind(tickets, options, 'nps', team, { answer: group, bucket: bucket.start }),
          `${group} on ${bucket.start}`,
        ).toHaveLength(bucket[group]);
    }
    expect(ids(voiceTicketsBehind(tickets, options, 'nps', team, { answer: 'detractors' }))).toEqual([3, 5]);
    ces.team.distribution.forEach((count, index) =>
      expect(voiceTicketsBehind(tickets, options, 'ces', team, { answer: index + 1 }), `CES ${index + 1}`).toHaveLength(
        count,
      ),
    );
    expect(ids(voiceTicketsBehind(tickets, options, 'ces', team, { answer: 7 }))).toEqual([2]);
    expect(voiceTicketsBehind(tickets, options, 'ces', team, { bucket: '2026-10-02' }).map((row) => row.value)).toEqual(
      [7],
    );
    // 11 is shown as held; text (NaN) has no number to show.
    const invalid = voiceTicketsBehind(tickets, options, 'nps_invalid', team);
    expect(invalid).toHaveLength(nps.invalid);
    expect(invalid.map((row) => [row.ticket.id, row.value])).toEqual([
      [6, 11],
      [7, null],
    ]);
    expect(ids(voiceTicketsBehind(tickets, options, 'ces_invalid', team))).toEqual([6]);
    expect(voiceTicketsBehind(tickets, { window }, 'nps', team), 'no field set').toEqual([]);
  });

  it('groups the trend by week on a quarter, as the volume chart does', () => {
    const quarter = ReportWindow.of('2026-10-01', '2026-12-31', 'UTC');
    const trend = computeReport(tickets, { window: quarter, voice: true, surveys }).nps!.trend;
    expect(trend[0]!.start).toBe('2026-10-01');
    expect(trend[1]).toMatchObject({ start: '2026-10-05', n: 0 });
    // 19–25 October holds tickets 4 and 5 (8 and 0); 1 November's 0 is in the week of 26 October.
    expect(trend[3]).toMatchObject({ start: '2026-10-19', n: 2, passives: 1, detractors: 1, score: -50 });
    expect(trend[4]).toMatchObject({ start: '2026-10-26', n: 1, score: -100 });
  });

  it('leaves out a survey whose field is not set, and refuses a scale that is not one', () => {
    const onlyNps = computeReport(tickets, { window, voice: true, surveys: { ...surveys, cesFieldId: null } });
    expect(onlyNps.ces).toBeUndefined();
    expect(onlyNps.nps).toBeDefined();
    expect(() => checkSurveySettings({ ...surveys, cesScale: [7, 1] })).toThrow(/CES scale: 7 to 1/);
    expect(() => checkSurveySettings({ ...surveys, npsFieldId: -3 })).toThrow(/NPS field id: -3/);
  });
});

describe('contacts to resolution', () => {
  // 1: 3 customer comments from events. 2: no events, reopened twice: 1 + 2. 3: events without its creation: 1 + 0.
  const tickets: TicketRecord[] = [
    solvedTicket(1, '2026-10-05T10:00:00Z', { assigneeId: 7, replies: 2 }),
    solvedTicket(2, '2026-10-06T10:00:00Z', { assigneeId: 7, replies: 4, reopens: 2 }),
    solvedTicket(3, '2026-10-07T10:00:00Z', { assigneeId: 8, replies: null, reopens: 0 }),
    makeTicket({ id: 4, status: 'open' }),
  ];
  const events = timelines([
    timeline(1, { people: { firstReplier: 7, firstAssignee: 7, solver: 7 }, endUserComments: 3 }),
    timeline(3, { endUserComments: null }),
  ]);
  const report = computeReport(tickets, { window, voice: true, timelines: events });

  it('counts the customer public comments per solved ticket beside the agent replies', () => {
    expect(report.contacts!.team).toEqual({ solved: 3, requester_comments: 7 / 3, agent_replies: 2, from_events: 1 });
    expect(report.contacts!.agents).toEqual([
      { id: 7, solved: 2, requester_comments: 3, agent_replies: 3, from_events: 1 },
      { id: 8, solved: 1, requester_comments: 1, agent_replies: 0, from_events: 0 },
    ]);
    expect(report.contacts!.team.agent_replies).toBe(report.team.replies_per_solved);
  });

  it('opens the solved tickets with their contacts', () => {
    const rows = voiceTicketsBehind(tickets, { window, timelines: events }, 'contacts', { kind: 'team' });
    expect(rows.map((row) => [row.ticket.id, row.value])).toEqual([
      [1, 3],
      [2, 3],
      [3, 1],
    ]);
  });

  it('is null with no solved ticket', () => {
    const empty = computeReport([tickets[3]!], { window, voice: true });
    expect(empty.contacts!.team).toEqual({ solved: 0, requester_comments: null, agent_replies: null, from_events: 0 });
  });
});

describe("an agent's page", () => {
  const tickets: TicketRecord[] = [
    solvedTicket(1, '2026-10-02T10:00:00Z', {
      assigneeId: 7,
      createdAt: at('2026-10-01T10:00:00Z'),
      replyTimeCalendar: 30,
      fullResolutionCalendar: 1440,
      satisfaction: 'bad',
      satisfactionComment: 'Slow',
    }),
    solvedTicket(2, '2026-10-02T12:00:00Z', {
      assigneeId: 8,
      createdAt: at('2026-10-01T11:00:00Z'),
      replyTimeCalendar: 90,
      fullResolutionCalendar: 60,
      satisfaction: 'good',
    }),
    makeTicket({ id: 3, status: 'pending', assigneeId: 7, createdAt: at('2026-09-01T00:00:00Z') }),
    makeTicket({ id: 4, status: 'open', assigneeId: 7, createdAt: at('2026-08-01T00:00:00Z') }),
    makeTicket({ id: 5, status: 'open', assigneeId: 8, createdAt: at('2026-07-01T00:00:00Z') }),
  ];
  const page = agentPage(tickets, { window }, 7);

  it("sets the agent's days beside the team's", () => {
    expect(page.granularity).toBe('day');
    expect(page.trend[0]).toEqual({
      start: '2026-10-01',
      days: 1,
      agent: { solved: 0, frt_median: 30, full_resolution_median: null, csat_good: 0, csat_bad: 0 },
      team: { solved: 0, frt_median: 60, full_resolution_median: null, csat_good: 0, csat_bad: 0 },
    });
    expect(page.trend[1]).toMatchObject({
      agent: { solved: 1, full_resolution_median: 1440, csat_bad: 1, csat_good: 0 },
      team: { solved: 2, full_resolution_median: 750, csat_bad: 1, csat_good: 1 },
    });
  });

  it('lists their open tickets oldest first and their bad ratings', () => {
    expect(page.open.map((ticket) => ticket.id)).toEqual([4, 3]);
    expect(page.bad_ratings.map((row) => [row.ticket_id, row.comment])).toEqual([[1, 'Slow']]);
  });

  it('counts SLA outcomes to whom the scorecards credit them, with metric events', () => {
    const slaTimelines: TicketTimelines = {
      byTicket: new Map([
        [
          2,
          timeline(2, {
            assignees: [
              { at: at('2026-10-01T11:00:00Z'), assigneeId: 7 },
              { at: at('2026-10-01T12:00:00Z'), assigneeId: 8 },
            ],
            slaTargets: [
              { metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-01T11:30:00Z') },
            ],
          }),
        ],
      ]),
      ticketEvents: true,
      metricEvents: true,
    };
    const withSla = agentPage(tickets, { window, timelines: slaTimelines }, 7);
    expect(withSla.trend[0]!.agent).toMatchObject({ sla_breached: 1, sla_achieved: 0 });
    expect(withSla.trend[0]!.team).toMatchObject({ sla_breached: 1, sla_achieved: 0 });
    expect(page.trend[0]!.agent.sla_breached).toBeUndefined();
  });
});
