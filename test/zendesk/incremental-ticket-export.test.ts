import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ZendeskApiError } from '../../src/zendesk/api-errors';
import { VirtualClock } from '../../src/zendesk/clock';
import {
  cursorTime,
  exportTickets,
  type ExportPage,
  type ExportPosition,
} from '../../src/zendesk/incremental-ticket-export';
import { listPages, type ListPage } from '../../src/zendesk/list-pages';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import type { Transport, TransportResponse } from '../../src/zendesk/transport';

/**
 * The cursor export and list pagination against real responses: the recorded per_page=1 cursor
 * chain (test/fixtures/zendesk/local/recorded/chain-00..99, recorded from the local Zendesk), replayed
 * by cursor value because our client asks with other per_page/include parameters.
 */

type Json = Record<string, unknown>;

const CHAIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/zendesk/local/recorded');

interface ChainPage {
  /** The `cursor` the recorded request carried; null for the first page (start_time=0). */
  requestCursor: string | null;
  headers: Record<string, string>;
  body: Json & { tickets: Json[]; after_cursor: string; end_of_stream: boolean };
}

const CHAIN: ChainPage[] = Array.from({ length: 100 }, (_, index) => {
  const raw = JSON.parse(readFileSync(resolve(CHAIN_DIR, `chain-${String(index).padStart(2, '0')}.json`), 'utf8')) as {
    request: { url: string };
    response: { headers: Record<string, string>; body: ChainPage['body'] };
  };
  return {
    requestCursor: new URL(raw.request.url).searchParams.get('cursor'),
    headers: raw.response.headers,
    body: raw.response.body,
  };
});
const CHAIN_IDS = CHAIN.flatMap((page) => page.body.tickets.map((ticket) => ticket.id as number));
const LAST_CURSOR = CHAIN.at(-1)!.body.after_cursor;
/** Decoded by hand from the base64, independently of cursorTime. */
const timeOf = (cursor: string): number => Number(Buffer.from(cursor, 'base64').toString('latin1').split('.')[0]);

