import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/api-server';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import { SURVEY_FIELDS } from '../../src/emulator/survey-fields';
import type { TicketHistory } from '../../src/emulator/ticket-history';
import { iso } from '../../src/emulator/zendesk-objects';
import {
  adminOf,
  agentOf,
  API_TOKEN,
  basicAuth,
  bearer,
  DAY,
  frozenClock,
  ids,
  MINUTE,
  NOW,
  query,
  smallData,
  sorted,
  startTestEmulator,
  type Json,
  type TestEmulator,
} from './support';

/** The HTTP API of the emulator, on port 0, with Zendesk time frozen at NOW unless a test moves it. */

const { account, data } = smallData(3);
const admin = adminOf(account);
const agent = agentOf(account);
const endUser = account.endUsers[0]!;
const untilSeconds = (now: number) => Math.floor((now - MINUTE) / 1000);
/** Tickets as they stood at the export's end (one minute before now), deleted ones included. */
const exportable = (now: number) => data.allTickets(untilSeconds(now) * 1000 + 999);
const visibleUndeleted = () => data.allTickets(NOW).filter((v) => v.ticket['status'] !== 'deleted');

let env: TestEmulator;
beforeEach(async () => {
  env = await startTestEmulator({ data, adminEmail: admin.email });
});
afterEach(async () => {
  await env.close();
});

async function cursorExport(start: string, options: { perPage?: number; include?: string } = {}) {
  const pages: Json[] = [];
  const extra = `${options.perPage ? `&per_page=${options.perPage}` : ''}${options.include ? `&include=${options.include}` : ''}`;
  let path = `/api/v2/incremental/tickets/cursor.json?${start}${extra}`;
  for (let i = 0; i < 20; i++) {
    const reply = await env.get(path);
    expect(reply.status, reply.text).toBe(200);
    pages.push(reply.body);
    if (reply.body['end_of_stream'] === true) break;
    path = `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(String(reply.body['after_cursor']))}${extra}`;
  }
  expect(pages[pages.length - 1]!['end_of_stream']).toBe(true);
  return {
    pages,
    tickets: pages.flatMap((page) => page['tickets'] as Json[]),
    metricSets: pages.flatMap((page) => (page['metric_sets'] as Json[] | undefined) ?? []),
    lastCursor: String(pages[pages.length - 1]!['after_cursor']),
  };
}

