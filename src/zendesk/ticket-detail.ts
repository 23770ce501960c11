import { z } from 'zod';
import type { TicketRecord } from '../metrics/ticket-record';
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
  stage: z.string().nullish(),
  breach_at: z.iso.datetime({ offset: true }).nullish(),
  minutes: z.number().nullish(),
  business_hours: z.boolean().nullish(),
});

const metricEventSchema = z.looseObject({
  metric: z.string(),
  type: z.string(),
  time: z.iso.datetime({ offset: true }),
  instance_id: z.number().nullish(),
  sla: z.looseObject({ target: z.number().nullish(), business_hours: z.boolean().nullish() }).nullish(),
});

const ticketWithSideloadsSchema = z.looseObject({
  ticket: z.looseObject({
    slas: z.looseObject({ policy_metrics: z.array(slaPolicyMetricSchema).nullish() }).nullish(),
    metric_events: z.record(z.string(), z.array(metricEventSchema)).nullish(),
  }),
  metric_sets: z.array(z.unknown()).nullish(),
});

const ticketMetricResponseSchema = z.looseObject({ ticket_metric: z.unknown() });

export type SlaPolicyMetric = z.output<typeof slaPolicyMetricSchema>;
export type MetricEvent = z.output<typeof metricEventSchema>;

export interface TicketDetail {
  record: TicketRecord;
  slaMetrics: SlaPolicyMetric[];
  metricEvents: MetricEvent[];
  requests: number;
}

function invalid(path: string, error: z.ZodError): ZendeskApiError {
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
  events.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return {
    record: ticketRecordFromApi(ticket.data, metrics.data),
    slaMetrics: envelope.data.ticket.slas?.policy_metrics ?? [],
    metricEvents: events,
    requests,
  };
}