const json = (status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse => ({
  status,
  headers,
  body,
});
const EXPIRED = json(422, { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });

/**
 * Replays the chain: `start_time=T` answers with the first page whose tickets changed at or after T
 * (as Zendesk would), `cursor=X` with the page recorded for X, and the chain's last cursor with an
 * empty end-of-stream page. `override` answers a request first when it returns something.
 */
class RecordedChain implements Transport {
  readonly accountKey = 'https://d3v-zenpydev.zendesk.com|admin@example.com';
  readonly paths: string[] = [];
  override: ((path: string, params: URLSearchParams) => TransportResponse | undefined) | null = null;

  async request({ path }: { path: string }): Promise<TransportResponse> {
    this.paths.push(path);
    const url = new URL(path, 'https://zendesk.invalid');
    const overridden = this.override?.(path, url.searchParams);
    if (overridden) return overridden;
    if (url.pathname !== '/api/v2/incremental/tickets/cursor.json') return json(404, { error: 'InvalidEndpoint' });
    const cursor = url.searchParams.get('cursor');
    if (cursor === null) {
      const start = Number(url.searchParams.get('start_time'));
      const index = CHAIN.findIndex((page) => timeOf(page.body.after_cursor) >= start);
      return index < 0 ? endPage() : json(200, structuredClone(CHAIN[index]!.body), CHAIN[index]!.headers);
    }
    if (cursor === LAST_CURSOR) return endPage();
    const page = CHAIN.find((candidate) => candidate.requestCursor === cursor);
    return page ? json(200, structuredClone(page.body), page.headers) : EXPIRED;
  }
}

function endPage(): TransportResponse {
  return json(200, {
    tickets: [],
    after_url: null,
    before_url: null,
    after_cursor: LAST_CURSOR,
    before_cursor: null,
    end_of_stream: true,
  });
}

function setup(transport: Transport = new RecordedChain()) {
  const clock = new VirtualClock();
  const scheduler = new RequestScheduler(transport, { clock, random: () => 0 });
  return { clock, scheduler, nowSeconds: () => Math.floor(clock.now() / 1000) };
}

async function collect<T>(pages: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const idsOf = (pages: readonly ExportPage[]): number[] =>
  pages.flatMap((page) => page.body.tickets.map((ticket) => (ticket as Json).id as number));
const START_PATH = (time: number) =>
  `/api/v2/incremental/tickets/cursor.json?start_time=${time}&include=metric_sets&per_page=1000`;
const CURSOR_PATH = (cursor: string) =>
  `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}&include=metric_sets&per_page=1000`;

describe('the recorded cursor chain (premise of the fakes below)', () => {
  it('links each request to the previous page after_cursor, one distinct ticket a page, never ending', () => {
    expect(CHAIN[0]!.requestCursor).toBeNull();
    for (let index = 1; index < CHAIN.length; index++) {
      expect(CHAIN[index]!.requestCursor).toBe(CHAIN[index - 1]!.body.after_cursor);
    }
    expect(CHAIN.every((page) => page.body.tickets.length === 1 && page.body.end_of_stream === false)).toBe(true);
    expect(new Set(CHAIN_IDS).size).toBe(100);
  });
});

describe('cursorTime', () => {
  it('decodes the first recorded cursor', () => {
    expect(cursorTime('MTc5MjMzNDQxNi4wfHw3M3w=')).toBe(1792334416);
  });

  it('decodes the last recorded cursor', () => {
    expect(cursorTime('MTc5MjQyNTc4Ni4wfHwzMjl8')).toBe(1792425786);
  });

  // A page's cursor points just after its last ticket, so it carries that ticket's generated_timestamp.
  it.each(CHAIN.map((page, index) => [index, page] as const))(
    'decodes page %i after_cursor to its ticket generated_timestamp',
    (_, page) => {
      expect(cursorTime(page.body.after_cursor)).toBe(page.body.tickets[0]!.generated_timestamp);
    },
  );

  it('ignores the fractional second', () => {
    expect(cursorTime(btoa('1695052663.75||28|'))).toBe(1695052663);
    expect(cursorTime(btoa('1695052663||28|'))).toBe(1695052663);
  });

  it.each([
    ['the empty string', ''],
    ['text that is not base64', 'not a cursor!'],
    ['base64 of other text', btoa('hello world')],
    ['a single bar', btoa('1695052663.0|28|')],
    ['a non-numeric time', btoa('abc.0||28|')],
    ['a non-numeric id', btoa('1695052663.0||x|')],
    ['trailing text', btoa('1695052663.0||28|more')],
    ['the URL-encoded form from after_url', 'MTY5NTA1MjY2My4wfHwyOHw%3D'],
  ])('returns null on %s', (_, cursor) => {
    expect(cursorTime(cursor)).toBeNull();
  });
});

describe('exportTickets', () => {
  it('reads the recorded chain from start_time=0 to the end of the stream', async () => {
    const transport = new RecordedChain();
    const { scheduler, nowSeconds } = setup(transport);
    const pages = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds));

    expect(pages).toHaveLength(101);
    expect(idsOf(pages)).toEqual(CHAIN_IDS);
    expect(transport.paths[0]).toBe(START_PATH(0));
    expect(transport.paths.slice(1)).toEqual(CHAIN.map((page) => CURSOR_PATH(page.body.after_cursor)));
    expect(pages.map((page) => page.path)).toEqual(transport.paths);
    pages.slice(0, 100).forEach((page, index) => {
      expect(page.position).toEqual({ cursor: CHAIN[index]!.body.after_cursor, startTime: 0 });
    });
    expect(pages.at(-1)!.body.end_of_stream).toBe(true);
    expect(pages.at(-1)!.position).toEqual({ cursor: LAST_CURSOR, startTime: 0 });
    expect(scheduler.requests).toBe(101);
  });

  it('resumes from a saved position with its cursor, not from start_time', async () => {
    const transport = new RecordedChain();
    const { scheduler, nowSeconds } = setup(transport);
    const from: ExportPosition = { cursor: CHAIN[49]!.body.after_cursor, startTime: 0 };
    const pages = await collect(exportTickets(scheduler, from, nowSeconds));

    expect(transport.paths[0]).toBe(CURSOR_PATH(CHAIN[49]!.body.after_cursor));
    expect(idsOf(pages)).toEqual(CHAIN_IDS.slice(50));
    expect(pages).toHaveLength(51);
  });

  it('asks for no start_time later than a minute ago (Zendesk refuses it)', async () => {
    const transport = new RecordedChain();
    const { scheduler, nowSeconds } = setup(transport);
    const now = nowSeconds();
    await collect(exportTickets(scheduler, { cursor: null, startTime: now + 3600 }, nowSeconds));
    expect(transport.paths[0]).toBe(START_PATH(now - 60));
  });

  it.each([400, 404, 410, 422])(
    'restarts from the time in a cursor that expired with HTTP %i, losing no ticket',
    async (status) => {
      const transport = new RecordedChain();
      const expiring = CHAIN[29]!.body.after_cursor;
      let expired = false;
      transport.override = (_, params) => {
        if (expired || params.get('cursor') !== expiring) return undefined;
        expired = true;
        return json(status, { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });
      };
      const { scheduler, nowSeconds } = setup(transport);
      const pages = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds));

      const restartAt = transport.paths.indexOf(CURSOR_PATH(expiring)) + 1;
      expect(transport.paths[restartAt]).toBe(START_PATH(timeOf(expiring)));
      expect(new Set(idsOf(pages))).toEqual(new Set(CHAIN_IDS));
      // The restart goes back to the first page of that second, so the tickets of that second come twice.
      const firstOfSecond = CHAIN.findIndex((page) => timeOf(page.body.after_cursor) === timeOf(expiring));
      expect(idsOf(pages)).toEqual([...CHAIN_IDS.slice(0, 30), ...CHAIN_IDS.slice(firstOfSecond)]);
      expect(pages.at(-1)!.body.end_of_stream).toBe(true);
    },
  );

  it('restarts when the cursor it resumes from has expired', async () => {
    const transport = new RecordedChain();
    const saved = CHAIN[60]!.body.after_cursor;
    let expired = false;
    transport.override = (_, params) => {
      if (expired || params.get('cursor') !== saved) return undefined;
      expired = true;
      return EXPIRED;
    };
    const { scheduler, nowSeconds } = setup(transport);
    const pages = await collect(exportTickets(scheduler, { cursor: saved, startTime: 0 }, nowSeconds));

    expect(transport.paths.slice(0, 2)).toEqual([CURSOR_PATH(saved), START_PATH(timeOf(saved))]);
    const firstOfSecond = CHAIN.findIndex((page) => timeOf(page.body.after_cursor) === timeOf(saved));
    expect(firstOfSecond).toBeLessThan(61);
    expect(idsOf(pages)).toEqual(CHAIN_IDS.slice(firstOfSecond));
  });

  it('gives up after three restarts with the error Zendesk gave', async () => {
    const transport = new RecordedChain();
    transport.override = (_, params) => (params.has('cursor') ? EXPIRED : undefined);
    const { scheduler, nowSeconds } = setup(transport);

    const error = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect((error as ZendeskApiError).status).toBe(422);
    expect((error as ZendeskApiError).message).toContain('HTTP 422');
    expect((error as ZendeskApiError).message).toContain('cursor is invalid or expired');
    // start, then (cursor refused, restart) three times, then the fourth refusal.
    expect(transport.paths).toHaveLength(8);
    expect(transport.paths.filter((path) => path.includes('start_time='))).toHaveLength(4);
  });

  it('does not take an error on a start_time request for an expired cursor', async () => {
    const transport = new RecordedChain();
    transport.override = (_, params) =>
      params.has('start_time')
        ? json(422, { error: 'InvalidValue', description: 'start_time is too recent' })
        : undefined;
    const { scheduler, nowSeconds } = setup(transport);

    await expect(collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds))).rejects.toThrow(
      /HTTP 422.*start_time is too recent/,
    );
    expect(transport.paths).toHaveLength(1);
  });

  it('does not restart on a cursor request refused for another reason (403)', async () => {
    const transport = new RecordedChain();
    transport.override = (_, params) =>
      params.has('cursor') ? json(403, { error: 'Forbidden', description: 'You do not have access' }) : undefined;
    const { scheduler, nowSeconds } = setup(transport);

    const error = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds)).catch(
      (caught: unknown) => caught,
    );
    expect((error as ZendeskApiError).status).toBe(403);
    expect(transport.paths).toHaveLength(2);
  });

  it('rejects a 200 body that is not a cursor export page, naming the request', async () => {
    const transport = new RecordedChain();
    // A time-based page: no after_cursor, no end_of_stream flag of a cursor page.
    transport.override = () => json(200, { tickets: [], next_page: null, end_time: 1695052663, count: 0 });
    const { scheduler, nowSeconds } = setup(transport);

    const error = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect((error as ZendeskApiError).message).toMatch(
      /^GET \/api\/v2\/incremental\/tickets\/cursor\.json\?start_time=0.* returned a body that is not an export page \(/,
    );
    expect((error as ZendeskApiError).message).toContain('after_cursor');
  });

  it('keeps the last cursor when the final page has none, so the next export resumes there', async () => {
    const transport = new RecordedChain();
    transport.override = (_, params) =>
      params.get('cursor') === CHAIN[1]!.body.after_cursor
        ? json(200, { tickets: [], after_cursor: null, before_cursor: null, end_of_stream: true })
        : undefined;
    const { scheduler, nowSeconds } = setup(transport);
    const pages = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds));

    expect(pages).toHaveLength(3);
    expect(pages.at(-1)!.position).toEqual({ cursor: CHAIN[1]!.body.after_cursor, startTime: 0 });
  });

  it('stops at a page without after_cursor even if end_of_stream is false', async () => {
    const transport = new RecordedChain();
    transport.override = (_, params) =>
      params.has('start_time')
        ? json(200, { tickets: [{ ...CHAIN[0]!.body.tickets[0] }], after_cursor: null, end_of_stream: false })
        : undefined;
    const { scheduler, nowSeconds } = setup(transport);
    const pages = await collect(exportTickets(scheduler, { cursor: null, startTime: 0 }, nowSeconds));

    expect(pages).toHaveLength(1);
    expect(pages[0]!.position).toEqual({ cursor: null, startTime: 0 });
  });
});

