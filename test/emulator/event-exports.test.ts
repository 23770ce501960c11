import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import type { TicketHistory } from '../../src/emulator/ticket-history';
import {
  satisfactionRatingSchema,
  ticketAuditSchema,
  ticketEventPageSchema,
  ticketMetricEventSchema,
} from '../../src/zendesk/event-schemas';
import {
  adminOf,
  agentOf,
  basicAuth,
  DAY,
  ids,
  MINUTE,
  NOW,
  smallData,
  sorted,
  startTestEmulator,
  type Json,
  type TestEmulator,
} from './support';

/**
 * The event exports of the local Zendesk over HTTP: ticket events, ticket metric events and
 * satisfaction ratings, paged as Zendesk pages them, read by the client's own schemas, for admins
 * only, and limited per endpoint.
 */

const { account, data } = smallData(3);
const admin = adminOf(account);
const agent = agentOf(account);
const until = Math.floor((NOW - MINUTE) / 1000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startTestEmulator({ data, adminEmail: admin.email });
});
afterAll(async () => {
  await env.close();
});

/** Follows next_page from `path` to end_of_stream, forgetting the rate limit between pages. */
async function timeBased(path: string, key: string): Promise<{ records: Json[]; pages: Json[] }> {
  const pages: Json[] = [];
  let next = path;
  for (let i = 0; i < 100; i++) {
    await env.control('DELETE', '/__emulator/limits');
    const reply = await env.get(next);
    expect(reply.status, reply.text).toBe(200);
    pages.push(reply.body);
    if (reply.body['end_of_stream'] === true) break;
    const following = String(reply.body['next_page']);
    expect(following, 'next_page must move on').not.toBe(next);
    next = following;
  }
  expect(pages[pages.length - 1]!['end_of_stream']).toBe(true);
  // A time-based page starts at the previous page's last second, so records repeat: keep each once.
  const byId = new Map<number, Json>();
  for (const page of pages) for (const record of page[key] as Json[]) byId.set(record['id'] as number, record);
  return { records: [...byId.values()], pages };
}

describe('ticket event export', () => {
  it('with include=comment_events, serves every audit once, comments with author and visibility, as the client reads them', async () => {
    const { records, pages } = await timeBased(
      '/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events',
      'ticket_events',
    );
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(ticketEventPageSchema.safeParse(page).success).toBe(true);
      expect((page['ticket_events'] as Json[]).length).toBe(page['count']);
      expect(new URL(String(page['next_page'])).searchParams.get('include')).toBe('comment_events');
    }
    const expected = data.ticketEvents(0, until, Number.MAX_SAFE_INTEGER, true).map((record) => record.json);
    expect(sorted(ids(records))).toEqual(sorted(ids(expected)));
    for (const record of records)
      expect(ticketAuditSchema.safeParse(record).success, JSON.stringify(record)).toBe(true);
    const comments = records.flatMap((record) =>
      (record['child_events'] as Json[]).filter((child) => child['event_type'] === 'Comment'),
    );
    expect(comments.length).toBeGreaterThan(1000);
    for (const comment of comments) {
      expect(typeof comment['author_id']).toBe('number');
      expect(typeof comment['public']).toBe('boolean');
      expect(typeof comment['body']).toBe('string');
    }
  });

  it('without include=comment_events, a comment says only that it is there and whether it is public', async () => {
    const reply = await env.get(`/api/v2/incremental/ticket_events.json?start_time=${until - 3 * 86_400}`);
    expect(reply.status).toBe(200);
    const comments = (reply.body['ticket_events'] as Json[]).flatMap((record) =>
      (record['child_events'] as Json[]).filter((child) => child['event_type'] === 'Comment'),
    );
    expect(comments.length).toBeGreaterThan(0);
    for (const comment of comments) {
      expect(comment['comment_present']).toBe(true);
      expect(typeof comment['comment_public']).toBe('boolean');
      expect(comment).not.toHaveProperty('author_id');
    }
  });

  it('starts at start_time, inclusive, and keeps per_page in next_page', async () => {
    const start = until - 2 * 86_400;
    const reply = await env.get(`/api/v2/incremental/ticket_events.json?start_time=${start}&per_page=50`);
    const events = reply.body['ticket_events'] as Json[];
    expect(events.length).toBeGreaterThanOrEqual(50);
    expect(Math.min(...events.map((event) => event['timestamp'] as number))).toBeGreaterThanOrEqual(start);
    expect(new URL(String(reply.body['next_page'])).searchParams.get('per_page')).toBe('50');
    expect(reply.body['end_time']).toBe(events[events.length - 1]!['timestamp']);
  });
});

