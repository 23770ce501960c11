// @vitest-environment jsdom
import './support/jsdom-setup';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { NavBarReport } from '../../src/app/locations/nav-bar-report';
import type { ZafSession } from '../../src/app/zaf/zaf-session';
import { fakeSession } from './support/fake-zaf';
import { ALICE } from './support/fixture';
import { isolateEachTest } from './support/isolate-tests';

/** The report's brand filter names each brand (every fixture ticket is brand 1), read before the tickets. */

isolateEachTest();

function renderReport(session: ZafSession) {
  return render(
    <AppProviders zendeskLocale="en-US" colorScheme="light">
      <NavBarReport session={session} />
    </AppProviders>,
  );
}

const admin = () =>
  fakeSession({ id: ALICE, name: 'Alice Admin', role: 'admin', timeZone: 'Europe/Berlin' }, { location: 'nav_bar' });

/** The brand menu's option texts, once the option for brand 1 (`shown`) has appeared. */
async function brandOptions(shown: string): Promise<string[]> {
  const menu = await screen.findByRole('combobox', { name: 'Brand' });
  await within(menu).findByRole('option', { name: shown }, { timeout: 10_000 });
  return within(menu)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

describe('the brand filter', () => {
  it('shows brand names from /api/v2/brands, not ids, and asks for them as the report opens, once', async () => {
    const { client, session } = await admin();
    client.intercept((url) =>
      url.startsWith('/api/v2/brands')
        ? { status: 200, body: { brands: [{ id: 1, name: 'Acme Support' }], meta: { has_more: false }, links: {} } }
        : undefined,
    );
    renderReport(session);
    const options = await brandOptions('Acme Support');
    expect(options).not.toContain('#1');
    expect(client.requestsTo('/api/v2/brands')).toHaveLength(1);
  });

  it('falls back to "#id" when Zendesk refuses the brands to this user', async () => {
    const { client, session } = await admin();
    client.intercept((url) =>
      url.startsWith('/api/v2/brands') ? { status: 403, body: { error: 'Forbidden' } } : undefined,
    );
    renderReport(session);
    const options = await brandOptions('#1');
    expect(options).not.toContain('Acme Support');
    expect(client.requestsTo('/api/v2/brands')).toHaveLength(1);
  });
});