describe('authentication', () => {
  it('accepts Basic {email}/token:{token} for staff, case-insensitively', async () => {
    const me = await env.get('/api/v2/users/me.json', { auth: basicAuth(admin.email) });
    expect(me.status).toBe(200);
    expect((me.body['user'] as Json)['id']).toBe(admin.id);
    expect((me.body['user'] as Json)['role']).toBe('admin');
    const upper = await env.get('/api/v2/users/me', { auth: basicAuth(agent.email.toUpperCase()) });
    expect((upper.body['user'] as Json)['id']).toBe(agent.id);
  });

  it('accepts a Bearer OAuth token and the session cookie', async () => {
    const oauth = await env.get('/api/v2/users/me.json', { auth: bearer(agent.id) });
    expect(oauth.status).toBe(200);
    expect((oauth.body['user'] as Json)['id']).toBe(agent.id);
    const cookie = await env.get('/api/v2/users/me.json', {
      auth: null,
      headers: { cookie: `theme=dark; zd_emulator_user=${agent.id}` },
    });
    expect(cookie.status).toBe(200);
    expect((cookie.body['user'] as Json)['id']).toBe(agent.id);
  });

  it('answers 401 with Zendesk’s body for a wrong token, an unknown email, an end user or no credentials', async () => {
    const cases: Record<string, string>[] = [
      { authorization: basicAuth(admin.email, 'wrong-token') },
      { authorization: basicAuth('nobody@example.com') },
      { authorization: basicAuth(endUser.email) },
      { authorization: `Basic ${Buffer.from(`${admin.email}:password`).toString('base64')}` },
      { authorization: `Bearer oauth-${admin.id}-wrong-token` },
      { cookie: `zd_emulator_user=${endUser.id}` },
      {},
    ];
    for (const headers of cases) {
      const reply = await env.get('/api/v2/users/me.json', { auth: null, headers });
      expect(reply.status, JSON.stringify(headers)).toBe(401);
      expect(reply.body).toEqual({ error: "Couldn't authenticate you" });
    }
  });

  it('serves reads only, and 404s unknown paths with RecordNotFound', async () => {
    const post = await fetch(`${env.url}/api/v2/tickets.json`, {
      method: 'POST',
      headers: { authorization: basicAuth(admin.email) },
      body: '{}',
    });
    expect(post.status).toBe(405);
    const missing = await env.get('/api/v2/nothing/here.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    for (const path of ['/api/v1/tickets.json', '/api', '/api/']) {
      const other = await env.get(path);
      expect(other.status, path).toBe(404);
      expect(other.body, path).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    }
  });

  it('sends a person who opens the root URL, or a page that is not the API, to the agent workspace', async () => {
    for (const path of ['/', '/tickets/12', '/hc/en-us']) {
      const response = await fetch(`${env.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toBe('/agent/');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<a href="/agent/">');
    }
    // This emulator runs without the workspace: /agent/ says so instead of redirecting again.
    const agentPage = await fetch(`${env.url}/agent/`, { redirect: 'manual' });
    expect(agentPage.status).toBe(404);
    expect(await agentPage.text()).toContain('without its agent workspace');
  });

  it("dates every response by Zendesk's clock, not the host's", async () => {
    const first = await env.get('/api/v2/users/me.json');
    expect(first.headers.get('date')).toBe(new Date(NOW).toUTCString());
    env.clock.advance(3 * DAY + 90 * MINUTE);
    const later = await env.get('/api/v2/nothing.json');
    expect(later.headers.get('date')).toBe(new Date(NOW + 3 * DAY + 90 * MINUTE).toUTCString());
    const unauthenticated = await env.get('/api/v2/users/me.json', { auth: null });
    expect(unauthenticated.headers.get('date')).toBe(new Date(NOW + 3 * DAY + 90 * MINUTE).toUTCString());
  });
});

describe('pages that are not the API, with the agent workspace', () => {
  it('a path under /agent/ the workspace does not have is a 404 page linking to the workspace', async () => {
    const running = await startEmulator({
      data,
      clock: frozenClock(),
      apiToken: API_TOKEN,
      port: 0,
      extraRoutes: async (_request, response, url) => {
        if (url.pathname !== '/agent/') return false;
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('workspace');
        return true;
      },
    });
    try {
      const served = await fetch(`${running.url}/agent/`);
      expect(await served.text()).toBe('workspace');
      const missing = await fetch(`${running.url}/agent/nowhere<b>`, { redirect: 'manual' });
      expect(missing.status).toBe(404);
      const text = await missing.text();
      expect(text).toContain('<a href="/agent/">');
      expect(text).not.toContain('<b>');
      expect((await fetch(`${running.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/agent/');
    } finally {
      await running.close();
    }
  });
});

describe('permissions', () => {
  const adminOnly = [
    `/api/v2/incremental/tickets/cursor.json?start_time=0`,
    `/api/v2/incremental/tickets.json?start_time=0`,
    `/api/v2/incremental/ticket_metric_events.json?start_time=${untilSeconds(NOW) - 3600}`,
    '/api/v2/satisfaction_ratings.json',
  ];

  it('refuses incremental exports and satisfaction ratings to an agent with 403 Forbidden', async () => {
    for (const path of adminOnly) {
      const reply = await env.get(path, { auth: basicAuth(agent.email) });
      expect(reply.status, path).toBe(403);
      expect(reply.body['error']).toBe('Forbidden');
      expect(String(reply.body['description'])).toMatch(/do not have access/);
    }
  });

  it('serves them to an admin', async () => {
    for (const path of adminOnly) {
      const reply = await env.get(path);
      expect(reply.status, path).toBe(200);
    }
    const ratings = await env.get('/api/v2/satisfaction_ratings.json?per_page=100');
    const rated = data
      .allTickets(NOW)
      .filter((v) =>
        ['good', 'bad', 'offered'].includes(
          String((v.ticket['satisfaction_rating'] as { score?: string } | null)?.score),
        ),
      );
    expect(ratings.body['count']).toBe(rated.length);
    for (const rating of ratings.body['satisfaction_ratings'] as Json[])
      expect(['good', 'bad', 'offered']).toContain(rating['score']);
  });

  it('lets an agent search, read tickets, users and groups', async () => {
    const someId = visibleUndeleted()[0]!.id;
    for (const path of [
      '/api/v2/search.json?query=status%3Copen',
      `/api/v2/tickets/show_many.json?ids=${someId}`,
      `/api/v2/tickets/${someId}.json`,
      '/api/v2/users.json',
      '/api/v2/groups.json',
      '/api/v2/search/export.json?query=status%3Copen&filter%5Btype%5D=ticket',
    ]) {
      const reply = await env.get(path, { auth: bearer(agent.id) });
      expect(reply.status, path).toBe(200);
    }
  });

  it('lists the ticket fields to an agent: the system ones, then the custom ones with the survey fields, keyed as Zendesk keys them', async () => {
    const reply = await env.get('/api/v2/ticket_fields.json', { auth: bearer(agent.id) });
    expect(reply.status).toBe(200);
    const fields = reply.body['ticket_fields'] as Json[];
    expect(reply.body['count']).toBe(fields.length);
    expect(fields.slice(0, 7).map((field) => field['type'])).toEqual([
      'subject',
      'description',
      'status',
      'tickettype',
      'priority',
      'group',
      'assignee',
    ]);
    const byId = new Map(fields.map((field) => [field['id'], field]));
    expect(byId.get(SURVEY_FIELDS.nps.id)).toMatchObject({ type: 'integer', active: true, removable: true });
    expect(byId.get(SURVEY_FIELDS.ces.id)).toMatchObject({ type: 'integer', active: true, removable: true });
    const recorded = (
      JSON.parse(readFileSync(new URL('../fixtures/zendesk/embulk/ticket_fields.json', import.meta.url), 'utf8')) as {
        ticket_fields: Json[];
      }
    ).ticket_fields[0]!;
    for (const field of fields) expect(Object.keys(field).sort()).toEqual(Object.keys(recorded).sort());
  });
});

describe('cursor-based incremental ticket export', () => {
  it('from start_time=0 to end_of_stream returns every ticket exactly once, as it stood, with its metric set', async () => {
    const expected = exportable(NOW);
    const { pages, tickets, metricSets } = await cursorExport('start_time=0', { perPage: 100, include: 'metric_sets' });
    expect(pages.length).toBe(Math.ceil(expected.length / 100) + (expected.length % 100 === 0 ? 1 : 0));
    for (const page of pages) {
      expect((page['tickets'] as unknown[]).length).toBeLessThanOrEqual(100);
      expect(page['before_cursor']).toBeNull();
      expect(page['before_url']).toBeNull();
      expect(String(page['after_url'])).toContain(encodeURIComponent(String(page['after_cursor'])));
    }
    expect(pages.slice(0, -1).every((page) => page['end_of_stream'] === false)).toBe(true);
    expect(tickets.length).toBe(expected.length);
    expect(sorted(ids(tickets))).toEqual(sorted(ids(expected)));
    // Deleted tickets are in the export (status "deleted"), as in Zendesk.
    expect(tickets.filter((t) => t['status'] === 'deleted').length).toBe(
      expected.filter((v) => v.ticket['status'] === 'deleted').length,
    );
    expect(tickets.filter((t) => t['status'] === 'deleted').length).toBeGreaterThan(0);
    // In stream order: by generated_timestamp, then id.
    for (let i = 1; i < tickets.length; i++) {
      const [a, b] = [tickets[i - 1]!, tickets[i]!];
      expect(
        (a['generated_timestamp'] as number) < (b['generated_timestamp'] as number) ||
          (a['generated_timestamp'] === b['generated_timestamp'] && (a['id'] as number) < (b['id'] as number)),
      ).toBe(true);
    }
    // One metric set per ticket, in the same order, equal to what the data holds.
    expect(metricSets.map((m) => m['ticket_id'])).toEqual(ids(tickets));
    const byId = new Map(expected.map((v) => [v.id, v]));
    for (const [i, ticket] of tickets.entries()) {
      expect(ticket).toEqual(byId.get(ticket['id'] as number)!.ticket);
      expect(metricSets[i]).toEqual(byId.get(ticket['id'] as number)!.metricSet);
    }
    // Tickets updated in the last minute appear as they were a minute ago.
    expect(Math.max(...tickets.map((t) => t['generated_timestamp'] as number))).toBeLessThanOrEqual(untilSeconds(NOW));
  });

  it('leaves the sideload out unless asked, and leaves deleted tickets out with exclude_deleted=true', async () => {
    const plain = await env.get('/api/v2/incremental/tickets/cursor.json?start_time=0');
    expect(plain.body).not.toHaveProperty('metric_sets');
    expect((plain.body['tickets'] as unknown[]).length).toBe(exportable(NOW).length);
    const undeleted = await env.get('/api/v2/incremental/tickets/cursor.json?start_time=0&exclude_deleted=true');
    const tickets = undeleted.body['tickets'] as Json[];
    expect(tickets.some((t) => t['status'] === 'deleted')).toBe(false);
    expect(tickets.length).toBe(exportable(NOW).filter((v) => v.ticket['status'] !== 'deleted').length);
  });

  it('starts at start_time, inclusive', async () => {
    const start = Math.floor((NOW - 5 * DAY) / 1000);
    const reply = await env.get(`/api/v2/incremental/tickets/cursor.json?start_time=${start}`);
    const tickets = reply.body['tickets'] as Json[];
    const expected = exportable(NOW).filter((v) => v.generatedTimestamp >= start);
    expect(sorted(ids(tickets))).toEqual(sorted(ids(expected)));
    expect(tickets.length).toBeLessThan(exportable(NOW).length);
  });

  it('takes per_page up to 1000 and refuses 1001 and 0', async () => {
    expect((await env.get('/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000')).status).toBe(200);
    for (const perPage of ['1001', '0', 'ten']) {
      const reply = await env.get(`/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=${perPage}`);
      expect(reply.status).toBe(400);
      expect(reply.body['error']).toBe('InvalidValue');
      expect(String(reply.body['description'])).toMatch(/per_page/);
    }
  });

  it('refuses a start_time within the last minute, or none', async () => {
    const nowSeconds = Math.floor(NOW / 1000);
    const recent = await env.get(`/api/v2/incremental/tickets/cursor.json?start_time=${nowSeconds - 30}`);
    expect(recent.status).toBe(400);
    expect(String(recent.body['description'])).toMatch(/Too recent start_time/);
    expect((await env.get(`/api/v2/incremental/tickets/cursor.json?start_time=${nowSeconds - 59}`)).status).toBe(400);
    expect((await env.get(`/api/v2/incremental/tickets/cursor.json?start_time=${nowSeconds - 60}`)).status).toBe(200);
    const missing = await env.get('/api/v2/incremental/tickets/cursor.json');
    expect(missing.status).toBe(400);
    expect(String(missing.body['description'])).toMatch(/start_time is required/);
  });

  it('refuses a cursor it did not issue', async () => {
    const reply = await env.get(
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(Buffer.from('garbage').toString('base64'))}`,
    );
    expect(reply.status).toBe(400);
    expect(reply.body['error']).toBe('InvalidPaginationParameter');
  });

  it('resumed from the saved after_cursor two days later, returns exactly the tickets updated in between', async () => {
    const first = await cursorExport('start_time=0');
    const before = untilSeconds(NOW);
    env.clock.advance(2 * DAY);
    const later = NOW + 2 * DAY;
    const after = untilSeconds(later);
    const resumed = await cursorExport(`cursor=${encodeURIComponent(first.lastCursor)}`);
    const expected = account.tickets
      .filter((t) => t.updates.some((u) => Math.floor(u.at / 1000) > before && Math.floor(u.at / 1000) <= after))
      .map((t) => t.id);
    expect(expected.length).toBeGreaterThan(50);
    expect(sorted(ids(resumed.tickets))).toEqual(sorted(expected));
    // New tickets from the simulated horizon are among them, and each comes as it now stands.
    expect(resumed.tickets.some((t) => Date.parse(String(t['created_at'])) > NOW)).toBe(true);
    for (const ticket of resumed.tickets)
      expect(ticket).toEqual(data.ticket(ticket['id'] as number, after * 1000 + 999)!.ticket);
    // Nothing more once caught up.
    const caughtUp = await env.get(
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(resumed.lastCursor)}`,
    );
    expect(caughtUp.body['tickets']).toEqual([]);
    expect(caughtUp.body['end_of_stream']).toBe(true);
    expect(caughtUp.body['after_cursor']).toBe(resumed.lastCursor);
  });
});

describe('time-based incremental ticket export', () => {
  it('followed by next_page until end_of_stream covers every ticket, with count and end_time', async () => {
    const expected = exportable(NOW);
    const seen = new Set<number>();
    let path = '/api/v2/incremental/tickets.json?start_time=0&per_page=200&include=metric_sets';
    let pages = 0;
    for (; pages < 10; pages++) {
      const reply = await env.get(path);
      expect(reply.status, reply.text).toBe(200);
      const tickets = reply.body['tickets'] as Json[];
      expect(reply.body['count']).toBe(tickets.length);
      expect((reply.body['metric_sets'] as Json[]).map((m) => m['ticket_id'])).toEqual(ids(tickets));
      const endTime = reply.body['end_time'] as number;
      expect(endTime).toBe(tickets[tickets.length - 1]!['generated_timestamp']);
      expect(new URL(String(reply.body['next_page'])).searchParams.get('start_time')).toBe(String(endTime));
      for (const id of ids(tickets)) seen.add(id);
      if (reply.body['end_of_stream'] === true) break;
      path = String(reply.body['next_page']);
    }
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(sorted([...seen])).toEqual(sorted(ids(expected)));
  });

  it('keeps per_page in next_page, as Zendesk does (recorded zenpy test_get_values-02: …tickets.json?per_page=1&start_time=…)', async () => {
    const reply = await env.get('/api/v2/incremental/tickets.json?start_time=0&per_page=50');
    expect(reply.body['end_of_stream']).toBe(false);
    expect(new URL(String(reply.body['next_page'])).searchParams.get('per_page')).toBe('50');
  });

  it('makes progress with a small per_page when several tickets share a second (Zendesk returns the whole second: zenpy test_pagination-02 holds 7 tickets with per_page=1)', async () => {
    const base = account.tickets[0]!;
    const second = NOW - 2 * DAY;
    const burst: TicketHistory[] = [1, 2, 3].map((id) => ({
      ...base,
      id,
      updates: [{ ...base.updates[0]!, at: second }],
    }));
    const burstData = new SimulatedAccountData({ ...account, tickets: burst });
    const burstEnv = await startTestEmulator({ data: burstData, adminEmail: admin.email });
    try {
      const seen = new Set<number>();
      let start = 0;
      let ended = false;
      for (let i = 0; i < 6 && !ended; i++) {
        const reply = await burstEnv.get(`/api/v2/incremental/tickets.json?start_time=${start}&per_page=1`);
        expect(reply.status).toBe(200);
        for (const id of ids(reply.body['tickets'] as Json[])) seen.add(id);
        ended = reply.body['end_of_stream'] === true;
        start = Number(new URL(String(reply.body['next_page'])).searchParams.get('start_time'));
      }
      expect(sorted([...seen])).toEqual([1, 2, 3]);
      expect(ended).toBe(true);
    } finally {
      await burstEnv.close();
    }
  });

  it('shares the cursor export’s limits on start_time and per_page', async () => {
    expect((await env.get(`/api/v2/incremental/tickets.json?start_time=${Math.floor(NOW / 1000) - 10}`)).status).toBe(
      400,
    );
    expect((await env.get('/api/v2/incremental/tickets.json?start_time=0&per_page=1001')).status).toBe(400);
  });
});

describe('cursor export with tickets sharing a second', () => {
  it('pages through them one by one with per_page=1', async () => {
    const base = account.tickets[0]!;
    const second = NOW - 2 * DAY;
    const burst: TicketHistory[] = [1, 2, 3].map((id) => ({
      ...base,
      id,
      updates: [{ ...base.updates[0]!, at: second }],
    }));
    const burstEnv = await startTestEmulator({
      data: new SimulatedAccountData({ ...account, tickets: burst }),
      adminEmail: admin.email,
    });
    try {
      const seen: number[] = [];
      let path = '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1';
      for (let i = 0; i < 6; i++) {
        const reply = await burstEnv.get(path);
        seen.push(...ids(reply.body['tickets'] as Json[]));
        if (reply.body['end_of_stream'] === true) break;
        path = `/api/v2/incremental/tickets/cursor.json?per_page=1&cursor=${encodeURIComponent(String(reply.body['after_cursor']))}`;
      }
      expect(seen).toEqual([1, 2, 3]);
    } finally {
      await burstEnv.close();
    }
  });
});

describe('ticket metric events export', () => {
  it('returns the metric events between start_time and a minute ago, in time order', async () => {
    const start = Math.floor((NOW - DAY) / 1000);
    const until = untilSeconds(NOW);
    const expected = data
      .allTickets(NOW)
      .flatMap((v) => data.metricEvents(v.id, NOW) ?? [])
      .filter((e) => Date.parse(String(e['time'])) >= start * 1000 && Date.parse(String(e['time'])) <= until * 1000);
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.length).toBeLessThanOrEqual(1000);
    const reply = await env.get(`/api/v2/incremental/ticket_metric_events.json?start_time=${start}`);
    expect(reply.status).toBe(200);
    const events = reply.body['ticket_metric_events'] as Json[];
    expect(reply.body['count']).toBe(expected.length);
    expect(reply.body['end_of_stream']).toBe(true);
    expect(sorted(ids(events))).toEqual(sorted(ids(expected)));
    const times = events.map((e) => String(e['time']));
    expect(times).toEqual([...times].sort());
    expect(reply.body['end_time']).toBe(Math.floor(Date.parse(times[times.length - 1]!) / 1000));
  });
});

