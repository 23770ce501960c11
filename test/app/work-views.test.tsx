// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { WorkViews } from '../../src/app/report/work-views';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import type { RequestScheduler } from '../../src/zendesk/request-scheduler';
import { TicketSubjects } from '../../src/zendesk/ticket-subjects';
import { makeTicket } from '../metrics/make-ticket';
import { Deferred } from './support/fake-zaf';

/**
 * The work views on a hand-made October in UTC, "now" being 2 November 12:00:
 * - backlog: #1 new, unassigned, 2 hours old; #2 open, Ana's (7), 2 days; #3 pending, Bo's (8),
 *   10 days; #4 hold, Ana's, 40 days; #5 solved on 20 October (created 1 October);
 * - arrivals: #5 Thursday 1 October 10:xx, #6 and #7 Monday 5 October 09:xx (replies 10 and 30
 *   minutes), #8 Monday 12 October 09:xx (no reply), #3 Friday 23 October 12:00, #2 Saturday 31
 *   October 12:00.
 */
const october = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
const NOW = Date.parse('2026-11-02T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const tickets = [
  makeTicket({ id: 1, status: 'new', createdAt: NOW - 2 * HOUR, type: 'question' }),
  makeTicket({ id: 2, status: 'open', createdAt: NOW - 2 * DAY, assigneeId: 7, type: 'question' }),
  makeTicket({ id: 3, status: 'pending', createdAt: NOW - 10 * DAY, assigneeId: 8, type: 'incident' }),
  makeTicket({ id: 4, status: 'hold', createdAt: NOW - 40 * DAY, assigneeId: 7 }),
  makeTicket({
    id: 5,
    status: 'solved',
    createdAt: at('2026-10-01T10:15:00Z'),
    solvedAt: at('2026-10-20T00:00:00Z'),
    assigneeId: 8,
    type: 'incident',
    channel: 'web',
  }),
  makeTicket({
    id: 6,
    status: 'solved',
    createdAt: at('2026-10-05T09:05:00Z'),
    solvedAt: at('2026-10-05T12:00:00Z'),
    assigneeId: 7,
    replyTimeCalendar: 10,
    type: 'question',
  }),
  makeTicket({
    id: 7,
    status: 'solved',
    createdAt: at('2026-10-05T09:40:00Z'),
    solvedAt: at('2026-10-06T12:00:00Z'),
    assigneeId: 8,
    replyTimeCalendar: 30,
    type: 'question',
  }),
  makeTicket({
    id: 8,
    status: 'solved',
    createdAt: at('2026-10-12T09:59:00Z'),
    solvedAt: at('2026-10-13T12:00:00Z'),
    assigneeId: 7,
    type: 'incident',
  }),
];
const options = { window: october, now: NOW };
const report = computeReport(tickets, options);
const names = new Map<number | null, string>([
  [7, 'Ana'],
  [8, 'Bo'],
]);
const nameOf = (id: number | null) => (id === null ? 'Unassigned' : (names.get(id) ?? `#${id}`));

afterEach(cleanup);

function views(visible: 'all' | ReadonlySet<number>, locale = 'en-US', opened: number[] = []) {
  return render(
    <AppProviders zendeskLocale={locale} colorScheme="light">
      <WorkViews
        report={report}
        tickets={tickets}
        options={options}
        visible={visible}
        timeZone="UTC"
        nameOf={nameOf}
        groupNames={new Map()}
        today="2026-11-02"
        onOpenTicket={(id) => opened.push(id)}
      />
    </AppProviders>,
  );
}

