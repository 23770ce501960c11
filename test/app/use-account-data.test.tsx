// @vitest-environment jsdom
import './support/jsdom-setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useAccountData, type Ticker } from '../../src/app/data/use-account-data';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { MemorySnapshotStore } from '../../src/zendesk/account-snapshot';
import { Deferred, fakeSession, forbidden, type FakeAnswer } from './support/fake-zaf';
import { ALICE, BOB, NOW } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/**
 * The report's data hook and the event streams: an admin's report shows the tickets first and
 * reads the streams after, in the background; an agent's never asks for them. The streams'
 * bodies are test/fixtures/events/ (Zendesk's documented shapes; ticket 1001: first reply SLA
 * achieved, a requester wait breach, rated good), answered for every stretch (folded twice, the
 * same facts).
 */

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  // jsdom's import.meta.url is not a file URL: the fixtures are found from the project's root.
  JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/events', name), 'utf8')) as Json;
const BODIES: Record<string, Json> = {
  '/api/v2/incremental/ticket_events.json': fixture('ticket-events.json'),
  '/api/v2/incremental/ticket_metric_events.json': fixture('ticket-metric-events.json'),
  '/api/v2/satisfaction_ratings.json': fixture('satisfaction-ratings.json'),
};
const STREAM_PATHS = Object.keys(BODIES);
const STREAM_KEYS: Record<string, string> = {
  '/api/v2/incremental/ticket_events.json': 'ticket_events',
  '/api/v2/incremental/ticket_metric_events.json': 'ticket_metric_events',
  '/api/v2/satisfaction_ratings.json': 'satisfaction_ratings',
};
const isStream = (url: string) => STREAM_PATHS.some((path) => url.startsWith(path));

function streamAnswer(url: string): FakeAnswer | undefined {
  const path = new URL(url, 'https://acme.zendesk.com').pathname;
  const body = BODIES[path];
  return body ? { status: 200, body } : undefined;
}

/**
 * Zendesk's answers when nothing changed since the last pull, which the fake account does not
 * give (its cursor and its search answer with the whole account): the export's cursor gives no
 * ticket and the same cursor back; the search for what was updated since finds nothing; each
 * stream's last page is empty.
 */
function unchangedSince(url: string): FakeAnswer | undefined {
  const parsed = new URL(url, 'https://acme.zendesk.com');
  const cursor = parsed.searchParams.get('cursor');
  if (parsed.pathname === '/api/v2/incremental/tickets/cursor.json' && cursor !== null)
    return {
      status: 200,
      body: { tickets: [], metric_sets: [], after_cursor: cursor, after_url: null, end_of_stream: true, count: 0 },
    };
  const stream = STREAM_KEYS[parsed.pathname];
  if (stream === 'satisfaction_ratings')
    return { status: 200, body: { satisfaction_ratings: [], meta: { has_more: false }, links: { next: null } } };
  if (stream)
    return {
      status: 200,
      body: { [stream]: [], end_of_stream: true, end_time: Number(parsed.searchParams.get('start_time')), count: 0 },
    };
  if (parsed.pathname === '/api/v2/search/export.json')
    return {
      status: 200,
      body: { results: [], facets: null, meta: { has_more: false, after_cursor: null }, links: { next: null } },
    };
  return undefined;
}

isolateEachTest();

/** A ticker the test moves by hand: no timer, no waiting for one. */
class HandTicker {
  private ticks = new Set<() => void>();
  readonly ticker: Ticker = (tick, ms) => {
    expect(ms).toBe(60_000);
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  };
  tick(): void {
    act(() => {
      for (const tick of this.ticks) tick();
    });
  }
}

function renderData(session: ZafSession, store = new MemorySnapshotStore(), hand = new HandTicker()) {
  return renderHook(() => useAccountData(session, undefined, { store, ticker: hand.ticker }));
}