/** A list endpoint made of hand-written pages, keyed by the exact path asked for. */
class ListPages implements Transport {
  readonly accountKey = 'test|lists';
  readonly paths: string[] = [];
  constructor(private readonly pages: Record<string, TransportResponse>) {}

  async request({ path }: { path: string }): Promise<TransportResponse> {
    this.paths.push(path);
    return this.pages[path] ?? json(404, { error: 'RecordNotFound', description: 'Not found' });
  }
}

async function listAll(transport: ListPages, firstPath: string, key: string, maxPages?: number): Promise<ListPage[]> {
  const { scheduler } = setup(transport);
  return collect(listPages(scheduler, firstPath, key, undefined, maxPages));
}

describe('listPages', () => {
  const user = (id: number) => ({ id, name: `Agent ${id}`, role: 'agent' });

  it('follows links.next while meta.has_more, asking for the path only', async () => {
    const transport = new ListPages({
      '/api/v2/users.json?page[size]=2': json(200, {
        users: [user(1), user(2)],
        meta: { has_more: true, after_cursor: 'aaa', before_cursor: null },
        links: { next: 'https://acme.zendesk.com/api/v2/users.json?page[after]=aaa&page[size]=2', prev: null },
      }),
      '/api/v2/users.json?page[after]=aaa&page[size]=2': json(200, {
        users: [user(3), user(4)],
        meta: { has_more: true, after_cursor: 'bbb' },
        links: { next: 'https://acme.zendesk.com/api/v2/users.json?page[after]=bbb&page[size]=2' },
      }),
      // Zendesk still links a next page on the last one; has_more false is what ends the list.
      '/api/v2/users.json?page[after]=bbb&page[size]=2': json(200, {
        users: [user(5)],
        meta: { has_more: false, after_cursor: 'ccc' },
        links: { next: 'https://acme.zendesk.com/api/v2/users.json?page[after]=ccc&page[size]=2' },
      }),
    });
    const pages = await listAll(transport, '/api/v2/users.json?page[size]=2', 'users');

    expect(pages.map((page) => page.records.map((record) => (record as Json).id))).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((page) => page.path)).toEqual(transport.paths);
    expect(transport.paths).toEqual([
      '/api/v2/users.json?page[size]=2',
      '/api/v2/users.json?page[after]=aaa&page[size]=2',
      '/api/v2/users.json?page[after]=bbb&page[size]=2',
    ]);
  });

  it('stops when has_more is true but there is no next link', async () => {
    const transport = new ListPages({
      '/api/v2/groups.json': json(200, { groups: [{ id: 1 }], meta: { has_more: true }, links: { next: null } }),
    });
    const pages = await listAll(transport, '/api/v2/groups.json', 'groups');
    expect(pages).toHaveLength(1);
    expect(transport.paths).toHaveLength(1);
  });

  it('follows offset pagination (next_page) to null', async () => {
    const transport = new ListPages({
      '/api/v2/groups.json': json(200, {
        groups: [{ id: 1 }, { id: 2 }],
        next_page: 'https://acme.zendesk.com/api/v2/groups.json?page=2',
        count: 3,
      }),
      '/api/v2/groups.json?page=2': json(200, {
        groups: [{ id: 3 }],
        next_page: null,
        previous_page: 'https://acme.zendesk.com/api/v2/groups.json?page=1',
        count: 3,
      }),
    });
    const pages = await listAll(transport, '/api/v2/groups.json', 'groups');
    expect(pages.flatMap((page) => page.records.map((record) => (record as Json).id))).toEqual([1, 2, 3]);
    expect(transport.paths).toEqual(['/api/v2/groups.json', '/api/v2/groups.json?page=2']);
  });

  it('throws when a next link leads back to a page already read', async () => {
    const transport = new ListPages({
      '/api/v2/users.json': json(200, {
        users: [user(1)],
        meta: { has_more: true },
        links: { next: 'https://acme.zendesk.com/api/v2/users.json?page[after]=x' },
      }),
      '/api/v2/users.json?page[after]=x': json(200, {
        users: [user(2)],
        meta: { has_more: true },
        links: { next: 'https://acme.zendesk.com/api/v2/users.json' },
      }),
    });
    const error = await listAll(transport, '/api/v2/users.json', 'users').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect((error as ZendeskApiError).message).toBe(
      "GET /api/v2/users.json was asked for twice: Zendesk's pagination went in a circle",
    );
    expect(transport.paths).toHaveLength(2);
  });

  it('throws a clear error for a page without the expected key', async () => {
    const transport = new ListPages({ '/api/v2/groups.json': json(200, { users: [user(1)], next_page: null }) });
    const error = await listAll(transport, '/api/v2/groups.json', 'groups').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error).toMatchObject({
      message: 'GET /api/v2/groups.json returned a body that is not a list page (no "groups" list)',
      status: 200,
      path: '/api/v2/groups.json',
    });
  });

  it('throws when the key holds something other than a list', async () => {
    const transport = new ListPages({ '/api/v2/groups.json': json(200, { groups: { id: 1 } }) });
    await expect(listAll(transport, '/api/v2/groups.json', 'groups')).rejects.toThrow('(no "groups" list)');
  });

  it.each([
    ['an empty body', undefined],
    ['an array', [{ id: 1 }]],
    ['an HTML string', '<html>maintenance</html>'],
  ])('throws a clear error for %s', async (_, body) => {
    const transport = new ListPages({ '/api/v2/groups.json': json(200, body) });
    const error = await listAll(transport, '/api/v2/groups.json', 'groups').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect((error as Error).message).toMatch(
      /^GET \/api\/v2\/groups\.json returned a body that is not a list page \(.+\)$/,
    );
  });

  it('throws a clear error when meta.has_more is not a boolean', async () => {
    const transport = new ListPages({ '/api/v2/groups.json': json(200, { groups: [], meta: { has_more: 'yes' } }) });
    await expect(listAll(transport, '/api/v2/groups.json', 'groups')).rejects.toThrow(
      /not a list page \(meta\.has_more: /,
    );
  });

  it('passes on an HTTP error with its status', async () => {
    const transport = new ListPages({});
    const error = await listAll(transport, '/api/v2/groups.json', 'groups').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect((error as ZendeskApiError).status).toBe(404);
    expect((error as Error).message).toContain('GET /api/v2/groups.json failed with HTTP 404');
  });

  it('reads no more than maxPages pages', async () => {
    const pages: Record<string, TransportResponse> = {};
    for (let page = 1; page <= 5; page++) {
      pages[`/api/v2/groups.json?page=${page}`] = json(200, {
        groups: [{ id: page }],
        next_page: `https://acme.zendesk.com/api/v2/groups.json?page=${page + 1}`,
      });
    }
    const transport = new ListPages(pages);
    const read = await listAll(transport, '/api/v2/groups.json?page=1', 'groups', 3);
    expect(read).toHaveLength(3);
    expect(transport.paths).toHaveLength(3);
  });

  it('yields an empty first page and stops', async () => {
    const transport = new ListPages({
      '/api/v2/users.json': json(200, { users: [], meta: { has_more: false }, links: { next: null } }),
    });
    const pages = await listAll(transport, '/api/v2/users.json', 'users');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.records).toEqual([]);
  });
});
