import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

/**
 * The CLI against a tiny Zendesk on 127.0.0.1: users/me, the cursor ticket export with
 * metric_sets, the search export and show_many (the agent path), and cursor-paginated users and
 * groups. The server checks the Authorization header as Zendesk would, and counts requests.
 */

type Json = Record<string, unknown>;

const EMAIL = 'ana@example.com';
const API_TOKEN = 'sekret-token-123';
const OAUTH_TOKEN = 'oauth-sekret-456';
/** Bo's OAuth token: users/me answers with Bo for it. */
const OAUTH_TOKEN_BO = 'oauth-sekret-789';
const BASIC = `Basic ${Buffer.from(`${EMAIL}/token:${API_TOKEN}`).toString('base64')}`;
const SECRETS = [API_TOKEN, OAUTH_TOKEN, 'oauth-sekret-789', BASIC.slice('Basic '.length)];

const API_ENV = { ZENDESK_EMAIL: EMAIL, ZENDESK_API_TOKEN: API_TOKEN };
const OAUTH_ENV = { ZENDESK_OAUTH_TOKEN: OAUTH_TOKEN };

const ANA = 101;
const BO = 102;
const SUPPORT = 7;
const TIER_2 = 8;

const pair = (
  calendar: number | null,
  business: number | null = calendar === null ? null : Math.round(calendar / 2),
) => ({ calendar, business });

/** A ticket as the incremental export sends it (shape of recorded/embulk/ticket_metrics.json). */
function ticket(id: number, fields: Json): Json {
  const created = fields.created_at as string;
  return {
    url: `https://acme.zendesk.com/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
    created_at: created,
    updated_at: created,
    type: null,
    subject: `ticket ${id}`,
    raw_subject: `ticket ${id}`,
    description: `ticket ${id}`,
    priority: null,
    status: 'open',
    recipient: null,
    requester_id: 374673563333,
    submitter_id: 374673563333,
    assignee_id: null,
    organization_id: 360857467053,
    group_id: SUPPORT,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    fields: [],
    followup_ids: [],
    brand_id: 360001998013,
    allow_channelback: false,
    allow_attachments: true,
    generated_timestamp: Math.floor(Date.parse(created) / 1000),
    ...fields,
  };
}

function metricSet(ticketId: number, fields: Json): Json {
  return {
    url: `https://acme.zendesk.com/api/v2/ticket_metrics/${367414816900 + ticketId}.json`,
    id: 367414816900 + ticketId,
    ticket_id: ticketId,
    created_at: '2026-10-01T00:00:00Z',
    updated_at: '2026-10-01T00:00:00Z',
    group_stations: 1,
    assignee_stations: 1,
    reopens: 0,
    replies: 0,
    assignee_updated_at: null,
    requester_updated_at: '2026-10-01T00:00:00Z',
    status_updated_at: '2026-10-01T00:00:00Z',
    initially_assigned_at: null,
    assigned_at: null,
    solved_at: null,
    latest_comment_added_at: '2026-10-01T00:00:00Z',
    reply_time_in_minutes: pair(null),
    first_resolution_time_in_minutes: pair(null),
    full_resolution_time_in_minutes: pair(null),
    agent_wait_time_in_minutes: pair(null),
    requester_wait_time_in_minutes: pair(null),
    on_hold_time_in_minutes: pair(0),
    ...fields,
  };
}

interface Entry {
  ticket: Json;
  metrics: Json | null;
}

/**
 * Hand-checked for 2026-10-01..2026-10-03 UTC:
 *  201 Ana, created 10-01, solved 10-01: reply 30, 1 reply, first/full resolution 120, wait 90, CSAT good
 *  202 Bo,  created 10-02, open, no reply (unreplied, backlog)
 *  203 Ana, created 10-02: open with reply 15 on page 1; solved 10-03 on page 2 (changed during the
 *      export, the later copy wins): 3 replies, reopened, 2 group stations (escalated), first 600,
 *      full 1440, wait 400, on hold 60, CSAT bad
 *  204 unassigned, created 09-15, pending (backlog only)
 *  205 deleted (excluded everywhere; in the admin export only)
 *  206 Bo,  created 10-03, solved 10-03: reply 45, 1 reply, first/full 60, wait 60, tag escalated, CSAT offered
 */
