// @vitest-environment jsdom
import './support/jsdom-setup';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeZafClient } from './support/fake-zaf';
import { BOB } from './support/fixture';

const sdk = vi.hoisted(() => ({ client: null as unknown }));
vi.mock('zendesk_app_framework_sdk', () => ({ default: { init: () => sdk.client } }));

const { mountLocation } = await import('../../src/app/pages/mount-location');

afterEach(() => {
  document.body.innerHTML = '';
  delete document.documentElement.dataset['colorScheme'];
  vi.restoreAllMocks();
});

function start(render: () => JSX.Element, locale = 'ru'): FakeZafClient {
  const client = new FakeZafClient({ id: BOB, role: 'agent', locale }, { location: 'nav_bar' });
  sdk.client = client;
  document.body.innerHTML = '<div id="root"></div>';
  mountLocation(render);
  return client;
}

describe('mountLocation: starting a location inside Zendesk', () => {
  it("follows the agent's colour scheme on the page itself, set after rendering and on every change", async () => {
    const client = start(() => <p>report</p>);
    expect(await screen.findByText('report')).toBeInTheDocument();
    expect(document.documentElement.dataset['colorScheme']).toBe('light');
    act(() => client.emit('colorScheme.changed', 'dark'));
    expect(document.documentElement.dataset['colorScheme']).toBe('dark');
  });

  it('clears the wait for a language once the language has loaded', async () => {
    const made: unknown[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) => {
      const id = realSetTimeout(handler, ms);
      if (ms === 3000) made.push(id);
      return id;
    }) as typeof setTimeout);
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    start(() => <p>report</p>);
    expect(await screen.findByText('report')).toBeInTheDocument();
    // StrictMode runs the start-up effect twice in development: every wait is cleared, not only one.
    expect(made.length).toBeGreaterThan(0);
    for (const id of made) expect(cleared).toHaveBeenCalledWith(id);
  });

  it('shows a translated message with Try again when the location throws while rendering', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    start(() => {
      throw new Error('boom');
    });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Страница перестала работать'));
    expect(screen.getByRole('button', { name: 'Повторить' })).toBeInTheDocument();
  });
});
