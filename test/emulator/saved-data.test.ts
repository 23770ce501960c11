import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readInputFiles } from '../../src/zendesk/node/saved-response-files';
import { FALLBACK_ADMIN_EMAIL, SavedAccountData } from '../../src/emulator/saved-account-data';
import { buildDataset } from '../../src/zendesk/response-dataset';
import { basicAuth, bearer, ids, sorted, startTestEmulator, type Json, type TestEmulator } from './support';

/** `--data DIR`: saved responses served as a standing account. */

const LOCAL = fileURLToPath(new URL('../fixtures/zendesk/local/recorded', import.meta.url));
const EMBULK = fileURLToPath(new URL('../fixtures/zendesk/embulk', import.meta.url));

let env: TestEmulator | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

async function exportAll(
  api: TestEmulator,
  include = '',
): Promise<{ tickets: Json[]; metricSets: Json[]; pages: number }> {
  const tickets: Json[] = [];
  const metricSets: Json[] = [];
  let path = `/api/v2/incremental/tickets/cursor.json?start_time=0${include}`;
  let pages = 0;
  for (; pages < 10; pages++) {
    const reply = await api.get(path);
    expect(reply.status, reply.text).toBe(200);
    tickets.push(...(reply.body['tickets'] as Json[]));
    metricSets.push(...((reply.body['metric_sets'] as Json[] | undefined) ?? []));
    if (reply.body['end_of_stream'] === true) break;
    path = `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(String(reply.body['after_cursor']))}${include}`;
  }
  return { tickets, metricSets, pages: pages + 1 };
}

describe('saved data (recorded/local)', () => {
  it('serves, through the cursor export, exactly the tickets buildDataset reads from the files, each once, as last recorded', async () => {
    const files = await readInputFiles(LOCAL);
    const dataset = buildDataset(files.sources);
    expect(dataset.tickets.length).toBeGreaterThan(1000);
    const data = new SavedAccountData(files.sources);
    env = await startTestEmulator({ data, adminEmail: FALLBACK_ADMIN_EMAIL });
    const { tickets, pages } = await exportAll(env);
    expect(pages).toBe(2);
    expect(tickets.length).toBe(dataset.tickets.length);
    expect(sorted(ids(tickets))).toEqual(sorted(dataset.tickets.map((t) => t.id)));
    // The later occurrence wins in both.
    const statusById = new Map(dataset.tickets.map((t) => [t.id, t.status]));
    for (const ticket of tickets) expect(ticket['status']).toBe(statusById.get(ticket['id'] as number));
    // In stream order.
    for (let i = 1; i < tickets.length; i++) {
      expect(tickets[i]!['generated_timestamp'] as number).toBeGreaterThanOrEqual(
        tickets[i - 1]!['generated_timestamp'] as number,
      );
    }
  });

  it('has no admin of its own, so it adds the fallback admin, who can sign in and export', async () => {
    const files = await readInputFiles(LOCAL);
    const data = new SavedAccountData(files.sources);
    const staff = data.users().filter((user) => user.role !== 'end-user');
    expect(staff).toEqual([expect.objectContaining({ role: 'admin', email: FALLBACK_ADMIN_EMAIL })]);
    expect(FALLBACK_ADMIN_EMAIL).toBe('admin@emulator.invalid');
    env = await startTestEmulator({ data, adminEmail: FALLBACK_ADMIN_EMAIL });
    const me = await env.get('/api/v2/users/me.json', { auth: basicAuth(FALLBACK_ADMIN_EMAIL) });
    expect(me.status).toBe(200);
    expect(me.body['user']).toEqual(expect.objectContaining({ email: FALLBACK_ADMIN_EMAIL, role: 'admin' }));
    expect((await env.get('/api/v2/users/me.json', { auth: bearer(staff[0]!.id) })).status).toBe(200);
    // The recorded end users are listed but cannot sign in.
    const endUser = data.users().find((user) => user.role === 'end-user')!;
    expect((await env.get('/api/v2/users/me.json', { auth: basicAuth(endUser.email) })).status).toBe(401);
    const users = await env.get('/api/v2/users.json?role=end-user&per_page=1');
    expect(users.body['count']).toBe(data.users().length - 1);
  });

  it('shows a saved ticket, but has no audits, metric events or SLAs behind it', async () => {
    const files = await readInputFiles(LOCAL);
    const data = new SavedAccountData(files.sources);
    env = await startTestEmulator({ data, adminEmail: FALLBACK_ADMIN_EMAIL });
    const some = data.allTickets().find((v) => v.ticket['status'] !== 'deleted')!;
    const shown = await env.get(`/api/v2/tickets/${some.id}.json?include=slas,metric_events`);
    expect(shown.status).toBe(200);
    expect(shown.body['ticket']).toEqual({ ...some.ticket, slas: { policy_metrics: [] }, metric_events: {} });
    expect((await env.get(`/api/v2/tickets/${some.id}/audits.json`)).status).toBe(404);
    // No metric set was recorded for the local tickets.
    expect((await env.get(`/api/v2/tickets/${some.id}/metrics.json`)).status).toBe(404);
  });
});