describe('show_many', () => {
  it('returns up to 100 tickets with their metric sets, in the order asked', async () => {
    const wanted = visibleUndeleted().slice(0, 100).reverse();
    const reply = await env.get(`/api/v2/tickets/show_many.json?ids=${ids(wanted).join(',')}&include=metric_sets`);
    expect(reply.status).toBe(200);
    expect(ids(reply.body['tickets'] as Json[])).toEqual(ids(wanted));
    expect(reply.body['tickets']).toEqual(wanted.map((v) => v.ticket));
    expect((reply.body['metric_sets'] as Json[]).map((m) => m['ticket_id'])).toEqual(ids(wanted));
    expect(reply.body['metric_sets']).toEqual(wanted.map((v) => v.metricSet));
    const plain = await env.get(`/api/v2/tickets/show_many.json?ids=${ids(wanted).slice(0, 3).join(',')}`);
    expect(plain.body).not.toHaveProperty('metric_sets');
  });

  it('refuses 101 ids', async () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    const reply = await env.get(`/api/v2/tickets/show_many.json?ids=${many}`);
    expect(reply.status).toBe(400);
    expect(String(reply.body['description'])).toMatch(/100/);
  });

  it('leaves out deleted, unknown and not-yet-created tickets', async () => {
    const deleted = data.allTickets(NOW).find((v) => v.ticket['status'] === 'deleted')!;
    const future = account.tickets.find((t) => t.updates[0]!.at > NOW)!;
    const present = visibleUndeleted()[5]!;
    const reply = await env.get(`/api/v2/tickets/show_many.json?ids=${deleted.id},${future.id},999999,${present.id}`);
    expect(ids(reply.body['tickets'] as Json[])).toEqual([present.id]);
  });
});

