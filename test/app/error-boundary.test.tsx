// @vitest-environment jsdom
import './support/jsdom-setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { ErrorBoundary } from '../../src/app/components/error-boundary';
import { isolateEachTest } from './support/isolate-tests';

isolateEachTest();

/** Throws while the fault lasts: React retries a failed render once by itself, so a one-off throw would not show. */
const fault = { on: true };
function Flaky() {
  if (fault.on) throw new Error('cannot read the numbers');
  return <p>numbers</p>;
}

describe('ErrorBoundary: an error while rendering a location', () => {
  it('shows a translated message with the detail and a Try again button, not an empty pane', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fault.on = true;
    render(
      <AppProviders zendeskLocale="ru" colorScheme="light">
        <ErrorBoundary>
          <Flaky />
        </ErrorBoundary>
      </AppProviders>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Страница перестала работать');
    expect(screen.getByText('cannot read the numbers')).toBeInTheDocument();
    fault.on = false;
    await userEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    expect(screen.getByText('numbers')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
