import { ZendeskApiError } from './api-errors';
import { isUnsolved } from '../metrics/ticket-record';
import { apiPaths } from './api-paths';
import { directoryIsStale } from './directory-refresh';
import { listPages } from './list-pages';
import type { PullSession } from './pull-session';
import { readTicketsWithMetrics, SEARCH_OVERLAP_MS, searchTicketIds } from './ticket-search';

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

export async function pullAgentTickets(session: PullSession): Promise<DeletionCheck> {
  const { options } = session;
  const deletionsDue = session.previous !== null && session.searchedUntil !== null && directoryIsStale(session);
  const since =
    session.searchedUntil !== null ? session.searchedUntil - SEARCH_OVERLAP_MS : (options.startTime ?? 0) * 1000;
  const queries = [`updated>=${new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z')}`];
  // A first pull from a later start still needs the old unsolved tickets for the backlog.
  if (session.searchedUntil === null && since > 0) queries.push('status<solved');
  const { ids, zendeskTime } = await searchTicketIds(session, queries);

  session.phase = 'metrics';
  session.fraction = 0;
  // Newest first (ids grow with creation), so a report of recent days fills in before the history.
  await readTicketsWithMetrics(
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
    await readTicketsWithMetrics(session, unsolved);
  }
  const removed = Math.max(0, before - collector.tickets.size);
  return listed
    ? { method: 'deleted-tickets', removed, unseen: gapTooLong ? ['deleted-solved-tickets'] : [] }
    : { method: 'unsolved-recheck', removed, unseen: ['deleted-solved-tickets'] };
}

/** Every unsolved ticket not read yet, with its metric set: the backlog of a pull from a later start. */
export async function readUnsolvedTickets(session: PullSession): Promise<void> {
  const { ids } = await searchTicketIds(session, ['status<solved']);
  const missing = [...ids].filter((id) => !session.collector.tickets.has(id)).sort((a, b) => b - a);
  await readTicketsWithMetrics(session, missing);
}
