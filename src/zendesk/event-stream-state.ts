import { z } from 'zod/mini';

/** Where each event stream of a pull stands (see `event-stream-pull.ts`), as a snapshot keeps it. */

export const EVENT_STREAMS = ['events', 'sla', 'csat'] as const;
export type EventStreamName = (typeof EVENT_STREAMS)[number];

/** What each stream gives the report, for the notes that say what is missing without it. */
export const STREAM_NUMBERS: Record<EventStreamName, string> = {
  events: 'credit to who did the work (first replier, first assignee, solver) and the backlog per day',
  sla: 'the SLA numbers (sla, sla_active, sla_daily)',
  csat: 'CSAT credited to the rated agent',
};

export const STREAM_ENDPOINTS: Record<EventStreamName, string> = {
  events: '/api/v2/incremental/ticket_events',
  sla: '/api/v2/incremental/ticket_metric_events',
  csat: '/api/v2/satisfaction_ratings',
};

/** One stretch still to read: from `from` (epoch seconds) until the stream reaches `until`. */
export interface StreamStretch {
  from: number;
  until: number;
  /** Ratings: the cursor page to go on with inside the stretch (the list has no time to resume from). */
  next?: string | null;
}

export interface StreamState {
  /** Epoch seconds the stream's newest reading goes on from; null before its first stretch is read. */
  position: number | null;
  /** Ratings: the page to go on with in the newest reading, after an interruption. */
  next?: string | null;
  /** Ratings: when (epoch seconds, Zendesk's clock) the unfinished newest reading began. */
  since?: number | null;
  /** Older stretches still to read, next first. */
  backfill: StreamStretch[];
  /** Set when Zendesk refused this stream to the user (403); `at` is epoch ms. */
  refused: { status: number; message: string; at: number } | null;
  /** Whether it has given a record: only then does the report count it as read. */
  read: boolean;
}

export const streamStateSchema = z.object({
  position: z.nullable(z.number()),
  next: z.nullish(z.string()),
  since: z.nullish(z.number()),
  backfill: z.array(z.object({ from: z.number(), until: z.number(), next: z.nullish(z.string()) })),
  refused: z.nullable(z.object({ status: z.number(), message: z.string(), at: z.number() })),
  read: z.boolean(),
}) satisfies z.ZodMiniType<StreamState>;

/** A stream Zendesk would not give this user, and why. */
export interface RefusedStream {
  stream: EventStreamName;
  status: number;
  message: string;
}
