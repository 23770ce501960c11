import { z } from 'zod/mini';
import { ZendeskApiError } from './api-errors';
import { apiPaths, pathOf } from './api-paths';
import { satisfactionRatingSchema, ticketAuditSchema, ticketMetricEventSchema } from './event-schemas';
import type { EventFacts } from './event-timelines';
import { EVENT_STREAMS, type EventStreamName, type StreamState } from './event-stream-state';
import { listPages } from './list-pages';
import type { PullSession } from './pull-session';
import { describeIssues } from './schemas';

/**
 * The event streams version 2 of the contract reads (METRICS.md, Inputs), each pulled in stretches
 * of time as the tickets are (see `admin-ticket-pull.ts`), checkpointed after every page and
 * folded at once into per-ticket facts (`EventFacts`): no raw event is kept.
 *
 * - `events`: `GET /api/v2/incremental/ticket_events?include=comment_events`, a time-based
 *   incremental export: up to 1000 updates a page; the next page starts at `end_time`, repeating
 *   that second's records (folded twice to the same facts); `end_of_stream` ends it
 *   (https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#time-based-incremental-exports).
 * - `sla`: `GET /api/v2/incremental/ticket_metric_events`, time-based in the same way, 1000 a page
 *   (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metric_events/).
 * - `csat`: `GET /api/v2/satisfaction_ratings`, cursor-paginated at 100 a page, `start_time` and
 *   `end_time` bounding when each rating last changed
 *   (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/).
 * All three are for admins only: a 403 is recorded, not fatal, and the report goes without
 * what that stream gives (METRICS.md: each number falls back, and the CLI and the app say so).
 */

const timeBasedPageSchema = z.looseObject({
  end_time: z.nullish(z.int().check(z.nonnegative())),
  next_page: z.nullish(z.string()),
  end_of_stream: z.nullish(z.boolean()),
});

const RESPONSE_KINDS = { events: 'ticket-events', sla: 'metric-events', csat: 'ratings' } as const;
export type StreamResponseKind = (typeof RESPONSE_KINDS)[EventStreamName];

const MINUTE_SECONDS = 60;

/** The streams this pull asks for, in the order they are read. */
export function streamsAsked(session: PullSession): EventStreamName[] {
  return EVENT_STREAMS.filter((stream) => (session.options.streams ?? EVENT_STREAMS).includes(stream));
}

/**
 * Gives each stream asked for that has no state yet its stretches: on a first admin pull the
 * tickets' own (`starts`, newest first, then `startTime`). Otherwise (an agent pull, or a cache
 * whose tickets were read without the streams, as the app's first load does) the pull's
 * `recentFrom` all the same, so this period's events come first there too; without it, one
 * reading from `startTime`.
 */
export function planStreams(session: PullSession, starts: readonly number[]): void {
  const startTime = session.options.startTime ?? 0;
  const nowSeconds = Math.floor(session.clock.now() / 1000);
  const recent =
    starts.length > 0
      ? starts
      : [...new Set(session.options.recentFrom ?? [])]
          .filter((time) => time > startTime && time < nowSeconds)
          .sort((a, b) => b - a);
  const froms = [...recent, startTime];
  for (const stream of streamsAsked(session)) {
    if (session.streams[stream]) continue;
    session.streams[stream] = {
      position: froms[0]!,
      backfill: froms.slice(1).map((from, index) => ({ from, until: froms[index]! })),
      refused: null,
      read: false,
    };
  }
}

/**
 * Whether to ask for a stream: not when Zendesk refused it less than the directory's time to live
 * ago (a role changes rarely, and asking costs one of the export's ten requests a minute).
 */
function shouldAsk(session: PullSession, state: StreamState): boolean {
  if (state.refused === null) return true;
  const ttl = session.options.directoryTtlMs ?? 60 * 60 * 1000;
  if (session.clock.now() - state.refused.at < ttl) return false;
  state.refused = null;
  return true;
}

/** Reads each stream from where its newest reading stands to the end of the stream. */
export async function readNewest(session: PullSession): Promise<void> {
  for (const stream of streamsAsked(session)) {
    const state = session.streams[stream]!;
    if (shouldAsk(session, state)) await readStreamStretch(session, stream, state, 'newest');
  }
}

/**
 * Reads the older stretch ending at `until` of each stream that has it next. With none given,
 * every older stretch, stretch by stretch across the streams, newest first: so the previous
 * period is whole in every stream before the history of any is read.
 */
export async function readOlder(session: PullSession, until?: number): Promise<void> {
  if (until === undefined) {
    for (;;) {
      const next = streamsAsked(session)
        .map((stream) => session.streams[stream]!)
        .filter((state) => state.backfill.length > 0 && shouldAsk(session, state))
        .map((state) => state.backfill[0]!.until);
      // Each reading ends its stretch or marks its stream refused, so this ends.
      if (next.length === 0) return;
      await readOlder(session, Math.max(...next));
    }
  }
  for (const stream of streamsAsked(session)) {
    const state = session.streams[stream]!;
    if (state.backfill[0]?.until === until && shouldAsk(session, state))
      await readStreamStretch(session, stream, state, 'older');
  }
}

/**
 * Reads one stretch of one stream: the newest (to the end of the stream, from `state.position`)
 * or the next older one (`state.backfill[0]`). A 403 marks the stream refused and ends quietly.
 */
