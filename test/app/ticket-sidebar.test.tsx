// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { TicketSidebar } from '../../src/app/locations/ticket-sidebar';
import { periodFor } from '../../src/app/report/report-period';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { compareAgent } from '../../src/metrics/agent-comparison';
import { computeReport } from '../../src/metrics/compute-report';
import { MemorySnapshotStore, type SnapshotStore } from '../../src/zendesk/account-snapshot';
import { Deferred, FakeResizeObserver, fakeSession, forbidden, type FakeZafClient } from './support/fake-zaf';
import { BOB, NOW, recordsOf, snapshotOf, SPECS, specOf } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/**
 * The ticket sidebar of Bob (agent 102, Europe/Berlin) at 2026-11-15 12:00Z.
 *
 * Last 7 days (2026-11-09 .. 2026-11-15), counted by hand from support/fixture.ts:
 *   Alice: created 1 2 3, solved 1 2 3 → solved 3, FRT 10 20 30 → 20, resolution 180 360 1440 → 360,
 *          FCR 2/3, CSAT 2/3, escalated 0/3, reopened 0/3.
 *   Bob:   created 11 12 13 14, solved 12 13 14 → solved 3, FRT 3 12 90 → 12, resolution 60 240
 *          1440 → 240, FCR 2/3, CSAT 2/3, escalated 1/4 (13 moved groups), reopened 1/3 (13).
 *   Carol: created 19, solved 19 20 → solved 2, FRT 7, resolution 120 4320 → 2220, FCR 1/2, CSAT
 *          1/1, escalated 0/1, reopened 0/2.
 *   Team medians: solved 3, FRT 12, resolution 360, FCR 2/3, CSAT 2/3, escalated 0, reopened 0.
 * Last 30 days, Bob: solved 12 13 14 16 17 40 33 = 7; FRT 3 8 12 16 22 90 120 240 → 19.
 * Ticket 11: new, no reply, created 08:00Z: the requester has waited 4 h.
 */

const TIME_ZONE = 'Europe/Berlin';
const SIDEBAR_KEY = `acme|user:${BOB}|sidebar`;
const TICKET_11 = '/api/v2/tickets/11.json?include=metric_sets%2Cslas%2Cmetric_events';

async function bob(ticketId: number | null = 11, settings: Record<string, unknown> = {}) {
  return fakeSession(
    { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: TIME_ZONE },
    { location: 'ticket_sidebar', ...(ticketId === null ? {} : { ticketId }) },
    settings,
  );
}

async function freshStore(ageMinutes = 2): Promise<MemorySnapshotStore> {
  const store = new MemorySnapshotStore();
  await store.save(snapshotOf(SIDEBAR_KEY, 'agent', SPECS, NOW - ageMinutes * 60_000));
  return store;
}

function renderSidebar(session: ZafSession, store?: SnapshotStore) {
  return render(
    <AppProviders zendeskLocale={session.user.locale} colorScheme="light">
      {store ? <TicketSidebar session={session} store={store} /> : <TicketSidebar session={session} />}
    </AppProviders>,
  );
}

/** A row of the stats table: [mine, team median, standing class]. */
function stat(metric: string): [string, string, string] {
  const mine = screen.getByTestId(`mine-${metric}`);
  const row = mine.closest('tr')!;
  const cells = within(row).getAllByRole('cell');
  return [cells[0]!.textContent ?? '', cells[1]!.textContent ?? '', row.className];
}