describe('show ticket', () => {
  const answered = data
    .allTickets(NOW)
    .find((v) => v.ticket['status'] === 'closed' && (v.metricSet!['replies'] as number) >= 2)!;

  it('sideloads slas and metric_events', async () => {
    const reply = await env.get(`/api/v2/tickets/${answered.id}.json?include=slas,metric_events`);
    expect(reply.status).toBe(200);
    const ticket = reply.body['ticket'] as Json;
    const { slas, metric_events: metricEvents, ...plain } = ticket;
    expect(plain).toEqual(answered.ticket);
    const history = account.tickets.find((t) => t.id === answered.id)!;
    const target = account.slaPolicy.firstReplyMinutesByPriority[history.priority ?? 'normal']!;
    expect((slas as Json)['policy_metrics']).toContainEqual({
      breach_at: iso(account.schedule.addBusinessMinutes(history.updates[0]!.at, target)),
      stage: 'achieved',
      metric: 'first_reply_time',
      minutes: target,
      business_hours: true,
    });
    const events = data.metricEvents(answered.id, NOW)!;
    expect(Object.keys(metricEvents as Json)).toEqual(expect.arrayContaining(['reply_time', 'requester_wait_time']));
    expect((metricEvents as Json)['reply_time']).toEqual(events.filter((e) => e['metric'] === 'reply_time'));
    expect((metricEvents as Json)['requester_wait_time']).toEqual(
      events.filter((e) => e['metric'] === 'requester_wait_time'),
    );
    // Fulfilled by the first public comment of someone other than the requester.
    const fulfill = ((metricEvents as Json)['reply_time'] as Json[]).find((e) => e['type'] === 'fulfill')!;
    const firstReply = (
      data.audits(answered.id, NOW) as {
        created_at: string;
        author_id: number;
        events: { type: string; public?: boolean }[];
      }[]
    ).find(
      (audit) =>
        audit.author_id !== answered.ticket['requester_id'] &&
        audit.events.some((e) => e.type === 'Comment' && e.public),
    )!;
    expect(fulfill['time']).toBe(firstReply.created_at);
    const replyMinutes = (answered.metricSet!['reply_time_in_minutes'] as { calendar: number }).calendar;
    expect(
      Math.floor((Date.parse(firstReply.created_at) - Date.parse(String(answered.ticket['created_at']))) / MINUTE),
    ).toBe(replyMinutes);
  });

  it('leaves sideloads out unless asked', async () => {
    const reply = await env.get(`/api/v2/tickets/${answered.id}.json`);
    expect(reply.body['ticket']).toEqual(answered.ticket);
  });

  it('404s deleted tickets and tickets not created yet, and shows those once the clock reaches them', async () => {
    const deleted = data.allTickets(NOW).find((v) => v.ticket['status'] === 'deleted')!;
    expect((await env.get(`/api/v2/tickets/${deleted.id}.json`)).status).toBe(404);
    const future = account.tickets.find((t) => t.updates[0]!.at > NOW + 10 * MINUTE)!;
    const missing = await env.get(`/api/v2/tickets/${future.id}.json`);
    expect(missing.status).toBe(404);
    expect(missing.body['error']).toBe('RecordNotFound');
    env.clock.advance(future.updates[0]!.at - NOW);
    const shown = await env.get(`/api/v2/tickets/${future.id}.json`);
    expect(shown.status).toBe(200);
    expect((shown.body['ticket'] as Json)['status']).toBe('new');
    expect((shown.body['ticket'] as Json)['created_at']).toBe(iso(future.updates[0]!.at));
  });

  it('/tickets/{id}/metrics returns one ticket_metric object', async () => {
    const reply = await env.get(`/api/v2/tickets/${answered.id}/metrics.json`);
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.body['ticket_metric'])).toBe(false);
    expect(reply.body['ticket_metric']).toEqual(answered.metricSet);
    expect((reply.body['ticket_metric'] as Json)['ticket_id']).toBe(answered.id);
    expect((await env.get('/api/v2/tickets/999999/metrics.json')).status).toBe(404);
  });
});

