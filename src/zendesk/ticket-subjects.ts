import { z } from 'zod/mini';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { batchesOf } from './list-pages';
import type { RequestScheduler } from './request-scheduler';
import { parseResponseBody } from './schemas';

/**
 * Ticket subjects, read when a list shows them rather than kept with every ticket (a report may
 * hold a million records; a drill-down shows a hundred at a time): `tickets/show_many`, one
 * request per 100 ids not asked for before. A ticket Zendesk no longer returns (deleted, or not
 * visible to this user) has no subject, and is not asked for again.
 */
const pageSchema = z.looseObject({
  tickets: z.array(z.looseObject({ id: z.int().check(z.positive()), subject: z.nullish(z.string()) })),
});

export class TicketSubjects {
  private readonly known = new Map<number, string | null>();

  constructor(private readonly scheduler: RequestScheduler) {}

  /** What is known already: a subject, null for none, undefined when not asked yet. */
  peek(id: number): string | null | undefined {
    return this.known.get(id);
  }

  /** The subjects of these tickets, asking Zendesk only for those not read before. */
  async read(ids: readonly number[], signal?: AbortSignal): Promise<ReadonlyMap<number, string | null>> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    for (const batch of batchesOf(missing, SHOW_MANY_LIMIT)) {
      const path = apiPaths.ticketsById(batch);
      const page = parseResponseBody(pageSchema, (await this.scheduler.get(path, signal)).body, path, 'a ticket list');
      for (const ticket of page.tickets) this.known.set(ticket.id, ticket.subject ?? null);
      for (const id of batch) if (!this.known.has(id)) this.known.set(id, null);
    }
    return new Map(ids.map((id) => [id, this.known.get(id) ?? null]));
  }
}
