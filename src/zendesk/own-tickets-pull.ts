import { isSolved, isUnsolved, type TicketRecord } from '../metrics/ticket-record';
import type { AccountSnapshot, SnapshotStore } from './account-snapshot';
import { systemClock, type Clock } from './clock';
import { PullSession } from './pull-session';
import type { RequestScheduler } from './request-scheduler';
import { readTicketsWithMetrics, SEARCH_OVERLAP_MS, searchTicketIds } from './ticket-search';

/**
 * The tickets behind an agent's own numbers in the sidebar, and no others: search for the
 * tickets assigned to the signed-in user (`assignee:me`), then `show_many` with their metric sets.
 * Its cost grows with the agent's own tickets, not with the account's: A tickets assigned to the
 * agent and changed in the window, U of theirs unsolved, cost ceil(A/1000) + ceil(U/1000) searches
 * and ceil(A'/100) `show_many` (A' the ids of both), whatever the account holds.
 *
 * The app reads no event streams, so every number is credited to the current assignee
 * (METRICS.md, Credit): the assignee's own tickets are all the tickets their scorecard counts.
 *
 * A refresh searches only for the agent's tickets changed since the last one, and reads the held
 * unsolved tickets again beside them: a ticket passed to a colleague no longer matches
 * `assignee:me`, and is dropped once it is read with its new assignee. Tickets that can no longer
 * count in the window (solved and created before it) are dropped too, so the cache does not grow
 * with the agent's history. What a refresh cannot see: a solved ticket reassigned or deleted
 * after it was read stays until it leaves the window.
 */

export interface OwnTicketsOptions {
  scheduler: RequestScheduler;
  /** The signed-in user, whom `assignee:me` finds: a ticket assigned to anyone else is dropped. */
  userId: number;
  /** The cache key, distinct from the whole-account pull's (another kind of snapshot). */
  accountKey: string;
  /** Epoch seconds: the tickets changed since then are read, plus every unsolved one. */
  startTime: number;
  store?: SnapshotStore;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface OwnTicketsResult {
  tickets: TicketRecord[];
  snapshot: AccountSnapshot;
  /** Requests this pull sent, retries included. */
  requests: number;
  /** Whether it went on from an earlier snapshot (a refresh). */
  resumed: boolean;
  saveFailure: string | null;
}

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function pullOwnTickets(options: OwnTicketsOptions): Promise<OwnTicketsResult> {
  const clock = options.clock ?? systemClock;
  const { store, accountKey, userId, startTime } = options;
  const loaded = store ? await store.load(accountKey) : null;
  const previous = loaded && loaded.mode === 'agent' && loaded.searchedUntil !== null ? loaded : null;
  const session = new PullSession(
    {
      scheduler: options.scheduler,
      mode: 'agent',
      accountKey,
      startTime,
      streams: [],
      ...(store ? { store } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    clock,
    previous,
  );
  try {
    const since = previous ? previous.searchedUntil! - SEARCH_OVERLAP_MS : startTime * 1000;
    const queries = [`assignee:me updated>=${isoSecond(since)}`];
    if (!previous) queries.push('assignee:me status<solved');
    const { ids, zendeskTime } = await searchTicketIds(session, queries);
    // The held unsolved tickets again: the only way to see one passed to a colleague since.
    const held = [...session.collector.tickets.values()]
      .filter((ticket) => isUnsolved(ticket.status) && !ids.has(ticket.id))
      .map((ticket) => ticket.id);
    session.phase = 'metrics';
    await readTicketsWithMetrics(
      session,
      [...ids, ...held].sort((a, b) => b - a),
    );
    const windowStart = startTime * 1000;
    for (const [id, ticket] of session.collector.tickets) {
      const outOfWindow =
        isSolved(ticket.status) && (ticket.solvedAt ?? 0) < windowStart && ticket.createdAt < windowStart;
      if (ticket.assigneeId !== userId || outOfWindow) session.collector.tickets.delete(id);
    }
    // Zendesk's time, not this machine's: a clock ahead would start the next window after changes.
    session.searchedUntil = zendeskTime ?? session.searchedUntil ?? since;
    session.phase = 'done';
    const snapshot = session.snapshot(true);
    await session.save(snapshot);
    return {
      tickets: snapshot.tickets,
      snapshot,
      requests: session.requests,
      resumed: previous !== null,
      saveFailure: session.saveFailure,
    };
  } finally {
    session.close();
  }
}