describe('backlog health', () => {
  it('shows the engine’s counts, each opening the tickets it counts', async () => {
    const user = userEvent.setup();
    views('all');
    const health = report.backlog_health!;
    expect(health).toMatchObject({ total: 4, unassigned: 1, by_age: [1, 1, 0, 1, 1], start: 1, end: 3 });
    expect(screen.getByTestId('backlog-total')).toHaveTextContent('4');
    expect(screen.getByTestId('backlog-new')).toHaveTextContent('1');
    // At 1 October 00:00 only #4 was there; at 1 November #4, #3 and #2 (#1 came on the 2nd).
    expect(screen.getByTestId('backlog-start')).toHaveTextContent('1');
    expect(screen.getByTestId('backlog-end')).toHaveTextContent('3');
    expect(screen.getByTestId('backlog-change')).toHaveTextContent('+2');
    expect([0, 1, 2, 3, 4].map((bucket) => screen.getByTestId(`backlog-age-${bucket}`).textContent)).toEqual([
      '1',
      '1',
      '0',
      '1',
      '1',
    ]);
    expect(screen.getByText(/estimated from each ticket's solve time/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '7 to 30 days: 1 ticket. Open it.' }));
    const panel = screen.getByRole('region', { name: 'Unsolved tickets: 7 to 30 days: Team' });
    expect(
      within(panel)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['#3']);
    // The value is the age: 10 days.
    expect(within(panel).getByText('10d')).toBeInTheDocument();
  });

  it('shows the start, end and change as unfinished while the ticket events are still read', () => {
    // A report with events read so far (not estimated), while the stream goes on.
    const partial = { ...report, backlog_health: { ...report.backlog_health!, estimated: false } };
    const partialViews = (eventsPending: boolean) => (
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <WorkViews
          report={partial}
          tickets={tickets}
          options={options}
          visible="all"
          timeZone="UTC"
          nameOf={nameOf}
          groupNames={new Map()}
          today="2026-11-02"
          onOpenTicket={() => {}}
          eventsPending={eventsPending}
        />
      </AppProviders>
    );
    const { rerender } = render(partialViews(true));
    expect(screen.getByTestId('backlog-events-pending')).toHaveTextContent('not final yet');
    expect(screen.getByTestId('backlog-change')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByTestId('backlog-change')).toHaveClass('unfinished');
    expect(screen.getByTestId('backlog-start').closest('dd')).toHaveClass('unfinished');
    expect(screen.getByTestId('backlog-end').closest('dd')).toHaveClass('unfinished');
    rerender(partialViews(false));
    expect(screen.queryByTestId('backlog-events-pending')).toBeNull();
    expect(screen.getByTestId('backlog-change')).not.toHaveAttribute('aria-busy');
    expect(screen.getByTestId('backlog-end').closest('dd')).not.toHaveClass('unfinished');
  });

  it('lists the oldest first, each a link to its ticket', async () => {
    const user = userEvent.setup();
    const opened: number[] = [];
    views('all', 'en-US', opened);
    const oldest = screen.getByRole('table', { name: 'The ten oldest unsolved tickets' });
    const rows = within(oldest)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ['#4', '40d', 'Ana'],
      ['#3', '10d', 'Bo'],
      ['#2', '2d', 'Ana'],
      ['#1', '2h', 'Unassigned'],
    ]);
    await user.click(within(oldest).getByRole('link', { name: '#3' }));
    expect(opened).toEqual([3]);
  });

  it('gives an agent who sees only their own scorecard their own tickets, with the team’s count', async () => {
    const user = userEvent.setup();
    views(new Set([7]));
    await user.click(screen.getByTestId('backlog-total'));
    const panel = screen.getByRole('region', { name: 'Unsolved tickets: your tickets' });
    expect(
      within(panel)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['#2', '#4']);
    expect(within(panel).getByText('The team: 4 tickets behind this number.')).toBeInTheDocument();
    // No assignee column for someone who sees no colleague's scorecard, in the list or the oldest.
    expect(within(panel).queryByText('Assignee')).toBeNull();
    expect(
      within(screen.getByRole('table', { name: 'The ten oldest unsolved tickets' })).queryByText('Ana'),
    ).toBeNull();
  });
});

/**
 * The subjects' reader the report's drill-down uses (TicketSubjects), on a Zendesk that answers
 * show_many when the test says: #4 has no subject, #1 is not given at all, #3 looks like markup.
 */