const T201: Entry = {
  ticket: ticket(201, {
    created_at: '2026-10-01T08:00:00Z',
    status: 'solved',
    assignee_id: ANA,
    satisfaction_rating: { id: 1, score: 'good', comment: 'thanks', reason: null },
  }),
  metrics: metricSet(201, {
    replies: 1,
    solved_at: '2026-10-01T10:00:00Z',
    reply_time_in_minutes: pair(30),
    first_resolution_time_in_minutes: pair(120),
    full_resolution_time_in_minutes: pair(120),
    requester_wait_time_in_minutes: pair(90),
    on_hold_time_in_minutes: pair(0),
  }),
};
const T202: Entry = {
  ticket: ticket(202, { created_at: '2026-10-02T09:00:00Z', status: 'open', assignee_id: BO }),
  metrics: metricSet(202, {}),
};
const T203_BEFORE: Entry = {
  ticket: ticket(203, { created_at: '2026-10-02T12:00:00Z', status: 'open', assignee_id: ANA }),
  metrics: metricSet(203, { replies: 1, reply_time_in_minutes: pair(15) }),
};
const T203: Entry = {
  ticket: ticket(203, {
    created_at: '2026-10-02T12:00:00Z',
    updated_at: '2026-10-03T12:00:00Z',
    status: 'solved',
    assignee_id: ANA,
    group_id: TIER_2,
    satisfaction_rating: { id: 2, score: 'bad', comment: 'slow', reason: null },
  }),
  metrics: metricSet(203, {
    replies: 3,
    reopens: 1,
    group_stations: 2,
    solved_at: '2026-10-03T12:00:00Z',
    reply_time_in_minutes: pair(15),
    first_resolution_time_in_minutes: pair(600),
    full_resolution_time_in_minutes: pair(1440),
    requester_wait_time_in_minutes: pair(400),
    on_hold_time_in_minutes: pair(60),
  }),
};
const T204: Entry = {
  ticket: ticket(204, { created_at: '2026-09-15T00:00:00Z', status: 'pending', assignee_id: null, group_id: null }),
  metrics: metricSet(204, { replies: 1, reply_time_in_minutes: pair(20) }),
};
const T205: Entry = {
  ticket: ticket(205, { created_at: '2026-10-01T10:00:00Z', status: 'deleted', assignee_id: ANA }),
  metrics: null,
};
const T206: Entry = {
  ticket: ticket(206, {
    created_at: '2026-10-03T20:00:00Z',
    status: 'solved',
    assignee_id: BO,
    tags: ['escalated'],
    via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
    satisfaction_rating: { score: 'offered' },
  }),
  metrics: metricSet(206, {
    replies: 1,
    solved_at: '2026-10-03T21:00:00Z',
    reply_time_in_minutes: pair(45),
    first_resolution_time_in_minutes: pair(60),
    full_resolution_time_in_minutes: pair(60),
    requester_wait_time_in_minutes: pair(60),
    on_hold_time_in_minutes: pair(0),
  }),
};

const cursor = (time: number, lastId: number) => Buffer.from(`${time}.0||${lastId}|`).toString('base64');
const CURSOR_1 = cursor(1791000000, 203);
const CURSOR_2 = cursor(1791100000, 206);
const EXPORT_PAGES: { entries: Entry[]; after: string; end: boolean }[] = [
  { entries: [T201, T202, T203_BEFORE], after: CURSOR_1, end: false },
  { entries: [T203, T204, T205, T206], after: CURSOR_2, end: true },
];
/** What the search export sees: the tickets as they are now, deleted ones gone. */
const CURRENT = [T201, T202, T203, T204, T206];

const USERS = [
  { id: ANA, name: 'Ana', email: EMAIL, role: 'agent', active: true, time_zone: 'UTC', locale: 'en-US' },
  { id: BO, name: 'Bo', email: 'bo@example.com', role: 'admin', active: true, time_zone: 'UTC', locale: 'en-US' },
  { id: 103, name: 'Cy', email: 'cy@example.com', role: 'agent', active: true, time_zone: 'UTC', locale: 'en-US' },
];
const GROUPS = [
  { id: SUPPORT, name: 'Support', deleted: false, default: true },
  { id: TIER_2, name: 'Tier 2', deleted: false, default: false },
];

type Fault = 'truncate' | 429 | 503 | { retryAfter: number };

const STREAM_PATHS = new Set([
  '/api/v2/incremental/ticket_events.json',
  '/api/v2/incremental/ticket_metric_events.json',
  '/api/v2/satisfaction_ratings.json',
]);

