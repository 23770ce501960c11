import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import { slaMetricName, type TicketTimeline } from '../../src/metrics/ticket-timeline';
import {
  satisfactionRatingSchema,
  ticketAuditSchema,
  ticketMetricEventSchema,
  type TicketMetricEvent,
} from '../../src/zendesk/event-schemas';
import { eventTimelines } from '../../src/zendesk/event-timelines';
import { metricSetSchema, ticketSchema } from '../../src/zendesk/schemas';
import { ticketRecordFromApi } from '../../src/zendesk/ticket-record-from-api';
import { NOW, smallData } from './support';

/**
 * The seeded account holds the stories version 2 of the contract is about, and the engine sees
 * them in what the local Zendesk serves: the event streams, read by the client's schemas and
 * turned into timelines by the client's own code, then credited by the report.
 */

const { account, data } = smallData(3);
const everything = Number.MAX_SAFE_INTEGER;
const audits = data
  .ticketEvents(0, Math.floor(NOW / 1000), everything, true)
  .map((r) => ticketAuditSchema.parse(r.json));
const metricEvents = data.metricEventStream(0, NOW, everything).map((r) => ticketMetricEventSchema.parse(r.json));
const ratings = data.satisfactionRatings(NOW).map((r) => satisfactionRatingSchema.parse(r.json));
const staff = new Set(account.staff.map((member) => member.id));
const timelines = eventTimelines({ audits, metricEvents, ratings, staff, now: NOW })!;
const all: TicketTimeline[] = [...timelines.byTicket.values()];
const current = new Map(data.allTickets(NOW).map((version) => [version.id, version.ticket]));
const tier2 = account.tier2GroupId;
const tier1 = new Set(account.groups.filter((group) => group.name.startsWith('Tier 1')).map((group) => group.id));

const SLA_METRICS = [
  'first_reply_time',
  'next_reply_time',
  'requester_wait_time',
  'periodic_update_time',
  'group_ownership_time',
];

describe('the seeded account, as the engine reads its event streams', () => {
  it('has SLA targets on first reply, next reply, requester wait, periodic update and Tier 2 ownership, each achieved and breached', () => {
    for (const metric of SLA_METRICS) {
      const targets = all.flatMap((timeline) => timeline.slaTargets.filter((target) => target.metric === metric));
      expect(targets.filter((t) => t.state === 'achieved').length, `${metric} achieved`).toBeGreaterThan(0);
      expect(targets.filter((t) => t.state === 'breached').length, `${metric} breached`).toBeGreaterThan(0);
    }
    // Several reply_time instances on one ticket: first reply, then next replies.
    expect(all.some((t) => t.slaTargets.filter((s) => s.metric === 'next_reply_time').length >= 2)).toBe(true);
  });

  it('has deleted breaches that the engine ignores: their targets count as achieved', () => {
    const deleted = metricEvents.filter((event) => event.type === 'breach' && event.deleted === true);
    expect(deleted.length).toBeGreaterThan(0);
    const achievedDespite = deleted.filter((event: TicketMetricEvent) => {
      const target = timelines.byTicket
        .get(event.ticket_id)
        ?.slaTargets.find(
          (t) => t.instanceId === event.instance_id && t.metric === slaMetricName(event.metric, event.instance_id),
        );
      return target?.state === 'achieved';
    });
    expect(achievedDespite.length).toBeGreaterThan(0);
  });

  it('has reassigned tickets, and tickets first replied to by one agent and solved by another', () => {
    const reassigned = all.filter(
      (t) => new Set(t.assignees.map((change) => change.assigneeId).filter((id) => id !== null)).size >= 2,
    );
    expect(reassigned.length).toBeGreaterThan(0);
    const handedOver = all.filter(
      (t) => t.people?.firstReplier && t.people.solver && t.people.firstReplier !== t.people.solver,
    );
    expect(handedOver.length).toBeGreaterThan(5);
  });

  it('has escalations from Tier 1 to Tier 2, some after Tier 1 replied', () => {
    const escalations = audits.filter((audit) =>
      audit.child_events.some(
        (child) =>
          child.event_type === 'Change' && child['group_id'] === tier2 && tier1.has(Number(child.previous_value)),
      ),
    );
    expect(escalations.length).toBeGreaterThan(10);
    const afterReply = escalations.filter((escalation) => {
      const people = timelines.byTicket.get(escalation.ticket_id)?.people;
      const replier = people?.firstReplier;
      return replier !== null && replier !== undefined && people?.solver !== replier;
    });
    expect(afterReply.length).toBeGreaterThan(0);
  });

  it('has ratings given while the ticket was held by someone other than its current assignee', () => {
    const elsewhere = all.filter((t) => {
      const ticket = current.get(t.ticketId);
      return t.ratedAssignee !== null && ticket !== undefined && ticket['assignee_id'] !== t.ratedAssignee;
    });
    expect(elsewhere.length).toBeGreaterThan(0);
  });

  it('credits differently by actor and by assignee, with the same team totals and SLA numbers for every metric', () => {
    const records = data
      .allTickets(NOW)
      .map((version) =>
        ticketRecordFromApi(
          ticketSchema.parse(version.ticket),
          version.metricSet ? metricSetSchema.parse(version.metricSet) : null,
        ),
      );
    const window = ReportWindow.of('2026-10-23', '2026-11-21', account.options.timeZone);
    const byActor = computeReport(records, { window, timelines, credit: 'actor' });
    const byAssignee = computeReport(records, { window, timelines, credit: 'assignee' });
    expect(byActor.team).toEqual(byAssignee.team);
    for (const metric of SLA_METRICS) {
      expect(byActor.team.sla?.[metric]?.achieved, metric).toBeGreaterThan(0);
      expect(byActor.team.sla?.[metric]?.breached, metric).toBeGreaterThan(0);
    }
    // Tier 2 receives escalations: credited to the agent who first held the ticket, its
    // escalation count falls.
    const tier2Agents = new Set(account.staff.filter((m) => m.groupIds.includes(tier2)).map((m) => m.id));
    const escalated = (report: typeof byActor) =>
      report.agents
        .filter((agent) => agent.id !== null && tier2Agents.has(agent.id))
        .reduce((sum, agent) => sum + agent.escalation.numerator, 0);
    expect(escalated(byActor)).toBeLessThan(escalated(byAssignee));
    // First replies and ratings move to the people who gave and earned them.
    const frtCounts = (report: typeof byActor) => report.agents.map((agent) => [agent.id, agent.frt.n]);
    expect(frtCounts(byActor)).not.toEqual(frtCounts(byAssignee));
    const csat = (report: typeof byActor) => report.agents.map((agent) => [agent.id, agent.csat.denominator]);
    expect(csat(byActor)).not.toEqual(csat(byAssignee));
  });
});
