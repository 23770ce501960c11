import { z } from 'zod/mini';
import { ZendeskApiError } from './api-errors';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { batchesOf, listPages } from './list-pages';
import type { PullSession } from './pull-session';
import type { RequestScheduler } from './request-scheduler';
import { parseResponseBody } from './schemas';

/**
 * With `directoryFirst`, the users and groups a report names are read before the tickets whenever
 * the whole directory is due (a first pull, or the stored one older than `directoryTtlMs`): the
 * same S/100 + G/100 requests, earlier, so the first partial numbers on screen already name their
 * groups and agents instead of "#id" that turns into a name later and moves the layout. Otherwise
 * nothing here; `refreshDirectory` reads it after the tickets.
 */
export async function readDirectoryFirst(session: PullSession): Promise<void> {
  if (!session.options.directoryFirst || !directoryIsStale(session)) return;
  await readWholeDirectory(session);
  // Back to the tickets: the bar and the time left are theirs from here on.
  session.enter('tickets');
}

/**
 * After the tickets: when the whole directory was read first, it is noted as fetched now (only
 * now, so the steps in between still see it as due: the agent path's deletion check runs on the
 * same schedule); otherwise one `users/show_many` per 100 assignees it does not know yet, and
 * none when it knows them all.
 */
export async function refreshDirectory(session: PullSession): Promise<void> {
  if (session.directoryReadAt === null && directoryIsStale(session)) await readWholeDirectory(session);
  if (session.directoryReadAt !== null) session.directoryFetchedAt = session.directoryReadAt;
  else await readNewAssignees(session);
}

/**
 * Whether this pull reads the whole directory again: a first pull, or the stored one older than
 * `directoryTtlMs`. The agent path looks for deleted tickets on the same schedule.
 */
export function directoryIsStale(session: PullSession): boolean {
  const ttl = session.options.directoryTtlMs ?? 3_600_000;
  return !session.previous || session.clock.now() - session.directoryFetchedAt > ttl;
}

async function readWholeDirectory(session: PullSession): Promise<void> {
  const { collector, options } = session;
  session.enter('directory');
  for await (const page of listPages(session.scheduler, apiPaths.staff(), 'users', session.signal)) {
    await options.onResponse?.('users', page.path, page.body);
    collector.addUserPage(page.path, page.records);
  }
  for await (const page of listPages(session.scheduler, apiPaths.groups(), 'groups', session.signal)) {
    await options.onResponse?.('groups', page.path, page.body);
    collector.addGroupPage(page.path, page.records);
  }
  session.directoryReadAt = session.clock.now();
}

/**
 * Tickets that arrived in this pull may name an assignee the stored directory lacks (a new
 * agent). Asks for those ids only, and remembers the ones Zendesk no longer returns (deleted or
 * downgraded users), so a refresh with nothing changed stays one request.
 */
async function readNewAssignees(session: PullSession): Promise<void> {
  const { collector, missingUserIds, options } = session;
  const previousById = new Map(session.previous?.tickets.map((ticket) => [ticket.id, ticket]));
  const unknown = new Set<number>();
  for (const ticket of collector.tickets.values()) {
    if (previousById.get(ticket.id) === ticket || ticket.assigneeId === null) continue;
    if (!collector.users.has(ticket.assigneeId) && !missingUserIds.has(ticket.assigneeId))
      unknown.add(ticket.assigneeId);
  }
  if (unknown.size === 0) return;
  session.enter('directory');
  for (const batch of batchesOf([...unknown], SHOW_MANY_LIMIT)) {
    const path = apiPaths.usersById(batch);
    const page = parseResponseBody(
      z.looseObject({ users: z.array(z.unknown()) }),
      (await session.scheduler.get(path, session.signal)).body,
      path,
      'a user list',
    );
    await options.onResponse?.('users', path, page);
    collector.addUserPage(path, page.users);
    for (const id of batch) if (!collector.users.has(id)) missingUserIds.add(id);
  }
}

const brandSchema = z.looseObject({ id: z.int().check(z.positive()), name: z.nullish(z.string()) });

/**
 * Brand names by id (`/api/v2/brands`, a page per 100 brands), for the brand filter: a few
 * requests, read before the tickets so the menu never shows ids that turn into names. Null when
 * Zendesk refuses the list to this user (403: some custom roles) or has none (404): the report
 * names brands "#id" then. A record that is not a brand is left out, not fatal.
 */
export async function readBrandNames(
  scheduler: RequestScheduler,
  signal?: AbortSignal,
): Promise<Map<number, string> | null> {
  const names = new Map<number, string>();
  try {
    for await (const page of listPages(scheduler, apiPaths.brands(), 'brands', signal)) {
      for (const raw of page.records) {
        const brand = brandSchema.safeParse(raw);
        if (brand.success && brand.data.name) names.set(brand.data.id, brand.data.name);
      }
    }
  } catch (error) {
    if (error instanceof ZendeskApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
  return names;
}
