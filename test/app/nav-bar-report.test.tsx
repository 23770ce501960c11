// @vitest-environment jsdom
import './support/jsdom-setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { createFormatters } from '../../src/app/i18n/formatters';
import { NavBarReport } from '../../src/app/locations/nav-bar-report';
import { formatValue } from '../../src/app/report/kpi-tile';
import { buildTiles } from '../../src/app/report/kpi-tiles-model';
import { historyStart, periodFor } from '../../src/app/report/report-period';
import { readSettings, visibleAgentIds } from '../../src/app/app-settings';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { computeReport } from '../../src/metrics/compute-report';
import { ticketsBehind } from '../../src/metrics/drill-down';
import { IndexedDbSnapshotStore } from '../../src/zendesk/browser/indexeddb-snapshot-store';
import { Deferred, fakeSession, forbidden } from './support/fake-zaf';
import { ALICE, BOB, CAROL, NOW, recordsOf, snapshotOf, SPECS, TIER1, USER_NAMES } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/**
 * The nav-bar report against the fake account (support/fixture.ts), now = 2026-11-15 12:00Z, the
 * viewer in Europe/Berlin: the last 30 days are 2026-10-17 .. 2026-11-15.
 *
 * Counted by hand from the fixture's table:
 * - created in the window: ids 1-25 (no 26) and 39, 40 = 27; the deleted 27 and the merged 28 are
 *   left out. Previous 30 days: 29, 30, 31, 32, 33, 34 = 6.
 * - first reply time (calendar) of those 27: 24 have one; sorted 1 2 3 4 5 7 8 10 12 15 16 20 22
 *   25 30 35 40 45 60 90 120 240 600 1440: median (20 + 22) / 2 = 21 min, p90 (22nd) 240 min.
 *   Business hours: 1 2 3 4 5 7 8 8 10 10 15 15 17 20 25 30 30 40 40 60 60 120 300 480: median
 *   (15 + 17) / 2 = 16, p90 120. Previous period (calendar): 20 30 50 70 100 300: median 60.
 * - solved in the window: 1 2 3 4 5 7 8 9 39 (Alice, 9), 12 13 14 16 17 40 33 (Bob, 7),
 *   19 20 22 23 37 (Carol, 5) = 21. Rated: good 1 2 4 8 9 39 12 14 17 33 19 22 23 (13), bad 3 13 16
 *   37 (4): CSAT 13/17 = 76.5%. Previous: 2 of 4 = 50%.
 * - backlog now: 6 10 11 15 18 21 24 25 34 36 = 10.
 * - channel "chat": created 5 11 12 13 16 18 23 39 = 8; FRT 1 2 3 4 8 90 240: median 4 min;
 *   rated 12 good, 13 bad, 16 bad, 23 good, 39 good: 60%; backlog 11, 18 = 2.
 * - per agent FRT median: Alice 1 2 5 10 15 20 25 30 35 45 60 → 20; Bob 3 8 12 16 22 90 120 240
 *   → 19; Carol 4 7 40 600 1440 → 40; unassigned none.
 */

const TIME_ZONE = 'Europe/Berlin';
/**
 * The pull's requests: all but what the report reads beside it (report-lookups.ts), the brand
 * names and the subjects of the tickets a list shows (show_many without the pull's metric sets).
 */
const pullRequests = (client: { requests: string[] }) =>
  client.requests.filter(
    (url) =>
      !url.startsWith('/api/v2/brands') &&
      !(url.startsWith('/api/v2/tickets/show_many.json') && !url.includes('include=')),
  );
const en = createFormatters('en-US');

function renderReport(session: ZafSession, locale = session.user.locale) {
  return render(
    <AppProviders zendeskLocale={locale} colorScheme="light">
      <NavBarReport session={session} />
    </AppProviders>,
  );
}

/** Waits until the pull is over (tiles may show partial results before the staff directory arrives). */
async function loaded() {
  await waitFor(() => expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 });
}

const tileText = (key: string) => screen.getByTestId(`kpi-${key}`).textContent;
const tileButton = (key: string) => screen.getByTestId(`kpi-${key}`).closest('button')!;

/** The scorecard's rows below the header: the team row, then one per agent, as shown. */
function scorecardRows(): string[] {
  const table = screen.getByRole('table', { name: /One row per agent and a team row/ });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent ?? '');
}

async function admin(settings: Record<string, unknown> = {}) {
  return fakeSession(
    { id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: TIME_ZONE },
    { location: 'nav_bar' },
    settings,
  );
}

