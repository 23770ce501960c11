// @vitest-environment jsdom
import './support/jsdom-setup';
import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { NavBarReport } from '../../src/app/locations/nav-bar-report';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { fakeSession, forbidden, type FakeIdentity, type FakeZafClient } from './support/fake-zaf';
import { ALICE, BOB, TIER1 } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/** The report's sections as the nav-bar report wires them, against the fake account (support/fixture.ts). */

const TIME_ZONE = 'Europe/Berlin';

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

isolateEachTest();
beforeEach(() => localStorage.clear());

describe('the backlog’s oldest ten in the report', () => {
  const oldestRows = () =>
    within(screen.getByRole('table', { name: 'The ten oldest unsolved tickets' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent));

  it('reads their subjects through the report’s own subject reader, the drill-down’s', async () => {
    const { client, session } = await fakeSession(
      { id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    renderReport(session);
    await loaded();
    await waitFor(() => expect(oldestRows().every(([, subject]) => subject !== 'Reading the subject…')).toBe(true));
    const rows = oldestRows();
    // The unsolved tickets of the fixture: 6 10 11 15 18 21 24 25 34 36, each "Ticket N".
    expect(rows).toHaveLength(10);
    for (const [ticket, subject] of rows) expect(subject).toBe(`Ticket ${ticket!.slice(1)}`);
    expect(client.requestsTo('/api/v2/tickets/show_many.json')).toHaveLength(1);
  });

  it('says in each row when Zendesk does not give the subjects', async () => {
    const { client, session } = await fakeSession(
      { id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: TIME_ZONE },
      { location: 'nav_bar' },
    );
    client.intercept((url) => (url.startsWith('/api/v2/tickets/show_many.json') ? forbidden() : undefined));
    renderReport(session);
    await loaded();
    const failed = 'The subject could not be read from Zendesk; open the ticket to see it.';
    await waitFor(() => expect(oldestRows().map(([, subject]) => subject)).toEqual(Array(10).fill(failed)));
  });
});

describe('the NPS and CES per-agent rows follow the scorecards’ rule', () => {
  const NPS_FIELD = 360_000_777;
  /** Every ticket the account gives carries an NPS answer (its id modulo 11), as a survey tool fills the field. */
  function withAnswers(client: FakeZafClient) {
    client.intercept((url) => {
      if (!/^\/api\/v2\/(search\/export|tickets\/show_many|incremental\/tickets\/cursor)\.json/.test(url))
        return undefined;
      const answer = client.answer(url);
      const body = answer.body as Record<string, Record<string, unknown>[] | undefined>;
      for (const ticket of [...(body['results'] ?? []), ...(body['tickets'] ?? [])])
        ticket['custom_fields'] = [{ id: NPS_FIELD, value: (ticket['id'] as number) % 11 }];
      return answer;
    });
  }
  async function rowsAs(identity: FakeIdentity, settings: Record<string, unknown> = {}) {
    const { client, session } = await fakeSession(
      { timeZone: TIME_ZONE, ...identity },
      { location: 'nav_bar' },
      { ...settings, nps_field_id: NPS_FIELD },
    );
    withAnswers(client);
    renderReport(session);
    await loaded();
    const scorecards = within(screen.getByRole('table', { name: /One row per agent and a team row/ }))
      .getAllByRole('row')
      .slice(2)
      .map((row) => within(row).getAllByRole('cell')[0]!.textContent);
    const survey = within(screen.getByTestId('survey-agents'))
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelector('th')!.textContent);
    return { scorecards, survey };
  }

  it('a plain agent: their own row only', async () => {
    const { scorecards, survey } = await rowsAs({ id: BOB, name: 'Bob Agent', role: 'agent' });
    expect(scorecards).toEqual(['Bob Agent']);
    expect(survey).toEqual(['Bob Agent']);
  });

  it("a team lead: the agents of the lead's groups, as in the scorecards", async () => {
    const { scorecards, survey } = await rowsAs(
      { id: BOB, name: 'Bob Agent', role: 'lead', groups: [TIER1] },
      { lead_roles: 'lead' },
    );
    expect(scorecards).toEqual(['Alice Admin', 'Bob Agent']);
    expect(survey).toEqual(['Alice Admin', 'Bob Agent']);
  });

  it('a manager: every agent with an answer (the unassigned tickets solved in the period have none)', async () => {
    const { scorecards, survey } = await rowsAs({ id: ALICE, name: 'Alice Admin', role: 'admin' });
    expect(scorecards).toEqual(['Alice Admin', 'Bob Agent', 'Carol Agent', 'Unassigned']);
    expect(survey).toEqual(['Alice Admin', 'Bob Agent', 'Carol Agent']);
  });
});
