/**
 * Zendesk's two ways of paging a list (https://developer.zendesk.com/api-reference/introduction/pagination/):
 * cursor (`page[size]` up to 100, `page[after]`, `meta.has_more`, `links.next`) and offset
 * (`page`, `per_page` up to 100; past the first 10,000 records a 400).
 */

export class PaginationError extends Error {
  override name = 'PaginationError';
}

export interface PageOf<T> {
  items: T[];
  body: Record<string, unknown>;
}

const encode = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
const decode = (cursor: string): number => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d+)$/.exec(text);
  if (!match) throw new PaginationError(`"${cursor}" is not a cursor from this list`);
  return Number(match[1]);
};

export function paginate<T>(
  all: readonly T[],
  url: URL,
  key: string,
  render: (item: T) => unknown,
  origin: string,
  maxSize = 100,
): PageOf<T> {
  const params = url.searchParams;
  const link = (change: Record<string, string>, drop?: string) => {
    const next = new URL(url.pathname, origin);
    for (const [name, value] of params) if (!(name in change) && name !== drop) next.searchParams.append(name, value);
    for (const [name, value] of Object.entries(change)) next.searchParams.set(name, value);
    return next.toString();
  };
  const cursorMode = params.has('page[size]') || params.has('page[after]') || params.has('page[before]');
  if (cursorMode) {
    const size = Number(params.get('page[size]') ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > maxSize)
      throw new PaginationError(`page[size] must be 1 to ${maxSize}`);
    const after = params.get('page[after]');
    const before = params.get('page[before]');
    const start = after ? decode(after) : before ? Math.max(0, decode(before) - size) : 0;
    const items = all.slice(start, start + size);
    const end = start + items.length;
    const hasMore = end < all.length;
    return {
      items,
      body: {
        [key]: items.map(render),
        meta: {
          has_more: hasMore,
          after_cursor: items.length > 0 ? encode(end) : null,
          before_cursor: start > 0 ? encode(start) : null,
        },
        links: {
          next: hasMore ? link({ 'page[after]': encode(end) }, 'page[before]') : null,
          prev: start > 0 ? link({ 'page[before]': encode(start) }, 'page[after]') : null,
        },
      },
    };
  }
  const perPage = Number(params.get('per_page') ?? 100);
  const page = Number(params.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    throw new PaginationError('per_page must be 1 to 100');
  if (!Number.isInteger(page) || page < 1) throw new PaginationError('page must be a whole number from 1');
  const start = (page - 1) * perPage;
  if (start >= 10_000)
    throw new PaginationError('offset pagination stops at 10,000 records: use cursor pagination (page[size])');
  const items = all.slice(start, start + perPage);
  return {
    items,
    body: {
      [key]: items.map(render),
      next_page: start + perPage < all.length ? link({ page: String(page + 1) }) : null,
      previous_page: page > 1 ? link({ page: String(page - 1) }) : null,
      count: all.length,
    },
  };
}
