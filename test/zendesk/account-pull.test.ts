import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import {
  pullAccount,
  PullError,
  type PullOptions,
  type PullProgress,
  type PullResult,
  type ResponseKind,
} from '../../src/zendesk/account-pull';
import { MemorySnapshotStore, type AccountSnapshot } from '../../src/zendesk/account-snapshot';
import { AbortedError, VirtualClock } from '../../src/zendesk/clock';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import { metricSetSchema, ticketSchema } from '../../src/zendesk/schemas';
import { ticketRecordFromApi } from '../../src/zendesk/ticket-record-from-api';
import {
  TransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../../src/zendesk/transport';

/**
 * pullAccount against a fake account: the admin path replays the recorded per_page=1 cursor chain
 * (test/fixtures/zendesk/local/recorded/chain-00..99); users, groups
 * and the agent path (search export + show_many) are hand-made pages shaped like Zendesk's.
 * Every expectation is by ticket id, counted from the recorded files, not from the code.
 */

type Json = Record<string, unknown>;

const CHAIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/zendesk/local/recorded');
const HOST = 'https://d3v-zenpydev.zendesk.com';

interface ChainPage {
  requestCursor: string | null;
  headers: Record<string, string>;
  body: Json & { tickets: Json[]; after_cursor: string };
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
const CHAIN_IDS = new Set(CHAIN.flatMap((page) => page.body.tickets.map((ticket) => ticket.id as number)));
const LAST_CURSOR = CHAIN.at(-1)!.body.after_cursor;
const timeOf = (cursor: string): number => Number(Buffer.from(cursor, 'base64').toString('latin1').split('.')[0]);

const NEVER = Number.MAX_SAFE_INTEGER;

/** Requests of a complete admin pull: 100 recorded pages + the end page, 2 user pages, 1 group page. */
const FULL_ADMIN_PULL = 104;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse => ({
  status,
  headers,
  body,
});
const tooMany = (retryAfter: string) =>
  json(429, { error: 'TooManyRequests', description: 'Rate limit exceeded' }, { 'retry-after': retryAfter });
const serverError = (status: number, headers: Record<string, string> = {}) =>
  json(status, { error: 'InternalError' }, headers);
const EXPIRED = (status: number) =>
  json(status, { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });
const FORBIDDEN = json(403, {
  error: 'Forbidden',
  description:
    'You do not have access to this page. Please contact the account owner of this help desk for further help.',
});

function user(id: number, name: string, role: string): Json {
  return {
    id,
    url: `${HOST}/api/v2/users/${id}.json`,
    name,
    email: `${name.toLowerCase()}@example.com`,
    created_at: '2023-09-09T23:52:05Z',
    updated_at: '2023-09-09T23:52:06Z',
    time_zone: 'America/New_York',
    locale: 'en-US',
    role,
    active: true,
    suspended: false,
  };
}

const USERS = [
  user(6130869168001, 'Ana', 'admin'),
  user(6130869168002, 'Bo', 'agent'),
  user(6130869168003, 'Cy', 'agent'),
];
const GROUPS = [
  {
    id: 6130830355001,
    url: `${HOST}/api/v2/groups/6130830355001.json`,
    name: 'Support',
    deleted: false,
    default: true,
  },
  {
    id: 6130830355002,
    url: `${HOST}/api/v2/groups/6130830355002.json`,
    name: 'Tier 2',
    deleted: false,
    default: false,
  },
];

interface FakeRequest {
  path: string;
  pathname: string;
  params: URLSearchParams;
  /** The chain page this request would be answered with, if it is a ticket export request. */
  chainIndex: number | null;
}

/** An answer, or what the transport throws instead (a TransportError, or any other failure). */
type Reply = TransportResponse | Error;

/** Agent-path tickets: served by the search export and show_many. */
interface AgentTicket {
  ticket: Json;
  metricSet: Json;
  updatedAt: number;
}

class FakeZendesk implements Transport {
  readonly accountKey = `${HOST}|ana@example.com`;
  readonly paths: string[] = [];
  /** Each ticket as last served, in the order served: what the dataset must hold. */
  readonly lastServed = new Map<number, Json>();
  readonly servedTimes = new Map<number, number>();
  users = USERS;
  groups = GROUPS;
  /** What the chain's last cursor answers besides the end of the stream: tickets changed since. */
  changedSince: Json[] = [];
  /** Alters recorded tickets as they are served, for states the recording lacks. */
  patchTicket: ((ticket: Json) => void) | null = null;
  agentTickets = new Map<number, AgentTicket>();
  /** Ids the search still lists but show_many no longer returns: deleted meanwhile. */
  vanished = new Set<number>();
  /** Zendesk's own time, sent in the search export's `Date` header (set by `pull` to the run's clock). */
  zendeskNow: (() => number) | null = null;
  /** Called after each answer with the number of requests so far. */
  afterRequest: ((count: number) => void) | null = null;
  /** Requests after this many never answer, as if the process were killed. */
  hangAfter: number | null = null;
  private markHung!: () => void;
  readonly hung = new Promise<void>((resolve) => {
    this.markHung = resolve;
  });
  private readonly faults: { when: (request: FakeRequest) => boolean; replies: Reply[]; forever: boolean }[] = [];

  /** Answers the next requests that match with these replies, one each, then normally again. */
  fail(when: (request: FakeRequest) => boolean, ...replies: Reply[]): this {
    this.faults.push({ when, replies, forever: false });
    return this;
  }

  /** Answers every request that matches with this reply. */
  failAlways(when: (request: FakeRequest) => boolean, reply: Reply): this {
    this.faults.push({ when, replies: [reply], forever: true });
    return this;
  }

  async request({ path }: TransportRequest): Promise<TransportResponse> {
    this.paths.push(path);
    if (this.hangAfter !== null && this.paths.length > this.hangAfter) {
      this.markHung();
      return new Promise(() => {});
    }
    const url = new URL(path, HOST);
    const request: FakeRequest = {
      path,
      pathname: url.pathname,
      params: url.searchParams,
      chainIndex: chainIndexOf(url),
    };
    try {
      for (const fault of this.faults) {
        if (fault.replies.length > 0 && fault.when(request)) {
          const reply = fault.forever ? fault.replies[0]! : fault.replies.shift()!;
          if (reply instanceof Error) throw reply;
          return reply;
        }
      }
      return this.answer(request);
    } finally {
      this.afterRequest?.(this.paths.length);
    }
  }

  private answer({ pathname, params, chainIndex }: FakeRequest): TransportResponse {
    switch (pathname) {
      case '/api/v2/incremental/tickets/cursor.json':
        if (chainIndex !== null) return this.serveChainPage(chainIndex);
        if (params.get('cursor') === LAST_CURSOR || params.has('start_time')) return this.endPage();
        return EXPIRED(422);
      case '/api/v2/users.json':
        expect(params.getAll('role[]')).toEqual(['agent', 'admin']);
        return params.get('page[after]') === 'u2'
          ? json(200, {
              users: this.users.slice(2),
              meta: { has_more: false, after_cursor: 'u3', before_cursor: 'u2' },
              links: { prev: null, next: null },
            })
          : json(200, {
              users: this.users.slice(0, 2),
              meta: { has_more: true, after_cursor: 'u2', before_cursor: null },
              links: {
                prev: null,
                next: `${HOST}/api/v2/users.json?page%5Bafter%5D=u2&page%5Bsize%5D=100&role%5B%5D=agent&role%5B%5D=admin`,
              },
            });
      case '/api/v2/users/show_many.json': {
        const ids = new Set((params.get('ids') ?? '').split(',').map(Number));
        return json(200, { users: this.users.filter((entry) => ids.has(entry.id as number)) });
      }
      case '/api/v2/groups.json':
        return json(200, {
          groups: this.groups,
          meta: { has_more: false, after_cursor: 'g1', before_cursor: null },
          links: { prev: null, next: null },
        });
      case '/api/v2/search/export.json':
        return this.searchPage(params);
      case '/api/v2/tickets/show_many.json':
        return this.showMany(params);
      default:
        return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
    }
  }

  private serveChainPage(index: number): TransportResponse {
    const page = CHAIN[index]!;
    const times = (this.servedTimes.get(index) ?? 0) + 1;
    this.servedTimes.set(index, times);
    const body = structuredClone(page.body);
    // A page read twice (after a restart) shows its tickets as they are now: changed since.
    if (times > 1) for (const ticket of body.tickets) Object.assign(ticket, { status: 'open', tags: ['served-again'] });
    if (this.patchTicket) body.tickets.forEach(this.patchTicket);
    for (const ticket of body.tickets) this.lastServed.set(ticket.id as number, ticket);
    return json(200, body, page.headers);
  }

  private endPage(): TransportResponse {
    for (const ticket of this.changedSince) this.lastServed.set(ticket.id as number, ticket);
    const after = this.changedSince.length > 0 ? btoa(`1795000000.0||${this.changedSince.at(-1)!.id}|`) : LAST_CURSOR;
    return json(200, {
      tickets: this.changedSince,
      after_url: null,
      before_url: null,
      after_cursor: after,
      before_cursor: null,
      end_of_stream: true,
    });
  }

  private searchPage(params: URLSearchParams): TransportResponse {
    expect(params.get('filter[type]')).toBe('ticket');
    const size = Number(params.get('page[size]'));
    const query = params.get('query') ?? '';
    const updated = /^updated>=(.+)$/.exec(query);
    const matches = [...this.agentTickets.values()].filter((entry) =>
      updated
        ? entry.updatedAt >= Date.parse(updated[1]!)
        : query === 'status<solved' && ['new', 'open', 'pending', 'hold'].includes(entry.ticket.status as string),
    );
    const from = Number(params.get('page[after]') ?? 0);
    const results = matches.slice(from, from + size).map((entry) => ({ ...entry.ticket, result_type: 'ticket' }));
    const hasMore = from + size < matches.length;
    const next = new URL(`${HOST}/api/v2/search/export.json`);
    next.search = new URLSearchParams({
      query,
      'filter[type]': 'ticket',
      'page[size]': String(size),
      'page[after]': String(from + size),
    }).toString();
    const date = this.zendeskNow ? { date: new Date(this.zendeskNow()).toUTCString() } : undefined;
    return json(
      200,
      {
        results,
        facets: null,
        meta: { has_more: hasMore, after_cursor: hasMore ? String(from + size) : null, before_cursor: null },
        links: { prev: null, next: hasMore ? next.toString() : null },
      },
      date,
    );
  }

  private showMany(params: URLSearchParams): TransportResponse {
    expect(params.get('include')).toBe('metric_sets');
    const ids = params.get('ids')!.split(',').map(Number);
    expect(ids.length).toBeLessThanOrEqual(100);
    const found = ids
      .filter((id) => this.agentTickets.has(id) && !this.vanished.has(id))
      .map((id) => this.agentTickets.get(id)!);
    for (const entry of found) this.lastServed.set(entry.ticket.id as number, entry.ticket);
    return json(200, {
      tickets: found.map((entry) => entry.ticket),
      metric_sets: found.map((entry) => entry.metricSet),
      next_page: null,
      previous_page: null,
      count: found.length,
    });
  }

  /** Requests made for the tickets (export, search, show_many), not the directory. */
  ticketPaths(from = 0): string[] {
    return this.paths
      .slice(from)
      .filter((path) => !path.startsWith('/api/v2/users.json') && !path.startsWith('/api/v2/groups.json'));
  }
}

function chainIndexOf(url: URL): number | null {
  if (url.pathname !== '/api/v2/incremental/tickets/cursor.json') return null;
  const cursor = url.searchParams.get('cursor');
  if (cursor !== null) {
    const index = CHAIN.findIndex((page) => page.requestCursor === cursor);
    return index < 0 ? null : index;
  }
  // start_time=T: the first page whose tickets changed at or after T, as Zendesk answers.
  const start = Number(url.searchParams.get('start_time'));
  const index = CHAIN.findIndex((page) => timeOf(page.body.after_cursor) >= start);
  return index < 0 ? null : index;
}

const onPage = (index: number) => (request: FakeRequest) =>
  request.chainIndex === index && request.path.includes(index === 0 ? 'start_time=' : 'cursor=');
const onUsersPage2 = (request: FakeRequest) =>
  request.pathname === '/api/v2/users.json' && request.params.has('page[after]');
const onGroups = (request: FakeRequest) => request.pathname === '/api/v2/groups.json';

interface Run {
  clock: VirtualClock;
  store: MemorySnapshotStore;
  progress: PullProgress[];
  responses: { kind: ResponseKind; path: string }[];
}

function newRun(): Run {
  return { clock: new VirtualClock(), store: new MemorySnapshotStore(), progress: [], responses: [] };
}

/** One pull, as one run of the CLI or one app load: a scheduler of its own, the one store. */
async function pull(fake: FakeZendesk, run: Run, options: Partial<PullOptions> = {}): Promise<PullResult> {
  const scheduler = new RequestScheduler(fake, { clock: run.clock, random: () => 0 });
  fake.zendeskNow ??= () => run.clock.now();
  run.progress = [];
  run.responses = [];
  return pullAccount({
    scheduler,
    mode: 'admin',
    // The event streams have tests of their own (account-pull-events.test.ts).
    streams: [],
    store: run.store,
    clock: run.clock,
    checkpointEveryMs: 0,
    onProgress: (progress) => run.progress.push(progress),
    onResponse: (kind, path) => {
      run.responses.push({ kind, path });
    },
    ...options,
  });
}

function idsOf(tickets: readonly TicketRecord[]): number[] {
  return tickets.map((ticket) => ticket.id);
}

/** The dataset holds each served ticket once, exactly as it was last served. */
function expectLastOccurrences(
  tickets: readonly TicketRecord[],
  fake: FakeZendesk,
  expectedIds: ReadonlySet<number>,
): void {
  const ids = idsOf(tickets);
  expect(ids.length).toBe(new Set(ids).size);
  expect(new Set(ids)).toEqual(expectedIds);
  for (const ticket of tickets) {
    const raw = fake.lastServed.get(ticket.id)!;
    expect(ticket).toEqual(ticketRecordFromApi(ticketSchema.parse(raw), null));
  }
}

async function saved(run: Run, fake: FakeZendesk): Promise<AccountSnapshot> {
  const snapshot = await run.store.load(fake.accountKey);
  expect(snapshot).not.toBeNull();
  return snapshot!;
}

describe('pullAccount, admin path, on the recorded cursor chain', () => {
  it('reads every recorded ticket once, then the users (two pages) and groups', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const result = await pull(fake, run);

    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
    expect(result.dataset.tickets).toHaveLength(100);
    expect(result.dataset.skipped).toBe(0);
    expect([...result.dataset.users.keys()]).toEqual(USERS.map((entry) => entry.id));
    expect(result.dataset.users.get(6130869168003)).toEqual({
      id: 6130869168003,
      name: 'Cy',
      role: 'agent',
      active: true,
    });
    expect([...result.dataset.groups.keys()]).toEqual(GROUPS.map((entry) => entry.id));
    expect(result.requests).toBe(FULL_ADMIN_PULL);
    expect(fake.paths).toHaveLength(FULL_ADMIN_PULL);
    expect(result.resumed).toBe(false);
    expect(fake.paths.slice(-3)).toEqual([
      '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=100',
      '/api/v2/users.json?page%5Bafter%5D=u2&page%5Bsize%5D=100&role%5B%5D=agent&role%5B%5D=admin',
      '/api/v2/groups.json?page[size]=100',
    ]);
    expect(run.responses.map((response) => response.kind)).toEqual([
      ...Array(101).fill('tickets'),
      'users',
      'users',
      'groups',
    ]);
  });

  it('leaves a complete snapshot whose position is the end of the stream', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const result = await pull(fake, run);
    const snapshot = await saved(run, fake);

    expect(snapshot.complete).toBe(true);
    expect(snapshot.mode).toBe('admin');
    expect(snapshot.exportPosition).toEqual({ cursor: LAST_CURSOR, startTime: 0 });
    expect(new Set(idsOf(snapshot.tickets))).toEqual(CHAIN_IDS);
    expect(snapshot.users).toHaveLength(3);
    expect(snapshot.directoryFetchedAt).toBe(run.clock.now());
    expect(result.snapshot).toEqual(snapshot);
  });

  it('saves a checkpoint after every page with checkpointEveryMs 0, and once at the end', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    await pull(fake, run);
    expect(run.store.saves).toBe(102);
  });

  it('checkpoints no more often than nine times what the last one took, so a slow store costs at most a tenth', async () => {
    const savesWith = async (saveMs: number) => {
      const fake = new FakeZendesk();
      const run = newRun();
      const store = run.store;
      const save = store.save.bind(store);
      store.save = async (snapshot) => {
        run.clock.advance(saveMs);
        await save(snapshot);
      };
      const started = run.clock.now();
      await pull(fake, run, { checkpointEveryMs: 5000 });
      return { saves: store.saves, ms: run.clock.now() - started };
    };
    // The incremental export's 10 a minute spread the 101 pages over about ten minutes.
    const fast = await savesWith(0);
    const slow = await savesWith(60_000);
    expect(fast.saves).toBeGreaterThanOrEqual(10);
    // A minute a save: at most one every ten minutes of pulling, plus the final one.
    expect(slow.saves).toBeLessThanOrEqual(Math.ceil(slow.ms / 600_000) + 1);
    expect(slow.saves).toBeGreaterThanOrEqual(2);
  });

  it('reads from the given start time on a first pull', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const start = timeOf(CHAIN[79]!.body.after_cursor);
    const result = await pull(fake, run, { startTime: start });
    const firstOfSecond = CHAIN.findIndex((page) => timeOf(page.body.after_cursor) === start);

    expect(fake.paths[0]).toBe(
      `/api/v2/incremental/tickets/cursor.json?start_time=${start}&include=metric_sets&per_page=1000`,
    );
    expect(new Set(idsOf(result.dataset.tickets))).toEqual(
      new Set(CHAIN.slice(firstOfSecond).map((page) => page.body.tickets[0]!.id)),
    );
  });
});

