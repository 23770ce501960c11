import { z } from 'zod';
import { SATISFACTION_SCORES, TICKET_STATUSES } from '../metrics/ticket-record';

/**
 * zod schemas of the Zendesk response bodies the engine reads. Unknown keys pass (Zendesk adds
 * fields over time); the fields the engine uses are checked. Envelopes hold their records as
 * `unknown[]` so that one bad record is reported and skipped without losing its page.
 *
 * References:
 * - Incremental exports: https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
 * - Ticket metrics: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/
 * - Users: https://developer.zendesk.com/api-reference/ticketing/users/users/
 * - Groups: https://developer.zendesk.com/api-reference/ticketing/groups/groups/
 */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const nullableId = id.nullish().transform((value) => value ?? null);
const timestamp = z.iso.datetime({ offset: true });
/** Far beyond any real duration (Zendesk accounts go back to 2007), so 1e300 is refused, not summed. */
const MAX_MINUTES = 60 * 24 * 366 * 100;
const minutes = z
  .number()
  .nonnegative()
  .max(MAX_MINUTES)
  .nullish()
  .transform((value) => value ?? null);
const count = z
  .number()
  .int()
  .nonnegative()
  .max(1_000_000)
  .nullish()
  .transform((value) => value ?? null);

/** `{calendar, business}`; the wrapper and each member may be null (METRICS.md, Inputs). */
const minutePair = z
  .object({ calendar: minutes, business: minutes })
  .nullish()
  .transform((pair) => pair ?? { calendar: null, business: null });

export const metricSetSchema = z.object({
  ticket_id: id,
  solved_at: timestamp.nullish().transform((value) => value ?? null),
  replies: count,
  reopens: count,
  group_stations: count,
  assignee_stations: count,
  reply_time_in_minutes: minutePair,
  first_resolution_time_in_minutes: minutePair,
  full_resolution_time_in_minutes: minutePair,
  requester_wait_time_in_minutes: minutePair,
  agent_wait_time_in_minutes: minutePair,
  on_hold_time_in_minutes: minutePair,
});
export type MetricSet = z.output<typeof metricSetSchema>;

export const ticketSchema = z.object({
  id,
  created_at: timestamp,
  status: z.enum(TICKET_STATUSES),
  assignee_id: nullableId,
  group_id: nullableId,
  brand_id: nullableId,
  via: z.object({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
  type: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  priority: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  tags: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  satisfaction_rating: z
    .object({
      score: z.enum(SATISFACTION_SCORES).nullish(),
      comment: z.unknown().optional(),
      reason: z.unknown().optional(),
    })
    .nullish(),
  /** Read only for the fields the settings name (NPS, CES); a value may be anything a field holds. */
  custom_fields: z.array(z.looseObject({ id: z.unknown().optional(), value: z.unknown().optional() })).nullish(),
  /** Some responses embed the metric set in the ticket (recorded/embulk/ticket_metrics.json). */
  metric_set: z.unknown().optional(),
});
export type Ticket = z.output<typeof ticketSchema>;

export const userSchema = z.object({
  id,
  name: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  role: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  active: z.boolean().nullish(),
});
export type User = z.output<typeof userSchema>;

export const groupSchema = z.object({
  id,
  name: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  deleted: z.boolean().nullish(),
});
export type Group = z.output<typeof groupSchema>;

const records = z.array(z.unknown());
const nullableString = z.string().nullish();

/** `GET /api/v2/incremental/tickets/cursor.json`: `after_cursor` until `end_of_stream`. */
export const cursorTicketPageSchema = z.looseObject({
  tickets: records,
  metric_sets: records.optional(),
  // Present (if null) on every cursor page; its absence is what tells a time-based page apart.
  after_cursor: z.string().nullable(),
  before_cursor: nullableString,
  end_of_stream: z.boolean(),
});

/** `GET /api/v2/incremental/tickets.json`: `end_time` is the next page's `start_time`. */
export const timeTicketPageSchema = z.looseObject({
  tickets: records,
  metric_sets: records.optional(),
  end_time: z.number().int().nonnegative().nullish(),
  next_page: nullableString,
  end_of_stream: z.boolean().optional(),
});

export const userPageSchema = z.looseObject({ users: records });
export const groupPageSchema = z.looseObject({ groups: records });

/** A recorded exchange (`shared/zendesk/recorded/zenpy`): the body is what Zendesk sent. */
export const recordedExchangeSchema = z.looseObject({
  request: z.looseObject({ method: z.string(), url: z.string() }),
  response: z.looseObject({ status: z.number().int(), body: z.unknown() }),
});

/** A zod error in one line: the first few problems, each with its path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}