describe('time-based exports with per_page=1', () => {
  // One ticket per second apart, and three sharing a later second: per_page=1 must still move on.
  const base = account.tickets[0]!;
  const second = NOW - 2 * DAY;
  const at = [second, second + 5000, second + 10_000, second + 10_000, second + 10_000];
  const tickets: TicketHistory[] = at.map((time, i) => ({
    ...base,
    id: i + 1,
    updates: [{ ...base.updates[0]!, at: time }],
  }));
  let small: TestEmulator;
  beforeAll(async () => {
    small = await startTestEmulator({
      data: new SimulatedAccountData({ ...account, tickets }),
      adminEmail: admin.email,
    });
  });
  afterAll(async () => {
    await small.close();
  });

  for (const [path, key] of [
    ['/api/v2/incremental/tickets.json', 'tickets'],
    ['/api/v2/incremental/ticket_events.json', 'ticket_events'],
  ] as const) {
    it(`${path} advances on every page, returning a whole second when its records share it`, async () => {
      const seen: number[] = [];
      const starts: number[] = [];
      let start = 0;
      let ended = false;
      for (let i = 0; i < 8 && !ended; i++) {
        const reply = await small.get(`${path}?start_time=${start}&per_page=1`);
        expect(reply.status, reply.text).toBe(200);
        const records = reply.body[key] as Json[];
        seen.push(...records.map((record) => (key === 'tickets' ? record['id'] : record['ticket_id']) as number));
        ended = reply.body['end_of_stream'] === true;
        const next = Number(new URL(String(reply.body['next_page'])).searchParams.get('start_time'));
        expect(next).toBe(reply.body['end_time']);
        expect(next).toBeGreaterThan(start);
        starts.push(next);
        start = next;
      }
      expect(ended).toBe(true);
      // Each ticket once: the last second's three come together on one page.
      expect(sorted(seen)).toEqual([1, 2, 3, 4, 5]);
      expect(starts.length).toBe(3);
    });
  }
});

describe('ticket metric event export', () => {
  it('pages by time at 1000 events to end_of_stream, every event once, every type and metric', async () => {
    const { records, pages } = await timeBased(
      `/api/v2/incremental/ticket_metric_events.json?start_time=0`,
      'ticket_metric_events',
    );
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages.slice(0, -1))
      expect((page['ticket_metric_events'] as Json[]).length).toBeGreaterThanOrEqual(1000);
    const expected = data
      .metricEventStream(0, until * 1000 + 999, Number.MAX_SAFE_INTEGER)
      .map((record) => record.json);
    expect(sorted(ids(records))).toEqual(sorted(ids(expected)));
    for (const event of records)
      expect(ticketMetricEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
    expect(new Set(records.map((event) => event['type']))).toEqual(
      new Set(['activate', 'pause', 'fulfill', 'apply_sla', 'apply_group_sla', 'breach', 'update_status', 'measure']),
    );
    expect(new Set(records.map((event) => event['metric']))).toEqual(
      new Set([
        'agent_work_time',
        'pausable_update_time',
        'periodic_update_time',
        'reply_time',
        'requester_wait_time',
        'resolution_time',
        'group_ownership_time',
      ]),
    );
    const breaches = records.filter((event) => event['type'] === 'breach');
    expect(breaches.some((event) => event['deleted'] === true)).toBe(true);
    expect(breaches.some((event) => event['deleted'] === false)).toBe(true);
  });
});