class TinyZendesk {
  role: 'admin' | 'agent' = 'admin';
  /** Requests for everything but the event streams, which go to `streamLog`. */
  readonly log: string[] = [];
  readonly streamLog: string[] = [];
  /** Bodies of the event streams (one page each, the end of the stream); empty by default. */
  streams: Record<string, Json[]> = {};
  /** Answers the next export requests with these, one each, before answering normally. */
  readonly exportFaults: Fault[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The streams, admin-only as in Zendesk: one page each, whole. */
  private serveStream(url: URL, send: (status: number, body: unknown) => void): void {
    if (this.role !== 'admin') {
      send(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
      return;
    }
    const key = url.pathname.includes('ticket_events')
      ? 'ticket_events'
      : url.pathname.includes('metric')
        ? 'ticket_metric_events'
        : 'satisfaction_ratings';
    const records = this.streams[key] ?? [];
    if (key === 'satisfaction_ratings') {
      send(200, { [key]: records, meta: { has_more: false, after_cursor: null }, links: { next: null } });
      return;
    }
    const endTime = Number(url.searchParams.get('start_time'));
    send(200, { [key]: records, next_page: null, count: records.length, end_of_stream: true, end_time: endTime + 1 });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-rate-limit': '700',
        'x-rate-limit-remaining': '699',
      });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', this.url);
    const stream = STREAM_PATHS.has(url.pathname);
    (stream ? this.streamLog : this.log).push(request.url ?? '');
    const auth = request.headers.authorization;
    if (auth !== BASIC && auth !== `Bearer ${OAUTH_TOKEN}` && auth !== `Bearer ${OAUTH_TOKEN_BO}`) {
      send(401, { error: "Couldn't authenticate you" });
      return;
    }
    const params = url.searchParams;
    const me = USERS.find((user) => user.email === (auth === `Bearer ${OAUTH_TOKEN_BO}` ? 'bo@example.com' : EMAIL))!;
    switch (url.pathname) {
      case '/api/v2/incremental/ticket_events.json':
      case '/api/v2/incremental/ticket_metric_events.json':
      case '/api/v2/satisfaction_ratings.json':
        this.serveStream(url, send);
        return;
      case '/api/v2/users/me.json':
        send(200, { user: { ...me, role: this.role } });
        return;
      case '/api/v2/incremental/tickets/cursor.json': {
        if (this.role !== 'admin') {
          send(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
          return;
        }
        const fault = this.exportFaults.shift();
        if (fault === 'truncate') {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          response.end('{"tickets":[{"url":"https://acme.zendesk.com/api/v2/tickets/201.json","id":201,"via":{"chan');
          return;
        }
        if (typeof fault === 'object') {
          response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) });
          response.end(JSON.stringify({ error: 'APIRateLimitExceeded' }));
          return;
        }
        if (fault !== undefined) {
          response.writeHead(fault, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '0' });
          response.end(JSON.stringify({ error: fault === 429 ? 'APIRateLimitExceeded' : 'ServiceUnavailable' }));
          return;
        }
        const after = params.get('cursor');
        const index = after === null ? 0 : after === CURSOR_1 ? 1 : after === CURSOR_2 ? 2 : -1;
        if (index < 0) {
          send(422, { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });
          return;
        }
        const page = EXPORT_PAGES[index] ?? { entries: [], after: CURSOR_2, end: true };
        send(200, {
          tickets: page.entries.map((entry) => entry.ticket),
          ...(params.get('include') === 'metric_sets'
            ? { metric_sets: page.entries.flatMap((entry) => (entry.metrics ? [entry.metrics] : [])) }
            : {}),
          after_url: `${this.url}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(page.after)}`,
          before_url: null,
          after_cursor: page.after,
          before_cursor: null,
          end_of_stream: page.end,
        });
        return;
      }
      case '/api/v2/users.json': {
        const second = params.get('page[after]') === 'u2';
        send(200, {
          users: second ? USERS.slice(2) : USERS.slice(0, 2),
          meta: { has_more: !second, after_cursor: second ? 'u3' : 'u2', before_cursor: null },
          links: {
            prev: null,
            next: second
              ? null
              : `${this.url}/api/v2/users.json?page%5Bafter%5D=u2&page%5Bsize%5D=100&role%5B%5D=agent&role%5B%5D=admin`,
          },
        });
        return;
      }
      case '/api/v2/groups.json':
        send(200, {
          groups: GROUPS,
          meta: { has_more: false, after_cursor: 'g1', before_cursor: null },
          links: { prev: null, next: null },
        });
        return;
      case '/api/v2/search/export.json':
        send(200, {
          results: CURRENT.map((entry) => ({ ...entry.ticket, result_type: 'ticket' })),
          facets: null,
          meta: { has_more: false, after_cursor: null, before_cursor: null },
          links: { prev: null, next: null },
        });
        return;
      case '/api/v2/tickets/show_many.json': {
        const ids = new Set((params.get('ids') ?? '').split(',').map(Number));
        const found = CURRENT.filter((entry) => ids.has(entry.ticket.id as number));
        send(200, {
          tickets: found.map((entry) => entry.ticket),
          ...(params.get('include') === 'metric_sets'
            ? { metric_sets: found.flatMap((entry) => (entry.metrics ? [entry.metrics] : [])) }
            : {}),
          next_page: null,
          previous_page: null,
          count: found.length,
        });
        return;
      }
      default:
        send(404, { error: 'InvalidEndpoint', description: 'Not found' });
    }
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const server = new TinyZendesk();
let workDir: string;
let counter = 0;
const outputs: Run[] = [];