/** The value shown for a fact about this ticket. */
function fact(label: string): string {
  const term = within(screen.getByRole('region', { name: 'This ticket' })).getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

const ticketRequests = (client: FakeZafClient) => client.requestsTo('/api/v2/tickets/');

/** The names of the SLAs listed for this ticket, in order. */
const slaNames = () =>
  [...screen.getByRole('region', { name: 'This ticket' }).querySelectorAll('dd[data-sla]')].map(
    (dd) => dd.previousElementSibling?.textContent,
  );

/** Garden's foreground.danger in the light scheme (red 700), as getComputedStyle reports it. */
const DANGER_LIGHT = 'rgb(205, 54, 66)';

isolateEachTest();

describe('TicketSidebar: my stats and this ticket', () => {
  it("shows my stats against the team median and this ticket's facts, for one request when the stats are cached fresh", async () => {
    const { client, session } = await bob();
    client.slas.set(11, {
      policy_metrics: [
        {
          metric: 'first_reply_time',
          stage: 'active',
          breach_at: '2026-11-15T10:00:00Z',
          minutes: -120,
          business_hours: false,
        },
      ],
    });
    renderSidebar(session, await freshStore());

    await screen.findByTestId('mine-solved');
    expect(stat('solved')).toEqual(['3', '3', 'standing-level']);
    expect(stat('frt')).toEqual(['12m', '12m', 'standing-level']);
    // 4 h against 6 h is faster, but on three tickets: level, as the report's scorecards would say.
    expect(stat('full_resolution')).toEqual(['4h', '6h', 'standing-level']);
    expect(stat('fcr')).toEqual(['66.7%', '66.7%', 'standing-level']);
    expect(stat('csat')).toEqual(['66.7%', '66.7%', 'standing-level']);
    // 25% against 0% escalated, and 33.3% against 0% reopened, on four and three tickets: too few to flag.
    expect(stat('escalation')).toEqual(['25%', '0%', 'standing-level']);
    expect(stat('reopen')).toEqual(['33.3%', '0%', 'standing-level']);
    // Level rows carry no mark (as in the report's scorecards), only the words for screen readers.
    const reopenMark = screen.getByTestId('mine-reopen').closest('tr')!.querySelector('[aria-hidden="true"]')!;
    expect(reopenMark.textContent).toBe('');
    expect(screen.getByTestId('mine-reopen').closest('tr')!.querySelector('.visually-hidden')!.textContent).not.toBe(
      '',
    );
    expect(screen.getByText('Updated 2 minutes ago')).toBeInTheDocument();
    // An agent's team figures come through search: only what Zendesk lets Bob see.
    expect(screen.getByText('Team figures cover only the tickets you may see in Zendesk.')).toBeInTheDocument();

    // The same comparison the engine makes from the same tickets.
    const { current } = periodFor({ preset: 'last7' }, TIME_ZONE, NOW);
    const comparison = compareAgent(computeReport(recordsOf(), { window: current }), BOB);
    expect(comparison.map((row) => row.standing)).toEqual(Array(7).fill('level'));

    await waitFor(() => expect(fact('Requester waiting for')).toBe('4h'));
    expect(fact('Replies')).toBe('0');
    expect(fact('Reopens')).toBe('0');
    expect(fact('Group moves')).toBe('0');
    expect(fact('Assignee moves')).toBe('0');
    expect(fact('Escalated')).toBe('No');
    // Overdue is a label in the danger colour, not grey text.
    expect(fact('First reply SLA')).toBe('⚠ Overdue by 2h');
    const overdue = within(screen.getByRole('region', { name: 'This ticket' })).getByText('Overdue by 2h');
    expect(overdue.closest('strong')).toHaveStyle({ color: DANGER_LIGHT });

    expect(client.requests.length).toBeLessThanOrEqual(3);
    expect(client.requests).toEqual([TICKET_11]);
  });

  it('says my stats are credited to the current assignee, and why: no ticket events read (agents cannot read them)', async () => {
    const { session } = await bob(null);
    renderSidebar(session, await freshStore());
    await screen.findByTestId('mine-solved');
    const stats = screen.getByRole('region', { name: 'My stats' });
    expect(
      within(stats).getByText('Credited to the current assignee: your role cannot read ticket events.'),
    ).toBeInTheDocument();
    cleanup();

    const admin = await fakeSession(
      { id: BOB, name: 'Bob Admin', role: 'admin', timeZone: TIME_ZONE },
      { location: 'ticket_sidebar' },
    );
    renderSidebar(admin.session, await freshStore());
    await screen.findByTestId('mine-solved');
    expect(screen.getByText('Credited to the current assignee: ticket events not read.')).toBeInTheDocument();
  });

  it('switches to the last 30 days', async () => {
    const user = userEvent.setup();
    const { session } = await bob();
    renderSidebar(session, await freshStore());
    await screen.findByTestId('mine-solved');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), '30');
    expect(stat('solved')[0]).toBe('7');
    expect(stat('frt')[0]).toBe('19m');
  });

  it('a replied, reopened, escalated ticket with its SLA met', async () => {
    const { client, session } = await bob(13);
    client.slas.set(13, { policy_metrics: [{ metric: 'first_reply_time', stage: 'achieved', breach_at: null }] });
    renderSidebar(session, await freshStore());
    await waitFor(() => expect(fact('First reply after')).toBe('1h 30m'));
    expect(fact('Replies')).toBe('2');
    expect(fact('Reopens')).toBe('1');
    expect(fact('Group moves')).toBe('1');
    expect(fact('Escalated')).toBe('Yes');
    expect(fact('First reply SLA')).toBe('Met');
  });

  it('every policy metric by its own name, first reply first, each with its time left; a paused SLA', async () => {
    const { client, session } = await bob(24);
    client.slas.set(24, {
      policy_metrics: [
        { metric: 'next_reply_time', stage: 'active', breach_at: '2026-11-15T12:10:00Z' },
        { metric: 'first_reply_time', stage: 'active', breach_at: '2026-11-15T13:30:00Z' },
        { metric: 'requester_wait_time', stage: 'active', breach_at: '2026-11-16T12:00:00Z' },
      ],
    });
    renderSidebar(session, await freshStore());
    await waitFor(() => expect(fact('First reply SLA')).toBe('1h 30m left'));
    expect(fact('Next reply SLA')).toBe('10m left');
    expect(fact('Requester wait SLA')).toBe('1d left');
    expect(slaNames()).toEqual(['First reply SLA', 'Next reply SLA', 'Requester wait SLA']);
    cleanup();

    const paused = await bob(25);
    paused.client.slas.set(25, { policy_metrics: [{ metric: 'first_reply_time', stage: 'paused', breach_at: null }] });
    renderSidebar(paused.session, await freshStore());
    await waitFor(() => expect(fact('First reply SLA')).toBe('Paused'));
  });

  it("every SLA the metric events hold, each by its metric's name: breached, met late, overdue, paused, next replies", async () => {
    const { client, session } = await bob(24);
    let id = 1;
    const event = (metric: string, instance_id: number, type: string, time: string, extra: object = {}) => ({
      id: id++,
      ticket_id: 24,
      metric,
      instance_id,
      type,
      time: `2026-11-15T${time}:00Z`,
      ...extra,
    });
    client.slas.set(24, {
      // Zendesk lists the first reply as achieved; its events show it was fulfilled after a live breach.
      policy_metrics: [{ metric: 'first_reply_time', stage: 'achieved', breach_at: '2026-11-15T09:00:00Z' }],
      metric_events: {
        reply_time: [
          event('reply_time', 1, 'apply_sla', '08:00'),
          event('reply_time', 1, 'breach', '09:00', { deleted: false }),
          event('reply_time', 1, 'fulfill', '10:00'),
          // Next reply 1: breached, then replied to. Next reply 2: its breach is scheduled ahead, at 13:00.
          event('reply_time', 2, 'apply_sla', '10:10'),
          event('reply_time', 2, 'breach', '10:40', { deleted: false }),
          event('reply_time', 2, 'fulfill', '10:50'),
          event('reply_time', 3, 'apply_sla', '11:30'),
          event('reply_time', 3, 'breach', '13:00', { deleted: false }),
        ],
        periodic_update_time: [
          event('periodic_update_time', 1, 'apply_sla', '10:00'),
          event('periodic_update_time', 1, 'breach', '14:00', { deleted: true }),
          event('periodic_update_time', 1, 'pause', '11:00'),
        ],
        group_ownership_time: [
          event('group_ownership_time', 1, 'apply_group_sla', '08:00'),
          event('group_ownership_time', 1, 'breach', '11:00', { deleted: false }),
        ],
        // Measured, but no policy applies to it: not an SLA.
        requester_wait_time: [event('requester_wait_time', 0, 'measure', '08:00')],
        agent_work_time: [
          event('agent_work_time', 1, 'apply_sla', '08:00'),
          event('agent_work_time', 1, 'breach', '09:00', { deleted: true }),
          event('agent_work_time', 1, 'fulfill', '08:30'),
        ],
      },
    });
    renderSidebar(session, await freshStore());
    await waitFor(() => expect(fact('First reply SLA')).toBe('⚠ Breached'));
    expect(fact('Next reply SLA')).toBe('1h left · 1 earlier breach');
    expect(fact('Periodic update SLA')).toBe('Paused');
    expect(fact('Agent work SLA')).toBe('Met');
    expect(fact('Group ownership SLA')).toBe('⚠ Overdue by 1h');
    expect(slaNames()).toEqual([
      'First reply SLA',
      'Next reply SLA',
      'Periodic update SLA',
      'Agent work SLA',
      'Group ownership SLA',
    ]);
  });

  it('an SLA metric with no string yet is shown by its API name', async () => {
    const { client, session } = await bob(24);
    client.slas.set(24, {
      policy_metrics: [{ metric: 'total_resolution_time', stage: 'active', breach_at: '2026-11-15T12:30:00Z' }],
    });
    renderSidebar(session, await freshStore());
    await waitFor(() => expect(fact('SLA: total_resolution_time')).toBe('30m left'));
  });

  it('Refresh reads my stats from Zendesk although the cache is fresh, keeping them on screen meanwhile', async () => {
    const { client, session } = await bob(null);
    renderSidebar(session, await freshStore());
    await screen.findByTestId('mine-solved');
    expect(client.requests).toEqual([]);
    await userEvent.click(screen.getByRole('link', { name: 'Refresh' }));
    await waitFor(() => expect(client.requests.length).toBeGreaterThan(0));
    expect(screen.getByTestId('mine-solved')).toBeInTheDocument();
  });

  it('without a ticket, says so and asks for none', async () => {
    const { client, session } = await bob(null);
    renderSidebar(session, await freshStore());
    await screen.findByTestId('mine-solved');
    expect(screen.getByText('Open a ticket to see its numbers.')).toBeInTheDocument();
    expect(client.requests).toEqual([]);
  });
});