describe('pullAccount, a history bound that moves forward (forgetBeforeStart)', () => {
  it('drops the tickets over before the start from the snapshot it goes on from, keeps every unsolved one, and says it covers from the start', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const whole = await pull(fake, run);
    const records = whole.dataset.tickets;
    // A start in the middle of the recorded tickets' creation times.
    const created = records.map((ticket) => ticket.createdAt).sort((a, b) => a - b);
    const start = Math.floor(created[Math.floor(created.length / 2)]! / 1000);
    const later = await pull(fake, run, { startTime: start, forgetBeforeStart: true });

    const startMs = start * 1000;
    const unsolved = new Set(['new', 'open', 'pending', 'hold']);
    const kept = records.filter(
      (ticket) => unsolved.has(ticket.status) || ticket.createdAt >= startMs || (ticket.solvedAt ?? 0) >= startMs,
    );
    const oldUnsolved = kept.filter((ticket) => ticket.createdAt < startMs && unsolved.has(ticket.status));
    // The recorded account has both kinds, so the test tells them apart.
    expect(kept.length).toBeLessThan(records.length);
    expect(oldUnsolved.length).toBeGreaterThan(0);
    expect(new Set(idsOf(later.dataset.tickets))).toEqual(new Set(idsOf(kept)));
    expect(later.snapshot.coversFrom).toBe(start);
    // Nothing was read again for it: the refresh is one request, as without the bound.
    expect(later.requests).toBe(1);

    // A pull asking for more history than the snapshot now holds starts afresh.
    const earlier = await pull(fake, run, { startTime: start - 86_400 });
    expect(earlier.resumed).toBe(false);
  });

  it('without the option, a later start leaves the snapshot whole', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const whole = await pull(fake, run);
    const start = Math.floor(Math.max(...whole.dataset.tickets.map((ticket) => ticket.createdAt)) / 1000);
    const later = await pull(fake, run, { startTime: start });
    expect(later.dataset.tickets).toHaveLength(whole.dataset.tickets.length);
    expect(later.snapshot.coversFrom).toBe(0);
  });
});