describe('saved data (recorded/embulk)', () => {
  it('serves the same tickets as buildDataset from the whole folder, ignoring bodies that are not data', async () => {
    const files = await readInputFiles(EMBULK);
    const dataset = buildDataset(files.sources);
    expect(dataset.warnings.some((w) => w.source.endsWith('scores.json'))).toBe(true);
    env = await startTestEmulator({ data: new SavedAccountData(files.sources), adminEmail: FALLBACK_ADMIN_EMAIL });
    const { tickets } = await exportAll(env);
    expect(sorted(ids(tickets))).toEqual(sorted(dataset.tickets.map((t) => t.id)));
    expect(tickets).toHaveLength(dataset.tickets.length);
  });

  it('serves the recorded metric sets with include=metric_sets', async () => {
    const files = await readInputFiles(`${EMBULK}/ticket_metrics.json`);
    const dataset = buildDataset(files.sources);
    const data = new SavedAccountData(files.sources, 'embulk');
    expect(data.subdomain).toBe('embulk');
    env = await startTestEmulator({ data, adminEmail: FALLBACK_ADMIN_EMAIL });
    const { tickets, metricSets } = await exportAll(env, '&include=metric_sets');
    expect(sorted(ids(tickets))).toEqual(sorted(dataset.tickets.map((t) => t.id)));
    const recorded = JSON.parse(readFileSync(`${EMBULK}/ticket_metrics.json`, 'utf8')) as { metric_sets: Json[] };
    for (const set of recorded.metric_sets) {
      expect(metricSets).toContainEqual(set);
    }
    // Embedded metric sets are served alone, without the embedding.
    expect(tickets.every((t) => !('metric_set' in t))).toBe(true);
    const metric = await env.get(`/api/v2/tickets/${recorded.metric_sets[0]!['ticket_id']}/metrics.json`);
    expect(metric.body['ticket_metric']).toEqual(recorded.metric_sets[0]);
  });
});

describe('saved data with event pages (export --include events,sla,csat)', () => {
  const EVENTS = fileURLToPath(new URL('../fixtures/events', import.meta.url));
  const sources = ['ticket-events.json', 'ticket-metric-events.json', 'satisfaction-ratings.json'].map((file) => ({
    name: `${EVENTS}/${file}`,
    body: JSON.parse(readFileSync(`${EVENTS}/${file}`, 'utf8')) as unknown,
  }));
  const saved = (name: string) => JSON.parse(readFileSync(`${EVENTS}/${name}`, 'utf8')) as Record<string, Json[]>;

  it('serves the saved ticket events, metric events and ratings through the exports, each once, in time order', async () => {
    env = await startTestEmulator({ data: new SavedAccountData(sources), adminEmail: FALLBACK_ADMIN_EMAIL });
    const events = await env.get('/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events');
    expect(events.status, events.text).toBe(200);
    expect(events.body['ticket_events']).toEqual(saved('ticket-events.json')['ticket_events']);
    expect(events.body['end_of_stream']).toBe(true);
    const metric = await env.get('/api/v2/incremental/ticket_metric_events.json?start_time=0');
    const expected = [...saved('ticket-metric-events.json')['ticket_metric_events']!].sort(
      (a, b) => Date.parse(String(a['time'])) - Date.parse(String(b['time'])) || Number(a['id']) - Number(b['id']),
    );
    expect(metric.body['ticket_metric_events']).toEqual(expected);
    const ratings = await env.get('/api/v2/satisfaction_ratings.json?page[size]=100');
    expect(ratings.body['satisfaction_ratings']).toEqual(saved('satisfaction-ratings.json')['satisfaction_ratings']);
    const later = await env.get(
      `/api/v2/incremental/ticket_events.json?start_time=${Date.parse('2026-10-02T00:00:00Z') / 1000}`,
    );
    expect(ids(later.body['ticket_events'] as Json[])).toEqual([5020, 5030]);
  });

  it('serves empty event exports when the saved responses hold no event pages', async () => {
    env = await startTestEmulator({ data: new SavedAccountData([]), adminEmail: FALLBACK_ADMIN_EMAIL });
    const reply = await env.get('/api/v2/incremental/ticket_metric_events.json?start_time=0');
    expect(reply.body['ticket_metric_events']).toEqual([]);
    expect(reply.body['end_of_stream']).toBe(true);
  });
});
