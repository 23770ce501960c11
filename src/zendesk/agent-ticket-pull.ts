import { z } from 'zod/mini';
import { ZendeskApiError } from './api-errors';
import { isUnsolved } from '../metrics/ticket-record';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { directoryIsStale } from './directory-refresh';
import { batchesOf, listPages } from './list-pages';
import type { PullSession } from './pull-session';
import { describeIssues } from './schemas';

/**
 * The agent pull, for users without the admin-only incremental exports: the search export for
 * the ids changed since the last pull (T/1000 requests), then `show_many` with metric_sets for
 * those tickets (T/100 requests).
 *
 * Search never returns a deleted ticket, so a refresh would keep one for ever. When the directory
 * is due again (hourly by default), a refresh also looks for deletions: the deleted-tickets list
 * (D/100 requests) where the role may read it, otherwise `show_many` over every unsolved ticket
 * it holds (U/100), those missing being deleted (or out of the agent's sight now). The second
 * cannot see a solved or closed ticket deleted: the result says so.
 */

/** How a pull learnt of deleted tickets, and what its role could not see of them. */
export interface DeletionCheck {
  /**
   * `incremental-export`: the admin export lists deletions. `deleted-tickets`: the deleted-tickets
   * list. `unsolved-recheck`: `show_many` over the unsolved tickets held (the role may not list
   * deleted tickets). `not-due`: no check in this pull (a first pull, which holds no deleted
   * ticket, or a refresh before the directory is due).
   */
  method: 'incremental-export' | 'deleted-tickets' | 'unsolved-recheck' | 'not-due';
  /** Tickets this pull dropped because they were deleted. */
  removed: number;
  /**
   * What the role could not see: `deleted-solved-tickets` when only the unsolved were rechecked,
   * so a solved or closed ticket deleted since still counts in the report.
   */
  unseen: readonly 'deleted-solved-tickets'[];
}

export const EXPORT_DELETIONS: DeletionCheck = { method: 'incremental-export', removed: 0, unseen: [] };
const NOT_DUE: DeletionCheck = { method: 'not-due', removed: 0, unseen: [] };

/** Zendesk scrubs a deleted ticket 30 days after its deletion; the list holds it no longer (a day's margin). */
const DELETED_LIST_KEEPS_MS = 29 * 86_400_000;

const searchResultSchema = z.looseObject({ id: z.int().check(z.positive()), updated_at: z.nullish(z.string()) });
const ticketListSchema = z.looseObject({
  tickets: z.array(z.unknown()),
  metric_sets: z.optional(z.array(z.unknown())),
});
/** Agents' incremental window overlaps the previous one, since search indexing lags a little. */
const SEARCH_OVERLAP_MS = 10 * 60_000;

export async function pullAgentTickets(session: PullSession): Promise<DeletionCheck> {
  const { options } = session;
  const deletionsDue = session.previous !== null && session.searchedUntil !== null && directoryIsStale(session);
  const since =
    session.searchedUntil !== null ? session.searchedUntil - SEARCH_OVERLAP_MS : (options.startTime ?? 0) * 1000;
  const queries = [`updated>=${new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z')}`];
  // A first pull from a later start still needs the old unsolved tickets for the backlog.
  if (session.searchedUntil === null && since > 0) queries.push('status<solved');
  const { ids, zendeskTime } = await searchIds(session, queries);

  session.phase = 'metrics';
  session.fraction = 0;
  // Newest first (ids grow with creation), so a report of recent days fills in before the history.
  await readWithMetrics(
    session,
    [...ids].sort((a, b) => b - a),
  );
  // Zendesk's time, not this machine's: a client clock minutes ahead would otherwise start the
  // next window after tickets that changed meanwhile, and they would never be read.
  session.searchedUntil = zendeskTime ?? session.searchedUntil ?? since;
  session.coveredFrom ??= Math.floor(since / 1000);
  return deletionsDue ? findDeletions(session, ids) : NOT_DUE;
}