describe('pullAccount, recent tickets first (recentFrom)', () => {
  const RECENT = timeOf(CHAIN[70]!.body.after_cursor);
  /** The first chain page holding a ticket changed at or after RECENT: where the recent read starts. */
  const BOUNDARY = CHAIN.findIndex((page) => timeOf(page.body.after_cursor) >= RECENT);
  const exportPath = (at: string) => `/api/v2/incremental/tickets/cursor.json?${at}&include=metric_sets&per_page=1000`;
  const cursorPath = (cursor: string) => exportPath(`cursor=${encodeURIComponent(cursor)}`);

  it('reads from recentFrom to the end, then the history up to it, then what changed meanwhile: every ticket once', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const partials: number[][] = [];
    const result = await pull(fake, run, {
      recentFrom: [RECENT],
      onPartial: (dataset) => partials.push(idsOf(dataset().tickets)),
    });

    const ticketPaths = fake.ticketPaths();
    const recentPages = 100 - BOUNDARY + 1;
    expect(ticketPaths[0]).toBe(exportPath(`start_time=${RECENT}`));
    expect(ticketPaths[recentPages - 1]).toBe(cursorPath(LAST_CURSOR));
    expect(ticketPaths[recentPages]).toBe(exportPath('start_time=0'));
    // The history stops at the page that reaches recentFrom: its one ticket is read twice, no more.
    expect(ticketPaths[recentPages + BOUNDARY]).toBe(cursorPath(CHAIN[BOUNDARY - 1]!.body.after_cursor));
    expect(ticketPaths.slice(recentPages + BOUNDARY + 1)).toEqual([cursorPath(LAST_CURSOR)]);
    expect(ticketPaths).toHaveLength(100 + 3);
    expect(result.requests).toBe(FULL_ADMIN_PULL + 2);
    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);

    // When the recent stretch is in, the partial dataset holds exactly the tickets changed since recentFrom.
    const recentIds = new Set(
      CHAIN.slice(BOUNDARY).flatMap((page) => page.body.tickets.map((ticket) => ticket.id as number)),
    );
    expect(new Set(partials[recentPages - 1])).toEqual(recentIds);
    expect(partials.at(-1)).toHaveLength(100);

    const phases = run.progress
      .map((event) => event.phase)
      .filter((phase, index, all) => index === 0 || all[index - 1] !== phase);
    expect(phases).toEqual(['tickets', 'history', 'tickets', 'directory', 'done']);
    const history = run.progress.filter((event) => event.phase === 'history');
    for (const event of history) if (event.fraction !== null) expect(event.fraction).toBeGreaterThanOrEqual(0);
    // One share for the whole pull: the history goes on from where the recent stretch left the bar.
    const shares = run.progress.map((event) => event.fraction ?? 0);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(history.at(-1)!.fraction).toBeLessThan(1);

    const snapshot = await saved(run, fake);
    expect(snapshot).toMatchObject({
      complete: true,
      backfill: [],
      exportPosition: { cursor: LAST_CURSOR, startTime: RECENT },
    });
  });

  it('reads several stretches newest first, saying after each since when the tickets are whole', async () => {
    const OLDER = timeOf(CHAIN[40]!.body.after_cursor);
    const fake = new FakeZendesk();
    const run = newRun();
    const idsChangedSince = (instant: number) =>
      CHAIN.filter((page) => timeOf(page.body.after_cursor) >= instant).flatMap((page) =>
        page.body.tickets.map((ticket) => ticket.id as number),
      );
    let checked = 0;
    const result = await pull(fake, run, {
      recentFrom: [OLDER, RECENT],
      // Whenever coverage is claimed, every ticket changed since then is in the dataset handed over.
      onPartial: (dataset, coveredFrom) => {
        if (coveredFrom === null) return;
        const have = new Set(idsOf(dataset().tickets));
        for (const id of idsChangedSince(coveredFrom)) expect(have.has(id), `ticket ${id}`).toBe(true);
        checked++;
      },
    });
    expect(checked).toBeGreaterThan(0);

    const starts = fake.ticketPaths().filter((path) => path.includes('start_time='));
    expect(starts).toEqual([
      exportPath(`start_time=${RECENT}`),
      exportPath(`start_time=${OLDER}`),
      exportPath('start_time=0'),
    ]);
    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
    const coverage = run.progress
      .map((event) => event.coveredFrom)
      .filter((value, index, all) => index === 0 || all[index - 1] !== value);
    expect(coverage).toEqual([null, RECENT, OLDER, 0]);
    // No time left is told while older stretches are still to come.
    const lastStretchStarts = run.progress.findIndex((event) => event.coveredFrom === OLDER);
    expect(run.progress.slice(0, lastStretchStarts).every((event) => event.estimatedMsLeft === null)).toBe(true);
  });

  it('a stretch that stops short of its end without saying the stream ended fails, and the next run resumes it', async () => {
    const short = json(200, { ...CHAIN[20]!.body, after_cursor: null, end_of_stream: false });
    const fake = new FakeZendesk().failAlways(
      (request) => request.chainIndex === 20 && request.path.includes('cursor='),
      short,
    );
    const run = newRun();
    const error = await pull(fake, run, { recentFrom: [RECENT] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PullError);
    expect((error as PullError).message).toMatch(/ended the export before \S+Z, without saying the stream had ended/);
    const checkpoint = await saved(run, fake);
    expect(checkpoint).toMatchObject({
      complete: false,
      backfill: [{ position: { cursor: CHAIN[19]!.body.after_cursor, startTime: 0 }, until: RECENT }],
    });

    const fixed = new FakeZendesk();
    const result = await pull(fixed, run, { recentFrom: [RECENT] });
    expect(idsOf(result.dataset.tickets)).toHaveLength(CHAIN_IDS.size);
    expect(new Set(idsOf(result.dataset.tickets))).toEqual(CHAIN_IDS);
    expect(fixed.ticketPaths()[1]).toBe(cursorPath(CHAIN[19]!.body.after_cursor));
  });

  it('resumed in the history, it counts the stretches already read as whole', async () => {
    const OLDER = timeOf(CHAIN[40]!.body.after_cursor);
    const fake = new FakeZendesk().failAlways(
      (request) => request.chainIndex === 10 && request.path.includes('cursor='),
      FORBIDDEN,
    );
    const run = newRun();
    await expect(pull(fake, run, { recentFrom: [OLDER, RECENT] })).rejects.toBeInstanceOf(PullError);
    expect((await saved(run, fake)).backfill.map((stretch) => stretch.until)).toEqual([OLDER]);

    const coverage: (number | null)[] = [];
    await pull(new FakeZendesk(), run, {
      recentFrom: [OLDER, RECENT],
      onPartial: (_, coveredFrom) => coverage.push(coveredFrom),
    });
    // The first page (the catch-up of the recent stretch) already covers back to the older stretch.
    expect(coverage[0]).toBe(OLDER);
    expect(coverage.at(-1)).toBe(0);
  });

  it('a ticket that changes while the history is read is caught by the last request', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const moved = structuredClone(CHAIN[10]!.body.tickets[0]!);
    // Ticket 10 changes once the recent stretch is read: Zendesk now lists it at the end only.
    fake.afterRequest = (count) => {
      if (count === 100 - BOUNDARY + 1)
        fake.changedSince = [Object.assign(moved, { status: 'solved', updated_at: '2026-10-31T00:00:00Z' })];
    };
    const result = await pull(fake, run, { recentFrom: [RECENT] });
    expect(result.dataset.tickets.find((ticket) => ticket.id === moved.id)?.status).toBe('solved');
    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
  });

  it('stopped in the history, it resumes there: no recent page and no history page is read twice', async () => {
    const fake = new FakeZendesk().failAlways(
      (request) => request.chainIndex === 20 && request.path.includes('cursor='),
      FORBIDDEN,
    );
    const run = newRun();
    await expect(pull(fake, run, { recentFrom: [RECENT] })).rejects.toBeInstanceOf(PullError);

    const checkpoint = await saved(run, fake);
    expect(checkpoint.complete).toBe(false);
    expect(checkpoint.exportPosition).toEqual({ cursor: LAST_CURSOR, startTime: RECENT });
    expect(checkpoint.backfill).toEqual([
      { position: { cursor: CHAIN[19]!.body.after_cursor, startTime: 0 }, until: RECENT },
    ]);

    const fixed = new FakeZendesk();
    const result = await pull(fixed, run, { recentFrom: [RECENT] });
    expect(fixed.ticketPaths()).toEqual([
      cursorPath(LAST_CURSOR),
      ...CHAIN.slice(20, BOUNDARY + 1).map((page) => cursorPath(page.requestCursor!)),
      cursorPath(LAST_CURSOR),
    ]);
    expect(new Set(idsOf(result.dataset.tickets))).toEqual(CHAIN_IDS);
    expect(await saved(run, fixed)).toMatchObject({ complete: true, backfill: [] });
  });

  it('a refresh after it costs one request', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    await pull(fake, run, { recentFrom: [RECENT] });
    run.clock.advance(10 * 60_000);
    expect((await pull(fake, run, { recentFrom: [RECENT] })).requests).toBe(1);
  });

  it('reads in one stretch when recentFrom is not after the start time or not in the past', async () => {
    for (const options of [
      { recentFrom: [0] },
      { startTime: RECENT, recentFrom: [RECENT - 5] },
      { recentFrom: [Math.floor(Date.parse('2027-01-01T00:00:00Z') / 1000)] },
      { recentFrom: [] },
    ]) {
      const fake = new FakeZendesk();
      const result = await pull(fake, newRun(), options);
      expect(fake.ticketPaths().filter((path) => path.includes('start_time='))).toHaveLength(1);
      expect(result.snapshot).toMatchObject({ complete: true, backfill: [] });
    }
  });
});