isolateEachTest();
// The report remembers each user's choices in localStorage; every test starts from a first visit.
beforeEach(() => localStorage.clear());

describe('NavBarReport: first load', () => {
  it('shows the progress bar, then tiles equal to computeReport on the same tickets for the last 30 days', async () => {
    const { client, session } = await admin();
    renderReport(session);
    expect(screen.getByRole('progressbar', { name: 'Reading tickets from Zendesk' })).toBeInTheDocument();
    expect(screen.getByText('Connecting to Zendesk…')).toBeInTheDocument();
    expect(screen.queryByTestId('kpi-frt')).toBeNull();

    await loaded();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());

    // Hand-counted (see the top of this file).
    expect(tileText('frt')).toBe('21m');
    expect(tileText('created')).toBe('27');
    expect(tileText('csat')).toBe('76.5%');
    expect(tileText('solved')).toBe('21');
    expect(tileText('backlog')).toBe('10');
    expect(tileButton('frt')).toHaveTextContent('p90 4h');
    expect(tileButton('frt')).toHaveTextContent('down 39m on the previous period (better)');
    expect(tileButton('csat')).toHaveTextContent('17 ratings');
    expect(tileButton('csat')).toHaveTextContent('up 26.5 points on the previous period (better)');
    expect(tileButton('created')).toHaveTextContent('up 21 on the previous period');
    expect(tileButton('backlog')).toHaveTextContent('not compared with a past period');

    // And every tile is what the engine computes from the same tickets for the same windows.
    const period = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const records = recordsOf();
    const report = computeReport(records, { window: period.current, agentNames: USER_NAMES });
    const before = computeReport(records, { window: period.previous });
    expect(report.team.frt.median).toBe(21);
    expect(report.team.created).toBe(27);
    expect(report.team.csat.rate).toBe(13 / 17);
    for (const tile of buildTiles(report.team, before.team, readSettings({}).targets)) {
      expect(tileText(tile.key), tile.key).toBe(formatValue(en, tile.kind, tile.value));
    }

    // This period first, then the one before, then the older history, then what changed
    // meanwhile; one page of staff, one of groups. Then, in the background, what changed since,
    // and the three event streams (empty here) stretch by stretch in the same order.
    // Each export has its own 10 a minute (as Zendesk counts them), so all three streams reach the
    // history's start in the first minute. Beside the pull, the admin's whole load publishes the
    // team summary (custom objects, its own requests).
    const exportsAndDirectory = () => pullRequests(client).filter((url) => !url.includes('/custom_objects'));
    await waitFor(() => expect(exportsAndDirectory()).toHaveLength(17));
    await waitFor(() =>
      expect(pullRequests(client).some((url) => url.startsWith('/api/v2/custom_objects/support_kpis_summary'))).toBe(
        true,
      ),
    );
    const [current, before2] = [period.current.from / 1000, period.previous.from / 1000].map(Math.floor);
    // The history goes back history_days (default 400), not to the account's beginning.
    const history = historyStart(400, TIME_ZONE, NOW).from;
    const streamsFrom = (from: number) => [
      `/api/v2/incremental/ticket_events.json?start_time=${from}`,
      `/api/v2/incremental/ticket_metric_events.json?start_time=${from}`,
      `/api/v2/satisfaction_ratings.json?start_time=${from}`,
    ];
    expect(exportsAndDirectory().map((url) => url.split('&')[0])).toEqual([
      // The directory first, so the first numbers on screen already name groups and agents.
      expect.stringMatching(/^\/api\/v2\/users\.json/),
      expect.stringMatching(/^\/api\/v2\/groups\.json/),
      `/api/v2/incremental/tickets/cursor.json?start_time=${current}`,
      `/api/v2/incremental/tickets/cursor.json?start_time=${before2}`,
      `/api/v2/incremental/tickets/cursor.json?start_time=${history}`,
      expect.stringMatching(/^\/api\/v2\/incremental\/tickets\/cursor\.json\?cursor=/),
      // Every ticket still unsolved, whatever its age, for the backlog.
      expect.stringMatching(/^\/api\/v2\/search\/export\.json\?query=status%3Csolved/),
      expect.stringMatching(/^\/api\/v2\/incremental\/tickets\/cursor\.json\?cursor=/),
      ...streamsFrom(current!),
      ...streamsFrom(before2!),
      ...streamsFrom(history),
    ]);
    // Every stream has reached its end (empty here): nothing is said to be still reading.
    await waitFor(() => expect(screen.queryByTestId('stream-notice')).toBeNull());
    expect(client.requestOptions[0]).toMatchObject({ type: 'GET', httpCompleteResponse: true, autoRetry: false });
    expect(screen.getByText('Updated this minute')).toBeInTheDocument();
  });

  it('shows this period whole before the one before it has arrived, and its changes once it has', async () => {
    const { client, session } = await admin();
    const period = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const gate = new Deferred();
    const previousStretch = `start_time=${Math.floor(period.previous.from / 1000)}&`;
    client.intercept((url) => (url.includes(previousStretch) ? gate.promise.then(() => undefined) : undefined));
    renderReport(session);

    await waitFor(() => expect(tileText('created')).toBe('27'));
    expect(tileText('frt')).toBe('21m');
    expect(tileButton('frt')).toHaveTextContent('previous period not read yet');
    expect(tileButton('created')).toHaveTextContent('previous period not read yet');
    // The backlog counts old unsolved tickets too (34 and 36 are still to come): it says so.
    expect(tileButton('backlog')).toHaveTextContent('older tickets not read yet');
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    // A longer period reaches back past what is in: its own numbers are not whole yet.
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'last90');
    expect(tileButton('frt')).toHaveTextContent('this period is not all read yet');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'last30');

    gate.resolve();
    await waitFor(() => expect(tileButton('frt')).toHaveTextContent('down 39m on the previous period (better)'));
    expect(tileButton('created')).toHaveTextContent('up 21 on the previous period');
    await waitFor(() => expect(tileButton('backlog')).toHaveTextContent('not compared with a past period'));
    expect(tileText('backlog')).toBe('10');
  });

  it('names groups and agents from the first numbers on, never "#id" while the rest is loading', async () => {
    const { client, session } = await admin();
    const period = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const gate = new Deferred();
    const previousStretch = `start_time=${Math.floor(period.previous.from / 1000)}&`;
    client.intercept((url) => (url.includes(previousStretch) ? gate.promise.then(() => undefined) : undefined));
    renderReport(session);

    await waitFor(() => expect(tileText('created')).toBe('27'));
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    const groupOptions = within(screen.getByRole('combobox', { name: 'Group' }))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(groupOptions).toContain('Tier 1');
    expect(groupOptions.filter((label) => /^#\d/.test(label ?? ''))).toEqual([]);
    expect(scorecardRows().filter((name) => /#\d|unknown/i.test(name))).toEqual([]);
    gate.resolve();
    await loaded();
  });

  it('shows targets from the settings as met or missed, and names unreadable settings', async () => {
    const { session } = await admin({
      target_frt_minutes: '30',
      target_csat_percent: '90',
      target_resolution_minutes: 'soon',
    });
    renderReport(session);
    await loaded();
    expect(tileButton('frt')).toHaveTextContent('Target 30m: met');
    expect(tileButton('csat')).toHaveTextContent('Target 90%: missed');
    expect(
      screen.getByText('Some app settings could not be read and use their defaults: target_resolution_minutes.'),
    ).toBeInTheDocument();
  });
});

describe('NavBarReport: controls', () => {
  it('says no tickets match a filter that leaves nothing, and clears the filters on request', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();
    // No chat ticket of the fixture is a question (created, solved or in the backlog).
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'chat');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'question');
    expect(screen.getByRole('status')).toHaveTextContent('No tickets match these filters in this period.');
    expect(screen.queryByTestId('kpi-created')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(tileText('created')).toBe('27');
    expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveValue('');
  });

  it('remembers the period, filters and hours per user between visits', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    const first = renderReport(session);
    await loaded();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'last7');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'chat');
    await user.click(screen.getByRole('switch', { name: 'Business hours' }));
    first.unmount();

    const again = renderReport(session);
    await loaded();
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveValue('last7');
    expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveValue('chat');
    expect(screen.getByRole('switch', { name: 'Business hours' })).toBeChecked();
    again.unmount();

    // Another user of the same browser starts from the defaults.
    const { session: bob } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(bob);
    await loaded();
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveValue('last30');
    expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveValue('');
  });

  it('offers managers the credit control with its definition; agents do not get it', async () => {
    const { session } = await admin();
    renderReport(session);
    await loaded();
    const credit = screen.getByRole('combobox', { name: 'Credit' });
    // Without ticket events every number is the current assignee's (METRICS.md, Credit).
    expect(credit).toHaveValue('assignee');
    expect(credit).toHaveAccessibleDescription(/Who did the work: a first reply to whoever sent it/);
  });

  it('lets the keyboard skip past the scorecard table', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('link', { name: 'Skip past the scorecard table' }));
    expect(document.activeElement).toHaveAttribute('id', 'scorecards-end');
  });

  it('the channel filter and the business-hours toggle recompute the tiles', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();

    const channel = screen.getByRole('combobox', { name: 'Channel' });
    expect(
      within(channel)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All', 'Chat', 'Email', 'Web form']);
    await user.selectOptions(channel, 'chat');
    expect(tileText('created')).toBe('8');
    expect(tileText('frt')).toBe('4m');
    expect(tileText('csat')).toBe('60%');
    expect(tileText('backlog')).toBe('2');

    await user.selectOptions(channel, '');
    expect(tileText('created')).toBe('27');
    expect(tileText('frt')).toBe('21m');

    await user.click(screen.getByRole('switch', { name: 'Business hours' }));
    expect(tileText('frt')).toBe('16m');
    expect(tileButton('frt')).toHaveTextContent('p90 2h');
    expect(tileText('created')).toBe('27');
    await user.click(screen.getByRole('switch', { name: 'Business hours' }));
    expect(tileText('frt')).toBe('21m');
  });

  it('the period menu moves the window; a reversed custom range says so and shows no stale numbers', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();

    // Last 7 days (2026-11-09 .. 2026-11-15): created 1 2 3 11 12 13 14 19 24 25.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'last7');
    expect(tileText('created')).toBe('10');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'custom');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-10' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-01' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a first day on or before the last day');
    // No tile, chart or scorecard quietly keeps another period's numbers.
    expect(screen.queryByTestId('kpi-created')).toBeNull();
    expect(screen.queryByRole('table', { name: /One row per agent/ })).toBeNull();
    expect(screen.getByText('The numbers return once the period is valid.')).toBeInTheDocument();

    // 2026-11-01 .. 2026-11-10: created 3 4 5 6 14 15 16 20 21 25 39 = 11.
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-10' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(tileText('created')).toBe('11');
  });

  it('history_days bounds the history: the days before it are not compared with, and a period reaching before it says so', async () => {
    const user = userEvent.setup();
    // 45 days before 2026-11-15: the history starts on 2026-10-01; the previous 30 days start on 2026-09-16.
    const { client, session } = await admin({ history_days: 45 });
    renderReport(session);
    await loaded();
    const history = historyStart(45, TIME_ZONE, NOW).from;
    expect(history).toBe(Date.parse('2026-09-30T22:00:00Z') / 1000);
    expect(pullRequests(client)).toContainEqual(
      expect.stringContaining(`/api/v2/incremental/tickets/cursor.json?start_time=${history}&`),
    );
    expect(pullRequests(client).some((url) => url.includes('start_time=0&'))).toBe(false);
    // The account's old unsolved tickets (read for the backlog) do not make the previous period read.
    expect(tileButton('created')).toHaveTextContent('no data before this period to compare with');
    expect(screen.queryByTestId('history-bound')).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'custom');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-09-20' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-10' } });
    expect(screen.getByTestId('history-bound')).toHaveTextContent(
      'This period starts before the history the report keeps (from Oct 1, 2026',
    );
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-01' } });
    expect(screen.queryByTestId('history-bound')).toBeNull();
  });

  it('exports the visible scorecards as CSV, named after the window', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:fake'), revokeObjectURL: () => {} });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const { session } = await admin();
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Export scorecards (CSV)' }));
    expect(names).toEqual(['support-kpis-scorecards-2026-10-17-2026-11-15-calendar.csv']);
    const text = await blobs[0]!.text();
    const lines = text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(
      lines[0]!.startsWith(
        'period_from,period_to,time_zone,hours,credit,filters,scope,agent_id,agent_name,created_tickets,solved_tickets,backlog_tickets',
      ),
    ).toBe(true);
    const header = lines[0]!.split(',');
    expect(header).toContain('frt_median_minutes');
    expect(header).toContain('fcr_percent');
    // The team's FRT median, 21 minutes by hand, as the screen rounds it.
    expect(lines[1]!.split(',')[header.indexOf('frt_median_minutes')]).toBe('21');
    expect(lines[1]!.split(',').slice(0, 6).join(',')).toBe('2026-10-17,2026-11-15,Europe/Berlin,calendar,assignee,');
    expect(lines.slice(1).map((line) => line.split(',').slice(6, 11).join(','))).toEqual([
      'team,,,27,21',
      'agent,101,Alice Admin,11,9',
      'agent,102,Bob Agent,9,7',
      'agent,103,Carol Agent,5,5',
      'unassigned,,,2,0',
    ]);
  });
});