function subjectReader(answer: Promise<void>, fail = false) {
  const asked: string[] = [];
  const scheduler = {
    async get(path: string) {
      asked.push(path);
      await answer;
      if (fail) throw new Error('HTTP 503');
      const subjects: Record<number, string | null> = { 2: 'Refund for order 1234', 3: '<img src=x onerror=alert(1)>' };
      return {
        status: 200,
        headers: {},
        body: { tickets: [2, 3, 4].map((id) => ({ id, subject: subjects[id] ?? null })) },
      };
    },
  };
  return { subjects: new TicketSubjects(scheduler as unknown as RequestScheduler), asked };
}

function oldestWith(subjects: TicketSubjects) {
  render(
    <AppProviders zendeskLocale="en-US" colorScheme="light">
      <WorkViews
        report={report}
        tickets={tickets}
        options={options}
        visible="all"
        timeZone="UTC"
        nameOf={nameOf}
        groupNames={new Map()}
        today="2026-11-02"
        onOpenTicket={() => {}}
        subjects={subjects}
      />
    </AppProviders>,
  );
  const table = screen.getByRole('table', { name: 'The ten oldest unsolved tickets' });
  const cells = () =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent));
  return { table, cells };
}

describe('the oldest ten’s subjects', () => {
  it('says they are being read, then shows each as text, from one show_many request', async () => {
    const answer = new Deferred();
    const { subjects, asked } = subjectReader(answer.promise);
    const { table, cells } = oldestWith(subjects);
    expect(within(table).getByRole('columnheader', { name: 'Subject' })).toBeInTheDocument();
    expect(table).toHaveAttribute('aria-busy', 'true');
    expect(cells()).toEqual([
      ['#4', 'Reading the subject…', '40d'],
      ['#3', 'Reading the subject…', '10d'],
      ['#2', 'Reading the subject…', '2d'],
      ['#1', 'Reading the subject…', '2h'],
    ]);
    answer.resolve();
    await waitFor(() => expect(table).not.toHaveAttribute('aria-busy'));
    expect(cells()).toEqual([
      ['#4', '–', '40d'],
      ['#3', '<img src=x onerror=alert(1)>', '10d'],
      ['#2', 'Refund for order 1234', '2d'],
      ['#1', '–', '2h'],
    ]);
    expect(table.querySelector('img')).toBeNull();
    expect(asked).toEqual(['/api/v2/tickets/show_many.json?ids=4%2C3%2C2%2C1']);
  });

  it('says in each row that a subject could not be read, and keeps the rest of the table', async () => {
    const { subjects } = subjectReader(Promise.resolve(), true);
    const { table, cells } = oldestWith(subjects);
    await waitFor(() => expect(table).not.toHaveAttribute('aria-busy'));
    const failed = 'The subject could not be read from Zendesk; open the ticket to see it.';
    expect(cells()).toEqual([
      ['#4', failed, '40d'],
      ['#3', failed, '10d'],
      ['#2', failed, '2d'],
      ['#1', failed, '2h'],
    ]);
    expect(within(table).getByRole('link', { name: '#3' })).toBeInTheDocument();
  });
});