describe('pullAccount survives faults and still reads every ticket', () => {
  const scenarios: [string, (fake: FakeZendesk) => void, number][] = [
    [
      'a storm of 429s with Retry-After',
      (fake) =>
        fake
          .fail(onPage(10), tooMany('30'), tooMany('30'), tooMany('30'))
          .fail(onPage(55), tooMany('1'), tooMany('120'))
          .fail(onUsersPage2, tooMany('5'))
          .fail(onGroups, tooMany('2'), tooMany('2')),
      8,
    ],
    ['a 429 on every page once', (fake) => CHAIN.forEach((_, index) => fake.fail(onPage(index), tooMany('10'))), 100],
    [
      '500s and 503s',
      (fake) =>
        fake
          .fail(onPage(0), serverError(500), serverError(500))
          .fail(onPage(40), serverError(503, { 'retry-after': '10' }))
          .fail(onPage(99), serverError(503))
          .fail(onGroups, serverError(502)),
      5,
    ],
    ['a timeout', (fake) => fake.fail(onPage(20), new TransportError('timeout', 'GET got no answer within 60 s')), 1],
    [
      'a truncated body',
      (fake) =>
        fake.fail(
          onPage(70),
          new TransportError('malformed-body', 'GET returned 812 bytes that are not complete JSON'),
        ),
      1,
    ],
    [
      'a dropped connection',
      (fake) => fake.fail(onPage(33), new TransportError('network', 'GET failed: ECONNRESET')),
      1,
    ],
    [
      'all of them at once',
      (fake) =>
        fake
          .fail(onPage(5), tooMany('60'), serverError(500), new TransportError('timeout', 'timeout'))
          .fail(onPage(6), new TransportError('malformed-body', 'cut off'), serverError(503, { 'retry-after': '3' }))
          .fail(onUsersPage2, serverError(500)),
      6,
    ],
  ];

  it.each(scenarios)('%s', async (_, inject, extraRequests) => {
    const fake = new FakeZendesk();
    inject(fake);
    const run = newRun();
    const result = await pull(fake, run);

    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
    expect(result.dataset.users.size).toBe(3);
    expect(result.dataset.groups.size).toBe(2);
    expect(result.requests).toBe(FULL_ADMIN_PULL + extraRequests);
    expect(fake.paths).toHaveLength(FULL_ADMIN_PULL + extraRequests);
    expect((await saved(run, fake)).complete).toBe(true);
  });

  it('waits out each Retry-After in full', async () => {
    const fake = new FakeZendesk().fail(onPage(10), tooMany('30')).fail(onPage(55), tooMany('120'));
    const run = newRun();
    await pull(fake, run);
    expect(run.clock.sleeps).toContain(30_000);
    expect(run.clock.sleeps).toContain(120_000);
  });

  it.each([422, 400])(
    'restarts after an expired cursor (HTTP %i): none lost, repeats deduplicated, the later copy kept',
    async (status) => {
      // Page 7 is one of seven pages of the same second (1792414860), so the restart re-reads five pages.
      const fake = new FakeZendesk().fail(onPage(7), EXPIRED(status));
      const run = newRun();
      const result = await pull(fake, run);
      const expiredCursor = CHAIN[7]!.requestCursor!;
      const restart = fake.paths.findIndex((path) => path.includes(encodeURIComponent(expiredCursor))) + 1;

      expect(fake.paths[restart]).toBe(
        `/api/v2/incremental/tickets/cursor.json?start_time=${timeOf(expiredCursor)}&include=metric_sets&per_page=1000`,
      );
      expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
      const reread = [...fake.servedTimes].filter(([, times]) => times === 2).map(([index]) => index);
      expect(reread).toEqual([2, 3, 4, 5, 6]);
      const again = result.dataset.tickets.filter((ticket) => ticket.tags.includes('served-again'));
      expect(idsOf(again).sort((a, b) => a - b)).toEqual(
        reread.map((index) => CHAIN[index]!.body.tickets[0]!.id as number).sort((a, b) => a - b),
      );
      expect(again.every((ticket) => ticket.status === 'open')).toBe(true);
      expect(result.requests).toBe(FULL_ADMIN_PULL + 1 + 5);
      expect((await saved(run, fake)).exportPosition).toEqual({
        cursor: LAST_CURSOR,
        startTime: timeOf(expiredCursor),
      });
    },
  );
});