async function readStreamStretch(
  session: PullSession,
  stream: EventStreamName,
  state: StreamState,
  which: 'newest' | 'older',
): Promise<void> {
  const stretch = which === 'older' ? state.backfill[0] : undefined;
  const from = stretch ? stretch.from : state.position!;
  const facts = session.eventFacts;
  try {
    if (stream === 'csat') {
      await readRatings(session, state, facts, from, stretch?.until, stretch ? stretch.next : state.next);
    } else {
      await readTimeBased(session, stream, state, facts, from, stretch?.until);
    }
  } catch (error) {
    if (error instanceof ZendeskApiError && error.status === 403) {
      state.refused = { status: 403, message: error.message, at: session.clock.now() };
      return;
    }
    throw error;
  }
  if (stretch) state.backfill = state.backfill.slice(1);
}

async function readTimeBased(
  session: PullSession,
  stream: 'events' | 'sla',
  state: StreamState,
  facts: EventFacts,
  from: number,
  until: number | undefined,
): Promise<void> {
  const nowSeconds = () => Math.floor(session.clock.now() / 1000);
  let start = from;
  for (;;) {
    const startTime = Math.max(0, Math.min(start, nowSeconds() - MINUTE_SECONDS));
    const path = stream === 'events' ? apiPaths.ticketEvents(startTime) : apiPaths.metricEvents(startTime);
    const { body } = await session.scheduler.get(path, session.signal);
    const key = stream === 'events' ? 'ticket_events' : 'ticket_metric_events';
    const page = timeBasedPageSchema.safeParse(body);
    const records = page.success ? (page.data as Record<string, unknown>)[key] : undefined;
    if (!page.success || !Array.isArray(records)) {
      const reason = page.success ? `no "${key}" list` : describeIssues(page.error);
      throw new ZendeskApiError(`GET ${path} returned a body that is not an export page (${reason})`, 200, path);
    }
    await session.options.onResponse?.(RESPONSE_KINDS[stream], path, body);
    // A stream counts as read once it gave a record: an account without events reports as today.
    if (records.length > 0) state.read = true;
    for (const raw of records) {
      if (stream === 'events') {
        const audit = ticketAuditSchema.safeParse(raw);
        if (audit.success) facts.addAudit(audit.data);
        else session.eventsSkipped++;
      } else {
        const event = ticketMetricEventSchema.safeParse(raw);
        if (event.success) facts.addMetricEvent(event.data);
        else session.eventsSkipped++;
      }
    }
    const next = nextStart(page.data, startTime);
    const ended = page.data.end_of_stream === true || records.length === 0;
    if (!ended && next <= startTime) {
      throw new ZendeskApiError(
        `GET ${path} gave a next page that starts where this one did (${startTime}): the export would not move on`,
        200,
        path,
      );
    }
    const reachedUntil = until !== undefined && next >= until;
    if (until === undefined) state.position = next;
    else state.backfill = [{ from: next, until }, ...state.backfill.slice(1)];
    session.partial();
    await session.checkpoint();
    if (ended || reachedUntil) return;
    start = next;
  }
}

/** Where a time-based export goes on: its `end_time`, else the `start_time` of its `next_page`. */
function nextStart(page: z.output<typeof timeBasedPageSchema>, startTime: number): number {
  if (typeof page.end_time === 'number') return page.end_time;
  if (page.next_page) {
    const value = Number(new URL(pathOf(page.next_page), 'https://x').searchParams.get('start_time'));
    if (Number.isSafeInteger(value)) return value;
  }
  return startTime;
}

async function readRatings(
  session: PullSession,
  state: StreamState,
  facts: EventFacts,
  from: number,
  until: number | undefined,
  resumeAt: string | null | undefined,
): Promise<void> {
  const first = resumeAt ?? apiPaths.satisfactionRatings(from, until);
  // The list has no end_time to go on from: a later reading starts when this one began, by
  // Zendesk's clock (its Date header), a minute early, so a rating changed meanwhile is read again.
  let zendeskStart: number | null = until === undefined ? (state.since ?? null) : null;
  for await (const page of listPages(session.scheduler, first, 'satisfaction_ratings', session.signal)) {
    const date = page.headers['date'] ? Date.parse(page.headers['date']) : NaN;
    zendeskStart ??= Number.isNaN(date) ? Math.floor(session.clock.now() / 1000) : Math.floor(date / 1000);
    await session.options.onResponse?.('ratings', page.path, page.body);
    if (page.records.length > 0) state.read = true;
    for (const raw of page.records) {
      const rating = satisfactionRatingSchema.safeParse(raw);
      if (rating.success) facts.addRating(rating.data);
      else session.eventsSkipped++;
    }
    const next = nextListPath(page.body);
    if (until === undefined) Object.assign(state, { next, since: zendeskStart });
    else state.backfill = [{ from, until, next }, ...state.backfill.slice(1)];
    session.partial();
    await session.checkpoint();
  }
  if (until === undefined) {
    state.next = null;
    state.since = null;
    state.position = Math.max(from, (zendeskStart ?? from) - MINUTE_SECONDS);
  }
}

function nextListPath(body: Record<string, unknown>): string | null {
  const meta = body['meta'] as { has_more?: unknown } | null | undefined;
  const links = body['links'] as { next?: unknown } | null | undefined;
  if (meta && typeof meta.has_more === 'boolean') {
    return meta.has_more && typeof links?.next === 'string' ? pathOf(links.next) : null;
  }
  return typeof body['next_page'] === 'string' ? pathOf(body['next_page']) : null;
}