describe('TicketSidebar: Zendesk events and the frame', () => {
  it('reads the ticket again when Zendesk says it was updated', async () => {
    const { client, session } = await bob();
    renderSidebar(session, await freshStore());
    await waitFor(() => expect(fact('Requester waiting for')).toBe('4h'));
    expect(ticketRequests(client)).toHaveLength(1);

    client.specs = client.specs.map((spec) =>
      spec.id === 11 ? { ...specOf(11), status: 'open', reply: [250, 200], replies: 1 } : spec,
    );
    client.emit('ticket.updated', { id: 11 });
    await waitFor(() => expect(fact('First reply after')).toBe('4h 10m'));
    expect(fact('Replies')).toBe('1');
    expect(ticketRequests(client)).toEqual([TICKET_11, TICKET_11]);
  });

  it('an SLA that starts running after the sidebar opened counts from the current time', async () => {
    const { client, session } = await bob(13);
    client.slas.set(13, { policy_metrics: [{ metric: 'first_reply_time', stage: 'achieved', breach_at: null }] });
    renderSidebar(session, await freshStore());
    await waitFor(() => expect(fact('First reply SLA')).toBe('Met'));

    // Two hours later the ticket is updated and a first-reply SLA is running, due in 30 minutes.
    vi.setSystemTime(NOW + 2 * 3_600_000);
    client.slas.set(13, {
      policy_metrics: [{ metric: 'first_reply_time', stage: 'active', breach_at: '2026-11-15T14:30:00Z' }],
    });
    client.emit('ticket.updated', { id: 13 });
    await waitFor(() => expect(fact('First reply SLA')).not.toBe('Met'));
    expect(fact('First reply SLA')).toBe('30m left');
  });

  it('asks Zendesk to resize the frame to its content', async () => {
    const { client, session } = await bob();
    const { container } = renderSidebar(session, await freshStore());
    await screen.findByTestId('mine-solved');
    const root = container.querySelector('.sidebar')!;
    client.invocations.length = 0;
    // jsdom lays nothing out: give the document a height to report.
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: 431.2 });
    FakeResizeObserver.fire(root);
    expect(client.invocations).toEqual([{ name: 'resize', args: [{ height: '432px' }] }]);
    Reflect.deleteProperty(document.documentElement, 'scrollHeight');
  });

  it('"Open the full report" routes to the nav-bar app', async () => {
    const user = userEvent.setup();
    const { client, session } = await bob();
    renderSidebar(session, await freshStore());
    await user.click(screen.getByRole('link', { name: 'Open the full report' }));
    expect(client.invocations).toContainEqual({ name: 'routeTo', args: ['nav_bar', 4242] });
  });

  it('stops listening to Zendesk when it goes away', async () => {
    const { client, session } = await bob();
    const { unmount } = renderSidebar(session, await freshStore());
    await screen.findByTestId('mine-solved');
    expect(client.handlers.get('ticket.updated')?.size).toBe(1);
    unmount();
    expect(client.handlers.get('ticket.updated')?.size).toBe(0);
    expect(client.handlers.get('pane.activated')?.size).toBe(0);
  });
});

