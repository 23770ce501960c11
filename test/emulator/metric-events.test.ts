import { describe, expect, it } from 'vitest';
import { BusinessSchedule } from '../../src/emulator/business-schedule';
import { metricEventJson, renderPolicyMetrics, ticketMetricStory } from '../../src/emulator/metric-events';
import type { TicketHistory } from '../../src/emulator/ticket-history';
import { ticketMetricEventSchema } from '../../src/zendesk/event-schemas';
import { eventTimelines } from '../../src/zendesk/event-timelines';
import { smallAccount } from './support';

/**
 * One hand-built ticket's metric events, every time worked out by hand. The schedule is open
 * around the clock (UTC), so business minutes are calendar minutes; the seeded policies apply at
 * priority normal: first and next reply 480 minutes, periodic update 960, requester wait 1920,
 * Tier 2 ownership 1920.
 */

const at = (iso: string) => Date.parse(iso);
const seeded = smallAccount(3);
const schedule = BusinessSchedule.covering(
  { id: 1, name: 'Always', time_zone: 'UTC', intervals: [{ start_time: 0, end_time: 7 * 1440 }] },
  at('2026-10-01T00:00:00Z'),
  at('2026-12-31T00:00:00Z'),
);
const account = { ...seeded, schedule };
const REQUESTER = 50_001;
const ANA = 10_002;
const BO = 10_027;
const TIER1 = 360_001;
const TIER2 = account.tier2GroupId;

const history: TicketHistory = {
  id: 77,
  requesterId: REQUESTER,
  channel: 'email',
  brandId: 1,
  type: 'question',
  priority: 'normal',
  subject: 'Export fails',
  updates: [
    {
      at: at('2026-11-16T10:00:00Z'),
      authorId: REQUESTER,
      changes: { status: 'new', group_id: TIER1, assignee_id: null, tags: [] },
      comment: { public: true, body: 'Export fails' },
    },
    // Ana answers in an hour and waits for the requester.
    {
      at: at('2026-11-16T11:00:00Z'),
      authorId: ANA,
      changes: { assignee_id: ANA, status: 'pending' },
      comment: { public: true, body: 'Which file?' },
    },
    // The requester answers the next morning: a next reply is due by 17:00.
    {
      at: at('2026-11-17T09:00:00Z'),
      authorId: REQUESTER,
      changes: { status: 'open' },
      comment: { public: true, body: 'This one.' },
    },
    // Ana escalates to Tier 2 (Bo) with a private note.
    {
      at: at('2026-11-17T10:00:00Z'),
      authorId: ANA,
      changes: { group_id: TIER2, assignee_id: BO },
      comment: { public: false, body: 'Tier 2 please' },
    },
    // Bo replies late and solves.
    {
      at: at('2026-11-17T20:00:00Z'),
      authorId: BO,
      changes: { status: 'solved' },
      comment: { public: true, body: 'Fixed.' },
    },
  ],
};

const story = ticketMetricStory(account, history);
const events = story.events.map(metricEventJson);
const line = (e: Record<string, unknown>) =>
  `${String(e['metric'])}#${String(e['instance_id'])} ${String(e['type'])}${e['deleted'] === true ? ' (deleted)' : ''} ${String(e['time'])}`;