describe('pullAccount stops with a clear error, and the next run resumes', () => {
  it('a permanent 403 mid-export: PullError with requests and tickets so far; the next run resumes from the saved cursor', async () => {
    const fake = new FakeZendesk().failAlways(onPage(30), FORBIDDEN);
    const run = newRun();

    // No periodic checkpoint: what is saved is what the failure itself saved.
    const error = await pull(fake, run, { checkpointEveryMs: NEVER }).catch((caught: unknown) => caught);
    expect(run.store.saves).toBe(1);
    expect(error).toBeInstanceOf(PullError);
    const pullError = error as PullError;
    expect(pullError.requests).toBe(31);
    expect(pullError.tickets).toBe(30);
    expect(pullError.message).toMatch(
      /^the pull stopped after 31 requests with 30 tickets read: GET \/api\/v2\/incremental\/tickets\/cursor\.json\?cursor=\S+ failed with HTTP 403: this user may not call this endpoint/,
    );
    expect(pullError.message).toContain('(Zendesk says: Forbidden: You do not have access to this page.');
    expect(pullError.message).toMatch(/; the next run resumes from there$/);

    const checkpoint = await saved(run, fake);
    expect(checkpoint.complete).toBe(false);
    expect(checkpoint.exportPosition).toEqual({ cursor: CHAIN[29]!.body.after_cursor, startTime: 0 });
    expect(checkpoint.tickets).toHaveLength(30);

    const fixed = new FakeZendesk();
    const result = await pull(fixed, run);
    expect(fixed.paths[0]).toBe(
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(CHAIN[29]!.body.after_cursor)}&include=metric_sets&per_page=1000`,
    );
    expect(result.resumed).toBe(true);
    expect(new Set(idsOf(result.dataset.tickets))).toEqual(CHAIN_IDS);
    expect(result.dataset.tickets).toHaveLength(100);
    expect(result.requests).toBe(71 + 3);
    expect((await saved(run, fixed)).complete).toBe(true);
  });

  it('a 403 on the first request: nothing read, said plainly', async () => {
    const fake = new FakeZendesk().failAlways(onPage(0), FORBIDDEN);
    const error = (await pull(fake, newRun()).catch((caught: unknown) => caught)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toMatch(/^the pull stopped after 1 requests with 0 tickets read: .*HTTP 403/);
    expect(fake.paths).toHaveLength(1);
  });

  it('without a store the error does not promise a resume', async () => {
    const fake = new FakeZendesk().failAlways(onPage(3), FORBIDDEN);
    const run = newRun();
    const scheduler = new RequestScheduler(fake, { clock: run.clock });
    const error = (await pullAccount({ scheduler, mode: 'admin', clock: run.clock }).catch(
      (caught: unknown) => caught,
    )) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toMatch(/^the pull stopped after 4 requests with 3 tickets read: /);
    expect(error.message).not.toContain('resumes');
  });

  it('a page that keeps failing with 500: gives up after the retries, saying so', async () => {
    const fake = new FakeZendesk().failAlways(onPage(12), serverError(500));
    const error = (await pull(fake, newRun()).catch((caught: unknown) => caught)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toMatch(
      /^the pull stopped after 18 requests with 12 tickets read: GET .* failed with HTTP 500.*; gave up after 6 attempts; the next run resumes from there$/,
    );
  });

  it('a rate limit that never lifts: gives up after 11 429s in a row', async () => {
    const fake = new FakeZendesk().failAlways(onPage(2), tooMany('1'));
    const error = (await pull(fake, newRun()).catch((caught: unknown) => caught)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toContain('was rate limited (HTTP 429) 11 times in a row');
    expect(error.requests).toBe(13);
  });

  it('a users page that fails after all tickets were read: the next run reads no ticket twice', async () => {
    const fake = new FakeZendesk().failAlways(onUsersPage2, FORBIDDEN);
    const run = newRun();
    const error = (await pull(fake, run).catch((caught: unknown) => caught)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toMatch(
      /^the pull stopped after 103 requests with 100 tickets read: GET \/api\/v2\/users\.json/,
    );

    const fixed = new FakeZendesk();
    const result = await pull(fixed, run);
    expect(fixed.ticketPaths()).toEqual([
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(LAST_CURSOR)}&include=metric_sets&per_page=1000`,
    ]);
    expect(result.requests).toBe(4);
    expect(result.dataset.tickets).toHaveLength(100);
    expect(result.dataset.users.size).toBe(3);
  });

  it('an aborted pull keeps what it read; the next pull resumes from the saved cursor', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const controller = new AbortController();
    fake.afterRequest = (count) => {
      if (count === 40) controller.abort();
    };

    await expect(pull(fake, run, { signal: controller.signal, checkpointEveryMs: NEVER })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(run.store.saves).toBe(1);
    expect(fake.paths).toHaveLength(40);
    const checkpoint = await saved(run, fake);
    expect(checkpoint.complete).toBe(false);
    expect(checkpoint.exportPosition).toEqual({ cursor: CHAIN[39]!.body.after_cursor, startTime: 0 });
    expect(new Set(idsOf(checkpoint.tickets))).toEqual(
      new Set(CHAIN.slice(0, 40).map((page) => page.body.tickets[0]!.id)),
    );

    fake.afterRequest = null;
    const before = fake.paths.length;
    const result = await pull(fake, run);
    expect(fake.paths[before]).toBe(
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(CHAIN[39]!.body.after_cursor)}&include=metric_sets&per_page=1000`,
    );
    expect(result.resumed).toBe(true);
    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
    expect(result.requests).toBe(61 + 3);
    expect([...fake.servedTimes.values()].every((times) => times === 1)).toBe(true);
  });

  it('a transport failing with an error it does not classify: stops at once, and the next run resumes', async () => {
    const fake = new FakeZendesk().fail(onPage(20), new TypeError('fetch failed: unexpected internal state'));
    const run = newRun();
    const error = (await pull(fake, run, { checkpointEveryMs: NEVER }).catch((caught: unknown) => caught)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toBe(
      'the pull stopped after 21 requests with 20 tickets read: fetch failed: unexpected internal state; the next run resumes from there',
    );
    expect(error.cause).toBeInstanceOf(TypeError);

    const before = fake.paths.length;
    const result = await pull(fake, run);
    expect(fake.paths[before]).toContain(`cursor=${encodeURIComponent(CHAIN[19]!.body.after_cursor)}&`);
    expectLastOccurrences(result.dataset.tickets, fake, CHAIN_IDS);
    expect(result.requests).toBe(81 + 3);
  });

  it('a pull killed mid-request resumes from its last checkpoint', async () => {
    const fake = new FakeZendesk();
    fake.hangAfter = 57;
    const run = newRun();
    void pull(fake, run);
    await fake.hung;
    // The hung request was sent ahead, while page 57 was still being read: let that page finish.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const checkpoint = await saved(run, fake);
    expect(checkpoint.complete).toBe(false);
    expect(checkpoint.exportPosition?.cursor).toBe(CHAIN[56]!.body.after_cursor);
    expect(checkpoint.tickets).toHaveLength(57);

    const restarted = new FakeZendesk();
    const result = await pull(restarted, run);
    expect(restarted.paths[0]).toContain(`cursor=${encodeURIComponent(CHAIN[56]!.body.after_cursor)}&`);
    expect(new Set(idsOf(result.dataset.tickets))).toEqual(CHAIN_IDS);
    expect(result.dataset.tickets).toHaveLength(100);
    expect(result.requests).toBe(44 + 3);
  });

  it('resuming from a cursor that expired meanwhile restarts from its time and completes', async () => {
    const fake = new FakeZendesk().failAlways(onPage(50), FORBIDDEN);
    const run = newRun();
    await expect(pull(fake, run)).rejects.toBeInstanceOf(PullError);
    const savedCursor = (await saved(run, fake)).exportPosition!.cursor!;
    expect(savedCursor).toBe(CHAIN[49]!.body.after_cursor);

    const later = new FakeZendesk().fail(onPage(50), EXPIRED(422));
    const result = await pull(later, run);
    expect(later.paths[1]).toBe(
      `/api/v2/incremental/tickets/cursor.json?start_time=${timeOf(savedCursor)}&include=metric_sets&per_page=1000`,
    );
    const ids = idsOf(result.dataset.tickets);
    expect(new Set(ids)).toEqual(CHAIN_IDS);
    expect(ids).toHaveLength(100);
  });
});

describe('pullAccount, second pull from the snapshot', () => {
  async function firstPull() {
    const fake = new FakeZendesk();
    const run = newRun();
    const first = await pull(fake, run);
    return { fake, run, first };
  }

  it('costs exactly one request when nothing changed and the directory is fresh', async () => {
    const { fake, run, first } = await firstPull();
    run.clock.advance(10 * 60_000);
    const before = fake.paths.length;
    const second = await pull(fake, run);

    expect(second.requests).toBe(1);
    expect(fake.paths.slice(before)).toEqual([
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(LAST_CURSOR)}&include=metric_sets&per_page=1000`,
    ]);
    expect(second.resumed).toBe(true);
    expect(second.dataset.tickets).toEqual(first.dataset.tickets);
    expect(second.dataset.users).toEqual(first.dataset.users);
    expect(second.dataset.groups).toEqual(first.dataset.groups);
  });

  it('refreshes users and groups once the directory is older than its TTL', async () => {
    const { fake, run } = await firstPull();
    run.clock.advance(3_600_001);
    fake.users = [user(6130869168001, 'Ana Lima', 'admin'), ...USERS.slice(1)];
    const before = fake.paths.length;
    const second = await pull(fake, run);

    expect(second.requests).toBe(4);
    expect(fake.ticketPaths(before)).toHaveLength(1);
    expect(second.dataset.users.get(6130869168001)?.name).toBe('Ana Lima');
    expect(second.dataset.tickets).toHaveLength(100);
  });

  it('honours a shorter directoryTtlMs', async () => {
    const { fake, run } = await firstPull();
    run.clock.advance(60_001);
    const second = await pull(fake, run, { directoryTtlMs: 60_000 });
    expect(second.requests).toBe(4);
  });

  it('applies what changed since: a changed ticket replaces the stored one, still one request', async () => {
    const { fake, run } = await firstPull();
    const changed = {
      ...CHAIN[0]!.body.tickets[0]!,
      status: 'solved',
      tags: ['vip'],
      updated_at: '2026-11-01T00:00:00Z',
    };
    fake.changedSince = [changed];
    const second = await pull(fake, run);

    expect(second.requests).toBe(1);
    const record = second.dataset.tickets.find((ticket) => ticket.id === 73)!;
    expect(record.status).toBe('solved');
    expect(record.tags).toEqual(['vip']);
    expect(second.dataset.tickets).toHaveLength(100);
    expect((await saved(run, fake)).exportPosition?.cursor).toBe(btoa('1795000000.0||73|'));
  });

  // A new agent shows up as the assignee of a changed ticket: only that user is asked for.
  it('asks only for an assignee the directory does not know, and only once', async () => {
    const { fake, run } = await firstPull();
    fake.changedSince = [{ ...CHAIN[3]!.body.tickets[0]!, assignee_id: 6130869168004 }];
    fake.users = [...USERS, user(6130869168004, 'Di', 'agent')];
    const second = await pull(fake, run);

    expect(second.requests).toBe(1 + 1);
    expect(second.dataset.users.get(6130869168004)?.name).toBe('Di');
    expect(fake.paths.at(-1)).toBe('/api/v2/users/show_many.json?ids=6130869168004');
  });

  it('remembers an assignee Zendesk does not return, so it is not asked for again', async () => {
    const { fake, run } = await firstPull();
    fake.changedSince = [{ ...CHAIN[3]!.body.tickets[0]!, assignee_id: 6130869160000 }];
    const second = await pull(fake, run);

    expect(second.requests).toBe(1 + 1);
    expect(fake.paths.at(-1)).toBe('/api/v2/users/show_many.json?ids=6130869160000');
    expect(second.snapshot.missingUserIds).toEqual([6130869160000]);
  });

  // An agent downgraded to end-user (or deleted) stays the assignee of their solved tickets, but
  // the staff list (role[]=agent&role[]=admin) no longer has them: that is not a change.
  it('costs one request when nothing changed even if an old ticket is assigned to a former agent', async () => {
    const fake = new FakeZendesk();
    const FORMER_AGENT = 6130869169999;
    fake.patchTicket = (ticket) => {
      if (ticket.id === 38) Object.assign(ticket, { status: 'closed', assignee_id: FORMER_AGENT });
    };
    const run = newRun();
    const first = await pull(fake, run);
    expect(first.requests).toBe(FULL_ADMIN_PULL);
    expect(first.dataset.tickets.find((ticket) => ticket.id === 38)?.assigneeId).toBe(FORMER_AGENT);

    run.clock.advance(60_000);
    const second = await pull(fake, run);
    expect(second.requests).toBe(1);
  });

  // A snapshot read without a survey field holds none of its answers: going on from it would
  // count only the tickets changed since, so the settings naming a field read the account again.
  it('reads again from the start when the survey fields asked for are not the ones the snapshot kept', async () => {
    const fake = new FakeZendesk();
    const NPS_FIELD = 360020002;
    fake.patchTicket = (ticket) => {
      if (ticket.id === 38) ticket.custom_fields = [{ id: NPS_FIELD, value: 9 }];
    };
    const run = newRun();
    const without = await pull(fake, run);
    expect(without.snapshot.fieldIds).toEqual([]);
    expect(without.dataset.tickets.find((ticket) => ticket.id === 38)?.fieldValues).toEqual([]);

    run.clock.advance(60_000);
    const withField = await pull(fake, run, { fieldIds: new Set([NPS_FIELD]) });
    expect(withField.resumed).toBe(false);
    expect(withField.requests).toBe(FULL_ADMIN_PULL);
    expect(withField.snapshot.fieldIds).toEqual([NPS_FIELD]);
    expect(withField.dataset.tickets.find((ticket) => ticket.id === 38)?.fieldValues).toEqual([
      { fieldId: NPS_FIELD, value: 9 },
    ]);

    run.clock.advance(60_000);
    const again = await pull(fake, run, { fieldIds: new Set([NPS_FIELD]) });
    expect(again.resumed).toBe(true);
    expect(again.requests).toBe(1);
    expect((await pull(fake, run)).resumed, 'dropping the field reads again too').toBe(false);
  });

  it('does not reuse an agent snapshot for an admin pull', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    await pull(fake, run, { mode: 'agent' });
    const admin = await pull(fake, run);
    expect(admin.resumed).toBe(false);
    expect(admin.requests).toBe(FULL_ADMIN_PULL);
  });
});