describe('NavBarReport: drill-down', () => {
  it('a tile opens exactly the tickets behind it, newest first; a ticket opens in Zendesk', async () => {
    const user = userEvent.setup();
    const { client, session } = await admin();
    renderReport(session);
    await loaded();

    await user.click(screen.getByRole('button', { name: 'CSAT: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'CSAT: Team' });
    const ids = within(panel)
      .getAllByRole('link')
      .map((link) => Number(link.textContent!.slice(1)));
    // Rated and solved in the window, by creation, newest first.
    expect(ids).toEqual([19, 1, 12, 2, 13, 3, 14, 4, 39, 16, 17, 8, 22, 9, 23, 33, 37]);
    expect(within(panel).getByText('13 of 17 tickets count')).toBeInTheDocument();
    const period = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const behind = ticketsBehind(recordsOf(), { window: period.current }, 'csat', { kind: 'team' });
    expect(new Set(ids)).toEqual(new Set(behind.map((row) => row.ticket.id)));
    expect(screen.getByRole('heading', { name: 'CSAT: Team' })).toHaveFocus();

    await user.click(within(panel).getByRole('link', { name: '#13' }));
    expect(client.invocations).toContainEqual({ name: 'routeTo', args: ['ticket', 13] });

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'CSAT: Team' })).toBeNull();
  });

  it('the created tile lists the 27 tickets created in the window', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Created: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'Created: Team' });
    const ids = within(panel)
      .getAllByRole('link')
      .map((link) => Number(link.textContent!.slice(1)));
    expect(ids.sort((a, b) => a - b)).toEqual([...Array.from({ length: 25 }, (_, i) => i + 1), 39, 40]);
    expect(within(panel).getByText('27 tickets')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Created: Team' })).toBeNull();
  });

  it("a non-manager's tile opens their own tickets with the team's counts only, and exports no colleague", async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:fake'), revokeObjectURL: () => {} });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'CSAT: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'CSAT: your tickets' });
    const ids = within(panel)
      .getAllByRole('link')
      .map((link) => Number(link.textContent!.slice(1)));
    const period = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const mine = ticketsBehind(recordsOf(), { window: period.current }, 'csat', { kind: 'agent', id: BOB });
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(mine.map((row) => row.ticket.id)));
    expect(within(panel).getByText('The team: 13 of 17 tickets count.')).toBeInTheDocument();
    expect(within(panel).queryByRole('columnheader', { name: 'Assignee' })).toBeNull();
    expect(within(panel).queryByText('Alice Admin')).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Export tickets (CSV)' }));
    const lines = (await blobs[0]!.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('ticket_id,subject,created_at,status,group,channel,value,counted');
    expect(
      lines
        .slice(1)
        .map((line) => Number(line.split(',')[0]))
        .sort((a, b) => a - b),
    ).toEqual([...ids].sort((a, b) => a - b));
    expect(lines.join('\n')).not.toMatch(/Alice|Carol/);
  });

  it("a team lead's tile opens the tickets of their groups' agents, with names, and no other group's agents", async () => {
    const user = userEvent.setup();
    const { session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'lead', timeZone: TIME_ZONE, groups: [TIER1] },
      { location: 'nav_bar' },
      { lead_roles: 'lead' },
    );
    renderReport(session);
    await loaded();
    // The header says what a lead sees: their groups' agents, not only their own scorecard.
    expect(
      screen.getByText(/You see the team's totals and the scorecards of your groups' agents\./),
    ).toBeInTheDocument();
    expect(screen.queryByText(/your own scorecard/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Created: show the tickets' }));
    const panel = screen.getByRole('region', { name: "Created: your agents' tickets" });
    const ids = within(panel)
      .getAllByRole('link')
      .map((link) => Number(link.textContent!.slice(1)));
    const period = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const records = recordsOf();
    const agents = visibleAgentIds({ kind: 'groups', groupIds: new Set([TIER1]) }, BOB, records);
    const expected = ticketsBehind(records, { window: period.current }, 'created', { kind: 'team' }).filter(
      (row) => row.ticket.assigneeId !== null && agents !== 'all' && agents.has(row.ticket.assigneeId),
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(expected.map((row) => row.ticket.id)));
    // Every ticket listed is held by an agent the lead may see; the lead sees who holds it.
    expect(within(panel).getByRole('columnheader', { name: 'Assignee' })).toBeInTheDocument();
    const unassigned = ticketsBehind(records, { window: period.current }, 'created', { kind: 'team' }).filter(
      (row) => row.ticket.assigneeId === null,
    );
    for (const row of unassigned) expect(ids).not.toContain(row.ticket.id);
  });

  it('Escape closes the list and gives focus back to the tile that opened it', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Created: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'Created: Team' });
    expect(panel).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Created: Team' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Created: show the tickets' }));
  });

  it('sorts the list by a column and exports it in that order', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:fake'), revokeObjectURL: () => {} });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { session } = await admin();
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Created: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'Created: Team' });
    await user.click(within(panel).getByRole('button', { name: 'Ticket' }));
    const shown = () =>
      within(panel)
        .getAllByRole('link')
        .map((link) => Number(link.textContent!.slice(1)));
    expect(shown()).toEqual([40, 39, ...Array.from({ length: 25 }, (_, i) => 25 - i)]);
    await user.click(within(panel).getByRole('button', { name: 'Ticket' }));
    expect(shown()[0]).toBe(1);
    await user.click(within(panel).getByRole('button', { name: 'Export tickets (CSV)' }));
    const lines = (await blobs[0]!.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(shown());
    // Times in the viewer's zone (Berlin, +01:00 in November) with the offset.
    expect(lines[1]!.split(',')[2]).toMatch(/^2026-1[01]-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
  });

  it("a scorecard cell opens that agent's tickets", async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Solved for Bob Agent: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'Solved: Bob Agent' });
    const ids = within(panel)
      .getAllByRole('link')
      .map((link) => Number(link.textContent!.slice(1)));
    expect(ids.sort((a, b) => a - b)).toEqual([12, 13, 14, 16, 17, 33, 40]);
  });
});