describe('satisfaction ratings', () => {
  async function allRatings(query: string): Promise<Json[]> {
    const out: Json[] = [];
    let path = `/api/v2/satisfaction_ratings.json?page[size]=100${query}`;
    for (let i = 0; i < 50; i++) {
      const reply = await env.get(path);
      expect(reply.status, reply.text).toBe(200);
      out.push(...(reply.body['satisfaction_ratings'] as Json[]));
      const meta = reply.body['meta'] as Json;
      if (meta['has_more'] !== true) return out;
      path = String((reply.body['links'] as Json)['next']);
    }
    throw new Error('ratings never ended');
  }

  it('pages with page[size] through every rating, as the client reads them', async () => {
    const ratings = await allRatings('');
    const expected = data.satisfactionRatings(NOW).map((record) => record.json);
    expect(ratings.length).toBeGreaterThan(150);
    expect(ratings).toEqual(expected);
    for (const rating of ratings) expect(satisfactionRatingSchema.safeParse(rating).success).toBe(true);
  });

  it('filters by score and by the time a rating last changed', async () => {
    const bad = await allRatings('&score=bad');
    expect(bad.length).toBeGreaterThan(10);
    expect(bad.every((rating) => rating['score'] === 'bad')).toBe(true);
    const received = await allRatings('&score=received');
    expect(received.length).toBe(
      data.satisfactionRatings(NOW).filter((r) => r.json['score'] === 'good' || r.json['score'] === 'bad').length,
    );
    const start = Math.floor((NOW - 7 * DAY) / 1000);
    const end = Math.floor((NOW - 2 * DAY) / 1000);
    const recent = await allRatings(`&start_time=${start}&end_time=${end}`);
    expect(recent.length).toBeGreaterThan(0);
    for (const rating of recent) {
      const changed = Date.parse(String(rating['updated_at'])) / 1000;
      expect(changed).toBeGreaterThanOrEqual(start);
      expect(changed).toBeLessThanOrEqual(end);
    }
  });

  it('refuses an unknown score or a start_time that is not epoch seconds, saying which values it takes', async () => {
    const score = await env.get('/api/v2/satisfaction_ratings.json?score=great');
    expect(score.status).toBe(400);
    expect(String(score.body['description'])).toMatch(/score must be one of offered, unoffered, received/);
    const start = await env.get('/api/v2/satisfaction_ratings.json?start_time=yesterday');
    expect(start.status).toBe(400);
    expect(String(start.body['description'])).toMatch(/start_time/);
  });
});

describe('permissions and limits', () => {
  it('refuses every event stream to an agent with 403', async () => {
    for (const path of [
      '/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events',
      '/api/v2/incremental/ticket_metric_events.json?start_time=0',
      '/api/v2/satisfaction_ratings.json',
    ]) {
      const reply = await env.get(path, { auth: basicAuth(agent.email) });
      expect(reply.status, path).toBe(403);
      expect(reply.body['error']).toBe('Forbidden');
    }
  });

  it('counts 10 requests a minute against each export endpoint, not one count for all', async () => {
    await env.control('DELETE', '/__emulator/limits');
    const events = `/api/v2/incremental/ticket_events.json?start_time=${until - 3600}`;
    for (let i = 0; i < 10; i++) expect((await env.get(events)).status).toBe(200);
    const refused = await env.get(events);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const metricEvents = await env.get(`/api/v2/incremental/ticket_metric_events.json?start_time=${until - 3600}`);
    expect(metricEvents.status).toBe(200);
    expect(metricEvents.headers.get('zendesk-ratelimit-incremental-exports')).toBe('total=10; remaining=9; resets=60');
    // Ratings are no incremental export: only the account limit applies.
    expect((await env.get('/api/v2/satisfaction_ratings.json')).status).toBe(200);
    await env.control('DELETE', '/__emulator/limits');
  });
});