describe('audits', () => {
  const busy = data.allTickets(NOW).find((v) => (data.audits(v.id, NOW)?.length ?? 0) >= 7)!;

  it('pages with page[size] and links.next until has_more is false', async () => {
    const all = data.audits(busy.id, NOW)!;
    const collected: Json[] = [];
    let path = `/api/v2/tickets/${busy.id}/audits.json?page%5Bsize%5D=2`;
    let pages = 0;
    for (; pages < 20; pages++) {
      const reply = await env.get(path);
      expect(reply.status).toBe(200);
      const audits = reply.body['audits'] as Json[];
      expect(audits.length).toBeLessThanOrEqual(2);
      collected.push(...audits);
      const meta = reply.body['meta'] as { has_more: boolean };
      const links = reply.body['links'] as { next: string | null };
      if (!meta.has_more) {
        expect(links.next).toBeNull();
        break;
      }
      path = links.next!;
    }
    expect(pages + 1).toBe(Math.ceil(all.length / 2));
    expect(collected).toEqual(all);
    expect(collected[0]!['events']).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Create', field_name: 'status', value: 'new' })]),
    );
  });

  it('pages by offset by default, and refuses page[size] over 100', async () => {
    const reply = await env.get(`/api/v2/tickets/${busy.id}/audits.json`);
    expect(reply.body['audits']).toEqual(data.audits(busy.id, NOW));
    expect(reply.body['count']).toBe(data.audits(busy.id, NOW)!.length);
    expect(reply.body['next_page']).toBeNull();
    const big = await env.get(`/api/v2/tickets/${busy.id}/audits.json?page%5Bsize%5D=101`);
    expect(big.status).toBe(400);
    expect(big.body['error']).toBe('InvalidPaginationParameter');
    expect((await env.get('/api/v2/tickets/999999/audits.json')).status).toBe(404);
  });
});

