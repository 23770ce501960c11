// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { ReportCharts } from '../../src/app/report/report-charts';
import { computeReport } from '../../src/metrics/compute-report';
import type { Report } from '../../src/metrics/report-types';
import { ReportWindow } from '../../src/metrics/report-window';
import { makeTicket } from '../metrics/make-ticket';

const october = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
const estimated = computeReport(
  [
    makeTicket({ id: 1, status: 'open', createdAt: Date.parse('2026-10-03T10:00:00Z'), assigneeId: 7 }),
    makeTicket({
      id: 2,
      status: 'solved',
      createdAt: Date.parse('2026-10-05T10:00:00Z'),
      solvedAt: Date.parse('2026-10-06T10:00:00Z'),
      assigneeId: 7,
    }),
  ],
  { window: october },
);
// With ticket events read, the engine gives each day's backlog from the status history.
const fromHistory: Report = { ...estimated, daily: estimated.daily.map((day, index) => ({ ...day, backlog: index })) };

afterEach(cleanup);

function charts(report: Report, eventsPending: boolean) {
  render(
    <AppProviders zendeskLocale="en-US" colorScheme="light">
      <ReportCharts report={report} groupNames={new Map()} today="2026-11-02" eventsPending={eventsPending} />
    </AppProviders>,
  );
  return screen.getByRole('figure', { name: 'Created and solved per day, with the backlog' });
}

describe('the daily backlog line while the ticket events are read', () => {
  it('is dimmed, busy and said not final while the stream goes on', () => {
    const figure = charts(fromHistory, true);
    expect(figure).toHaveAttribute('aria-busy', 'true');
    expect(figure).toHaveClass('backlog-unfinished');
    expect(screen.getByTestId('chart-backlog-events-pending')).toHaveTextContent(
      'the backlog per day comes from the status history read so far and is not final yet',
    );
  });

  it('is final once the stream is whole', () => {
    const figure = charts(fromHistory, false);
    expect(figure).not.toHaveAttribute('aria-busy');
    expect(figure).not.toHaveClass('backlog-unfinished');
    expect(screen.queryByTestId('chart-backlog-events-pending')).toBeNull();
  });

  it('is not marked when it is the estimate from today’s backlog, which its name already says', () => {
    const figure = charts(estimated, true);
    expect(figure).not.toHaveAttribute('aria-busy');
    expect(screen.queryByTestId('chart-backlog-events-pending')).toBeNull();
  });
});