describe('pullAccount progress', () => {
  it('reports phases in order, growing counts, fractions in [0, 1], waits while rate limited, done last', async () => {
    const fake = new FakeZendesk().fail(onPage(25), tooMany('30'));
    const run = newRun();
    const result = await pull(fake, run);
    const events = run.progress;

    const phases = events
      .map((event) => event.phase)
      .filter((phase, index, all) => index === 0 || all[index - 1] !== phase);
    expect(phases).toEqual(['tickets', 'directory', 'done']);
    expect(events[0]).toEqual({
      phase: 'tickets',
      requests: 0,
      tickets: 0,
      fraction: null,
      estimatedMsLeft: null,
      waiting: null,
      coveredFrom: null,
    });
    expect(events.at(-1)).toEqual({
      phase: 'done',
      requests: result.requests,
      tickets: 100,
      fraction: 1,
      estimatedMsLeft: 0,
      waiting: null,
      coveredFrom: 0,
    });
    expect(events.filter((event) => event.phase === 'done')).toHaveLength(1);

    for (let index = 1; index < events.length; index++) {
      expect(events[index]!.requests).toBeGreaterThanOrEqual(events[index - 1]!.requests);
      expect(events[index]!.tickets).toBeGreaterThanOrEqual(events[index - 1]!.tickets);
    }
    const ticketCounts = [...new Set(events.map((event) => event.tickets))];
    expect(ticketCounts).toEqual(Array.from({ length: 101 }, (_, count) => count));
    for (const event of events) {
      if (event.fraction !== null) {
        expect(event.fraction).toBeGreaterThanOrEqual(0);
        expect(event.fraction).toBeLessThanOrEqual(1);
      }
      if (event.estimatedMsLeft !== null) expect(event.estimatedMsLeft).toBeGreaterThanOrEqual(0);
    }
    // The directory cannot tell its share: the bar stays where the tickets left it, short of full.
    const lastTickets = events.filter((event) => event.phase === 'tickets').at(-1)!.fraction;
    expect(events.filter((event) => event.phase === 'directory').every((event) => event.fraction === lastTickets)).toBe(
      true,
    );

    const retryAfter = events.findIndex((event) => event.waiting?.reason === 'HTTP 429, waiting as Retry-After says');
    expect(retryAfter).toBeGreaterThan(0);
    expect(events[retryAfter]!.waiting).toMatchObject({
      reason: 'HTTP 429, waiting as Retry-After says',
      cause: 'rate-limit',
      ms: 30_000,
    });
    // The 26th page is asked for while the 25th is still being read (the export is pipelined), so
    // the wait can show while 24 or 25 pages are in.
    expect([24, 25]).toContain(events[retryAfter]!.tickets);
    // The answer after the wait clears it.
    expect([25, 26]).toContain(events.slice(retryAfter + 1).find((event) => event.waiting === null)?.tickets);
    // 101 export requests at 10 a minute: the scheduler waits, and says so.
    expect(events.some((event) => event.waiting?.reason === 'incremental exports limit' && event.waiting.ms > 0)).toBe(
      true,
    );
  });

  it('reports the share as nearly full on the last export page, and full only when done', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    await pull(fake, run);
    const lastTicketsEvent = run.progress.filter((event) => event.phase === 'tickets').at(-1)!;
    expect(lastTicketsEvent.fraction).toBe(0.99);
    expect(run.progress.filter((event) => event.fraction === 1).map((event) => event.phase)).toEqual(['done']);
    expect(lastTicketsEvent.tickets).toBe(100);
  });
});

