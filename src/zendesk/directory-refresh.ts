import { z } from 'zod';
import { ZendeskApiError } from './api-errors';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { batchesOf, listPages } from './list-pages';
import type { PullSession } from './pull-session';
import { describeIssues } from './schemas';

/**
 * The users and groups a report names: S/100 + G/100 requests on a first pull and once the
 * stored directory is older than `directoryTtlMs`; otherwise one `users/show_many` per 100
 * assignees the directory does not know yet, and none when it knows them all.
 */
export async function refreshDirectory(session: PullSession): Promise<void> {
  if (directoryIsStale(session)) await readWholeDirectory(session);
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
  session.directoryFetchedAt = session.clock.now();
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
    const page = z
      .looseObject({ users: z.array(z.unknown()) })
      .safeParse((await session.scheduler.get(path, session.signal)).body);
    if (!page.success)
      throw new ZendeskApiError(
        `GET ${path} returned a body that is not a user list (${describeIssues(page.error)})`,
        200,
        path,
      );
    await options.onResponse?.('users', path, page.data);
    collector.addUserPage(path, page.data.users);
    for (const id of batch) if (!collector.users.has(id)) missingUserIds.add(id);
  }
}