describe('TicketSidebar: the stats cache', () => {
  it("stats older than the settings' time to live are shown at once, then read again", async () => {
    const { client, session } = await bob();
    const gate = new Deferred();
    client.intercept((url) => (url.startsWith('/api/v2/search/') ? gate.promise.then(() => undefined) : undefined));
    // Only tickets 1-12 in a 45-minute-old snapshot: of those Bob solved one (12) in the last 7 days.
    const store = new MemorySnapshotStore();
    await store.save(
      snapshotOf(
        SIDEBAR_KEY,
        'agent',
        SPECS.filter((spec) => spec.id <= 12),
        NOW - 45 * 60_000,
      ),
    );
    renderSidebar(session, store);

    await screen.findByTestId('mine-solved');
    expect(stat('solved')[0]).toBe('1');
    expect(screen.getByText('Updated 45 minutes ago')).toBeInTheDocument();

    gate.resolve();
    await waitFor(() => expect(stat('solved')[0]).toBe('3'));
    expect(screen.getByText('Updated this minute')).toBeInTheDocument();
    // One search from the snapshot's time (less the overlap), one show_many; the directory is fresh.
    expect(client.requests.filter((url) => url !== TICKET_11).map((url) => url.split('?')[0])).toEqual([
      '/api/v2/search/export.json',
      '/api/v2/tickets/show_many.json',
    ]);
    expect(decodeURIComponent(client.requestsTo('/api/v2/search/')[0]!)).toContain(
      'query=updated>=2026-11-15T11:05:00Z',
    );
    expect((await store.load(SIDEBAR_KEY))?.updatedAt).toBe(NOW);
  });

  it('a longer time to live in the settings keeps the same stats fresh', async () => {
    const { client, session } = await bob(11, { stats_cache_minutes: '60' });
    renderSidebar(session, await freshStore(45));
    await screen.findByTestId('mine-solved');
    await waitFor(() => expect(fact('Replies')).toBe('0'));
    expect(client.requests).toEqual([TICKET_11]);
  });

  it('with no stats cached, reads the last 31 days and every unsolved ticket', async () => {
    const { client, session } = await bob();
    const store = new MemorySnapshotStore();
    renderSidebar(session, store);
    expect(screen.getByText('Reading your stats…')).toBeInTheDocument();
    await screen.findByTestId('mine-solved');
    expect(stat('solved')[0]).toBe('3');
    const searches = client
      .requestsTo('/api/v2/search/')
      .map((url) => new URL(url, 'https://x').searchParams.get('query'));
    expect(searches).toEqual(['updated>=2026-10-15T12:00:00Z', 'status<solved']);
    expect(client.requestsTo('/api/v2/incremental/')).toEqual([]);
    expect((await store.load(SIDEBAR_KEY))?.complete).toBe(true);
  });
});

