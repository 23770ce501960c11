import { pullAccount } from '../src/zendesk/account-pull';
import { MemorySnapshotStore } from '../src/zendesk/account-snapshot';
import { ScaledClock } from '../src/zendesk/clock';
import { FetchTransport } from '../src/zendesk/node/fetch-transport';
import { RequestScheduler } from '../src/zendesk/request-scheduler';
import { startLocalZendeskProcess } from './local-zendesk-process';

/**
 * Pulling from the local Zendesk under the enterprise plan's limits, time-scaled (server and client
 * share Zendesk time), reported in Zendesk minutes: requests used against the minimum possible and
 * time against the bound the limits set; then a second pull from the cache; and the naive path
 * (list the tickets, then one metrics request per ticket); or, with `events`, only the first pull
 * with the event streams (its own case: the streams hold ten times the ticket pages, so it runs at
 * a faster time scale to stay inside the bench's child timeout). Prints one JSON line.
 * Usage: pull-case.ts TICKETS SCALE [naive|events]
 */
const tickets = Number(process.argv[2] ?? 20_000);
const scale = Number(process.argv[3] ?? 60);
const naive = process.argv[4] === 'naive';
const events = process.argv[4] === 'events';
const now = Date.parse('2026-11-22T12:00:00Z');
const local = await startLocalZendeskProcess({
  port: 0,
  seed: 1,
  tickets,
  days: 120,
  now,
  timeScale: scale,
  plan: 'enterprise',
  apiToken: 'bench',
  data: null,
  faults: [],
  appDir: 'dist/assets',
});
const clock = new ScaledClock(local.clockNow, scale);
const transport = new FetchTransport({
  baseUrl: local.url,
  credentials: { kind: 'api-token', email: local.adminEmail, token: 'bench' },
});
const result: Record<string, number> = {};
try {
  const visible = local.tickets;
  result['tickets'] = visible;
  // The least any client can send: every ticket at 1000 a page, then the staff and groups lists.
  result['minimumRequests'] = Math.ceil(visible / 1000) + Math.ceil(local.staff / 100) + Math.ceil(local.groups / 100);
  // Incremental exports go 10 a minute: the first ten at once, then ten a minute.
  result['boundMinutes'] = Math.ceil(Math.ceil(visible / 1000) / 10) - 1;
  if (events) await pullWithEvents(visible);
  else await pullTickets();
} finally {
  await local.close();
}
process.stdout.write(`${JSON.stringify(result)}\n`);

async function pullTickets(): Promise<void> {
  const store = new MemorySnapshotStore();
  const scheduler = new RequestScheduler(transport, { clock, concurrency: 1 });
  let started = clock.now();
  const first = await pullAccount({ scheduler, mode: 'admin', store, clock, streams: [] });
  result['pulledTickets'] = first.dataset.tickets.length;
  result['requests'] = first.requests;
  result['minutes'] = (clock.now() - started) / 60_000;
  // A second report a minute later, as a new run (a new scheduler), from the cache.
  await clock.sleep(60_000);
  started = clock.now();
  const second = await pullAccount({
    scheduler: new RequestScheduler(transport, { clock, concurrency: 1 }),
    mode: 'admin',
    store,
    clock,
    streams: [],
  });
  result['cachedRequests'] = second.requests;
  result['cachedSeconds'] = (clock.now() - started) / 1000;
  if (naive) await pullNaively();
}

async function pullWithEvents(visible: number): Promise<void> {
  // The first pull with the event streams, as a new run without a cache: the records of each
  // stream it read give its minimum (1000 a page for the two exports, 100 for the ratings).
  const seen = { 'ticket-events': new Set<number>(), 'metric-events': new Set<number>(), ratings: new Set<number>() };
  const keys = {
    'ticket-events': 'ticket_events',
    'metric-events': 'ticket_metric_events',
    ratings: 'satisfaction_ratings',
  };
  const started = clock.now();
  const withEvents = await pullAccount({
    scheduler: new RequestScheduler(transport, { clock, concurrency: 1 }),
    mode: 'admin',
    store: new MemorySnapshotStore(),
    clock,
    onResponse: (kind, _path, body) => {
      if (kind !== 'ticket-events' && kind !== 'metric-events' && kind !== 'ratings') return;
      for (const record of (body as Record<string, { id: number }[]>)[keys[kind]] ?? []) seen[kind].add(record.id);
    },
  });
  result['eventsRequests'] = withEvents.requests;
  result['eventsMinutes'] = (clock.now() - started) / 60_000;
  result['ticketEvents'] = seen['ticket-events'].size;
  result['metricEvents'] = seen['metric-events'].size;
  result['ratings'] = seen.ratings.size;
  const exportPages =
    Math.ceil(visible / 1000) +
    Math.max(1, Math.ceil(seen['ticket-events'].size / 1000)) +
    Math.max(1, Math.ceil(seen['metric-events'].size / 1000));
  result['eventsMinimumRequests'] =
    exportPages +
    Math.max(1, Math.ceil(seen.ratings.size / 100)) +
    Math.ceil(local.staff / 100) +
    Math.ceil(local.groups / 100);
  // The scheduler spends one budget of ten a minute on every incremental export (the less
  // convenient reading): the three exports' pages together bound the time.
  result['eventsBoundMinutes'] = Math.ceil(exportPages / 10) - 1;
}

async function pullNaively(): Promise<void> {
  const naiveScheduler = new RequestScheduler(transport, { clock, concurrency: 8 });
  const started = clock.now();
  let path: string | null = '/api/v2/tickets.json?page[size]=100';
  const ids: number[] = [];
  while (path) {
    const body = (await naiveScheduler.get(path)).body as {
      tickets: { id: number }[];
      meta: { has_more: boolean };
      links: { next: string | null };
    };
    ids.push(...body.tickets.map((ticket) => ticket.id));
    path =
      body.meta.has_more && body.links.next
        ? new URL(body.links.next).pathname + new URL(body.links.next).search
        : null;
  }
  await Promise.all(ids.map((id) => naiveScheduler.get(`/api/v2/tickets/${id}/metrics.json`)));
  result['naiveRequests'] = naiveScheduler.requests;
  result['naiveMinutes'] = (clock.now() - started) / 60_000;
}