async function run(env: Record<string, string>, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    // Backoff after a cut-off body takes its shortest wait (half of one second).
    random: () => 0,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    stderrIsTerminal: false,
  });
  const result = { code, stdout, stderr };
  outputs.push(result);
  return result;
}

async function freshDir(name: string): Promise<string> {
  counter++;
  return join(workDir, `${name}-${counter}`);
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const WINDOW = ['--from', '2026-10-01', '--to', '2026-10-03'];
const live = (...flags: string[]) => ['report', '--url', server.url, ...WINDOW, '--format', 'json', ...flags];

function parsed(result: Run): Json {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Json;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'support-kpis-live-'));
  await server.start();
});

afterAll(async () => {
  await server.stop();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  server.role = 'admin';
  server.log.length = 0;
  server.streamLog.length = 0;
});

const EXPECTED_TEAM = {
  created: 4,
  solved: 3,
  backlog: 2,
  frt: { n: 3, median: 30, p90: 45, mean: 30, unreplied: 1 },
  first_resolution: { n: 3, median: 120, p90: 600, mean: 260 },
  full_resolution: { n: 3, median: 120, p90: 1440, mean: 540 },
  requester_wait: { n: 3, median: 90, p90: 400, mean: 550 / 3 },
  on_hold: { n: 3, median: 0, p90: 60, mean: 20 },
  fcr: { rate: 2 / 3, numerator: 2, denominator: 3 },
  one_touch: { rate: 2 / 3, numerator: 2, denominator: 3 },
  reopen: { rate: 1 / 3, numerator: 1, denominator: 3 },
  escalation: { rate: 0.5, numerator: 2, denominator: 4 },
  csat: { rate: 0.5, numerator: 1, denominator: 2, offered: 3 },
  replies_per_solved: 5 / 3,
};

