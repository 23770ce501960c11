// @vitest-environment jsdom
import './support/jsdom-setup';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { NavBarReport } from '../../src/app/locations/nav-bar-report';
import { fakeSession, type FakeAnswer } from './support/fake-zaf';
import { BOB } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/**
 * The report's Refresh button (src/app/data/use-account-data.ts refresh): it reads at once what
 * changed, and the report keeps the user's place: the filters, the open drill-down, and the same
 * elements on the page (nothing is unmounted, so the scroll position has nothing to jump over).
 * An agent, so the path is search and show_many (the fake account's search ignores the query:
 * this test answers "nothing changed" to a search for what was updated since the first load).
 */

isolateEachTest();
beforeEach(() => localStorage.clear());

function noChange(url: string): FakeAnswer | undefined {
  const parsed = new URL(url, 'https://acme.zendesk.com');
  if (parsed.pathname !== '/api/v2/search/export.json') return undefined;
  return {
    status: 200,
    body: { results: [], facets: null, meta: { has_more: false, after_cursor: null }, links: { next: null } },
  };
}

describe('NavBarReport: Refresh', () => {
  it('reads now, and keeps the filters, the drill-down and the page as they were', async () => {
    const user = userEvent.setup();
    const { client, session } = await fakeSession(
      { id: BOB, name: 'Bob Agent', role: 'agent', timeZone: 'Europe/Berlin' },
      { location: 'nav_bar' },
    );
    // Once the first load is in, a search for what was updated since finds nothing.
    let firstLoadIn = false;
    client.intercept((url) => (firstLoadIn ? noChange(url) : undefined));
    render(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <NavBarReport session={session} />
      </AppProviders>,
    );
    // A cap, not a timing: the first load renders every chart, slow on a busy machine.
    const idle = { timeout: 20_000 };
    await waitFor(() => expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'false'), idle);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'chat');
    await user.click(screen.getByRole('button', { name: 'CSAT: show the tickets' }));
    const panel = screen.getByRole('region', { name: 'CSAT: your tickets' });
    const rowsBefore = within(panel)
      .queryAllByRole('link')
      .map((link) => link.textContent);
    const table = screen.getByRole('table', { name: /One row per agent and a team row/ });
    const before = client.requests.length;
    firstLoadIn = true;

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(client.requests.length).toBeGreaterThan(before), idle);
    await waitFor(() => expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'false'), idle);
    // One search for what changed; it found nothing, so nothing more was asked.
    expect(client.requests.slice(before).map((url) => url.split('?')[0])).toEqual(['/api/v2/search/export.json']);
    expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveValue('chat');
    expect(screen.getByRole('region', { name: 'CSAT: your tickets' })).toBe(panel);
    expect(
      within(panel)
        .queryAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(rowsBefore);
    expect(screen.getByRole('table', { name: /One row per agent and a team row/ })).toBe(table);
    // No progress bar pushed the page down while it read.
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/^Updated this minute/)).toBeInTheDocument();
  });
});