/** Drops the tickets deleted since the last check; `readNow` were just read and need no recheck. */
async function findDeletions(session: PullSession, readNow: ReadonlySet<number>): Promise<DeletionCheck> {
  const { collector } = session;
  const before = collector.tickets.size;
  let listed = true;
  try {
    for await (const page of listPages(
      session.scheduler,
      apiPaths.deletedTickets(),
      'deleted_tickets',
      session.signal,
    )) {
      for (const raw of page.records) {
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'number') collector.tickets.delete(id);
      }
      session.report();
    }
  } catch (error) {
    // 403: the role may not see deleted tickets; 404: an account (or proxy) without the endpoint.
    if (!(error instanceof ZendeskApiError) || (error.status !== 403 && error.status !== 404)) throw error;
    listed = false;
  }
  // The list forgets a ticket 30 days after its deletion: after a longer gap, recheck as well.
  const gapTooLong = session.clock.now() - session.directoryFetchedAt > DELETED_LIST_KEEPS_MS;
  if (!listed || gapTooLong) {
    const unsolved = [...collector.tickets.values()]
      .filter((ticket) => isUnsolved(ticket.status) && !readNow.has(ticket.id))
      .map((ticket) => ticket.id)
      .sort((a, b) => b - a);
    await readWithMetrics(session, unsolved);
  }
  const removed = Math.max(0, before - collector.tickets.size);
  return listed
    ? { method: 'deleted-tickets', removed, unseen: gapTooLong ? ['deleted-solved-tickets'] : [] }
    : { method: 'unsolved-recheck', removed, unseen: ['deleted-solved-tickets'] };
}

/** Every unsolved ticket not read yet, with its metric set: the backlog of a pull from a later start. */
export async function readUnsolvedTickets(session: PullSession): Promise<void> {
  const { ids } = await searchIds(session, ['status<solved']);
  const missing = [...ids].filter((id) => !session.collector.tickets.has(id)).sort((a, b) => b - a);
  await readWithMetrics(session, missing);
}

/**
 * The ids the queries find, and Zendesk's time when the search began: the first answer's `Date`
 * header, or else the newest `updated_at` found (every change up to it was seen), or null.
 */
async function searchIds(
  session: PullSession,
  queries: readonly string[],
): Promise<{ ids: Set<number>; zendeskTime: number | null }> {
  const ids = new Set<number>();
  let dated: number | null = null;
  let newestUpdate: number | null = null;
  for (const searchQuery of queries) {
    for await (const page of listPages(
      session.scheduler,
      apiPaths.searchExport(searchQuery),
      'results',
      session.signal,
    )) {
      for (const raw of page.records) {
        const parsed = searchResultSchema.safeParse(raw);
        if (!parsed.success) {
          session.collector.skipped++;
          continue;
        }
        ids.add(parsed.data.id);
        const updated = Date.parse(parsed.data.updated_at ?? '');
        if (Number.isFinite(updated)) newestUpdate = Math.max(newestUpdate ?? updated, updated);
      }
      const date = Date.parse(page.headers['date'] ?? '');
      if (dated === null && Number.isFinite(date)) dated = date;
      session.report();
    }
  }
  return { ids, zendeskTime: dated ?? newestUpdate };
}

/** Reads these tickets with their metric sets; those show_many leaves out were deleted since. */
async function readWithMetrics(session: PullSession, ids: readonly number[]): Promise<void> {
  const { collector, options } = session;
  const batches = batchesOf(ids, SHOW_MANY_LIMIT);
  for (let index = 0; index < batches.length; index++) {
    const batch = batches[index]!;
    const path = apiPaths.ticketsWithMetrics(batch);
    const { body } = await session.scheduler.get(path, session.signal);
    const page = ticketListSchema.safeParse(body);
    if (!page.success) {
      throw new ZendeskApiError(
        `GET ${path} returned a body that is not a ticket list (${describeIssues(page.error)})`,
        200,
        path,
      );
    }
    await options.onResponse?.('tickets', path, body);
    collector.addTicketPage(path, page.data);
    const returned = new Set(page.data.tickets.map((ticket) => (ticket as { id?: unknown }).id));
    for (const id of batch) if (!returned.has(id)) collector.tickets.delete(id);
    session.partial();
    // The batches left are known exactly: the time left is the rate limits' bound for them.
    const next = batches[index + 1];
    session.expectLeft(batches.length - index - 1, next ? apiPaths.ticketsWithMetrics(next) : path, true);
    session.report();
    await session.checkpoint();
  }
}