describe('report and export against a live (local) Zendesk', () => {
  it('reports the hand-checked numbers from a live admin pull', async () => {
    const report = parsed(await run(API_ENV, ...live('--no-cache')));

    expect(report.window).toEqual({ from: '2026-10-01T00:00:00Z', to: '2026-10-04T00:00:00Z', tz: 'UTC' });
    expect(report.team).toEqual(EXPECTED_TEAM);
    expect(report.skipped).toBe(0);
    // The contract fixes date, created and solved per day; more keys may be added.
    expect(report.daily).toMatchObject([
      { date: '2026-10-01', created: 1, solved: 1 },
      { date: '2026-10-02', created: 2, solved: 0 },
      { date: '2026-10-03', created: 1, solved: 2 },
    ]);
    const agents = report.agents as Json[];
    expect(agents.map((agent) => [agent.id, agent.name, agent.created, agent.solved, agent.backlog])).toEqual([
      [ANA, 'Ana', 2, 2, 0],
      [BO, 'Bo', 2, 1, 1],
      [null, null, 0, 0, 1],
    ]);
    expect(server.log.map((path) => path.split('?')[0])).toEqual([
      '/api/v2/users/me.json',
      '/api/v2/incremental/tickets/cursor.json',
      '/api/v2/incremental/tickets/cursor.json',
      '/api/v2/users.json',
      '/api/v2/users.json',
      '/api/v2/groups.json',
    ]);
  });

  it('writes progress to stderr as plain lines, then what it read', async () => {
    const result = await run(API_ENV, ...live('--no-cache'));
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).not.toContain('\x1b');
    expect(result.stderr.split('\n')).toEqual([
      'reading tickets · 0 requests · 0 tickets',
      'reading agents and groups · 2 requests · 6 tickets',
      'done · 5 requests · 6 tickets',
      // The event streams only with --include.
      'read 6 tickets with 6 requests (admin path)',
      '',
    ]);
  });

  it('gives the same report from the live account as from its export', async () => {
    const out = await freshDir('export');
    const exported = await run(API_ENV, 'export', '--out', out, '--url', server.url);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/^wrote 5 responses to .* with 6 requests$/m);
    expect((await readdir(out)).sort()).toEqual([
      '0001-tickets.json',
      '0002-tickets.json',
      '0003-users.json',
      '0004-users.json',
      '0005-groups.json',
    ]);
    const firstPage = JSON.parse(await readFile(join(out, '0001-tickets.json'), 'utf8')) as Json;
    expect(firstPage.after_cursor).toBe(CURSOR_1);
    expect((firstPage.metric_sets as Json[]).map((set) => set.ticket_id)).toEqual([201, 202, 203]);

    const fromFiles = parsed(await run({}, 'report', '--input', out, ...WINDOW, '--format', 'json'));
    const fromLive = parsed(await run(API_ENV, ...live('--no-cache')));
    expect(fromLive).toEqual(fromFiles);
    expect(fromFiles.team).toEqual(EXPECTED_TEAM);
  });

  it('gets through a cut-off body, a 429 and a 503 on the way, with the same numbers', async () => {
    server.exportFaults.push('truncate', 429, 503);
    const result = await run(API_ENV, ...live('--no-cache'));
    expect(parsed(result).team).toEqual(EXPECTED_TEAM);
    expect(server.exportFaults).toEqual([]);
    expect(server.log.filter((path) => path.startsWith('/api/v2/incremental/'))).toHaveLength(2 + 3);
    expect(result.stderr).toMatch(/^read 6 tickets with 9 requests \(admin path\)$/m);
    // Each retry is a line of its own, naming what failed and which try follows.
    expect(result.stderr).toMatch(/^the answer was cut off \(.+\): try 2 of 6 in \d+ s$/m);
    expect(result.stderr).toMatch(/^Zendesk answered HTTP 503: try 3 of 6 in \d+ s$/m);
  });

  it('exports through the agent path too, and the export gives the same report', async () => {
    const out = await freshDir('export');
    const exported = await run(API_ENV, 'export', '--out', out, '--url', server.url, '--as', 'agent');
    expect(exported.code, exported.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '0001-tickets.json',
      '0002-users.json',
      '0003-users.json',
      '0004-groups.json',
    ]);
    const fromFiles = parsed(await run({}, 'report', '--input', out, ...WINDOW, '--format', 'json'));
    expect(fromFiles.team).toEqual(EXPECTED_TEAM);
    expect(fromFiles).toEqual(parsed(await run(API_ENV, ...live('--no-cache'))));
  });

  it('reports over a whole account history, from 2007 on', async () => {
    const argv = ['--url', server.url, '--from', '2007-01-01', '--to', '2026-12-31', '--format', 'json', '--no-cache'];
    const report = parsed(await run(API_ENV, 'report', ...argv));
    expect(report.window).toEqual({ from: '2007-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', tz: 'UTC' });
    expect((report.team as Json).created).toBe(5);
  });

  it('takes an OAuth token as well', async () => {
    const report = parsed(await run(OAUTH_ENV, ...live('--no-cache')));
    expect(report.team).toEqual(EXPECTED_TEAM);
  });

  it('reads through the agent path with --as agent and gets the same numbers', async () => {
    const admin = parsed(await run(API_ENV, ...live('--no-cache')));
    server.log.length = 0;
    server.streamLog.length = 0;
    const agent = await run(API_ENV, ...live('--no-cache', '--as', 'agent'));

    expect(parsed(agent)).toEqual(admin);
    expect(server.log.map((path) => path.split('?')[0])).toEqual([
      '/api/v2/search/export.json',
      '/api/v2/tickets/show_many.json',
      '/api/v2/users.json',
      '/api/v2/users.json',
      '/api/v2/groups.json',
    ]);
    expect(server.log[1]).toBe('/api/v2/tickets/show_many.json?ids=206%2C204%2C203%2C202%2C201&include=metric_sets');
    // The event streams only with --include.
    expect(server.streamLog).toHaveLength(0);
    expect(agent.stderr).toMatch(/^read 5 tickets with 5 requests \(agent path\)$/m);
  });

  it('takes the agent path by itself when users/me says agent', async () => {
    server.role = 'agent';
    const result = await run(API_ENV, ...live('--no-cache', '--include', 'events,sla,csat'));
    expect((parsed(result) as { team: unknown }).team).toEqual(EXPECTED_TEAM);
    expect(server.log.some((path) => path.startsWith('/api/v2/incremental/'))).toBe(false);
    expect(server.log[0]).toBe('/api/v2/users/me.json');
    // 6 for the tickets and the directory, 3 for the event streams, each refused (403).
    expect(result.stderr).toMatch(/^read 5 tickets with 9 requests \(agent path\)$/m);
    expect(server.streamLog).toHaveLength(3);
    expect(result.stderr).toMatch(
      /^note: the report leaves out the SLA numbers .*HTTP 403, admins only\); the report has no SLA numbers$/m,
    );
    expect(result.stderr).toMatch(
      /^note: the report leaves out credit to who did the work .*credited to the current assignee/m,
    );
    expect(result.stderr).toMatch(/^reading ticket metrics · /m);
  });

  it('export --include events,sla,csat writes the stream bodies unchanged (0600), and the live report uses them', async () => {
    // test/fixtures/events/ (Zendesk's documented shapes), moved onto ticket 203: Ana (101) is
    // assigned, replies, and passes it to Bo (102), who solves it.
    const onTicket = (records: Json[]) =>
      records.map((record) => {
        const copy = JSON.parse(
          JSON.stringify(record)
            .replaceAll('"assignee_id":11', `"assignee_id":${ANA}`)
            .replaceAll('"assignee_id":12', `"assignee_id":${BO}`)
            .replaceAll('"author_id":11', `"author_id":${ANA}`)
            .replaceAll('"author_id":12', `"author_id":${BO}`),
        ) as Json;
        return { ...copy, ticket_id: 203 };
      });
    const fixture = (name: string) =>
      JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as Record<
        string,
        Json[]
      >;
    server.streams = {
      ticket_events: onTicket(fixture('ticket-events.json')['ticket_events']!),
      ticket_metric_events: onTicket(fixture('ticket-metric-events.json')['ticket_metric_events']!),
      satisfaction_ratings: onTicket(fixture('satisfaction-ratings.json')['satisfaction_ratings']!),
    };
    try {
      const out = await freshDir('export');
      const exported = await run(API_ENV, 'export', '--out', out, '--url', server.url, '--include', 'events,sla,csat');
      expect(exported.code, exported.stderr).toBe(0);
      const names = (await readdir(out)).sort();
      expect(names.filter((name) => /ticket-events|metric-events|ratings/.test(name))).toHaveLength(3);
      for (const name of names) expect((await stat(join(out, name))).mode & 0o777).toBe(0o600);
      const events = JSON.parse(
        await readFile(
          join(
            out,
            names.find((name) => name.includes('ticket-events'))!,
          ),
          'utf8',
        ),
      ) as Json;
      expect(events['ticket_events']).toEqual(server.streams['ticket_events']);

      const report = parsed(await run(API_ENV, ...live('--no-cache', '--include', 'events,sla,csat')));
      expect(report['credit']).toBe('actor');
      const agents = report['agents'] as Json[];
      const ana = agents.find((agent) => agent['id'] === ANA)!;
      // Ana replied first on 203 though Bo holds it now; the SLA outcomes go to whoever held it then.
      expect((ana['sla'] as Record<string, Json>)['all']).toEqual({ achieved: 1, breached: 1, rate: 0.5 });
      const byAssignee = parsed(
        await run(API_ENV, ...live('--no-cache', '--include', 'events,sla,csat', '--credit', 'assignee')),
      );
      expect(byAssignee['credit']).toBe('assignee');
      expect(byAssignee['team']).toEqual(report['team']);
    } finally {
      server.streams = {};
    }
  });

  it('asks only for what changed on a second report with the same cache', async () => {
    const cacheDir = await freshDir('cache');
    const first = await run(API_ENV, ...live('--cache-dir', cacheDir));
    expect(server.log).toHaveLength(6);
    server.log.length = 0;

    const second = await run(API_ENV, ...live('--cache-dir', cacheDir));
    expect(parsed(second)).toEqual(parsed(first));
    expect(server.log).toEqual([
      '/api/v2/users/me.json',
      `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(CURSOR_2)}&include=metric_sets&per_page=1000`,
    ]);
    expect(second.stderr).toMatch(/^read 6 tickets with 2 requests \(admin path, from the cache\)$/m);
  });

  it('keeps one cache per OAuth user: a second user with the same cache directory reads afresh', async () => {
    const cacheDir = await freshDir('cache');
    const ana = await run(OAUTH_ENV, ...live('--cache-dir', cacheDir, '--as', 'admin'));
    expect(ana.code, ana.stderr).toBe(0);
    expect(server.log[0]).toBe('/api/v2/users/me.json');
    server.log.length = 0;

    const bo = await run({ ZENDESK_OAUTH_TOKEN: OAUTH_TOKEN_BO }, ...live('--cache-dir', cacheDir, '--as', 'admin'));
    expect(bo.code, bo.stderr).toBe(0);
    expect(bo.stderr).not.toContain('from the cache');
    expect(server.log.filter((path) => path.includes('start_time='))).toHaveLength(1);
    expect(await readdir(cacheDir)).toHaveLength(2);

    const again = await run(OAUTH_ENV, ...live('--cache-dir', cacheDir, '--as', 'admin'));
    expect(again.stderr).toMatch(/\(admin path, from the cache\)/);
  });

  it('does not go on from a cache written with --since as if it held the whole account', async () => {
    const cacheDir = await freshDir('cache');
    const since = await run(API_ENV, ...live('--cache-dir', cacheDir, '--since', '2026-10-01'));
    expect(since.code, since.stderr).toBe(0);
    // The export starts at --since; the old unsolved tickets come from the search.
    expect(server.log).toContain(
      `/api/v2/incremental/tickets/cursor.json?start_time=${Date.parse('2026-10-01') / 1000}&include=metric_sets&per_page=1000`,
    );
    expect(server.log.some((path) => path.startsWith('/api/v2/search/export.json?query=status%3Csolved'))).toBe(true);
    server.log.length = 0;

    const whole = await run(API_ENV, ...live('--cache-dir', cacheDir));
    expect(whole.stderr).not.toContain('from the cache');
    expect(server.log).toContain(
      '/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets&per_page=1000',
    );
    server.log.length = 0;

    // The whole account's cache serves a later --since as it is.
    const later = await run(API_ENV, ...live('--cache-dir', cacheDir, '--since', '2026-10-01'));
    expect(later.stderr).toMatch(/\(admin path, from the cache\)/);
  });

  it('a cache that cannot be written: the report still comes, with a warning that nothing was cached', async () => {
    const notADirectory = await freshDir('file');
    await writeFile(notADirectory, 'a file where the cache directory would go');
    const result = await run(API_ENV, ...live('--cache-dir', notADirectory));
    expect(parsed(result).team).toEqual(EXPECTED_TEAM);
    expect(result.stderr).toMatch(/^warning: nothing was cached \(.+\); the next report reads everything again$/m);
    expect(result.stderr).not.toContain('resumes');
  });

  it('a Retry-After of a day: exit 1 at once, saying when to come back, and the cache resumes', async () => {
    const cacheDir = await freshDir('cache');
    server.exportFaults.push({ retryAfter: 86_400 });
    const result = await run(API_ENV, ...live('--cache-dir', cacheDir));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^support-kpis: the pull stopped after 1 requests .*asks to wait 1,440 min, longer than the 15 min waited at most; try again after .*; the next run resumes from there$/m,
    );
  });

  it('prints every wait of a few seconds or more on stderr, not a terminal too', async () => {
    server.exportFaults.push({ retryAfter: 6 });
    const result = await run(API_ENV, ...live('--no-cache'));
    expect(parsed(result).team).toEqual(EXPECTED_TEAM);
    expect(result.stderr).toMatch(
      /^rate limited \(HTTP 429\): waiting 6 s as Zendesk's Retry-After says, then try 2 of 11$/m,
    );
  });

  it('refuses a --since after the start of the window', async () => {
    const result = await run(API_ENV, ...live('--no-cache', '--since', '2026-10-02'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^support-kpis: --since 2026-10-02 is after the start of the window/);
    expect(server.log).toHaveLength(0);
  });

  it('never writes a token to stdout, stderr, an exported file or the cache', async () => {
    const cacheDir = await freshDir('cache');
    const out = await freshDir('export');
    expect((await run(API_ENV, ...live('--cache-dir', cacheDir))).code).toBe(0);
    expect((await run(API_ENV, ...live('--cache-dir', cacheDir, '--format', 'table'))).code).toBe(0);
    expect((await run(OAUTH_ENV, ...live('--cache-dir', cacheDir, '--format', 'csv'))).code).toBe(0);
    expect((await run(API_ENV, 'export', '--out', out, '--url', server.url)).code).toBe(0);
    expect((await run({ ...API_ENV, ZENDESK_API_TOKEN: 'wrong-token' }, ...live('--cache-dir', cacheDir))).code).toBe(
      1,
    );

    const cacheFiles = await filesUnder(cacheDir);
    const exportFiles = await filesUnder(out);
    expect(cacheFiles.length).toBeGreaterThan(0);
    expect(exportFiles).toHaveLength(5);
    const written = await Promise.all([...cacheFiles, ...exportFiles].map((file) => readFile(file, 'utf8')));
    for (const text of [...written, ...outputs.flatMap((output) => [output.stdout, output.stderr])]) {
      for (const secret of [...SECRETS, 'wrong-token']) expect(text).not.toContain(secret);
    }
    expect(cacheFiles.every((file) => !file.includes(EMAIL))).toBe(true);
    // The cache names the account and its agents: readable by its owner only.
    expect((await stat(cacheDir)).mode & 0o077).toBe(0);
    for (const file of cacheFiles) expect((await stat(file)).mode & 0o077).toBe(0);
  });
});

