import { z } from 'zod/mini';
import type { TicketRecord } from '../metrics/ticket-record';
import { slaMetricName } from '../metrics/ticket-timeline';
import { ZendeskApiError } from './api-errors';
import { apiPaths } from './api-paths';
import type { RequestScheduler } from './request-scheduler';
import { describeIssues, metricSetSchema, ticketSchema } from './schemas';
import { ticketRecordFromApi } from './ticket-record-from-api';

/**
 * One ticket for the sidebar, with what agents may read: at most two requests.
 * 1. `GET /api/v2/tickets/{id}.json?include=metric_sets,slas,metric_events`: the ticket, its SLA
 *    policy metrics (`slas.policy_metrics`, with `breach_at` and `stage`) and its metric events by
 *    metric, as Zendesk's own SLA app reads them (zendesk/sla_event_tracking_app).
 * 2. `GET /api/v2/tickets/{id}/metrics.json` only if the first answer held no metric set (the
 *    sideload on show ticket is not documented, so it is not relied on).
 */

const slaPolicyMetricSchema = z.looseObject({
  metric: z.string(),
  stage: z.nullish(z.string()),
  breach_at: z.nullish(z.iso.datetime({ offset: true })),
  minutes: z.nullish(z.number()),
  business_hours: z.nullish(z.boolean()),
});

const metricEventSchema = z.looseObject({
  id: z.nullish(z.number()),
  metric: z.string(),
  type: z.string(),
  time: z.iso.datetime({ offset: true }),
  instance_id: z.nullish(z.number()),
  deleted: z.nullish(z.boolean()),
  sla: z.nullish(z.looseObject({ target: z.nullish(z.number()), business_hours: z.nullish(z.boolean()) })),
});

const ticketWithSideloadsSchema = z.looseObject({
  ticket: z.looseObject({
    slas: z.nullish(z.looseObject({ policy_metrics: z.nullish(z.array(slaPolicyMetricSchema)) })),
    metric_events: z.nullish(z.record(z.string(), z.array(metricEventSchema))),
  }),
  metric_sets: z.nullish(z.array(z.unknown())),
});

const ticketMetricResponseSchema = z.looseObject({ ticket_metric: z.unknown() });

export type SlaPolicyMetric = z.output<typeof slaPolicyMetricSchema>;
export type MetricEvent = z.output<typeof metricEventSchema>;

export interface TicketDetail {
  record: TicketRecord;
  slaMetrics: SlaPolicyMetric[];
  metricEvents: MetricEvent[];
  /** Every SLA on the ticket, one per SLA metric (its latest target), in TICKET_SLA_ORDER. */
  slas: TicketSla[];
  requests: number;
}

/**
 * One SLA of the ticket: the latest target of one SLA metric (METRICS.md, SLAs: `reply_time`
 * instance 1 is `first_reply_time`, later ones `next_reply_time`).
 * - `active`: running; it breaches at `dueAt` (null when Zendesk gave no time), overdue after it;
 * - `paused`: not running (pending, on-hold), so neither time left nor overdue;
 * - `achieved`: fulfilled with no live breach before the fulfil;
 * - `breached`: fulfilled after a live breach (Explore counts it breached), `dueAt` its breach.
 */
export interface TicketSla {
  metric: string;
  state: 'active' | 'paused' | 'achieved' | 'breached';
  dueAt: number | null;
  /** Earlier targets of the same metric (next replies, periodic updates) that breached. */
  earlierBreaches: number;
}

/** The order the sidebar lists SLAs in: as a ticket meets them; others after, by name. */
export const TICKET_SLA_ORDER = [
  'first_reply_time',
  'next_reply_time',
  'periodic_update_time',
  'pausable_update_time',
  'requester_wait_time',
  'agent_work_time',
  'group_ownership_time',
] as const;

interface TargetFacts {
  metric: string;
  instanceId: number;
  /** The latest apply, pause, activate or fulfil, in time order: whether it runs. */
  lastClock: string;
  fulfilledAt: number | null;
  /** The earliest breach not deleted (Zendesk schedules it ahead, at the instant it will breach). */
  breachAt: number | null;
}

const APPLIES = new Set(['apply_sla', 'apply_group_sla']);
const CLOCK_EVENTS = new Set(['apply_sla', 'apply_group_sla', 'activate', 'pause', 'fulfill']);