describe('NavBarReport: scorecards', () => {
  it('sorts by a column header, descending first, then ascending; the team row stays on top', async () => {
    const user = userEvent.setup();
    const { session } = await admin();
    renderReport(session);
    await loaded();

    // By solved, descending: Alice 9, Bob 7, Carol 5, unassigned 0.
    expect(scorecardRows()).toEqual(['Team', 'Alice Admin', 'Bob Agent', 'Carol Agent', 'Unassigned']);

    const header = screen.getByRole('button', { name: 'FRT median' });
    await user.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(scorecardRows()).toEqual(['Team', 'Carol Agent', 'Alice Admin', 'Bob Agent', 'Unassigned']);

    await user.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    expect(scorecardRows()).toEqual(['Team', 'Bob Agent', 'Alice Admin', 'Carol Agent', 'Unassigned']);

    await user.click(screen.getByRole('button', { name: 'Agent' }));
    expect(scorecardRows()).toEqual(['Team', 'Unassigned', 'Carol Agent', 'Bob Agent', 'Alice Admin']);
  });

  it('an agent outside manager_roles sees the team row and their own row only, read through search and show_many', async () => {
    const { client, session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    expect(scorecardRows()).toEqual(['Team', 'Bob Agent']);
    expect(screen.getByText(/You see the team's totals and your own scorecard\./)).toBeInTheDocument();
    expect(screen.getByText(/Team figures cover only the tickets you may see in Zendesk\./)).toBeInTheDocument();
    // The team totals are the whole team's.
    expect(tileText('created')).toBe('27');
    expect(tileText('frt')).toBe('21m');
    const paths = pullRequests(client).map((url) => url.split('?')[0]);
    expect(paths).toEqual([
      '/api/v2/users.json',
      '/api/v2/groups.json',
      '/api/v2/search/export.json',
      // From the history's start (history_days) on, and every unsolved ticket whatever its age.
      '/api/v2/search/export.json',
      '/api/v2/tickets/show_many.json',
    ]);
    expect(client.requestsTo('/api/v2/incremental/')).toEqual([]);
  });

  it('a custom role listed in manager_roles sees every agent', async () => {
    const { session } = await fakeSession(
      { id: CAROL, name: 'Carol Agent', role: 360001234567, timeZone: TIME_ZONE },
      { location: 'nav_bar' },
      { manager_roles: 'admin, 360001234567' },
    );
    renderReport(session);
    await loaded();
    expect(scorecardRows()).toEqual(['Team', 'Alice Admin', 'Bob Agent', 'Carol Agent', 'Unassigned']);
    expect(screen.queryByText(/your own scorecard/)).toBeNull();
  });

  it('an admin left out of manager_roles sees only their own row', async () => {
    const { session } = await admin({ manager_roles: '360001234567' });
    renderReport(session);
    await loaded();
    expect(scorecardRows()).toEqual(['Team', 'Alice Admin']);
  });
});

describe('NavBarReport: errors and the cache', () => {
  it('a 403 shows "No access" with a "Try again" that retries', async () => {
    const user = userEvent.setup();
    const { client, session } = await admin();
    let deny = true;
    client.intercept((url) => (deny && url.startsWith('/api/v2/incremental/') ? forbidden() : undefined));
    renderReport(session);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('No access')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Zendesk did not allow this request.');
    expect(alert).toHaveTextContent('HTTP 403');
    expect(screen.queryByTestId('kpi-frt')).toBeNull();
    expect(screen.queryByText('No tickets yet.')).toBeNull();
    expect(client.requestsTo('/api/v2/incremental/')).toHaveLength(1);

    deny = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await loaded();
    expect(tileText('created')).toBe('27');
    expect(screen.queryByRole('alert')).toBeNull();
    // The 403, the four stretches, then the background pull's look for what changed since.
    await waitFor(() => expect(client.requestsTo('/api/v2/incremental/tickets/')).toHaveLength(1 + 4 + 1));
  });

  it("says what an agent's role cannot see of deleted tickets once a refresh has checked for them", async () => {
    const { client, session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    // Read two hours ago: the directory is due again, and with it the check for deleted tickets.
    await new IndexedDbSnapshotStore().save(snapshotOf(`acme|user:${BOB}`, 'agent', SPECS, NOW - 2 * 3_600_000));
    renderReport(session);
    await screen.findByTestId('kpi-created');
    expect(screen.queryByText(/may not list deleted tickets/)).toBeNull();
    await waitFor(() => expect(screen.getByText(/Your role may not list deleted tickets/)).toBeInTheDocument());
    // The role's own way: the unsolved tickets it holds read again, not the deleted-tickets list.
    expect(client.requests.some((url) => url.startsWith('/api/v2/tickets/show_many.json'))).toBe(true);
  });

  it('renders a cached snapshot at once with its age, and swaps in the refresh when it is whole', async () => {
    const { client, session } = await admin();
    // Five tickets (1-5, all created in the window), read five minutes ago.
    await new IndexedDbSnapshotStore().save(
      snapshotOf(`acme|user:${ALICE}`, 'admin', SPECS.slice(0, 5), NOW - 5 * 60_000),
    );
    const gate = new Deferred();
    client.intercept((url) =>
      url.startsWith('/api/v2/incremental/') ? gate.promise.then(() => undefined) : undefined,
    );
    renderReport(session);

    // The header reads "Updated 5 minutes ago · Refreshing…" while the refresh runs.
    expect(await screen.findByText('Updated 5 minutes ago · Refreshing…')).toBeInTheDocument();
    await screen.findByTestId('kpi-created');
    expect(tileText('created')).toBe('5');
    // The refresh continues from the snapshot's cursor rather than from the beginning.
    await waitFor(() => expect(pullRequests(client)).toHaveLength(1));
    expect(pullRequests(client)[0]).toMatch(/^\/api\/v2\/incremental\/tickets\/cursor\.json\?cursor=/);

    gate.resolve();
    await waitFor(() => expect(tileText('created')).toBe('27'));
    expect(screen.getByText('Updated this minute')).toBeInTheDocument();
    expect(screen.queryByText(/Refreshing…/)).toBeNull();
    // The directory is five minutes old and knows every assignee: nothing else of the tickets was
    // asked (the event streams, which this snapshot has not read yet, come after).
    await waitFor(() => expect(screen.queryByTestId('stream-notice')).toBeNull());
    expect(
      pullRequests(client).filter((url) => /^\/api\/v2\/(incremental\/tickets|users|groups)/.test(url)),
    ).toHaveLength(1);
  });

  it('shows the tiles from the cached columns before the records are built, and the same tiles after', async () => {
    const { client, session } = await admin();
    await new IndexedDbSnapshotStore().save(snapshotOf(`acme|user:${ALICE}`, 'admin', SPECS, NOW - 5 * 60_000));
    // Nothing changed since: the refresh's numbers are the cache's.
    const gate = new Deferred();
    client.intercept((url) =>
      url.startsWith('/api/v2/incremental/') ? gate.promise.then(() => undefined) : undefined,
    );
    const tiles = () =>
      screen.queryAllByTestId(/^kpi-/).map((tile) => `${tile.dataset['testid']}: ${tile.textContent}`);
    // What is on screen when the app asks for the records: the tiles from the columns, and a word on the rest.
    let whileBuilding: { tiles: string[]; status: string | null; scorecards: boolean } | null = null;
    const loadStaged = IndexedDbSnapshotStore.prototype.loadStaged;
    const spy = vi.spyOn(IndexedDbSnapshotStore.prototype, 'loadStaged').mockImplementation(async function (
      this: IndexedDbSnapshotStore,
      key: string,
    ) {
      const staged = await loadStaged.call(this, key);
      if (staged === null) return null;
      expect(staged.columns).not.toBeNull();
      return {
        ...staged,
        snapshot: () => {
          whileBuilding ??= {
            tiles: tiles(),
            status: screen.queryByText(/^The tiles are from the saved copy/)?.textContent ?? null,
            scorecards: screen.queryByRole('table', { name: /One row per agent/ }) !== null,
          };
          return staged.snapshot();
        },
      };
    });
    try {
      renderReport(session);
      await waitFor(() => expect(whileBuilding).not.toBeNull());
      await screen.findByRole('table', { name: /One row per agent/ });
      const built = whileBuilding!;
      expect(built.tiles).toHaveLength(10);
      expect(built.tiles).toContain('kpi-created: 27');
      expect(built.status).toBe('The tiles are from the saved copy; the rest of the report follows in a moment.');
      expect(built.scorecards).toBe(false);
      // The full report's tiles, computed from the records, are the same, to the last digit.
      expect(tiles()).toEqual(built.tiles);
      expect(screen.queryByText(/^The tiles are from the saved copy/)).toBeNull();
    } finally {
      spy.mockRestore();
      gate.resolve();
    }
  });

  it('keeps the cached report on screen when the refresh fails, and says so', async () => {
    const { client, session } = await admin();
    await new IndexedDbSnapshotStore().save(
      snapshotOf(`acme|user:${ALICE}`, 'admin', SPECS.slice(0, 5), NOW - 5 * 60_000),
    );
    client.intercept((url) =>
      url.startsWith('/api/v2/incremental/') ? { status: 404, body: { error: 'RecordNotFound' } } : undefined,
    );
    renderReport(session);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not found')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The numbers below are from the last successful update.');
    expect(tileText('created')).toBe('5');
    expect(screen.getByText(/^Updated 5 minutes ago/)).toBeInTheDocument();
  });

  it('an empty account gets a report of zeros and dashes', async () => {
    const { client, session } = await admin();
    client.specs = [];
    renderReport(session);
    await loaded();
    expect(tileText('created')).toBe('0');
    expect(tileText('backlog')).toBe('0');
    expect(tileText('frt')).toBe('–');
    expect(tileText('csat')).toBe('–');
    expect(scorecardRows()).toEqual(['Team']);
  });
});

describe('NavBarReport: language and direction', () => {
  it('a Persian agent gets a right-to-left layout and Persian digits', async () => {
    const { session } = await fakeSession(
      { id: ALICE, role: 'admin', locale: 'fa-IR', timeZone: 'Asia/Tehran' },
      { location: 'nav_bar' },
    );
    const { container } = renderReport(session);
    const root = container.querySelector('.app-root')!;
    expect(root).toHaveAttribute('dir', 'rtl');
    expect(root).toHaveAttribute('lang', 'fa');
    await loaded();
    expect(tileText('created')).toBe('۲۷');
  });

  it('an English agent gets left to right', async () => {
    const { session } = await admin();
    const { container } = renderReport(session);
    expect(container.querySelector('.app-root')).toHaveAttribute('dir', 'ltr');
    expect(container.querySelector('.app-root')).toHaveAttribute('lang', 'en');
    await loaded();
  });

  it('the pseudo-locale brackets every string', async () => {
    const { session } = await admin();
    renderReport(session, 'en-x-pseudo');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('⟦Súppórt KPÍs·····⟧');
    await loaded();
    expect(tileText('created')).toBe('27');
  });
});
