// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { ratingsVisibleTo, VoiceOfCustomer } from '../../src/app/report/voice-of-customer';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import { solvedTicket } from '../metrics/make-ticket';

const window = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
// Ana (7): one bad rating whose comment holds markup, one good. Bo (8): one bad, reopened.
const tickets = [
  solvedTicket(1, '2026-10-05T10:00:00Z', {
    assigneeId: 7,
    satisfaction: 'bad',
    satisfactionComment: '<img src=x onerror=alert(1)> never answered',
    satisfactionReason: 'The issue was not resolved',
    replies: 2,
  }),
  solvedTicket(2, '2026-10-06T10:00:00Z', { assigneeId: 7, satisfaction: 'good', satisfactionComment: 'Thanks!' }),
  solvedTicket(3, '2026-10-07T10:00:00Z', { assigneeId: 8, satisfaction: 'bad', reopens: 1, replies: 3 }),
];
const options = { window };
const report = computeReport(tickets, { ...options, voice: true });
const names = new Map<number | null, string>([
  [7, 'Ana'],
  [8, 'Bo'],
]);
const nameOf = (id: number | null) => names.get(id) ?? 'Unassigned';

function inApp(children: ReactNode, locale = 'en-US') {
  return render(
    <AppProviders zendeskLocale={locale} colorScheme="light">
      {children}
    </AppProviders>,
  );
}

afterEach(cleanup);

describe('the voice of the customer', () => {
  it("lists the ratings bad first with the customers' words as text, and the engine's numbers", async () => {
    const opened: number[] = [];
    inApp(
      <VoiceOfCustomer
        report={report}
        tickets={tickets}
        options={options}
        visible="all"
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={(id) => opened.push(id)}
      />,
    );
    const items = within(screen.getByTestId('voice-ratings')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.slice(0, 20))).toEqual([
      'Bad Ticket #1 · Ana ',
      'Bad Ticket #3 · BoNo',
      'Good Ticket #2 · Ana',
    ]);
    // Markup in a comment is shown, never run or parsed.
    expect(items[0]!.querySelector('img')).toBeNull();
    expect(items[0]!.textContent).toContain('<img src=x onerror=alert(1)> never answered');
    expect(screen.getByTestId('voice-bad').textContent).toBe('2');
    expect(screen.getByTestId('voice-follow-up').textContent).toBe('50%');
    // No comment events: 1 + reopens each, (1 + 1 + 2) / 3, to one decimal; replies (2 + 1 + 3) / 3.
    expect(screen.getByTestId('voice-contacts').textContent).toBe('1.3');
    expect(screen.getByTestId('voice-replies').textContent).toBe('2');
    await userEvent.setup().click(within(items[1]!).getByRole('button', { name: 'Ticket #3' }));
    expect(opened).toEqual([3]);
  });

  it('opens the bad ratings followed up, as the engine judged them', async () => {
    inApp(
      <VoiceOfCustomer
        report={report}
        tickets={tickets}
        options={options}
        visible="all"
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
      />,
    );
    await userEvent.setup().click(screen.getByTestId('voice-follow-up'));
    expect(screen.getByRole('heading', { name: /Bad ratings followed up/ })).toBeTruthy();
    // Ticket 1 was not reopened (not followed up), ticket 3 was: both bad ratings are listed.
    const rows = within(screen.getAllByRole('table').at(-1)!).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      rows
        .slice(1)
        .map((row) => row.textContent)
        .join(' '),
    ).toMatch(/1.*3|3.*1/);
  });

  it("shows an agent who sees only themselves only their own customers' words", () => {
    inApp(
      <VoiceOfCustomer
        report={report}
        tickets={tickets}
        options={options}
        visible={new Set([7])}
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
      />,
    );
    const items = within(screen.getByTestId('voice-ratings')).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(screen.queryByText(/Ticket #3/)).toBeNull();
    expect(ratingsVisibleTo(report.csat_comments!.ratings, new Set([8])).map((row) => row.ticket_id)).toEqual([3]);
  });

  it('is in Persian, right to left', () => {
    inApp(
      <VoiceOfCustomer
        report={report}
        tickets={tickets}
        options={options}
        visible="all"
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
      />,
      'fa',
    );
    expect(screen.getByRole('heading', { name: 'آنچه مشتریان گفتند' })).toBeTruthy();
  });
});