/** Hand-made tickets for the agent path, with their metric sets. */
function agentTicket(index: number): AgentTicket {
  const id = 5000 + index;
  const solved = index % 3 === 0;
  const created = Date.parse('2026-09-01T00:00:00Z') + index * 60_000;
  return {
    ticket: {
      url: `${HOST}/api/v2/tickets/${id}.json`,
      id,
      via: { channel: index % 2 === 0 ? 'email' : 'web', source: { from: {}, to: {}, rel: null } },
      created_at: new Date(created).toISOString().replace('.000Z', 'Z'),
      updated_at: new Date(created + 3_600_000).toISOString().replace('.000Z', 'Z'),
      type: null,
      subject: `ticket ${id}`,
      priority: 'normal',
      status: solved ? 'solved' : 'open',
      assignee_id: USERS[index % 3]!.id,
      group_id: GROUPS[index % 2]!.id,
      brand_id: 360001998013,
      tags: [],
      satisfaction_rating: null,
    },
    metricSet: {
      url: `${HOST}/api/v2/ticket_metrics/${90000 + id}.json`,
      id: 90000 + id,
      ticket_id: id,
      created_at: new Date(created).toISOString(),
      group_stations: 1,
      assignee_stations: 1,
      reopens: 0,
      replies: index % 4,
      solved_at: solved ? new Date(created + 7_200_000).toISOString() : null,
      reply_time_in_minutes: { calendar: index % 4 === 0 ? null : 10 + (index % 50), business: null },
      first_resolution_time_in_minutes: { calendar: solved ? 120 : null, business: solved ? 60 : null },
      full_resolution_time_in_minutes: { calendar: solved ? 120 : null, business: solved ? 60 : null },
      agent_wait_time_in_minutes: { calendar: null, business: null },
      requester_wait_time_in_minutes: { calendar: solved ? 100 : null, business: solved ? 50 : null },
      on_hold_time_in_minutes: { calendar: 0, business: 0 },
    },
    updatedAt: created + 3_600_000,
  };
}

function agentAccount(count: number): FakeZendesk {
  const fake = new FakeZendesk();
  for (let index = 0; index < count; index++) {
    const entry = agentTicket(index);
    fake.agentTickets.set(entry.ticket.id as number, entry);
  }
  return fake;
}

const SEARCH_FROM_EPOCH =
  '/api/v2/search/export.json?query=updated%3E%3D1970-01-01T00%3A00%3A00Z&filter[type]=ticket&page[size]=1000';