describe('users', () => {
  const staffIds = account.staff.map((m) => m.id);
  const admins = account.staff.filter((m) => m.role === 'admin').map((m) => m.id);

  it('filters by role[] and role', async () => {
    const onlyAdmins = await env.get(`/api/v2/users.json${query({ 'role[]': ['admin'] })}`);
    expect(sorted(ids(onlyAdmins.body['users'] as Json[]))).toEqual(sorted(admins));
    expect(admins.length).toBeGreaterThanOrEqual(2);
    const staff = await env.get(`/api/v2/users.json${query({ 'role[]': ['agent', 'admin'] })}`);
    expect(sorted(ids(staff.body['users'] as Json[]))).toEqual(sorted(staffIds));
    expect(staff.body['count']).toBe(staffIds.length);
    const agents = await env.get('/api/v2/users.json?role=agent');
    expect((agents.body['users'] as Json[]).every((u) => u['role'] === 'agent')).toBe(true);
    expect(agents.body['count']).toBe(staffIds.length - admins.length);
    const everyone = await env.get('/api/v2/users.json');
    expect(everyone.body['count']).toBe(staffIds.length + account.endUsers.length);
  });

  it('pages with page[size] ≤ 100 and links.next', async () => {
    const seen: number[] = [];
    let path = `/api/v2/users.json${query({ 'role[]': ['agent', 'admin'], 'page[size]': 10 })}`;
    let pages = 0;
    for (; pages < 10; pages++) {
      const reply = await env.get(path);
      seen.push(...ids(reply.body['users'] as Json[]));
      const next = (reply.body['links'] as { next: string | null }).next;
      if (!(reply.body['meta'] as { has_more: boolean }).has_more) break;
      // The filter travels with the link.
      expect(new URL(next!).searchParams.getAll('role[]')).toEqual(['agent', 'admin']);
      path = next!;
    }
    expect(pages + 1).toBe(Math.ceil(staffIds.length / 10));
    expect(seen).toHaveLength(staffIds.length);
    expect(sorted(seen)).toEqual(sorted(staffIds));
    expect((await env.get('/api/v2/users.json?page%5Bsize%5D=100')).status).toBe(200);
    const big = await env.get('/api/v2/users.json?page%5Bsize%5D=101');
    expect(big.status).toBe(400);
    expect(big.body['error']).toBe('InvalidPaginationParameter');
  });

  it('follows links.prev back to the previous page', async () => {
    const first = await env.get('/api/v2/users.json?page%5Bsize%5D=10');
    const second = await env.get(String((first.body['links'] as { next: string }).next));
    const third = await env.get(String((second.body['links'] as { next: string }).next));
    const back = await env.get(String((third.body['links'] as { prev: string }).prev));
    expect(back.status).toBe(200);
    expect(ids(back.body['users'] as Json[])).toEqual(ids(second.body['users'] as Json[]));
  });

  it('stops offset pagination at 10,000 records', async () => {
    const last = await env.get('/api/v2/users.json?per_page=100&page=100');
    expect(last.status).toBe(200);
    expect(last.body['users']).toEqual([]);
    const past = await env.get('/api/v2/users.json?per_page=100&page=101');
    expect(past.status).toBe(400);
    expect(past.body['error']).toBe('InvalidPaginationParameter');
    expect(String(past.body['description'])).toMatch(/10,000/);
    expect((await env.get('/api/v2/users.json?per_page=101')).status).toBe(400);
  });

  it('shows one user and 404s an unknown one', async () => {
    const one = await env.get(`/api/v2/users/${agent.id}.json`);
    expect(one.body['user']).toEqual(
      expect.objectContaining({ id: agent.id, name: agent.name, email: agent.email, role: 'agent' }),
    );
    expect((await env.get('/api/v2/users/1.json')).status).toBe(404);
  });
});

