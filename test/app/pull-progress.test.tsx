// @vitest-environment jsdom
import './support/jsdom-setup';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { PullProgressBar } from '../../src/app/components/pull-progress';
import type { PullProgress } from '../../src/zendesk/account-pull';

/** The loading bar and its words, on a clock the test moves (the timers are fake). */

const START = Date.parse('2026-11-15T12:00:00Z');
let now = START;
const clock = () => now;

function progress(overrides: Partial<PullProgress> = {}): PullProgress {
  return {
    phase: 'tickets',
    requests: 12,
    tickets: 11_000,
    fraction: 0.4,
    estimatedMsLeft: null,
    waiting: null,
    coveredFrom: null,
    ...overrides,
  };
}

function show(value: PullProgress, locale = 'en-US') {
  return render(
    <AppProviders zendeskLocale={locale} colorScheme="light">
      <PullProgressBar progress={value} clock={clock} />
    </AppProviders>,
  );
}

/** Moves the clock and the timers on by whole seconds. */
function pass(seconds: number) {
  for (let second = 0; second < seconds; second++) {
    now += 1000;
    act(() => vi.advanceTimersByTime(1000));
  }
}

const bar = () => screen.getByRole('progressbar');
const waitText = () => screen.getByTestId('pull-wait').textContent;

beforeEach(() => {
  vi.useFakeTimers();
  now = START;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('PullProgressBar', () => {
  it.each([
    ['rate-limit', "Zendesk's rate limit: the next request goes in 5s"],
    ['server-error', 'Zendesk answered with a server error; trying again in 5s'],
    ['no-connection', 'No connection to Zendesk; trying again in 5s'],
  ] as const)('says a wait for %s is one, from its first second', (cause, text) => {
    show(progress({ waiting: { reason: 'detail', cause, ms: 5000, until: START + 5000 } }));
    expect(waitText()).toBe(text);
  });

  it('counts a wait down every second', () => {
    show(progress({ waiting: { reason: 'HTTP 429', cause: 'rate-limit', ms: 5000, until: START + 5000 } }));
    expect(waitText()).toMatch(/in 5s$/);
    pass(1);
    expect(waitText()).toMatch(/in 4s$/);
    pass(2);
    expect(waitText()).toMatch(/in 2s$/);
  });

  it('counts the time left down between reports', () => {
    show(progress({ estimatedMsLeft: 90_000 }));
    const said = () => screen.getByRole('status').textContent;
    const first = said();
    pass(30);
    expect(said()).not.toBe(first);
    expect(said()).toContain('about 1m left');
  });

  it('never shows a full bar before the data is in, and a full one when it is', () => {
    const { rerender } = show(progress({ fraction: 1 }));
    expect(bar()).toHaveAttribute('aria-valuenow', '99');
    rerender(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <PullProgressBar
          progress={progress({
            fraction: 1,
            waiting: { reason: 'x', cause: 'rate-limit', ms: 1000, until: START + 1000 },
          })}
          clock={clock}
        />
      </AppProviders>,
    );
    expect(bar()).toHaveAttribute('aria-valuenow', '99');
    rerender(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <PullProgressBar progress={progress({ phase: 'done', fraction: 1 })} clock={clock} />
      </AppProviders>,
    );
    expect(bar()).toHaveAttribute('aria-valuenow', '100');
  });

  it('says the wait in the viewer’s language', () => {
    show(progress({ waiting: { reason: 'x', cause: 'no-connection', ms: 3000, until: START + 3000 } }), 'ru');
    expect(waitText()).toMatch(/^Нет соединения с Zendesk; повтор через 3/);
  });
});
