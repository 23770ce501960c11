import { z } from 'zod';
import { ZendeskApiError } from './api-errors';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { batchesOf, listPages } from './list-pages';
import type { PullSession } from './pull-session';
import { describeIssues } from './schemas';

/**
 * The agent pull, for users without the admin-only incremental exports: the search export for
 * the ids changed since the last pull (T/1000 requests), then `show_many` with metric_sets for
 * those tickets (T/100 requests).
 */

const searchResultSchema = z.looseObject({ id: z.number().int().positive(), updated_at: z.string().nullish() });
const ticketListSchema = z.looseObject({ tickets: z.array(z.unknown()), metric_sets: z.array(z.unknown()).optional() });
/** Agents' incremental window overlaps the previous one, since search indexing lags a little. */
const SEARCH_OVERLAP_MS = 10 * 60_000;

export async function pullAgentTickets(session: PullSession): Promise<void> {
  const { options } = session;
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
  const { clock, collector, options } = session;
  const batches = batchesOf(ids, SHOW_MANY_LIMIT);
  const started = clock.now();
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
    session.fraction = (index + 1) / batches.length;
    session.estimatedMsLeft = ((clock.now() - started) / (index + 1)) * (batches.length - index - 1);
    session.report();
    await session.checkpoint();
  }
}