describe('TicketSidebar: errors', () => {
  it('a ticket that cannot be read shows an error with a retry', async () => {
    const user = userEvent.setup();
    const { client, session } = await bob();
    let missing = true;
    client.intercept((url) =>
      missing && url.startsWith('/api/v2/tickets/11.json')
        ? { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } }
        : undefined,
    );
    renderSidebar(session, await freshStore());

    const section = screen.getByRole('region', { name: 'This ticket' });
    const alert = await within(section).findByRole('alert');
    expect(within(alert).getByText('Not found')).toBeInTheDocument();
    missing = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(fact('Requester waiting for')).toBe('4h'));
    expect(within(section).queryByRole('alert')).toBeNull();
    expect(ticketRequests(client)).toHaveLength(2);
  });

  it('stats that cannot be read show an error with a retry', async () => {
    const user = userEvent.setup();
    const { client, session } = await bob();
    let deny = true;
    client.intercept((url) => (deny && url.startsWith('/api/v2/search/') ? forbidden() : undefined));
    renderSidebar(session, new MemorySnapshotStore());

    const section = screen.getByRole('region', { name: 'My stats' });
    const alert = await within(section).findByRole('alert');
    expect(within(alert).getByText('No access')).toBeInTheDocument();
    expect(screen.queryByTestId('mine-solved')).toBeNull();
    expect(client.requestsTo('/api/v2/search/')).toHaveLength(1);

    deny = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('mine-solved');
    expect(stat('solved')[0]).toBe('3');
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('without a store passed in, a failed stats pull is not sent again on every render', async () => {
    // sidebar-main.tsx renders <TicketSidebar session={session} /> with the default store.
    const { client, session } = await bob();
    client.intercept((url) => (url.startsWith('/api/v2/search/') ? forbidden() : undefined));
    const view = renderSidebar(session);
    const section = screen.getByRole('region', { name: 'My stats' });
    await within(section).findByRole('alert');
    // Render again, twice, as a parent would: a store made per render would start another pull each time.
    for (let i = 0; i < 2; i++) {
      view.rerender(
        <AppProviders zendeskLocale={session.user.locale} colorScheme="light">
          <TicketSidebar session={session} />
        </AppProviders>,
      );
      await within(section).findByRole('alert');
    }
    // Nobody pressed "Try again": one request, as with a store passed in.
    expect(client.requestsTo('/api/v2/search/')).toHaveLength(1);
  });

  it('without a store passed in, cached stats are read once, not on every render', async () => {
    const { IndexedDbSnapshotStore } = await import('../../src/zendesk/browser/indexeddb-snapshot-store');
    await new IndexedDbSnapshotStore().save(snapshotOf(SIDEBAR_KEY, 'agent', SPECS, NOW - 2 * 60_000));
    const load = vi.spyOn(IndexedDbSnapshotStore.prototype, 'load');
    const { session } = await bob();
    const view = renderSidebar(session);
    await screen.findByTestId('mine-solved');
    const afterFirst = load.mock.calls.length;
    for (let i = 0; i < 2; i++) {
      view.rerender(
        <AppProviders zendeskLocale={session.user.locale} colorScheme="light">
          <TicketSidebar session={session} />
        </AppProviders>,
      );
      await screen.findByTestId('mine-solved');
    }
    expect(afterFirst).toBeLessThanOrEqual(2);
    expect(load.mock.calls.length).toBe(afterFirst);
  });
});