describe('useAccountData: the event streams', () => {
  it("an admin's tickets are on screen, not loading, before any stream is answered; the streams fill in after", async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    const gate = new Deferred();
    client.intercept((url) => (isStream(url) ? gate.promise.then(() => streamAnswer(url)) : undefined));
    const { result } = renderData(session);
    expect(result.current.streams.events).toEqual({ status: 'waiting' });

    await waitFor(() => expect(result.current.streams.events).toEqual({ status: 'loading' }));
    await waitFor(() => expect(result.current.loading).toBe(false));
    // The first number is there while the first stream request is still unanswered.
    expect(result.current.dataset?.tickets.length).toBeGreaterThan(0);
    expect(result.current.wholeSince).toBe(0);
    expect(result.current.timelines).toBeUndefined();
    expect(result.current.problem).toBeNull();
    expect(client.requests.filter(isStream)).toHaveLength(1);

    gate.resolve();
    await waitFor(() => expect(result.current.streams.csat).toEqual({ status: 'read' }));
    expect(result.current.streams).toEqual({
      events: { status: 'read' },
      sla: { status: 'read' },
      csat: { status: 'read' },
    });
    const timelines = result.current.timelines!;
    expect(timelines).toMatchObject({ ticketEvents: true, metricEvents: true });
    const ticket = timelines.byTicket.get(1001)!;
    // Agent 12 solved it and was rated; its SLA targets came from the metric events.
    expect(ticket.people?.solver).toBe(12);
    expect(ticket.ratedAssignee).toBe(12);
    expect(ticket.slaTargets.length).toBeGreaterThan(0);
    // One request per stream: each export's single page (the recent-first stretches need recentFrom).
    expect(client.requests.filter(isStream).map((url) => url.split('?')[0])).toEqual(STREAM_PATHS);
  });

  it('an agent never asks for a stream, and each is marked unreadable for the role', async () => {
    const { client, session } = await fakeSession({ id: BOB, role: 'agent' }, { location: 'nav_bar' });
    const { result } = renderData(session);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.dataset?.tickets.length).toBeGreaterThan(0);
    const role = { status: 'unreadable', reason: 'role' };
    expect(result.current.streams).toEqual({ events: role, sla: role, csat: role });
    expect(result.current.timelines).toBeUndefined();
    expect(client.requests.filter(isStream)).toEqual([]);
  });

  it("streams Zendesk refuses to an admin are unreadable with Zendesk's reason; the tickets stand", async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    client.intercept((url) => (isStream(url) ? forbidden() : undefined));
    const { result } = renderData(session);
    await waitFor(() => expect(result.current.streams.csat.status).toBe('unreadable'));
    expect(result.current.streams.events).toEqual({
      status: 'unreadable',
      reason: 'refused',
      message: expect.stringContaining('403'),
    });
    expect(result.current.problem).toBeNull();
    expect(result.current.timelines).toBeUndefined();
    expect(result.current.dataset?.tickets.length).toBeGreaterThan(0);
  });

  it('a later visit shows the saved streams at once, and a refresh asks one page of each export', async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    client.intercept(streamAnswer);
    const store = new MemorySnapshotStore();
    const first = renderData(session, store);
    await waitFor(() => expect(first.result.current.streams.csat).toEqual({ status: 'read' }));
    first.unmount();
    const before = client.requests.length;

    const gate = new Deferred();
    client.intercept((url) => gate.promise.then(() => (isStream(url) ? streamAnswer(url) : undefined)));
    const second = renderData(session, store);
    // From the snapshot, before Zendesk answers anything.
    await waitFor(() => expect(second.result.current.timelines?.byTicket.get(1001)?.people?.solver).toBe(12));
    expect(second.result.current.streams.sla).toEqual({ status: 'read' });
    gate.resolve();
    await waitFor(() => expect(second.result.current.streams.csat).toEqual({ status: 'read' }));
    await waitFor(() => expect(second.result.current.loading).toBe(false));
    const asked = client.requests.slice(before).map((url) => url.split('?')[0]);
    expect(asked).toEqual(['/api/v2/incremental/tickets/cursor.json', ...STREAM_PATHS]);
  });
});

describe('useAccountData: the survey fields', () => {
  // A snapshot read without a field holds none of its answers: naming the field reads it all again.
  it('reads the account again from the start when the settings name fields the cache did not keep', async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    client.intercept(streamAnswer);
    const store = new MemorySnapshotStore();
    const render = (fieldIds: number[]) =>
      renderHook(() => useAccountData(session, undefined, { store, ticker: new HandTicker().ticker, fieldIds }));
    const ticketPulls = (from: number) =>
      client.requests
        .slice(from)
        .filter((url) => url.startsWith('/api/v2/incremental/tickets/cursor.json'))
        .map((url) => (new URL(url, 'https://acme.zendesk.com').searchParams.has('cursor') ? 'cursor' : 'start'));
    const loaded = async (view: ReturnType<typeof render>) => {
      await waitFor(() => expect(view.result.current.streams.csat).toEqual({ status: 'read' }));
      await waitFor(() => expect(view.result.current.loading).toBe(false));
    };
    const key = `${session.context.account.subdomain}|user:${ALICE}`;

    const first = render([]);
    await loaded(first);
    first.unmount();
    expect((await store.load(key))?.fieldIds).toEqual([]);

    const before = client.requests.length;
    const named = render([360_020_004, 360_020_003]);
    await loaded(named);
    named.unmount();
    expect(ticketPulls(before)[0]).toBe('start');
    expect((await store.load(key))?.fieldIds).toEqual([360_020_003, 360_020_004]);

    const again = client.requests.length;
    const same = render([360_020_003, 360_020_004]);
    await loaded(same);
    expect(ticketPulls(again)).not.toContain('start');
  });
});

