import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import {
  metricEventPageSchema,
  satisfactionRatingPageSchema,
  satisfactionRatingSchema,
  ticketAuditSchema,
  ticketEventPageSchema,
  ticketMetricEventSchema,
} from '../../src/zendesk/event-schemas';
import { eventTimelines } from '../../src/zendesk/event-timelines';
import { at, solvedTicket } from '../metrics/make-ticket';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8'));

const audits = ticketEventPageSchema
  .parse(fixture('ticket-events.json'))
  .ticket_events.map((raw) => ticketAuditSchema.parse(raw));
const metricEvents = metricEventPageSchema
  .parse(fixture('ticket-metric-events.json'))
  .ticket_metric_events.map((raw) => ticketMetricEventSchema.parse(raw));
const ratings = satisfactionRatingPageSchema
  .parse(fixture('satisfaction-ratings.json'))
  .satisfaction_ratings.map((raw) => satisfactionRatingSchema.parse(raw));
const staff = new Set([11, 12]);
const now = at('2026-12-01T00:00:00Z');

describe('eventTimelines', () => {
  const timelines = eventTimelines({ audits, metricEvents, ratings, staff, now })!;
  const timeline = timelines.byTicket.get(1001)!;

  it('finds the first replier, first assignee and solver', () => {
    // The requester's comment in the creating update is not a reply.
    expect(timeline.people).toEqual({ firstReplier: 11, firstAssignee: 11, solver: 12 });
    expect(timeline.ratedAssignee).toBe(12);
  });

  it('keeps the assignee and status changes in time order', () => {
    expect(timeline.assignees).toEqual([
      { at: at('2026-10-01T09:00:00Z'), assigneeId: null },
      { at: at('2026-10-01T09:30:00Z'), assigneeId: 11 },
      { at: at('2026-10-02T09:00:00Z'), assigneeId: 12 },
    ]);
    expect(timeline.statuses.map((s) => s.status)).toEqual(['new', 'open', 'solved']);
  });

  it('decides each SLA target: deleted breach ignored, fulfil after a breach still breached, no target without apply_sla', () => {
    expect(timeline.slaTargets).toEqual([
      { metric: 'first_reply_time', instanceId: 1, state: 'achieved', at: at('2026-10-01T09:30:00Z') },
      { metric: 'requester_wait_time', instanceId: 1, state: 'breached', at: at('2026-10-02T09:00:00Z') },
      { metric: 'next_reply_time', instanceId: 2, state: 'breached', at: at('2026-10-01T11:30:00Z') },
    ]);
  });

  it('reads the events in any order alike', () => {
    const shuffled = eventTimelines({
      audits: [...audits].reverse(),
      metricEvents: [...metricEvents].reverse(),
      ratings: [...ratings].reverse(),
      staff,
      now,
    })!;
    expect(shuffled.byTicket.get(1001)).toEqual(timeline);
  });

  it('leaves a breach scheduled after now active', () => {
    const early = eventTimelines({ metricEvents, staff, now: at('2026-10-01T11:00:00Z') })!;
    const next = early.byTicket.get(1001)!.slaTargets.find((t) => t.metric === 'next_reply_time');
    expect(next).toEqual({ metric: 'next_reply_time', instanceId: 2, state: 'active', at: null });
    expect(early.ticketEvents).toBe(false);
  });

  it('gives nothing without any stream, so the report stays version 1', () => {
    expect(eventTimelines({ staff, now })).toBeUndefined();
  });

  it('credits the report as the contract says', () => {
    const ticket = solvedTicket(1001, '2026-10-03T09:00:00Z', {
      createdAt: at('2026-10-01T09:00:00Z'),
      assigneeId: 12,
      replyTimeCalendar: 30,
      satisfaction: 'good',
    });
    const window = ReportWindow.of('2026-10-01', '2026-10-04', 'UTC');
    const report = computeReport([ticket], { window, timelines });
    expect(report.credit).toBe('actor');
    const eleven = report.agents.find((a) => a.id === 11)!;
    const twelve = report.agents.find((a) => a.id === 12)!;
    expect([eleven.created, eleven.frt.n, eleven.solved]).toEqual([1, 1, 0]);
    expect([twelve.created, twelve.solved, twelve.csat.numerator]).toEqual([0, 1, 1]);
    expect(eleven.sla!.all).toEqual({ achieved: 1, breached: 1, rate: 0.5 });
    expect(twelve.sla!.all).toEqual({ achieved: 0, breached: 1, rate: 0 });
    expect(report.sla_daily).toEqual([
      { date: '2026-10-01', agent_id: 11, breached: 1, achieved: 1 },
      { date: '2026-10-02', agent_id: 12, breached: 1, achieved: 0 },
    ]);
    expect(report.daily.map((d) => d.backlog)).toEqual([1, 1, 0, 0]);
  });
});