describe('TicketSidebar: the team summary', () => {
  const RECORDS = '/api/v2/custom_objects/support_kpis_summary/records.json';
  const medians = { solved: 10, frt: 45, full_resolution: 600, fcr: 0.8, csat: 0.9, escalation: 0.1, reopen: 0.05 };
  const summary = {
    format: 'support-kpis-team-summary-1',
    generated_at: new Date(NOW - 60 * 60_000).toISOString(),
    time_zone: 'Europe/Berlin',
    hours: 'calendar',
    credit: 'assignee',
    min_agents: 3,
    periods: ['last7', 'last30'].map((key) => ({
      key,
      from: '2026-11-09',
      to: '2026-11-15',
      all: { agents: 12, agent_medians: medians, team: null },
      groups: [],
    })),
  };
  const record = {
    id: '01J0000000000000000000000',
    name: 'Support KPIs team summary',
    external_id: 'team-summary',
    created_by_user_id: '101',
    updated_by_user_id: '101',
    created_at: '2026-11-15T11:00:00Z',
    updated_at: '2026-11-15T11:00:00Z',
    custom_object_fields: { payload: JSON.stringify(summary), generated_at: summary.generated_at },
  };

  it("with a published summary: my numbers from my own tickets, the team's medians from the summary, and when it was made", async () => {
    localStorage.clear();
    const { client, session } = await bob(null);
    client.intercept((url) => {
      if (url.startsWith(RECORDS))
        return { status: 200, body: { custom_object_records: [record], meta: { has_more: false } } };
      if (url === '/api/v2/users/101.json') return { status: 200, body: { user: { id: 101, role: 'admin' } } };
      return undefined;
    });
    renderSidebar(session, new MemorySnapshotStore());
    await screen.findByTestId('mine-solved');
    // 3 solved against a median of 10, on 10 or more either side: behind, as the scorecards would say.
    expect(stat('solved')).toEqual(['3', '10', 'standing-behind']);
    expect(stat('frt')[0]).toBe('12m');
    expect(stat('frt')[1]).toBe('45m');
    expect(stat('full_resolution')).toEqual(['4h', '10h', 'standing-level']);
    expect(stat('reopen')[1]).toBe('5%');
    expect(screen.getByTestId('team-source').textContent).toBe(
      'Team medians from the team summary published 1 hour ago.',
    );
    // The summary covers the whole team, not only the tickets Bob may see.
    expect(screen.queryByText('Team figures cover only the tickets you may see in Zendesk.')).toBeNull();
    const searches = client
      .requestsTo('/api/v2/search/')
      .map((url) => new URL(url, 'https://x').searchParams.get('query'));
    expect(searches).toEqual(['assignee:me updated>=2026-10-15T12:00:00Z', 'assignee:me status<solved']);
    expect(client.requestsTo('/api/v2/users.json')).toEqual([]);
  });

  it('without custom objects on the plan: the account as before, and the sidebar says why', async () => {
    localStorage.clear();
    const { client, session } = await bob(null);
    client.intercept((url) => (url.startsWith(RECORDS) ? forbidden() : undefined));
    renderSidebar(session, new MemorySnapshotStore());
    await screen.findByTestId('mine-solved');
    expect(stat('solved')).toEqual(['3', '3', 'standing-level']);
    expect(screen.getByTestId('team-source').textContent).toBe(
      "Custom objects are not available on this plan, so the team medians are worked out here from the account's tickets.",
    );
    expect(screen.getByText('Team figures cover only the tickets you may see in Zendesk.')).toBeInTheDocument();
    const searches = client
      .requestsTo('/api/v2/search/')
      .map((url) => new URL(url, 'https://x').searchParams.get('query'));
    expect(searches).toEqual(['updated>=2026-10-15T12:00:00Z', 'status<solved']);
  });
});
