import { z } from 'zod/mini';
import { ZendeskApiError } from './api-errors';
import { pathOf } from './api-paths';
import type { RequestScheduler } from './request-scheduler';
import { describeIssues } from './schemas';

/**
 * Pages of a list endpoint, cursor-paginated (`meta.has_more`, `links.next`) or offset-paginated
 * (`next_page`), as https://developer.zendesk.com/api-reference/introduction/pagination/ describes:
 * follow `links.next` until `meta.has_more` is false.
 */

const listPageSchema = z.looseObject({
  meta: z.nullish(z.looseObject({ has_more: z.optional(z.boolean()), after_cursor: z.nullish(z.string()) })),
  links: z.nullish(z.looseObject({ next: z.nullish(z.string()) })),
  next_page: z.nullish(z.string()),
});

export interface ListPage {
  path: string;
  /** The response's headers, names in lower case (`date` is Zendesk's time). */
  headers: Readonly<Record<string, string>>;
  body: Record<string, unknown>;
  records: unknown[];
}

/** Yields each page's records under `key` (`users`, `groups`, `results`, ...). */
export async function* listPages(
  scheduler: RequestScheduler,
  firstPath: string,
  key: string,
  signal?: AbortSignal,
  maxPages = 100_000,
): AsyncGenerator<ListPage> {
  let path: string | null = firstPath;
  const seen = new Set<string>();
  for (let page = 0; path !== null && page < maxPages; page++) {
    if (seen.has(path))
      throw new ZendeskApiError(`GET ${path} was asked for twice: Zendesk's pagination went in a circle`, null, path);
    seen.add(path);
    const { body, headers } = await scheduler.get(path, signal);
    const parsed = listPageSchema.safeParse(body);
    const records = parsed.success ? (parsed.data as Record<string, unknown>)[key] : undefined;
    if (!parsed.success || !Array.isArray(records)) {
      const reason = parsed.success ? `no "${key}" list` : describeIssues(parsed.error);
      throw new ZendeskApiError(`GET ${path} returned a body that is not a list page (${reason})`, 200, path);
    }
    yield { path, headers, body: parsed.data, records };
    const { meta, links, next_page: nextPage } = parsed.data;
    if (meta && meta.has_more !== undefined) {
      path = meta.has_more && links?.next ? pathOf(links.next) : null;
    } else {
      path = nextPage ? pathOf(nextPage) : null;
    }
  }
}

/** Ids in batches of at most `size` (show_many takes 100 at a time). */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
