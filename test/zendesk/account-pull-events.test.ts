import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pullAccount, PullError, type PullOptions, type PullResult } from '../../src/zendesk/account-pull';
import { MemorySnapshotStore } from '../../src/zendesk/account-snapshot';
import { VirtualClock } from '../../src/zendesk/clock';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import type { Transport, TransportRequest, TransportResponse } from '../../src/zendesk/transport';

/**
 * The admin pull with the event streams, against a fake account whose event records are copies of
 * test/fixtures/events/ (Zendesk's documented shapes) for six tickets, paged as Zendesk pages them:
 * the time-based exports from `start_time`, the next page starting at `end_time` and repeating
 * that second's records; the ratings by cursor, filtered by when each rating last changed. The
 * fake's pages are small (PAGE records) so that paging, resuming and counting show.
 */

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as Json;
const AUDITS = fixture('ticket-events.json')['ticket_events'] as Json[];
const METRIC_EVENTS = fixture('ticket-metric-events.json')['ticket_metric_events'] as Json[];
const RATINGS = fixture('satisfaction-ratings.json')['satisfaction_ratings'] as Json[];

const HOST = 'https://example.zendesk.com';
const DAY = 86_400_000;
const FIXTURE_TICKET_CREATED = Date.parse('2026-10-01T09:00:00Z');
/** Ticket k (1..6) is the fixture's ticket 1001 moved k-1 days later. */
const TICKETS = [1, 2, 3, 4, 5, 6];
const PAGE = 5;
const RATINGS_PAGE = 2;
const NOW = Date.parse('2026-11-01T00:00:00Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;
/** This period and the previous one begin on these days: the pull reads them first. */
const RECENT_FROM = [seconds('2026-10-05T00:00:00Z'), seconds('2026-10-03T00:00:00Z')];

const shift = (iso: unknown, ms: number) => new Date(Date.parse(String(iso)) + ms).toISOString().replace('.000', '');

function copyOf(record: Json, ticket: number, idBase: number, timeKey: string): Json {
  const copy = structuredClone(record);
  const ms = (ticket - 1) * DAY;
  copy['id'] = (record['id'] as number) + idBase * ticket;
  copy['ticket_id'] = ticket;
  copy[timeKey] = shift(record[timeKey], ms);
  if (timeKey === 'created_at' && 'updated_at' in record) copy['updated_at'] = shift(record['updated_at'], ms);
  if (Array.isArray(copy['child_events']))
    for (const child of copy['child_events'] as Json[]) child['id'] = (child['id'] as number) + idBase * ticket;
  return copy;
}

const time = (record: Json, key: string) => Date.parse(String(record[key]));

class FakeAccount implements Transport {
  readonly accountKey = `${HOST}|ana@example.com`;
  readonly paths: string[] = [];
  audits = TICKETS.flatMap((ticket) => AUDITS.map((audit) => copyOf(audit, ticket, 100_000, 'created_at')));
  metricEvents = TICKETS.flatMap((ticket) => METRIC_EVENTS.map((event) => copyOf(event, ticket, 100_000, 'time')));
  ratings = TICKETS.flatMap((ticket) => RATINGS.map((rating) => copyOf(rating, ticket, 100_000, 'created_at')));
  role: 'admin' | 'agent' = 'admin';
  /** Requests matching this answer with the reply, `times` times. */
  private faults: { when: (path: string) => boolean; reply: TransportResponse; times: number }[] = [];

  constructor(private readonly clock: VirtualClock) {}

  fail(when: (path: string) => boolean, reply: TransportResponse, times = 1): void {
    this.faults.push({ when, reply, times });
  }

  async request({ path }: TransportRequest): Promise<TransportResponse> {
    this.paths.push(path);
    const fault = this.faults.find((entry) => entry.times > 0 && entry.when(path));
    if (fault) {
      fault.times--;
      return fault.reply;
    }
    const url = new URL(path, HOST);
    const params = url.searchParams;
    const adminOnly =
      url.pathname.startsWith('/api/v2/incremental/') || url.pathname === '/api/v2/satisfaction_ratings.json';
    if (adminOnly && this.role !== 'admin')
      return reply(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
    switch (url.pathname) {
      case '/api/v2/incremental/tickets/cursor.json':
        return this.ticketPage(params);
      case '/api/v2/incremental/ticket_events.json':
        expect(params.get('include')).toBe('comment_events');
        return this.timeBased(params, 'ticket_events', this.audits, 'created_at');
      case '/api/v2/incremental/ticket_metric_events.json':
        return this.timeBased(params, 'ticket_metric_events', this.metricEvents, 'time');
      case '/api/v2/satisfaction_ratings.json':
        return this.ratingsPage(params);
      case '/api/v2/search/export.json':
        return reply(200, {
          results: this.tickets().map((ticket) => ({ ...ticket, result_type: 'ticket' })),
          meta: { has_more: false, after_cursor: null },
          links: { next: null },
        });
      case '/api/v2/tickets/show_many.json':
        return reply(200, {
          tickets: this.tickets(),
          metric_sets: this.tickets().map((t) => metricSet(t['id'] as number)),
        });
      case '/api/v2/users.json':
        return reply(200, {
          users: [user(11, 'agent'), user(12, 'agent'), user(13, 'admin')],
          meta: { has_more: false },
          links: { next: null },
        });
      case '/api/v2/groups.json':
        return reply(200, {
          groups: [
            { id: 21, name: 'Tier 1' },
            { id: 22, name: 'Tier 2' },
          ],
          meta: { has_more: false },
          links: { next: null },
        });
      default:
        return reply(404, { error: 'InvalidEndpoint' });
    }
  }

  /** Each ticket as it stands: last changed at its solve. */
  tickets(): Json[] {
    return TICKETS.map((ticket) => ({
      id: ticket,
      created_at: new Date(FIXTURE_TICKET_CREATED + (ticket - 1) * DAY).toISOString(),
      generated_timestamp: (FIXTURE_TICKET_CREATED + 2 * DAY + (ticket - 1) * DAY) / 1000,
      status: 'solved',
      assignee_id: 12,
      group_id: 22,
      tags: [],
      metric_set: metricSet(ticket),
    }));
  }

  private ticketPage(params: URLSearchParams): TransportResponse {
    const cursor = params.get('cursor');
    const from = cursor ? Number(atob(cursor).split('.')[0]) + 1 : Number(params.get('start_time'));
    const tickets = this.tickets().filter((ticket) => (ticket['generated_timestamp'] as number) >= from);
    const reached = Math.max(from, Math.floor(this.clock.now() / 1000) - 60);
    return reply(200, {
      tickets,
      after_cursor: btoa(`${reached}.0||${tickets.at(-1)?.['id'] ?? 0}|`),
      end_of_stream: true,
    });
  }

  private timeBased(params: URLSearchParams, key: string, records: Json[], timeKey: string): TransportResponse {
    const { page, endTime, more } = timeBasedPage(records, timeKey, Number(params.get('start_time')));
    return reply(200, {
      [key]: page,
      next_page: `${HOST}/api/v2/incremental/${key}.json?start_time=${endTime}`,
      count: page.length,
      end_of_stream: !more,
      end_time: endTime,
    });
  }

  private ratingsPage(params: URLSearchParams): TransportResponse {
    const from = Number(params.get('start_time') ?? 0) * 1000;
    const to = params.has('end_time') ? Number(params.get('end_time')) * 1000 : Infinity;
    const matching = this.ratings.filter(
      (rating) => time(rating, 'updated_at') >= from && time(rating, 'updated_at') <= to,
    );
    const after = Number(params.get('page[after]') ?? 0);
    const more = after + RATINGS_PAGE < matching.length;
    const next = new URL(`${HOST}/api/v2/satisfaction_ratings.json`);
    next.search = params.toString();
    next.searchParams.set('page[after]', String(after + RATINGS_PAGE));
    return reply(
      200,
      {
        satisfaction_ratings: matching.slice(after, after + RATINGS_PAGE),
        meta: { has_more: more },
        links: { next: more ? next.toString() : null },
      },
      { date: new Date(this.clock.now()).toUTCString() },
    );
  }
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers, body };
}

function user(id: number, role: string): Json {
  return { id, name: `User ${id}`, role, active: true };
}

function metricSet(ticket: number): Json {
  return { ticket_id: ticket, solved_at: null, replies: 2, reply_time_in_minutes: { calendar: 30, business: 30 } };
}

function newPull(
  fake: FakeAccount,
  clock: VirtualClock,
  store: MemorySnapshotStore,
  options: Partial<PullOptions> = {},
) {
  return pullAccount({
    scheduler: new RequestScheduler(fake, { clock, random: () => 0 }),
    mode: 'admin',
    store,
    clock,
    checkpointEveryMs: 0,
    ...options,
  });
}

/** The stream a path asks for, and from when. */
function kindOf(path: string): string {
  const url = new URL(path, HOST);
  const name = url.pathname.replace('/api/v2/', '').replace('.json', '').replace('incremental/', '');
  const start = url.searchParams.get('start_time');
  const end = url.searchParams.get('end_time');
  return `${name}${start ? ` ${new Date(Number(start) * 1000).toISOString().slice(0, 10)}` : ''}${end ? `..${new Date(Number(end) * 1000).toISOString().slice(0, 10)}` : ''}`;
}

/**
 * One page of a time-based export as Zendesk documents it: PAGE records from `start` (seconds);
 * the next starts at the last record's second, repeating it, unless the page was cut inside a
 * second, which it then runs to the end of (more than PAGE records) and the next starts after.
 */
function timeBasedPage(records: Json[], timeKey: string, start: number) {
  const second = (record: Json) => Math.floor(time(record, timeKey) / 1000);
  const sorted = records.filter((record) => second(record) >= start).sort((a, b) => second(a) - second(b));
  let page = sorted.slice(0, PAGE);
  if (page.length === 0) return { page, endTime: start, more: false };
  const last = second(page.at(-1)!);
  const cut = sorted.length > PAGE && second(sorted[PAGE]!) === last;
  if (cut) page = sorted.filter((record) => second(record) <= last);
  const more = sorted.some((record) => second(record) > last);
  return { page, endTime: cut || !more ? last + 1 : last, more };
}

/** The fewest requests the fake's export of these records takes from the beginning. */
function timeBasedPages(records: Json[], timeKey: string): number {
  let pages = 0;
  for (let start = 0; ;) {
    const { endTime, more } = timeBasedPage(records, timeKey, start);
    pages++;
    if (!more) return pages;
    start = endTime;
  }
}

function people(result: PullResult) {
  return TICKETS.map((ticket) => result.timelines!.byTicket.get(ticket)!.people);
}

describe('pullAccount with the event streams', () => {
  it('reads the streams after the tickets of each stretch, newest first, and folds them into timelines', async () => {
    const clock = new VirtualClock(NOW);
    const fake = new FakeAccount(clock);
    const result = await newPull(fake, clock, new MemorySnapshotStore(), { recentFrom: RECENT_FROM });
    // Each stretch: its tickets, then each stream's pages of it (a time-based page goes on at
    // the day its predecessor ended; pages from the same day shown once), newest stretch first;
    // then what changed meanwhile.
    expect(fake.paths.map(kindOf).filter((kind, index, all) => kind !== all[index - 1])).toEqual([
      'tickets/cursor 2026-10-05',
      'ticket_events 2026-10-05',
      'ticket_events 2026-10-06',
      'ticket_metric_events 2026-10-05',
      'ticket_metric_events 2026-10-06',
      'ticket_metric_events 2026-10-07',
      'satisfaction_ratings 2026-10-05',
      'tickets/cursor 2026-10-03',
      'ticket_events 2026-10-03',
      'ticket_events 2026-10-04',
      'ticket_metric_events 2026-10-03',
      'ticket_metric_events 2026-10-04',
      'satisfaction_ratings 2026-10-03..2026-10-05',
      'tickets/cursor 1970-01-01',
      'ticket_events 1970-01-01',
      'ticket_events 2026-10-02',
      'ticket_metric_events 1970-01-01',
      'ticket_metric_events 2026-10-01',
      'ticket_metric_events 2026-10-02',
      'satisfaction_ratings 1970-01-01..2026-10-03',
      'tickets/cursor',
      'ticket_events 2026-10-08',
      'ticket_metric_events 2026-10-08',
      'satisfaction_ratings 2026-10-31',
      'users',
      'groups',
    ]);
    expect(result.streams).toEqual(['events', 'sla', 'csat']);
    expect(result.refusedStreams).toEqual([]);
    expect(result.timelines!.ticketEvents).toBe(true);
    expect(result.timelines!.metricEvents).toBe(true);
    // The fixture's story for every ticket: 11 replied first, 12 solved and was rated.
    for (const entry of people(result)) expect(entry).toEqual({ firstReplier: 11, firstAssignee: 11, solver: 12 });
    for (const ticket of TICKETS) {
      const timeline = result.timelines!.byTicket.get(ticket)!;
      expect(timeline.ratedAssignee).toBe(12);
      expect(timeline.slaTargets.map((target) => `${target.metric}:${target.state}`)).toEqual([
        'first_reply_time:achieved',
        'requester_wait_time:breached',
        'next_reply_time:breached',
      ]);
    }
  });

  it('gives the same timelines read in stretches as read at once', async () => {
    const clock = new VirtualClock(NOW);
    const inStretches = await newPull(new FakeAccount(clock), clock, new MemorySnapshotStore(), {
      recentFrom: RECENT_FROM,
    });
    const atOnce = await newPull(new FakeAccount(clock), clock, new MemorySnapshotStore());
    expect(inStretches.timelines).toEqual(atOnce.timelines);
  });

  it('costs the minimum for each export on a first pull, and one request per stream on a refresh', async () => {
    const clock = new VirtualClock(NOW);
    const fake = new FakeAccount(clock);
    const store = new MemorySnapshotStore();
    const first = await newPull(fake, clock, store);
    // 24 updates, 66 metric events, 12 ratings.
    expect([fake.audits.length, fake.metricEvents.length, fake.ratings.length]).toEqual([24, 66, 12]);
    const eventPages = timeBasedPages(fake.audits, 'created_at');
    const metricPages = timeBasedPages(fake.metricEvents, 'time');
    expect(first.requests).toBe(1 + eventPages + metricPages + Math.ceil(12 / RATINGS_PAGE) + 1 + 1);
    expect(fake.paths.filter((path) => path.includes('ticket_events'))).toHaveLength(eventPages);

    clock.advance(10 * 60_000);
    const before = fake.paths.length;
    const refresh = await newPull(fake, clock, store);
    expect(fake.paths.slice(before).map(kindOf)).toEqual([
      'tickets/cursor',
      'ticket_events 2026-10-08',
      'ticket_metric_events 2026-10-08',
      // The ratings go on from a minute before the last reading began, by Zendesk's clock (each
      // export has its own ten a minute, so the first pull did not wait into 1 November).
      'satisfaction_ratings 2026-10-31',
    ]);
    expect(refresh.requests).toBe(4);
    expect(refresh.resumed).toBe(true);
    expect(refresh.timelines).toEqual(first.timelines);
  });

  it('refreshes incrementally: a later update, breach and rating change the timelines', async () => {
    const clock = new VirtualClock(NOW);
    const fake = new FakeAccount(clock);
    const store = new MemorySnapshotStore();
    await newPull(fake, clock, store);
    clock.advance(DAY);
    const later = new Date(NOW + DAY / 2).toISOString().replace('.000', '');
    // Ticket 6 is reopened, taken by 11 and solved again; a new reply time target is breached;
    // its rating turns bad while 11 holds it.
    fake.audits.push({
      id: 990_001,
      ticket_id: 6,
      created_at: later,
      updater_id: 11,
      child_events: [
        { id: 990_002, event_type: 'Change', assignee_id: 11, previous_value: '12' },
        { id: 990_003, event_type: 'Change', status: 'solved', previous_value: 'open' },
      ],
    });
    fake.metricEvents.push(
      { id: 990_010, ticket_id: 6, metric: 'reply_time', instance_id: 3, type: 'apply_sla', time: later },
      { id: 990_011, ticket_id: 6, metric: 'reply_time', instance_id: 3, type: 'breach', time: later },
    );
    const rating = fake.ratings.find((entry) => entry['ticket_id'] === 6 && entry['score'] === 'good')!;
    Object.assign(rating, { score: 'bad', assignee_id: 11, updated_at: later });
    const before = fake.paths.length;
    const refresh = await newPull(fake, clock, store);
    // One request per stream and the tickets' one, then the directory, which is a day old.
    expect(fake.paths.slice(before).map((path) => kindOf(path).split(' ')[0])).toEqual([
      'tickets/cursor',
      'ticket_events',
      'ticket_metric_events',
      'satisfaction_ratings',
      'users',
      'groups',
    ]);
    const six = refresh.timelines!.byTicket.get(6)!;
    expect(six.people).toEqual({ firstReplier: 11, firstAssignee: 11, solver: 11 });
    expect(six.ratedAssignee).toBe(11);
    expect(six.slaTargets.at(-1)).toEqual({
      metric: 'next_reply_time',
      instanceId: 3,
      state: 'breached',
      at: Date.parse(later),
    });
    expect(refresh.timelines!.byTicket.get(5)!.people!.solver).toBe(12);
  });

  it('resumes after a failure in the middle of a stream from the page that failed', async () => {
    const clock = new VirtualClock(NOW);
    const fake = new FakeAccount(clock);
    const store = new MemorySnapshotStore();
    // The third page of the metric events of the history: refused as a bad request, not retried.
    let metricPages = 0;
    fake.fail(
      (path) => path.includes('ticket_metric_events') && path.includes('start_time=') && ++metricPages === 3,
      reply(400, { error: 'InvalidValue', description: 'bad start_time' }),
    );
    const error = await newPull(fake, clock, store).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PullError);
    expect((error as PullError).message).toMatch(/resumes from there/);
    const failedPath = fake.paths.at(-1)!;
    expect(failedPath).toContain('ticket_metric_events');
    const before = fake.paths.length;
    const resumed = await newPull(fake, clock, store);
    // The tickets' export and the ticket events go on from where they ended (one request each);
    // nothing already read is asked for again: the metric events go on at the page that failed.
    const streamPaths = fake.paths.slice(before).filter((path) => !path.includes('tickets/cursor'));
    expect(streamPaths[0]).toMatch(/ticket_events/);
    expect(streamPaths[1]).toBe(failedPath);
    expect(streamPaths.filter((path) => path.includes('ticket_events'))).toHaveLength(1);
    const once = await newPull(new FakeAccount(clock), clock, new MemorySnapshotStore());
    expect(resumed.timelines).toEqual(once.timelines);
  });

  it('records the streams an agent may not read (403), asks once per stream, and gives a version 1 report', async () => {
    const clock = new VirtualClock(NOW);
    const fake = new FakeAccount(clock);
    fake.role = 'agent';
    const store = new MemorySnapshotStore();
    const result = await newPull(fake, clock, store, { mode: 'agent' });
    expect(result.timelines).toBeUndefined();
    expect(result.streams).toEqual([]);
    expect(result.refusedStreams.map((refused) => [refused.stream, refused.status])).toEqual([
      ['events', 403],
      ['sla', 403],
      ['csat', 403],
    ]);
    expect(fake.paths.filter((path) => path.includes('incremental/') || path.includes('satisfaction'))).toHaveLength(3);
    expect(result.dataset.tickets).toHaveLength(6);
    // The next pull within the hour does not ask again; it still says why the numbers are missing.
    clock.advance(60_000);
    const before = fake.paths.length;
    const again = await newPull(fake, clock, store, { mode: 'agent' });
    expect(
      fake.paths.slice(before).filter((path) => path.includes('incremental/') || path.includes('satisfaction')),
    ).toEqual([]);
    expect(again.refusedStreams.map((refused) => refused.stream)).toEqual(['events', 'sla', 'csat']);
  });

  it('reads none of the streams when none is asked for: today pull, request for request', async () => {
    const clock = new VirtualClock(NOW);
    const fake = new FakeAccount(clock);
    const result = await newPull(fake, clock, new MemorySnapshotStore(), { streams: [] });
    expect(fake.paths.map(kindOf)).toEqual(['tickets/cursor 1970-01-01', 'users', 'groups']);
    expect(result.timelines).toBeUndefined();
  });
});
