import { pullAdminTickets } from './admin-ticket-pull';
import { EXPORT_DELETIONS, pullAgentTickets, readUnsolvedTickets, type DeletionCheck } from './agent-ticket-pull';
import { keepsFields, type AccountSnapshot } from './account-snapshot';
import { AbortedError, systemClock } from './clock';
import { readDirectoryFirst, refreshDirectory } from './directory-refresh';
import { EVENT_STREAMS, type EventStreamName, type RefusedStream } from './event-stream-state';
import { planStreams, readNewest } from './event-stream-pull';
import { EventFacts } from './event-timelines';
import type { TicketTimelines } from '../metrics/ticket-timeline';
import { PullError } from './pull-error';
import { PullSession, type PullOptions } from './pull-session';
import type { Dataset } from './response-dataset';

export { PullError };

export type { PullOptions, PullProgress, ResponseKind } from './pull-session';
export { EVENT_STREAMS, STREAM_NUMBERS, type EventStreamName, type RefusedStream } from './event-stream-state';

/**
 * Pulls what the report needs from a live account, resumably, and leaves a snapshot so the next
 * pull asks only for what changed.
 *
 * Requests per pull, T tickets, S staff, G groups (ceil of each division):
 * - admin: T/1000 (incremental export with metric_sets) + S/100 + G/100; a refresh with nothing
 *   changed: 1 request (the export's last page), plus S/100 + G/100 once the directory is an hour old,
 *   plus one `users/show_many` per 100 assignees the directory does not know yet.
 * - agent (no incremental exports, which are admin-only): T/1000 (search export, agents allowed)
 *   + T/100 (show_many with metric_sets) + S/100 + G/100.
 * - the event streams (`streams`, default all three; admin-only, METRICS.md Version 2), U ticket
 *   updates, M ticket metric events, R satisfaction ratings since the start: U/1000 (ticket events
 *   with comment_events) + M/1000 (metric events) + R/100 (ratings), at least 1 each; a first pull
 *   read in k stretches (`recentFrom`) adds up to k per stream, as the tickets' own stretches do.
 *   A refresh: 1 request per stream when nothing changed. An agent (or any role Zendesk refuses):
 *   1 request per stream, answered 403 and recorded (`refusedStreams`); not asked again for
 *   `directoryTtlMs`.
 * The steps: `admin-ticket-pull.ts`, `agent-ticket-pull.ts`, `event-stream-pull.ts`,
 * `directory-refresh.ts`.
 */

export interface PullResult {
  dataset: Dataset;
  /** The event streams' timelines for the report; undefined when no stream was read (version 1). */
  timelines: TicketTimelines | undefined;
  /** The streams that were read. */
  streams: EventStreamName[];
  /** The streams asked for that Zendesk refused to this user (admin-only), and its answer. */
  refusedStreams: RefusedStream[];
  /** Event records skipped as malformed. */
  eventsSkipped: number;
  snapshot: AccountSnapshot;
  /** Requests this pull sent, retries included. */
  requests: number;
  /** Whether it started from an earlier snapshot. */
  resumed: boolean;
  /** Why the snapshot could not be saved, or null when it was (or there is no store). */
  saveFailure: string | null;
  /** How deleted tickets were found, and what the role could not see of them (agent-ticket-pull.ts). */
  deletions: DeletionCheck;
}

export async function pullAccount(options: PullOptions): Promise<PullResult> {
  const { mode, store } = options;
  const clock = options.clock ?? systemClock;
  const accountKey = options.accountKey ?? options.scheduler.transport.accountKey;
  const loaded =
    options.from !== undefined && (options.from === null || options.from.accountKey === accountKey)
      ? options.from
      : store
        ? await store.load(accountKey)
        : null;
  const session = new PullSession(options, clock, loaded && covers(loaded, options) ? loaded : null);
  try {
    session.report();
    // Names before numbers: the first partial report already names its groups and agents.
    await readDirectoryFirst(session);
    let deletions = EXPORT_DELETIONS;
    if (mode === 'admin') await pullAdminTickets(session);
    else {
      deletions = await pullAgentTickets(session);
      // Admin-only streams: asked once, so that an agent's pull records that they are refused.
      planStreams(session, []);
      await readNewest(session);
    }
    // The export from a later start misses old unsolved tickets, which the backlog counts.
    if (mode === 'admin' && (options.startTime ?? 0) > 0 && !session.previous?.complete)
      await readUnsolvedTickets(session);
    await refreshDirectory(session);

    session.phase = 'done';
    session.estimatedMsLeft = 0;
    session.fraction = 1;
    session.waiting = null;
    session.report();
    const finished = session.snapshot(true);
    await session.save(finished);
    return {
      dataset: session.collector.toDataset(),
      timelines: session.timelines(),
      streams: session.readStreams,
      refusedStreams: session.refusedStreams,
      eventsSkipped: session.eventsSkipped,
      snapshot: finished,
      requests: session.requests,
      resumed: session.previous !== null,
      saveFailure: session.saveFailure,
      deletions,
    };
  } catch (error) {
    // Keep what arrived: the next pull resumes from the last page that was read in full.
    await session.checkpoint(true);
    if (error instanceof AbortedError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const { requests } = session;
    const tickets = session.collector.tickets.size;
    throw new PullError(
      `the pull stopped after ${requests} requests with ${tickets} tickets read: ${reason}` +
        (store && session.saveFailure === null ? '; the next run resumes from there' : ''),
      requests,
      tickets,
      { cause: error },
    );
  } finally {
    session.close();
  }
}

/**
 * Whether a stored snapshot can be gone on from: the same pull, holding every ticket changed
 * since the start asked for. One written from a later start (`--since`) is not a whole account,
 * and going on from it would count only what it holds; one that kept other custom fields lacks
 * the answers of the fields asked for.
 */
function covers(snapshot: AccountSnapshot, options: PullOptions): boolean {
  return (
    snapshot.mode === options.mode &&
    (snapshot.coversFrom ?? 0) <= (options.startTime ?? 0) &&
    keepsFields(snapshot, options.fieldIds ?? new Set())
  );
}

/** The streams of a snapshot that have been read (asked, not refused, given a record). */
export function snapshotStreams(snapshot: AccountSnapshot): EventStreamName[] {
  const streams = snapshot.events?.streams ?? {};
  return EVENT_STREAMS.filter((stream) => streams[stream]?.refused === null && streams[stream]?.read === true);
}

/**
 * The timelines a snapshot's event facts give, as the pull that saved it reported them (staff:
 * the users whose role is agent or admin); undefined when it read no stream. `now` is the
 * report's instant, which tells the SLA targets still running.
 */
export function snapshotTimelines(snapshot: AccountSnapshot, now: number): TicketTimelines | undefined {
  const read = snapshotStreams(snapshot);
  if (!snapshot.events || read.length === 0) return undefined;
  const staff = new Set<number>();
  for (const user of snapshot.users) if (user.role === 'agent' || user.role === 'admin') staff.add(user.id);
  return new EventFacts(snapshot.events.tickets).timelines(
    { ticketEvents: read.includes('events'), metricEvents: read.includes('sla') },
    staff,
    now,
  );
}
