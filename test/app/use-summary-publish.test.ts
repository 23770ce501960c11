import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSummaryIfDue, PUBLISH_EVERY_MS, summaryTickets } from '../../src/app/data/use-summary-publish';
import { startEmulator, type RunningEmulator } from '../../src/emulator/api-server';
import { summaryWindows } from '../../src/metrics/summary-periods';
import { buildTeamSummary } from '../../src/metrics/team-summary';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import { pullAccount } from '../../src/zendesk/account-pull';
import { FetchTransport } from '../../src/zendesk/node/fetch-transport';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import { readTeamSummary } from '../../src/zendesk/team-summary-record';
import { adminOf, agentOf, API_TOKEN, clientClockOn, frozenClock, MINUTE, smallData } from '../emulator/support';

/**
 * A manager's report publishing the team summary, against the local Zendesk (600 tickets, 30
 * staff): the same document as from every ticket, at most hourly per browser, and a plan without
 * custom objects refused once an hour, not on every load.
 */

const { account, data } = smallData();
const zendeskTime = frozenClock();
const clock = clientClockOn(zendeskTime);

let emulator: RunningEmulator;
let bare: RunningEmulator;
let tickets: TicketRecord[];
beforeAll(async () => {
  emulator = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0 });
  bare = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0, customObjects: false });
  const pulled = await pullAccount({ scheduler: scheduler(adminOf(account).email), mode: 'admin', streams: [], clock });
  tickets = pulled.dataset.tickets;
});
afterAll(async () => {
  await emulator.close();
  await bare.close();
});

function scheduler(email: string, url = emulator.url): RequestScheduler {
  return new RequestScheduler(
    new FetchTransport({ baseUrl: url, credentials: { kind: 'api-token', email, token: API_TOKEN } }),
    { clock },
  );
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('publishing the team summary from the report', () => {
  it('summarises the tickets in play and the unsolved ones exactly as every ticket', () => {
    const now = clock.now();
    for (const timeZone of ['UTC', 'Pacific/Kiritimati']) {
      const some = summaryTickets(tickets, now, timeZone);
      expect(some.length).toBeLessThan(tickets.length);
      const options = { periods: summaryWindows(now, timeZone), now };
      expect(buildTeamSummary(some, options)).toEqual(buildTeamSummary(tickets, options));
    }
  });

  it('publishes what an agent then reads, and again only once the last one is an hour old', async () => {
    const storage = memoryStorage();
    const admin = scheduler(adminOf(account).email);
    const base = { tickets, timeZone: 'Europe/Berlin', account: 'acme', storage };
    const first = await publishSummaryIfDue({ ...base, scheduler: admin, now: clock.now() });
    expect(first.status).toBe('published');
    const read = await readTeamSummary(scheduler(agentOf(account).email));
    expect(read.state).toBe('found');
    if (read.state === 'found') {
      expect(read.summary.time_zone).toBe('Europe/Berlin');
      expect(read.summary.periods.map((period) => period.key)).toEqual(['last7', 'last30']);
    }
    const before = admin.requests;
    expect(await publishSummaryIfDue({ ...base, scheduler: admin, now: clock.now() + 59 * MINUTE })).toEqual({
      status: 'not-due',
    });
    expect(admin.requests).toBe(before);
    const later = await publishSummaryIfDue({ ...base, scheduler: admin, now: clock.now() + PUBLISH_EVERY_MS });
    expect(later.status).toBe('published');
    // The object and its fields exist now: their two reads and the record's upsert.
    expect(admin.requests - before).toBe(3);
  });

  it('a plan without custom objects: the refusal is remembered for the hour', async () => {
    const storage = memoryStorage();
    const admin = scheduler(adminOf(account).email, bare.url);
    const base = { tickets, timeZone: 'UTC', account: 'acme', storage };
    const refused = await publishSummaryIfDue({ ...base, scheduler: admin, now: clock.now() });
    expect(refused.status).toBe('failed');
    if (refused.status === 'failed') expect(refused.message).toContain('on a plan with custom objects');
    const sent = admin.requests;
    expect((await publishSummaryIfDue({ ...base, scheduler: admin, now: clock.now() + MINUTE })).status).toBe(
      'not-due',
    );
    expect(admin.requests).toBe(sent);
  });
});