describe('ticketMetricStory on a hand-built ticket', () => {
  it('applies each target when it starts and breaches or deletes the breach as worked out by hand', () => {
    const sla = events.filter((e) => ['apply_sla', 'apply_group_sla', 'breach', 'fulfill'].includes(String(e['type'])));
    const slaMetrics = new Set(['reply_time', 'periodic_update_time', 'requester_wait_time', 'group_ownership_time']);
    expect(sla.filter((e) => slaMetrics.has(String(e['metric']))).map(line)).toEqual([
      'reply_time#1 apply_sla 2026-11-16T10:00:00Z',
      'requester_wait_time#1 apply_sla 2026-11-16T10:00:00Z',
      'reply_time#1 fulfill 2026-11-16T11:00:00Z',
      'periodic_update_time#1 apply_sla 2026-11-16T11:00:00Z',
      // First reply met at 11:00, so the breach Zendesk had scheduled for 18:00 is deleted.
      'reply_time#1 breach (deleted) 2026-11-16T18:00:00Z',
      // Periodic update runs through Pending: 960 minutes from 11:00 passed at 03:00.
      'periodic_update_time#1 breach 2026-11-17T03:00:00Z',
      'reply_time#2 apply_sla 2026-11-17T09:00:00Z',
      'group_ownership_time#1 fulfill 2026-11-17T10:00:00Z',
      'group_ownership_time#2 apply_group_sla 2026-11-17T10:00:00Z',
      // The next reply was due at 17:00 and came at 20:00: breached, then fulfilled.
      'reply_time#2 breach 2026-11-17T17:00:00Z',
      // Requester wait paused at 11:00 after 60 minutes; the 1920-minute breach scheduled at creation is deleted.
      'requester_wait_time#1 breach (deleted) 2026-11-17T18:00:00Z',
      'reply_time#2 fulfill 2026-11-17T20:00:00Z',
      'periodic_update_time#1 fulfill 2026-11-17T20:00:00Z',
      'requester_wait_time#1 fulfill 2026-11-17T20:00:00Z',
      'group_ownership_time#2 fulfill 2026-11-17T20:00:00Z',
      // Resumed at 09:00 with 1860 minutes left: due 16:00 the day after, but solved before.
      'requester_wait_time#1 breach (deleted) 2026-11-18T16:00:00Z',
      'group_ownership_time#2 breach (deleted) 2026-11-18T18:00:00Z',
    ]);
  });

  it('pauses and resumes with the status, and gives each fulfil the minutes it ran', () => {
    const of = (metric: string) =>
      events
        .filter((e) => e['metric'] === metric && e['instance_id'] !== 0)
        .filter((e) => ['activate', 'pause', 'fulfill'].includes(String(e['type'])))
        .map((e) => `${String(e['type'])} ${String(e['time']).slice(5, 16)}`);
    expect(of('requester_wait_time')).toEqual([
      'activate 11-16T10:00',
      'pause 11-16T11:00',
      'activate 11-17T09:00',
      'fulfill 11-17T20:00',
    ]);
    expect(of('agent_work_time')).toEqual([
      'activate 11-16T10:00',
      'pause 11-16T11:00',
      'activate 11-17T09:00',
      'fulfill 11-17T20:00',
    ]);
    expect(of('pausable_update_time')).toEqual([
      'activate 11-16T11:00',
      'pause 11-16T11:00',
      'activate 11-17T09:00',
      'fulfill 11-17T20:00',
    ]);
    const status = (metric: string, instance: number) =>
      events.find((e) => e['metric'] === metric && e['instance_id'] === instance && e['type'] === 'update_status')?.[
        'status'
      ];
    expect(status('reply_time', 1)).toEqual({ calendar: 60, business: 60 });
    expect(status('reply_time', 2)).toEqual({ calendar: 660, business: 660 });
    // 60 minutes before the pause, 660 after it.
    expect(status('requester_wait_time', 1)).toEqual({ calendar: 720, business: 720 });
    expect(status('pausable_update_time', 1)).toEqual({ calendar: 660, business: 660 });
    expect(status('resolution_time', 1)).toEqual({ calendar: 2040, business: 2040 });
    expect(status('group_ownership_time', 2)).toEqual({ calendar: 600, business: 600 });
    // Every metric is measured from creation (instance 0), as in Zendesk's example.
    expect(events.filter((e) => e['type'] === 'measure').map((e) => e['instance_id'])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('is read by the client as Zendesk data: every event valid, and each target’s outcome as worked out', () => {
    for (const event of events) expect(ticketMetricEventSchema.safeParse(event).success).toBe(true);
    const timelines = eventTimelines({
      metricEvents: events.map((e) => ticketMetricEventSchema.parse(e)),
      staff: new Set([ANA, BO]),
      now: at('2026-11-20T00:00:00Z'),
    })!;
    const targets = timelines.byTicket
      .get(77)!
      .slaTargets.map((t) => `${t.metric}#${t.instanceId} ${t.state} ${new Date(t.at!).toISOString()}`);
    expect(targets.sort()).toEqual([
      'first_reply_time#1 achieved 2026-11-16T11:00:00.000Z',
      'group_ownership_time#2 achieved 2026-11-17T20:00:00.000Z',
      'next_reply_time#2 breached 2026-11-17T17:00:00.000Z',
      'periodic_update_time#1 breached 2026-11-17T03:00:00.000Z',
      'requester_wait_time#1 achieved 2026-11-17T20:00:00.000Z',
    ]);
  });

  it('gives the slas sideload each policy metric’s latest instance, achieved here, active while it runs', () => {
    expect(renderPolicyMetrics(story)).toEqual({
      policy_metrics: [
        {
          breach_at: '2026-11-16T18:00:00Z',
          stage: 'achieved',
          metric: 'first_reply_time',
          minutes: 480,
          business_hours: true,
        },
        {
          breach_at: '2026-11-18T16:00:00Z',
          stage: 'achieved',
          metric: 'requester_wait_time',
          minutes: 1920,
          business_hours: true,
        },
        {
          breach_at: '2026-11-17T03:00:00Z',
          stage: 'achieved',
          metric: 'periodic_update_time',
          minutes: 960,
          business_hours: true,
        },
        {
          breach_at: '2026-11-17T17:00:00Z',
          stage: 'achieved',
          metric: 'next_reply_time',
          minutes: 480,
          business_hours: true,
        },
      ],
    });
    // Before the next reply: the next reply is active, due at 17:00; requester wait runs again.
    const midway = ticketMetricStory(account, { ...history, updates: history.updates.slice(0, 3) });
    expect(renderPolicyMetrics(midway)['policy_metrics']).toContainEqual({
      breach_at: '2026-11-17T17:00:00Z',
      stage: 'active',
      metric: 'next_reply_time',
      minutes: 480,
      business_hours: true,
    });
    // While pending, requester wait is paused, with no due time.
    const pending = ticketMetricStory(account, { ...history, updates: history.updates.slice(0, 2) });
    expect(renderPolicyMetrics(pending)['policy_metrics']).toContainEqual({
      breach_at: null,
      stage: 'paused',
      metric: 'requester_wait_time',
      minutes: 1920,
      business_hours: true,
    });
  });
});