describe('live CLI errors', () => {
  it.each([
    [
      'no credentials',
      {},
      'support-kpis: no credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN\n',
    ],
    [
      'an email without a token',
      { ZENDESK_EMAIL: EMAIL },
      'support-kpis: ZENDESK_EMAIL is set but ZENDESK_API_TOKEN is not: both are needed\n',
    ],
    [
      'a token without an email',
      { ZENDESK_API_TOKEN: API_TOKEN },
      'support-kpis: ZENDESK_API_TOKEN is set but ZENDESK_EMAIL is not: both are needed\n',
    ],
  ])('%s: exit 2 with one line naming the variables, nothing sent', async (_, env, message) => {
    const result = await run(env, ...live('--no-cache'));
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
    expect(server.log).toHaveLength(0);
  });

  it('a wrong token: exit 1 with a message about HTTP 401', async () => {
    const result = await run({ ...API_ENV, ZENDESK_API_TOKEN: 'wrong-token' }, ...live('--no-cache'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "support-kpis: GET /api/v2/users/me.json failed with HTTP 401: the credentials were refused (check ZENDESK_EMAIL with ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN) (Zendesk says: Couldn't authenticate you)\n",
    );
    expect(server.log).toEqual(['/api/v2/users/me.json']);
  });

  it('a wrong token with --as admin: exit 1, HTTP 401 named, no resume promised without a cache', async () => {
    const result = await run({ ZENDESK_OAUTH_TOKEN: 'wrong-token' }, ...live('--no-cache', '--as', 'admin'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^support-kpis: the pull stopped after 1 requests with 0 tickets read: GET \/api\/v2\/incremental\/tickets\/cursor\.json\?start_time=0&include=metric_sets&per_page=1000 failed with HTTP 401: the credentials were refused/m,
    );
    expect(result.stderr).not.toContain('resumes');
  });

  it('an agent forcing --as admin gets the 403 explained', async () => {
    server.role = 'agent';
    const result = await run(API_ENV, ...live('--no-cache', '--as', 'admin'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HTTP 403: this user may not call this endpoint \(it may need an admin\)/);
  });

  it('export into a directory that already holds .json files: exit 2, nothing sent', async () => {
    const out = await freshDir('export');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'old.json'), '{}');
    const result = await run(API_ENV, 'export', '--out', out, '--url', server.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `support-kpis: --out: ${out} already holds 1 .json files; export into an empty directory\n`,
    );
    expect(server.log).toHaveLength(0);
    expect(await readdir(out)).toEqual(['old.json']);
  });

  it.each([
    ['report', live('--subdomain', 'acme', '--no-cache')],
    ['export', ['export', '--out', '/nonexistent/never-created', '--subdomain', 'acme', '--url', 'http://127.0.0.1:1']],
  ])('%s with --subdomain and --url: exit 2', async (_, argv) => {
    const result = await run(API_ENV, ...argv);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'support-kpis: give --subdomain or --url, not both\n' });
    expect(server.log).toHaveLength(0);
  });

  it('--cache-dir with --no-cache: exit 2', async () => {
    const result = await run(API_ENV, ...live('--no-cache', '--cache-dir', workDir));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('support-kpis: give --cache-dir or --no-cache, not both\n');
  });

  it('a URL carrying credentials: exit 2 without echoing them', async () => {
    const result = await run(
      API_ENV,
      'report',
      '--url',
      `http://ana:${API_TOKEN}@127.0.0.1:1`,
      ...WINDOW,
      '--no-cache',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('support-kpis: --url: the URL must not carry credentials; use the environment\n');
  });

  it.each([
    [`http://ana:${API_TOKEN}@127.0.0.1:1`],
    [`http://ana:${API_TOKEN}@[not-a-host`],
    [`http://ana:${API_TOKEN}@127.0.0.1:99999999`],
    [`ana:${API_TOKEN}@127.0.0.1`],
    [`${API_TOKEN}@127.0.0.1`],
    [`http://exa mple.com/?access_token=${API_TOKEN}`],
    [`ftp://127.0.0.1/?token=${API_TOKEN}`],
    [`http://127.0.0.1:99999999/#token=${API_TOKEN}`],
  ])('--url %s: exit 2, no credential printed', async (url) => {
    for (const argv of [
      ['report', '--url', url, ...WINDOW, '--no-cache'],
      ['export', '--out', join(workDir, 'never'), '--url', url],
      ['report', '--subdomain', url, ...WINDOW, '--no-cache'],
    ]) {
      const result = await run(API_ENV, ...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^support-kpis: --(url|subdomain): /);
      expect(result.stderr + result.stdout).not.toContain(API_TOKEN);
    }
    expect(server.log).toHaveLength(0);
  });
});