describe('groups', () => {
  it('lists the five groups, Tier 2 among them', async () => {
    const reply = await env.get('/api/v2/groups.json');
    expect(reply.status).toBe(200);
    const groups = reply.body['groups'] as Json[];
    expect(groups.map((g) => g['name'])).toEqual(account.groups.map((g) => g.name));
    expect(groups.find((g) => g['id'] === account.tier2GroupId)!['name']).toBe('Tier 2');
    expect(groups.filter((g) => g['default'] === true)).toHaveLength(1);
    expect(reply.body['count']).toBe(5);
    const paged = await env.get('/api/v2/groups.json?page%5Bsize%5D=2');
    expect((paged.body['groups'] as Json[]).length).toBe(2);
    expect((paged.body['meta'] as { has_more: boolean }).has_more).toBe(true);
  });
});

describe('search', () => {
  const search = (q: string, extra: Record<string, string | number> = {}) =>
    env.get(`/api/v2/search.json${query({ query: q, ...extra })}`);

  it('finds unsolved tickets with status<solved, counting all matches', async () => {
    const expected = visibleUndeleted().filter((v) =>
      ['new', 'open', 'pending', 'hold'].includes(String(v.ticket['status'])),
    );
    const reply = await search('status<solved');
    expect(reply.status).toBe(200);
    expect(reply.body['count']).toBe(expected.length);
    expect(ids(reply.body['results'] as Json[])).toEqual(sorted(ids(expected)).slice(0, 100));
    expect((reply.body['results'] as Json[]).every((r) => r['result_type'] === 'ticket')).toBe(true);
  });

  it('filters by updated>=DATE, assignee:ID and both with status', async () => {
    const since = Date.parse('2026-11-20T00:00:00Z');
    const updated = visibleUndeleted().filter((v) => Date.parse(String(v.ticket['updated_at'])) >= since);
    const byDate = await search('updated>=2026-11-20');
    expect(byDate.body['count']).toBe(updated.length);
    const assignee = agent.id;
    const assigned = visibleUndeleted().filter((v) => v.ticket['assignee_id'] === assignee);
    expect(assigned.length).toBeGreaterThan(0);
    const byAssignee = await search(`assignee:${assignee}`, { per_page: 100 });
    expect(sorted(ids(byAssignee.body['results'] as Json[]))).toEqual(sorted(ids(assigned)).slice(0, 100));
    expect(byAssignee.body['count']).toBe(assigned.length);
    const both = await search(`status<solved assignee:${assignee}`);
    expect(both.body['count']).toBe(
      assigned.filter((v) => ['new', 'open', 'pending', 'hold'].includes(String(v.ticket['status']))).length,
    );
    // assignee:me is the signed-in user.
    const mine = await env.get(`/api/v2/search.json${query({ query: 'assignee:me' })}`, { auth: bearer(assignee) });
    expect(mine.body['count']).toBe(assigned.length);
  });

  it('pages by per_page ≤ 100, with next_page', async () => {
    const all = sorted(ids(visibleUndeleted()));
    const second = await search('created>=2026-01-01', { per_page: 50, page: 2 });
    expect(ids(second.body['results'] as Json[])).toEqual(all.slice(50, 100));
    expect(new URL(String(second.body['next_page'])).searchParams.get('page')).toBe('3');
    const tenth = await search('created>=2026-01-01', { per_page: 100, page: 10 });
    expect(tenth.status).toBe(200);
    expect(tenth.body['results']).toEqual([]);
    expect(tenth.body['next_page']).toBeNull();
    const big = await search('status<solved', { per_page: 101 });
    expect(big.status).toBe(400);
  });

  it('refuses page 11 at 100 a page with 422 (past the first 1,000 results)', async () => {
    const reply = await search('status<solved', { per_page: 100, page: 11 });
    expect(reply.status).toBe(422);
    expect(String(reply.body['description'])).toMatch(/1,000/);
  });

  it('refuses terms it does not understand with 400 InvalidSearch', async () => {
    for (const q of ['foo:bar', 'status:urgentish', 'just words', 'updated>yesterday']) {
      const reply = await search(q);
      expect(reply.status, q).toBe(400);
      expect(reply.body['error']).toBe('InvalidSearch');
    }
    expect(String((await search('foo:bar')).body['description'])).toMatch(/foo/);
  });
});