describe('pullAccount, agent path (search export + show_many)', () => {
  const T = 2500;

  it('costs ceil(T/1000) search pages + ceil(T/100) show_many + the directory, and drops a ticket deleted meanwhile', async () => {
    const fake = agentAccount(T);
    fake.vanished.add(5017);
    const run = newRun();
    const result = await pull(fake, run, { mode: 'agent' });

    const searches = fake.paths.filter((path) => path.startsWith('/api/v2/search/export.json'));
    const showMany = fake.paths.filter((path) => path.startsWith('/api/v2/tickets/show_many.json'));
    expect(searches).toHaveLength(Math.ceil(T / 1000));
    expect(showMany).toHaveLength(Math.ceil(T / 100));
    expect(result.requests).toBe(Math.ceil(T / 1000) + Math.ceil(T / 100) + 3);
    expect(searches[0]).toBe(SEARCH_FROM_EPOCH);
    expect(searches.slice(1)).toEqual([
      '/api/v2/search/export.json?query=updated%3E%3D1970-01-01T00%3A00%3A00Z&filter%5Btype%5D=ticket&page%5Bsize%5D=1000&page%5Bafter%5D=1000',
      '/api/v2/search/export.json?query=updated%3E%3D1970-01-01T00%3A00%3A00Z&filter%5Btype%5D=ticket&page%5Bsize%5D=1000&page%5Bafter%5D=2000',
    ]);

    const asked = showMany.flatMap((path) => new URL(path, HOST).searchParams.get('ids')!.split(',').map(Number));
    expect(asked).toHaveLength(T);
    expect(new Set(asked)).toEqual(new Set(fake.agentTickets.keys()));

    const expected = new Set([...fake.agentTickets.keys()].filter((id) => id !== 5017));
    const ids = idsOf(result.dataset.tickets);
    expect(ids).toHaveLength(T - 1);
    expect(new Set(ids)).toEqual(expected);
    for (const ticket of result.dataset.tickets) {
      const entry = fake.agentTickets.get(ticket.id)!;
      expect(ticket).toEqual(
        ticketRecordFromApi(ticketSchema.parse(entry.ticket), metricSetSchema.parse(entry.metricSet)),
      );
    }
    expect(result.dataset.tickets.find((ticket) => ticket.id === 5003)).toMatchObject({
      status: 'solved',
      replies: 3,
      firstResolutionCalendar: 120,
    });
    expect(run.responses.filter((response) => response.kind === 'tickets')).toHaveLength(Math.ceil(T / 100));

    const snapshot = await saved(run, fake);
    expect(snapshot.mode).toBe('agent');
    expect(snapshot.searchedUntil).toBe(Date.parse('2026-11-01T00:00:00Z'));
  });

  it('reports the metrics phase with a fraction growing to 1', async () => {
    const fake = agentAccount(T);
    const run = newRun();
    await pull(fake, run, { mode: 'agent' });
    const phases = run.progress
      .map((event) => event.phase)
      .filter((phase, index, all) => index === 0 || all[index - 1] !== phase);
    expect(phases).toEqual(['tickets', 'metrics', 'directory', 'done']);
    const fractions = run.progress.filter((event) => event.phase === 'metrics').map((event) => event.fraction);
    expect(fractions[0]).toBeLessThan(0.5);
    expect(fractions.at(-1)).toBe(0.99);
    expect(fractions).toEqual([...fractions].sort((a, b) => a! - b!));
  });

  it('on the next pull searches only what changed since (with overlap), updates it and drops what was deleted', async () => {
    const fake = agentAccount(T);
    const run = newRun();
    await pull(fake, run, { mode: 'agent' });
    const firstEnd = run.clock.now();

    run.clock.advance(30 * 60_000);
    const changed = fake.agentTickets.get(5001)!;
    changed.ticket = { ...changed.ticket, status: 'solved' };
    changed.metricSet = {
      ...changed.metricSet,
      solved_at: new Date(run.clock.now() - 60_000).toISOString(),
      replies: 7,
    };
    changed.updatedAt = run.clock.now() - 60_000;
    fake.agentTickets.get(5002)!.updatedAt = run.clock.now() - 120_000;
    fake.vanished.add(5002);
    const before = fake.paths.length;
    const second = await pull(fake, run, { mode: 'agent' });

    const since = new Date(Date.parse('2026-11-01T00:00:00Z') - 10 * 60_000).toISOString().replace('.000Z', 'Z');
    expect(fake.paths.slice(before)).toEqual([
      `/api/v2/search/export.json?query=${encodeURIComponent(`updated>=${since}`)}&filter[type]=ticket&page[size]=1000`,
      '/api/v2/tickets/show_many.json?ids=5002%2C5001&include=metric_sets',
    ]);
    expect(second.requests).toBe(2);
    expect(second.resumed).toBe(true);
    expect(second.dataset.tickets).toHaveLength(T - 1);
    expect(second.dataset.tickets.some((ticket) => ticket.id === 5002)).toBe(false);
    expect(second.dataset.tickets.find((ticket) => ticket.id === 5001)).toMatchObject({ status: 'solved', replies: 7 });
    expect((await saved(run, fake)).searchedUntil).toBe(firstEnd + 30 * 60_000);
  });

  it("takes each window from Zendesk's time, with the client's clock 20 minutes ahead", async () => {
    const fake = agentAccount(300);
    const run = newRun();
    const ahead = 20 * 60_000;
    fake.zendeskNow = () => run.clock.now() - ahead;
    await pull(fake, run, { mode: 'agent' });
    const zendeskEnd = run.clock.now() - ahead;
    expect((await saved(run, fake)).searchedUntil).toBe(zendeskEnd);

    // Changed two minutes after the first pull, by Zendesk's clock: before the client's end.
    run.clock.advance(30 * 60_000);
    const changed = fake.agentTickets.get(5001)!;
    changed.ticket = { ...changed.ticket, status: 'solved' };
    changed.updatedAt = zendeskEnd + 2 * 60_000;
    const second = await pull(fake, run, { mode: 'agent' });
    expect(second.dataset.tickets.find((ticket) => ticket.id === 5001)).toMatchObject({ status: 'solved' });
    expect((await saved(run, fake)).searchedUntil).toBe(run.clock.now() - ahead);
  });

  it('with no Date header, takes the window from the newest updated_at found', async () => {
    const fake = agentAccount(30);
    fake.zendeskNow = () => Number.NaN;
    const run = newRun();
    const newest = Math.max(
      ...[...fake.agentTickets.values()].map((entry) => Date.parse(entry.ticket.updated_at as string)),
    );
    await pull(fake, run, { mode: 'agent' });
    expect((await saved(run, fake)).searchedUntil).toBe(newest);
  });

  it('with a start time, also reads every unsolved ticket, each once', async () => {
    const fake = agentAccount(300);
    const run = newRun();
    const since = Date.parse('2026-09-01T03:00:00Z');
    const result = await pull(fake, run, { mode: 'agent', startTime: since / 1000 });

    const searches = fake.paths.filter((path) => path.startsWith('/api/v2/search/export.json'));
    expect(searches).toEqual([
      '/api/v2/search/export.json?query=updated%3E%3D2026-09-01T03%3A00%3A00Z&filter[type]=ticket&page[size]=1000',
      '/api/v2/search/export.json?query=status%3Csolved&filter[type]=ticket&page[size]=1000',
    ]);
    const expected = [...fake.agentTickets.values()]
      .filter((entry) => entry.updatedAt >= since || entry.ticket.status === 'open')
      .map((entry) => entry.ticket.id as number);
    const asked = fake.paths
      .filter((path) => path.startsWith('/api/v2/tickets/show_many.json'))
      .flatMap((path) => new URL(path, HOST).searchParams.get('ids')!.split(',').map(Number));
    expect(asked).toHaveLength(new Set(asked).size);
    expect(new Set(asked)).toEqual(new Set(expected));
    expect(new Set(idsOf(result.dataset.tickets))).toEqual(new Set(expected));
    expect(result.requests).toBe(2 + Math.ceil(expected.length / 100) + 3);
  });

  it('skips search results without an id and counts them', async () => {
    const fake = agentAccount(5);
    fake.fail(
      (request) => request.pathname === '/api/v2/search/export.json',
      json(200, {
        results: [{ id: 5000 }, { id: 'x' }, { result_type: 'ticket' }, { id: 5001 }],
        meta: { has_more: false },
        links: { next: null },
      }),
    );
    const result = await pull(fake, newRun(), { mode: 'agent' });
    expect(result.dataset.skipped).toBe(2);
    expect(idsOf(result.dataset.tickets).sort()).toEqual([5000, 5001]);
  });

  it('stops with a clear error when show_many answers something other than a ticket list', async () => {
    const fake = agentAccount(5);
    fake.fail((request) => request.pathname === '/api/v2/tickets/show_many.json', json(200, { ticket: {} }));
    const error = (await pull(fake, newRun(), { mode: 'agent' }).catch((caught: unknown) => caught)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toMatch(
      /GET \/api\/v2\/tickets\/show_many\.json\?ids=5004%2C5003%2C5002%2C5001%2C5000&include=metric_sets returned a body that is not a ticket list \(tickets: /,
    );
  });
});

describe('pullAccount with directoryFirst (a UI that shows partial results)', () => {
  const directoryPaths = [
    '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=100',
    '/api/v2/users.json?page%5Bafter%5D=u2&page%5Bsize%5D=100&role%5B%5D=agent&role%5B%5D=admin',
    '/api/v2/groups.json?page[size]=100',
  ];

  it('reads users and groups before the first ticket page, so every partial result names them; same request count', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    const named: boolean[] = [];
    const result = await pull(fake, run, {
      directoryFirst: true,
      onPartial: (dataset) => {
        const { users, groups } = dataset();
        named.push(users.size === USERS.length && groups.size === GROUPS.length);
      },
    });
    expect(fake.paths.slice(0, 3)).toEqual(directoryPaths);
    expect(fake.paths[3]).toMatch(/^\/api\/v2\/incremental\/tickets\/cursor\.json\?start_time=0/);
    expect(result.requests).toBe(FULL_ADMIN_PULL);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every(Boolean)).toBe(true);
    const phases = run.progress
      .map((event) => event.phase)
      .filter((phase, index, all) => index === 0 || all[index - 1] !== phase);
    expect(phases).toEqual(['tickets', 'directory', 'tickets', 'done']);
    // Noted as fetched once the pull is whole: a refresh within the hour reads no directory.
    run.clock.advance(10 * 60_000);
    const before = fake.paths.length;
    const second = await pull(fake, run, { directoryFirst: true });
    expect(second.requests).toBe(1);
    expect(fake.paths.slice(before).some((path) => path.startsWith('/api/v2/users'))).toBe(false);
  });

  it('reads a directory older than its TTL first on a refresh too, and no directory when it is fresh', async () => {
    const fake = new FakeZendesk();
    const run = newRun();
    await pull(fake, run);
    run.clock.advance(3_600_001);
    fake.users = [user(6130869168001, 'Ana Lima', 'admin'), ...USERS.slice(1)];
    const before = fake.paths.length;
    const second = await pull(fake, run, { directoryFirst: true });
    expect(fake.paths.slice(before)).toEqual([...directoryPaths, expect.stringMatching(/incremental\/tickets/)]);
    expect(second.dataset.users.get(6130869168001)?.name).toBe('Ana Lima');
  });

  it("the agent path reads the directory first and still checks for deleted tickets on the directory's schedule", async () => {
    const fake = agentAccount(250);
    const run = newRun();
    await pull(fake, run, { mode: 'agent', directoryFirst: true });
    expect(fake.paths.slice(0, 3)).toEqual(directoryPaths);
    expect(fake.paths[3]).toBe(SEARCH_FROM_EPOCH);
    run.clock.advance(3_600_001);
    const before = fake.paths.length;
    await pull(fake, run, { mode: 'agent', directoryFirst: true });
    const later = fake.paths.slice(before);
    expect(later.slice(0, 3)).toEqual(directoryPaths);
    expect(later.some((path) => path.startsWith('/api/v2/deleted_tickets'))).toBe(true);
  });
});