describe('useAccountData: refresh while open', () => {
  it("an admin's report refreshes every minute with one request per export when nothing changed, and keeps what is on screen", async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    client.intercept(streamAnswer);
    const hand = new HandTicker();
    const { result } = renderData(session, new MemorySnapshotStore(), hand);
    await waitFor(() => expect(result.current.streams.csat).toEqual({ status: 'read' }));
    const { dataset, timelines } = result.current;
    const before = client.requests.length;
    client.intercept(unchangedSince);

    vi.setSystemTime(NOW + 5 * 60_000);
    hand.tick();
    await waitFor(() => expect(result.current.updatedAt).toBe(NOW + 5 * 60_000));
    await waitFor(() => expect(client.requests.length).toBe(before + 4));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(client.requests.slice(before).map((url) => url.split('?')[0])).toEqual([
      '/api/v2/incremental/tickets/cursor.json',
      ...STREAM_PATHS,
    ]);
    // The same objects: nothing on screen is recomputed, filters and drill-downs stay as they are.
    expect(result.current.dataset).toBe(dataset);
    expect(result.current.timelines).toBe(timelines);
    expect(result.current.problem).toBeNull();
  });

  it('refreshes go on from the data on screen without reading the cache again, until a refresh fails', async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    client.intercept(streamAnswer);
    const store = new MemorySnapshotStore();
    const loads = vi.spyOn(store, 'load');
    const hand = new HandTicker();
    const { result } = renderData(session, store, hand);
    await waitFor(() => expect(result.current.streams.csat).toEqual({ status: 'read' }));
    await waitFor(() => expect(result.current.loading).toBe(false));
    // The first load reads the cache once (empty here); its pulls go on from what it read.
    expect(loads).toHaveBeenCalledTimes(1);
    client.intercept(unchangedSince);
    for (let minute = 1; minute <= 3; minute++) {
      const before = client.requests.length;
      hand.tick();
      await waitFor(() => expect(client.requests.length).toBe(before + 4));
      await waitFor(() => expect(result.current.loading).toBe(false));
    }
    expect(loads).toHaveBeenCalledTimes(1);
    expect(store.saves).toBeGreaterThan(0);

    // A refresh that fails leaves its checkpoint in the cache: the next one starts from there.
    const failing = client.intercept((url) =>
      url.includes('/incremental/tickets/') ? { status: 404, body: { error: 'RecordNotFound' } } : undefined,
    );
    hand.tick();
    await waitFor(() => expect(result.current.problem).not.toBeNull());
    failing();
    hand.tick();
    await waitFor(() => expect(loads).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(result.current.problem).toBeNull());
  });

  it('a refresh that finds a changed ticket shows it', async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    client.intercept(streamAnswer);
    const hand = new HandTicker();
    const { result } = renderData(session, new MemorySnapshotStore(), hand);
    await waitFor(() => expect(result.current.streams.csat).toEqual({ status: 'read' }));
    const dataset = result.current.dataset!;
    const spec = client.specs[0]!;
    expect(dataset.tickets.find((ticket) => ticket.id === spec.id)?.status).not.toBe('hold');
    // Ticket 1 put on hold now: the export's cursor answers with the account as it stands.
    client.specs = [{ ...spec, status: 'hold' }, ...client.specs.slice(1)];
    hand.tick();
    await waitFor(() => expect(result.current.dataset).not.toBe(dataset));
    expect(result.current.dataset!.tickets.find((ticket) => ticket.id === spec.id)?.status).toBe('hold');
  });

  it("an agent's refresh when nothing changed is one search request", async () => {
    const { client, session } = await fakeSession({ id: BOB, role: 'agent' }, { location: 'nav_bar' });
    const hand = new HandTicker();
    const { result } = renderData(session, new MemorySnapshotStore(), hand);
    await waitFor(() => expect(result.current.loading).toBe(false));
    const { dataset } = result.current;
    const before = client.requests.length;
    client.intercept(unchangedSince);
    hand.tick();
    await waitFor(() => expect(client.requests.length).toBe(before + 1));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(client.requests[before]).toMatch(/^\/api\/v2\/search\/export\.json/);
    expect(result.current.dataset).toBe(dataset);
  });

  it('a tick while a load is under way sends nothing; Refresh reads at once', async () => {
    const { client, session } = await fakeSession({ id: ALICE, role: 'admin' }, { location: 'nav_bar' });
    const gate = new Deferred();
    client.intercept((url) => (isStream(url) ? gate.promise.then(() => streamAnswer(url)) : undefined));
    const hand = new HandTicker();
    const { result } = renderData(session, new MemorySnapshotStore(), hand);
    await waitFor(() => expect(client.requests.filter(isStream)).toHaveLength(1));
    const before = client.requests.length;
    // The streams are still being read in the background: the minute's refresh waits for them.
    hand.tick();
    expect(client.requests).toHaveLength(before);

    // Refresh replaces that read: the tickets first, then the streams from where they stand.
    act(() => result.current.refresh());
    gate.resolve();
    await waitFor(() => expect(result.current.streams.csat).toEqual({ status: 'read' }));
    expect(client.requests[before]).toMatch(/^\/api\/v2\/incremental\/tickets\/cursor\.json/);
  });
});