describe('search export', () => {
  const exportPath = (q: string, size: number | null = 50) =>
    `/api/v2/search/export.json${query({ query: q, 'filter[type]': 'ticket', ...(size === null ? {} : { 'page[size]': size }) })}`;

  it('requires filter[type]=ticket and page[size] ≤ 1000', async () => {
    const noType = await env.get(`/api/v2/search/export.json${query({ query: 'status<solved' })}`);
    expect(noType.status).toBe(400);
    expect(String(noType.body['description'])).toMatch(/filter\[type\]/);
    expect((await env.get(exportPath('status<solved', 1000))).status).toBe(200);
    expect((await env.get(exportPath('status<solved', 1001))).status).toBe(400);
  });

  it('followed through links.next until has_more is false returns every match once', async () => {
    const since = Date.parse('2026-11-01T00:00:00Z');
    const expected = visibleUndeleted().filter((v) => Date.parse(String(v.ticket['created_at'])) >= since);
    expect(expected.length).toBeGreaterThan(150);
    const seen: number[] = [];
    let path = exportPath('created>=2026-11-01');
    let pages = 0;
    for (; pages < 30; pages++) {
      const reply = await env.get(path);
      expect(reply.status, reply.text).toBe(200);
      const results = reply.body['results'] as Json[];
      expect(results.length).toBeLessThanOrEqual(50);
      seen.push(...ids(results));
      const meta = reply.body['meta'] as { has_more: boolean; after_cursor: string | null };
      const next = (reply.body['links'] as { next: string | null }).next;
      if (!meta.has_more) {
        expect(next).toBeNull();
        expect(meta.after_cursor).toBeNull();
        break;
      }
      expect(new URL(next!).searchParams.get('page[after]')).toBe(meta.after_cursor);
      path = next!;
    }
    expect(pages + 1).toBe(Math.ceil(expected.length / 50));
    expect(seen).toHaveLength(new Set(seen).size);
    expect(sorted(seen)).toEqual(sorted(ids(expected)));
  });

  it('expires a cursor after one hour of Zendesk time', async () => {
    const first = await env.get(exportPath('created>=2026-11-01'));
    const next = String((first.body['links'] as { next: string }).next);
    env.clock.advance(59 * MINUTE);
    expect((await env.get(next)).status).toBe(200);
    env.clock.advance(2 * MINUTE);
    const expired = await env.get(next);
    expect(expired.status).toBe(400);
    expect(expired.body['error']).toBe('InvalidPaginationParameter');
    const forged = await env.get(`${exportPath('created>=2026-11-01')}&page%5Bafter%5D=not-a-cursor`);
    expect(forged.status).toBe(400);
  });
});

describe('control endpoint: clock', () => {
  it('POST /__emulator/clock {advanceMinutes} moves Zendesk time, and what the API shows with it', async () => {
    const future = account.tickets.find(
      (t) => t.updates[0]!.at > NOW + 10 * MINUTE && t.updates[0]!.at < NOW + 3 * 3_600_000,
    );
    expect(future).toBeDefined();
    expect((await env.get(`/api/v2/tickets/${future!.id}.json`)).status).toBe(404);
    const minutes = Math.ceil((future!.updates[0]!.at - NOW) / MINUTE);
    const moved = await env.control('POST', '/__emulator/clock', { advanceMinutes: minutes });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ now: new Date(NOW + minutes * MINUTE).toISOString(), scale: 1 });
    expect(env.clock.now()).toBe(NOW + minutes * MINUTE);
    expect((await env.get(`/api/v2/tickets/${future!.id}.json`)).status).toBe(200);
    const read = await env.control('GET', '/__emulator/clock');
    expect(read.body['now']).toBe(new Date(NOW + minutes * MINUTE).toISOString());
    const bad = await env.control('POST', '/__emulator/clock', { advance: 5 });
    expect(bad.status).toBe(400);
    expect(env.clock.now()).toBe(NOW + minutes * MINUTE);
  });

  it('logs the requests it answered', async () => {
    await env.get('/api/v2/groups.json');
    await env.get('/api/v2/users/me.json', { auth: basicAuth(admin.email, 'nope') });
    const log = await env.control('GET', '/__emulator/requests');
    expect(log.body['requests']).toEqual([
      { path: '/api/v2/groups.json', status: 200, userId: admin.id, at: NOW },
      { path: '/api/v2/users/me.json', status: 401, userId: null, at: NOW },
    ]);
    await env.control('DELETE', '/__emulator/requests');
    expect(env.emulator.requestLog).toEqual([]);
  });
});
