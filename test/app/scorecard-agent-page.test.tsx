// @vitest-environment jsdom
import './support/jsdom-setup';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { createFormatters } from '../../src/app/i18n/formatters';
import { NavBarReport } from '../../src/app/locations/nav-bar-report';
import { periodFor } from '../../src/app/report/report-period';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { agentPage, type TrendPoint } from '../../src/metrics/agent-page';
import { fakeSession } from './support/fake-zaf';
import { ALICE, BOB, CAROL, NOW, recordsOf, TIER1 } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/**
 * The scorecards' names open the agent's page (issue 16: "from a scorecard row"), against the fake
 * account (support/fixture.ts), now = 2026-11-15 12:00Z, the viewer in Europe/Berlin.
 */

const TIME_ZONE = 'Europe/Berlin';
const en = createFormatters('en-US');

function renderReport(session: ZafSession) {
  return render(
    <AppProviders zendeskLocale="en-US" colorScheme="light">
      <NavBarReport session={session} />
    </AppProviders>,
  );
}

async function loaded() {
  await waitFor(() => expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 });
}

const scorecards = () => screen.getByRole('table', { name: /One row per agent and a team row/ });
const pageLinks = () =>
  within(scorecards())
    .queryAllByRole('button', { name: /^Open .*'s page$/ })
    .map((button) => button.getAttribute('aria-label'));

/** The agent's page as the engine computes it for the last 30 days, in the cells' own words. */
function expectedTrend(agentId: number): string[][] {
  const { current } = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
  const pair = (read: (point: TrendPoint) => string, row: { agent: TrendPoint; team: TrendPoint }) =>
    `${read(row.agent)} / ${read(row.team)}`;
  return agentPage(recordsOf(), { window: current }, agentId).trend.map((row) => [
    pair((point) => en.number(point.solved, 0), row),
    pair((point) => en.duration(point.frt_median), row),
    pair((point) => en.duration(point.full_resolution_median), row),
    pair((point) => `${en.number(point.csat_good, 0)}:${en.number(point.csat_bad, 0)}`, row),
  ]);
}

function shownTrend(): string[][] {
  return within(screen.getByTestId('agent-trend'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''));
}

const shownOpen = () =>
  within(screen.getByTestId('agent-open'))
    .getAllByRole('button')
    .map((button) => Number(/#(\d+)/.exec(button.textContent ?? '')![1]));

isolateEachTest();
const scrolled: Element[] = [];
beforeEach(() => {
  localStorage.clear();
  scrolled.length = 0;
  // jsdom lays nothing out and has no scrollIntoView; the page's heading is what must be scrolled to.
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this);
  });
});
afterEach(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

describe("a scorecard row's name opens the agent's page", () => {
  it("shows a manager that agent's numbers, the engine's, with focus and scroll on the page's heading", async () => {
    const user = userEvent.setup();
    const { session } = await fakeSession(
      { id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    // The manager's own page first; every agent's name is a way to theirs, the unassigned row's is not.
    expect(screen.getByRole('heading', { name: "Alice Admin's page" })).toBeInTheDocument();
    expect(pageLinks()).toEqual(["Open Alice Admin's page", "Open Bob Agent's page", "Open Carol Agent's page"]);
    expect(within(scorecards()).getByText('Unassigned').closest('button')).toBeNull();

    await user.click(within(scorecards()).getByRole('button', { name: "Open Bob Agent's page" }));
    const heading = screen.getByRole('heading', { name: "Bob Agent's page" });
    expect(document.activeElement).toBe(heading);
    expect(scrolled).toEqual([heading]);
    // The page's own picker follows the scorecards.
    expect(screen.getByRole('combobox', { name: 'Agent' })).toHaveValue(String(BOB));

    const trend = expectedTrend(BOB);
    expect(trend.some((row) => !row[0]!.startsWith('0 '))).toBe(true);
    expect(shownTrend()).toEqual(trend);
    const { current } = periodFor({ preset: 'last30' }, TIME_ZONE, NOW);
    const engine = agentPage(recordsOf(), { window: current }, BOB);
    expect(shownOpen()).toEqual(engine.open.map((ticket) => ticket.id));
    expect(
      within(screen.getByTestId('agent-bad-ratings'))
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(engine.bad_ratings.map((row) => `Ticket #${row.ticket_id}`));

    // The picker still chooses, and another name then takes the page (and the focus) from it.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agent' }), String(CAROL));
    expect(screen.getByRole('heading', { name: "Carol Agent's page" })).toBeInTheDocument();
    expect(shownTrend()).toEqual(expectedTrend(CAROL));
    expect(scrolled).toHaveLength(1);
    await user.click(within(scorecards()).getByRole('button', { name: "Open Alice Admin's page" }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: "Alice Admin's page" }));
    expect(screen.getByRole('combobox', { name: 'Agent' })).toHaveValue(String(ALICE));
    expect(shownTrend()).toEqual(expectedTrend(ALICE));
  });

  it('the name of an agent already on the page still takes the reader there', async () => {
    const user = userEvent.setup();
    const { session } = await fakeSession(
      { id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    await user.click(within(scorecards()).getByRole('button', { name: "Open Alice Admin's page" }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: "Alice Admin's page" }));
    expect(scrolled).toHaveLength(1);
  });

  it('is reached from the keyboard, and leaves the skip link working', async () => {
    const user = userEvent.setup();
    const { session } = await fakeSession(
      { id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    within(scorecards()).getByRole('button', { name: "Open Carol Agent's page" }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: "Carol Agent's page" }));
    await user.click(screen.getByRole('link', { name: 'Skip past the scorecard table' }));
    expect(document.activeElement).toHaveAttribute('id', 'scorecards-end');
  });

  it('gives a plain agent the link on their own row only', async () => {
    const user = userEvent.setup();
    const { session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    expect(pageLinks()).toEqual(["Open Bob Agent's page"]);
    await user.click(within(scorecards()).getByRole('button', { name: "Open Bob Agent's page" }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: "Bob Agent's page" }));
    expect(screen.queryByRole('combobox', { name: 'Agent' })).toBeNull();
    expect(shownTrend()).toEqual(expectedTrend(BOB));
  });

  it("leaves a team lead's other agents as plain names: a lead compares them, and opens only their own page", async () => {
    const { session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'lead', timeZone: TIME_ZONE, groups: [TIER1] },
      { location: 'nav_bar' },
      { lead_roles: 'lead' },
    );
    renderReport(session);
    await loaded();
    const names = within(scorecards())
      .getAllByRole('row')
      .slice(2)
      .map((row) => within(row).getAllByRole('cell')[0]!.textContent);
    expect(names.length).toBeGreaterThan(1);
    expect(pageLinks()).toEqual(["Open Bob Agent's page"]);
    for (const name of names.filter((name) => name !== 'Bob Agent'))
      expect(within(scorecards()).getByText(name!).closest('button')).toBeNull();
  });
});