/** The targets the metric events hold (events in time order), keyed by SLA metric and instance. */
function targetsFromEvents(events: readonly MetricEvent[]): TargetFacts[] {
  const byKey = new Map<string, TargetFacts>();
  const applied = new Set<string>();
  const facts = (event: MetricEvent): TargetFacts => {
    const instanceId = event.instance_id ?? 0;
    const metric = slaMetricName(event.metric, instanceId);
    const key = `${metric}|${instanceId}`;
    let target = byKey.get(key);
    if (!target) {
      target = { metric, instanceId, lastClock: 'activate', fulfilledAt: null, breachAt: null };
      byKey.set(key, target);
    }
    if (APPLIES.has(event.type)) applied.add(key);
    return target;
  };
  for (const event of events) {
    const target = facts(event);
    const time = Date.parse(event.time);
    if (CLOCK_EVENTS.has(event.type)) target.lastClock = event.type;
    if (event.type === 'fulfill') target.fulfilledAt = time;
    if (event.type === 'breach' && event.deleted !== true && (target.breachAt === null || time < target.breachAt))
      target.breachAt = time;
  }
  // Only what a policy applied to is an SLA; the other metrics are measured but have no target.
  return [...byKey.entries()].filter(([key]) => applied.has(key)).map(([, target]) => target);
}

function stateOf(target: TargetFacts): TicketSla['state'] {
  if (target.fulfilledAt !== null)
    return target.breachAt !== null && target.breachAt <= target.fulfilledAt ? 'breached' : 'achieved';
  return target.lastClock === 'pause' ? 'paused' : 'active';
}

const POLICY_STAGES: Record<string, TicketSla['state']> = { active: 'active', paused: 'paused', achieved: 'achieved' };

/**
 * Each SLA metric's latest target: its state from the policy metric when Zendesk lists one (it
 * has the live stage and breach time), else from the metric events; a fulfilled target whose
 * events hold an earlier live breach is breached, as the report counts it.
 */
export function ticketSlas(policyMetrics: readonly SlaPolicyMetric[], events: readonly MetricEvent[]): TicketSla[] {
  const targets = targetsFromEvents(events);
  const metrics = new Set([...policyMetrics.map((policy) => policy.metric), ...targets.map((target) => target.metric)]);
  const slas: TicketSla[] = [];
  for (const metric of metrics) {
    const ofMetric = targets.filter((target) => target.metric === metric).sort((a, b) => a.instanceId - b.instanceId);
    const latest = ofMetric.at(-1);
    const earlierBreaches = ofMetric.slice(0, -1).filter((target) => stateOf(target) === 'breached').length;
    const policy = policyMetrics.find((candidate) => candidate.metric === metric);
    const policyState = policy?.stage ? POLICY_STAGES[policy.stage] : undefined;
    if (policy && policyState) {
      const dueAt = policy.breach_at ? Date.parse(policy.breach_at) : (latest?.breachAt ?? null);
      const breached = policyState === 'achieved' && latest !== undefined && stateOf(latest) === 'breached';
      slas.push({
        metric,
        state: breached ? 'breached' : policyState,
        dueAt: breached ? latest.breachAt : policyState === 'paused' ? null : dueAt,
        earlierBreaches,
      });
    } else if (latest) {
      const state = stateOf(latest);
      slas.push({ metric, state, dueAt: state === 'paused' ? null : latest.breachAt, earlierBreaches });
    }
  }
  const rank = (metric: string) => {
    const index = (TICKET_SLA_ORDER as readonly string[]).indexOf(metric);
    return index < 0 ? TICKET_SLA_ORDER.length : index;
  };
  return slas.sort((a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric));
}

function invalid(path: string, error: z.core.$ZodError): ZendeskApiError {
  return new ZendeskApiError(
    `GET ${path} returned a ticket that is not what Zendesk sends (${describeIssues(error)})`,
    200,
    path,
  );
}

export async function fetchTicketDetail(
  scheduler: RequestScheduler,
  ticketId: number,
  signal?: AbortSignal,
): Promise<TicketDetail> {
  const path = apiPaths.ticket(ticketId);
  const { body } = await scheduler.get(path, signal);
  const envelope = ticketWithSideloadsSchema.safeParse(body);
  if (!envelope.success) throw invalid(path, envelope.error);
  const ticket = ticketSchema.safeParse(envelope.data.ticket);
  if (!ticket.success) throw invalid(path, ticket.error);

  let requests = 1;
  let rawMetrics: unknown =
    envelope.data.metric_sets?.find((set) => (set as { ticket_id?: unknown }).ticket_id === ticketId) ??
    ticket.data.metric_set;
  if (rawMetrics === undefined || rawMetrics === null) {
    const metricsPath = apiPaths.ticketMetrics(ticketId);
    const metricsResponse = ticketMetricResponseSchema.safeParse((await scheduler.get(metricsPath, signal)).body);
    requests++;
    if (!metricsResponse.success) throw invalid(metricsPath, metricsResponse.error);
    rawMetrics = metricsResponse.data.ticket_metric;
  }
  const metrics = metricSetSchema.safeParse(rawMetrics);
  if (!metrics.success) throw invalid(path, metrics.error);

  const events = Object.values(envelope.data.ticket.metric_events ?? {}).flat();
  events.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id ?? 0) - (b.id ?? 0));
  const slaMetrics = envelope.data.ticket.slas?.policy_metrics ?? [];
  return {
    record: ticketRecordFromApi(ticket.data, metrics.data),
    slaMetrics,
    metricEvents: events,
    slas: ticketSlas(slaMetrics, events),
    requests,
  };
}
