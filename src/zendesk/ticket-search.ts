import { z } from 'zod/mini';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { batchesOf, listPages } from './list-pages';
import type { PullSession } from './pull-session';
import { parseResponseBody } from './schemas';

/**
 * The two steps of every pull that cannot use the incremental export (an agent's whole-account
 * pull, the sidebar's own tickets): the search export for ids, then `show_many` with metric sets.
 */

/** Search indexing lags a little behind a change: each window starts a little before the last one ended. */
export const SEARCH_OVERLAP_MS = 10 * 60_000;

const searchResultSchema = z.looseObject({ id: z.int().check(z.positive()), updated_at: z.nullish(z.string()) });
const ticketListSchema = z.looseObject({
  tickets: z.array(z.unknown()),
  metric_sets: z.optional(z.array(z.unknown())),
});

/**
 * The ids the queries find, and Zendesk's time when the search began: the first answer's `Date`
 * header, or else the newest `updated_at` found (every change up to it was seen), or null.
 */
export async function searchTicketIds(
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

/**
 * Reads these tickets with their metric sets, a `show_many` of 100 at a time; a ticket one leaves
 * out was deleted (or hidden from the user) since, and is dropped. Each page goes to the pull's
 * listeners (export, partial results, progress with the time left) and may be checkpointed.
 */
export async function readTicketsWithMetrics(session: PullSession, ids: readonly number[]): Promise<void> {
  const { collector, options } = session;
  const batches = batchesOf(ids, SHOW_MANY_LIMIT);
  for (let index = 0; index < batches.length; index++) {
    const batch = batches[index]!;
    const path = apiPaths.ticketsWithMetrics(batch);
    const { body } = await session.scheduler.get(path, session.signal);
    const page = parseResponseBody(ticketListSchema, body, path, 'a ticket list');
    await options.onResponse?.('tickets', path, body);
    collector.addTicketPage(path, page);
    const returned = new Set(page.tickets.map((ticket) => (ticket as { id?: unknown }).id));
    for (const id of batch) if (!returned.has(id)) collector.tickets.delete(id);
    session.partial();
    // The batches left are known exactly: the time left is the rate limits' bound for them.
    const next = batches[index + 1];
    session.expectLeft(batches.length - index - 1, next ? apiPaths.ticketsWithMetrics(next) : path, true);
    session.report();
    await session.checkpoint();
  }
}