describe('the work views’ drill-down lists', () => {
  it('show the subject column through the report’s reader, as the other drill-downs do', async () => {
    const user = userEvent.setup();
    const { subjects } = subjectReader(Promise.resolve());
    oldestWith(subjects);
    await user.click(screen.getByRole('button', { name: '7 to 30 days: 1 ticket. Open it.' }));
    const panel = screen.getByRole('region', { name: 'Unsolved tickets: 7 to 30 days: Team' });
    expect(within(panel).getByRole('columnheader', { name: /Subject/ })).toBeInTheDocument();
    await waitFor(() => expect(within(panel).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument());
    expect(panel.querySelector('img')).toBeNull();
  });
});

describe('arrivals', () => {
  it('lays out created tickets by weekday and hour, names the busiest hours, and opens a cell', async () => {
    const user = userEvent.setup();
    views('all');
    const grid = screen.getByRole('table', { name: 'Tickets created by weekday and hour' });
    const monday = within(grid).getAllByRole('row')[1]!;
    const cells = [...monday.querySelectorAll('td')].map((cell) => cell.textContent);
    expect(cells).toHaveLength(24);
    expect(cells[9]).toBe('3');
    expect(cells.filter((text) => text !== '0')).toEqual(['3']);
    expect(screen.getByTestId('arrivals-busiest')).toHaveTextContent(
      'Busiest hours: Monday 9:00 AM–10:00 AM (3 tickets); Thursday 10:00 AM–11:00 AM (1 ticket); Friday 12:00 PM–1:00 PM (1 ticket).',
    );
    await user.click(screen.getByRole('radio', { name: 'Median first reply' }));
    const frt = screen.getByRole('table', { name: /Median first reply time/ });
    expect(within(frt).getAllByRole('row')[1]!.querySelectorAll('td')[9]!.textContent).toBe('20m');
    await user.click(
      screen.getByRole('button', {
        name: 'Monday 9:00 AM–10:00 AM: 3 tickets created, median first reply 20m. Open them.',
      }),
    );
    const panel = screen.getByRole('region', { name: 'Created Monday 9:00 AM–10:00 AM: Team' });
    expect(
      within(panel)
        .getAllByRole('link')
        .map((link) => link.textContent)
        .sort(),
    ).toEqual(['#6', '#7', '#8']);
  });

  it('writes weekdays, hours and counts in Persian', () => {
    views('all', 'fa');
    expect(screen.getByTestId('arrivals-busiest').textContent).toContain('دوشنبه');
    expect(screen.getByTestId('arrivals-busiest').textContent).toContain('۳');
  });
});

describe('volume', () => {
  it('gives every series’ numbers per day in a table, each opening its tickets', async () => {
    const user = userEvent.setup();
    views('all');
    await user.click(within(screen.getByTestId('volume-type-numbers')).getByText('The numbers behind the chart'));
    const table = await screen.findByTestId('volume-type-table');
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => [
      row.querySelector('th')!.textContent,
      row.querySelectorAll('td')[0]!.textContent,
    ]);
    // Created in October: #3, #5, #8 incidents; #2, #6, #7 questions; #1 (2 November) and #4 (23 September) not.
    expect(rows).toEqual([
      ['Incident', '3'],
      ['Question', '3'],
    ]);
    expect(report.volume!.by_type.map((series) => series.total)).toEqual([3, 3]);
    await user.click(within(table).getByRole('button', { name: 'Incident: 3 tickets. Open them.' }));
    const panel = screen.getByRole('region', { name: 'Created: Incident: Team' });
    expect(
      within(panel)
        .getAllByRole('link')
        .map((link) => link.textContent)
        .sort(),
    ).toEqual(['#3', '#5', '#8']);
  });

  it('draws in the time a report of a year takes, grouped by week', () => {
    const year = ReportWindow.of('2025-11-03', '2026-11-02', 'UTC');
    const long = computeReport(tickets, { window: year, now: NOW });
    expect(long.volume!.granularity).toBe('week');
    expect(long.volume!.buckets).toHaveLength(53);
    const started = performance.now();
    render(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <WorkViews
          report={long}
          tickets={tickets}
          options={{ window: year, now: NOW }}
          visible="all"
          timeZone="UTC"
          nameOf={nameOf}
          groupNames={new Map()}
          today="2026-11-02"
          onOpenTicket={() => {}}
        />
      </AppProviders>,
    );
    // Measured, not asserted: a unit test has no clock to hold the machine to.
    console.info(`work views of a year drawn in ${Math.round(performance.now() - started)} ms (jsdom)`);
    expect(
      screen.getByRole('figure', { name: 'Tickets created by type (per week, Monday to Sunday)' }),
    ).toBeInTheDocument();
  });
});
