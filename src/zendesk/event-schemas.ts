import { z } from 'zod/mini';

/**
 * zod schemas of the event streams version 2 of the contract reads. Unknown keys pass; the fields
 * the timelines use are checked. Envelopes hold records as `unknown[]` so that one bad record is
 * skipped without losing its page.
 *
 * - Ticket events: `GET /api/v2/incremental/ticket_events?include=comment_events`, one audit per
 *   update with its `child_events` (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-event-export,
 *   child events as in https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference).
 *   Without `include=comment_events` a comment child has only `comment_public`, no author.
 * - Ticket metric events: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metric_events/
 * - Satisfaction ratings: https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/
 */

const id = z.int().check(z.positive(), z.maximum(Number.MAX_SAFE_INTEGER));
const nullableId = z.pipe(
  z.nullish(id),
  z.transform((value) => value ?? null),
);
const timestamp = z.iso.datetime({ offset: true });

export const childEventSchema = z.looseObject({
  id: z.int(),
  event_type: z.string(),
  author_id: z.optional(nullableId),
  public: z.nullish(z.boolean()),
  comment_public: z.nullish(z.boolean()),
  // Create and Change events carry the field they set under its own name.
  assignee_id: z.nullish(z.int()),
  status: z.nullish(z.string()),
  previous_value: z.optional(z.unknown()),
});
export type ChildEvent = z.output<typeof childEventSchema>;

export const ticketAuditSchema = z.looseObject({
  id: z.int(),
  ticket_id: id,
  created_at: timestamp,
  updater_id: z.nullish(z.int()),
  child_events: z.array(childEventSchema),
});
export type TicketAudit = z.output<typeof ticketAuditSchema>;

export const ticketEventPageSchema = z.looseObject({
  ticket_events: z.array(z.unknown()),
  end_time: z.nullish(z.int().check(z.nonnegative())),
  next_page: z.nullish(z.string()),
});

export const METRIC_EVENT_TYPES = [
  'activate',
  'pause',
  'fulfill',
  'apply_sla',
  'apply_group_sla',
  'breach',
  'update_status',
  'measure',
] as const;

export const ticketMetricEventSchema = z.looseObject({
  id: z.int(),
  ticket_id: id,
  metric: z.string(),
  instance_id: z.int().check(z.nonnegative()),
  type: z.enum(METRIC_EVENT_TYPES),
  time: timestamp,
  deleted: z.nullish(z.boolean()),
});
export type TicketMetricEvent = z.output<typeof ticketMetricEventSchema>;

export const metricEventPageSchema = z.looseObject({ ticket_metric_events: z.array(z.unknown()) });

export const satisfactionRatingSchema = z.looseObject({
  id: z.int(),
  ticket_id: id,
  assignee_id: nullableId,
  group_id: nullableId,
  score: z.enum(['offered', 'unoffered', 'good', 'bad']),
  created_at: timestamp,
});
export type SatisfactionRating = z.output<typeof satisfactionRatingSchema>;

export const satisfactionRatingPageSchema = z.looseObject({ satisfaction_ratings: z.array(z.unknown()) });
