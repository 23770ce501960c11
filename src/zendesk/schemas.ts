import { z } from 'zod/mini';
import { SATISFACTION_SCORES, TICKET_STATUSES } from '../metrics/ticket-record';
import { ZendeskApiError } from './api-errors';
import './zod-messages';

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

/** `schema`, or null where the field is null or absent. */
const orNull = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.nullish(schema),
    z.transform((value) => value ?? null),
  );

const id = z.int().check(z.positive(), z.maximum(Number.MAX_SAFE_INTEGER));
const nullableId = orNull(id);
const timestamp = z.iso.datetime({ offset: true });
/** Far beyond any real duration (Zendesk accounts go back to 2007), so 1e300 is refused, not summed. */
const MAX_MINUTES = 60 * 24 * 366 * 100;
const minutes = orNull(z.number().check(z.nonnegative(), z.maximum(MAX_MINUTES)));
const count = orNull(z.int().check(z.nonnegative(), z.maximum(1_000_000)));

/** `{calendar, business}`; the wrapper and each member may be null (METRICS.md, Inputs). */
const minutePair = z.pipe(
  z.nullish(z.object({ calendar: minutes, business: minutes })),
  z.transform((pair) => pair ?? { calendar: null, business: null }),
);

export const metricSetSchema = z.object({
  ticket_id: id,
  solved_at: orNull(timestamp),
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
  via: z.nullish(z.object({ channel: z.nullish(z.union([z.string(), z.number()])) })),
  type: orNull(z.string()),
  priority: orNull(z.string()),
  tags: z.pipe(
    z.nullish(z.array(z.string())),
    z.transform((value) => value ?? []),
  ),
  satisfaction_rating: z.nullish(
    z.object({
      score: z.nullish(z.enum(SATISFACTION_SCORES)),
      comment: z.optional(z.unknown()),
      reason: z.optional(z.unknown()),
    }),
  ),
  /** Read only for the fields the settings name (NPS, CES); a value may be anything a field holds. */
  custom_fields: z.nullish(z.array(z.looseObject({ id: z.optional(z.unknown()), value: z.optional(z.unknown()) }))),
  /** Some responses embed the metric set in the ticket (recorded/embulk/ticket_metrics.json). */
  metric_set: z.optional(z.unknown()),
});
export type Ticket = z.output<typeof ticketSchema>;

export const userSchema = z.object({
  id,
  name: orNull(z.string()),
  role: orNull(z.string()),
  active: z.nullish(z.boolean()),
});
export type User = z.output<typeof userSchema>;

export const groupSchema = z.object({
  id,
  name: orNull(z.string()),
  deleted: z.nullish(z.boolean()),
});
export type Group = z.output<typeof groupSchema>;

const records = z.array(z.unknown());
const nullableString = z.nullish(z.string());

/** `GET /api/v2/incremental/tickets/cursor.json`: `after_cursor` until `end_of_stream`. */
export const cursorTicketPageSchema = z.looseObject({
  tickets: records,
  metric_sets: z.optional(records),
  // Present (if null) on every cursor page; its absence is what tells a time-based page apart.
  after_cursor: z.nullable(z.string()),
  before_cursor: nullableString,
  end_of_stream: z.boolean(),
});

/** `GET /api/v2/incremental/tickets.json`: `end_time` is the next page's `start_time`. */
export const timeTicketPageSchema = z.looseObject({
  tickets: records,
  metric_sets: z.optional(records),
  end_time: z.nullish(z.int().check(z.nonnegative())),
  next_page: nullableString,
  end_of_stream: z.optional(z.boolean()),
});

export const userPageSchema = z.looseObject({ users: records });
export const groupPageSchema = z.looseObject({ groups: records });

/** A recorded exchange (`shared/zendesk/recorded/zenpy`): the body is what Zendesk sent. */
export const recordedExchangeSchema = z.looseObject({
  request: z.looseObject({ method: z.string(), url: z.string() }),
  response: z.looseObject({ status: z.int(), body: z.unknown() }),
});

/** A zod error in one line: the first few problems, each with its path. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}

/**
 * A response body that fits its schema, or an error naming the request and what did not fit:
 * `what` completes "returned a body that is not …" (a ticket list, an export page).
 */
export function parseResponseBody<Schema extends z.ZodMiniType>(
  schema: Schema,
  body: unknown,
  path: string,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ZendeskApiError(
      `GET ${path} returned a body that is not ${what} (${describeIssues(parsed.error)})`,
      200,
      path,
    );
  return parsed.data;
}
