// @vitest-environment jsdom
import './support/jsdom-setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAccountData } from '../../src/app/data/use-account-data';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { MemorySnapshotStore } from '../../src/zendesk/account-snapshot';
import { Deferred, fakeSession, forbidden, type FakeAnswer } from './support/fake-zaf';
import { ALICE, BOB } from './support/fixture';
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
const isStream = (url: string) => STREAM_PATHS.some((path) => url.startsWith(path));

function streamAnswer(url: string): FakeAnswer | undefined {
  const path = new URL(url, 'https://acme.zendesk.com').pathname;
  const body = BODIES[path];
  return body ? { status: 200, body } : undefined;
}

isolateEachTest();

function renderData(session: ZafSession, store = new MemorySnapshotStore()) {
  return renderHook(() => useAccountData(session, undefined, store));
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
