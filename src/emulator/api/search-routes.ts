import type { AccountData, TicketVersion } from '../account-data';
import { parseSearchQuery, SearchSyntaxError, type SearchTicket } from '../search-query';
import { numberOrNull, objectOrNull, textOrNull, texts, timeOf } from './json-fields';
import { HttpError, integerParam, MINUTE, readableBy, type RequestContext, type Route } from './route';

function searchable(version: TicketVersion): SearchTicket {
  const ticket = version.ticket;
  const solvedAt = textOrNull(version.metricSet?.['solved_at']);
  return {
    status: String(ticket['status']),
    priority: textOrNull(ticket['priority']),
    type: textOrNull(ticket['type']),
    groupId: numberOrNull(ticket['group_id']),
    assigneeId: numberOrNull(ticket['assignee_id']),
    brandId: numberOrNull(ticket['brand_id']),
    tags: texts(ticket['tags']),
    channel: textOrNull(objectOrNull(ticket['via'])?.['channel']),
    createdAt: timeOf(ticket['created_at']),
    updatedAt: timeOf(ticket['updated_at']),
    solvedAt: solvedAt === null ? null : Date.parse(solvedAt),
  };
}

function search(data: AccountData, context: RequestContext, query: string): TicketVersion[] {
  let predicate;
  try {
    predicate = parseSearchQuery(query, context.user.id);
  } catch (error) {
    if (error instanceof SearchSyntaxError)
      throw new HttpError(400, { error: 'InvalidSearch', description: error.message });
    throw error;
  }
  // Search finds only what the user may read: a restricted agent's counts are of their tickets.
  const readable = readableBy(context);
  return data
    .allTickets(context.now)
    .filter((version) => version.ticket['status'] !== 'deleted' && readable(version) && predicate(searchable(version)))
    .sort((a, b) => a.id - b.id);
}

/** Search (its 1000-result cap) and the search export (cursor paged, the cursor good for an hour). */
export function searchRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/search\/export(?:\.json)?$/,
      (context) => {
        if (context.url.searchParams.get('filter[type]') !== 'ticket') {
          throw new HttpError(400, {
            error: 'InvalidSearch',
            description: 'filter[type] is required: the emulator exports tickets (filter[type]=ticket)',
          });
        }
        const query = context.url.searchParams.get('query') ?? '';
        if (/(^|\s)type:/.test(query))
          throw new HttpError(400, { error: 'InvalidSearch', description: 'use filter[type], not type: in the query' });
        const size = integerParam(context.url, 'page[size]', 100, 1, 1000);
        const matches = search(data, context, query);
        const afterParam = context.url.searchParams.get('page[after]');
        let offset = 0;
        if (afterParam) {
          const [issuedAt, at] = Buffer.from(afterParam, 'base64url').toString('utf8').split(':').map(Number);
          if (issuedAt === undefined || at === undefined || Number.isNaN(issuedAt) || Number.isNaN(at)) {
            throw new HttpError(400, {
              error: 'InvalidPaginationParameter',
              description: 'page[after] is not a cursor from this search',
            });
          }
          // The search export's cursor expires after one hour (Search API reference).
          if (context.now - issuedAt > 60 * MINUTE)
            throw new HttpError(400, { error: 'InvalidPaginationParameter', description: 'cursor has expired' });
          offset = at;
        }
        const page = matches.slice(offset, offset + size);
        const end = offset + page.length;
        const hasMore = end < matches.length;
        const cursor = Buffer.from(
          `${afterParam ? Number(Buffer.from(afterParam, 'base64url').toString('utf8').split(':')[0]) : context.now}:${end}`,
        ).toString('base64url');
        const next = new URL('/api/v2/search/export.json', context.origin);
        next.searchParams.set('query', query);
        next.searchParams.set('filter[type]', 'ticket');
        next.searchParams.set('page[size]', String(size));
        next.searchParams.set('page[after]', cursor);
        return {
          results: page.map((version) => ({ ...version.ticket, result_type: 'ticket' })),
          facets: null,
          meta: { has_more: hasMore, after_cursor: hasMore ? cursor : null, before_cursor: null },
          links: { prev: null, next: hasMore ? next.toString() : null },
        };
      },
    ],
    [
      /^\/api\/v2\/search(?:\.json)?$/,
      (context) => {
        const query = context.url.searchParams.get('query') ?? '';
        const perPage = integerParam(context.url, 'per_page', 100, 1, 100);
        const page = integerParam(context.url, 'page', 1, 1, 10_000);
        if ((page - 1) * perPage >= 1000) {
          throw new HttpError(422, {
            error: 'InsufficientResourceError',
            description: 'Search results are limited to the first 1,000: use the search export',
          });
        }
        const matches = search(data, context, query);
        const start = (page - 1) * perPage;
        const slice = matches.slice(start, Math.min(start + perPage, 1000));
        const next = new URL('/api/v2/search.json', context.origin);
        next.searchParams.set('query', query);
        next.searchParams.set('per_page', String(perPage));
        next.searchParams.set('page', String(page + 1));
        return {
          results: slice.map((version) => ({ ...version.ticket, result_type: 'ticket' })),
          facets: null,
          next_page: start + perPage < Math.min(matches.length, 1000) ? next.toString() : null,
          previous_page: null,
          count: matches.length,
        };
      },
    ],
  ];
}
