// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { agentPageAllowed, AgentPageSection } from '../../src/app/report/agent-page';
import { ReportWindow } from '../../src/metrics/report-window';
import { at, makeTicket, solvedTicket } from '../metrics/make-ticket';

const window = ReportWindow.of('2026-10-01', '2026-10-03', 'UTC');
const tickets = [
  solvedTicket(1, '2026-10-02T10:00:00Z', {
    assigneeId: 7,
    satisfaction: 'bad',
    satisfactionComment: '<b>late</b>',
  }),
  solvedTicket(2, '2026-10-02T11:00:00Z', { assigneeId: 8, satisfaction: 'bad' }),
  makeTicket({ id: 3, status: 'open', assigneeId: 7, createdAt: at('2026-09-20T00:00:00Z') }),
  makeTicket({ id: 4, status: 'pending', assigneeId: 7, createdAt: at('2026-09-10T00:00:00Z') }),
];
const names = new Map<number | null, string>([
  [7, 'Ana'],
  [8, 'Bo'],
]);
const nameOf = (id: number | null) => names.get(id) ?? 'Unassigned';

function inApp(children: ReactNode) {
  return render(
    <AppProviders zendeskLocale="en-US" colorScheme="light">
      {children}
    </AppProviders>,
  );
}

afterEach(cleanup);

describe("an agent's page", () => {
  it('opens for a manager on anyone, for anyone else only on themselves', () => {
    expect(agentPageAllowed('all', 7, 8)).toBe(true);
    expect(agentPageAllowed(new Set([7]), 7, 7)).toBe(true);
    expect(agentPageAllowed(new Set([7]), 7, 8)).toBe(false);
    // A lead sees their agents' scorecards, not their pages.
    expect(agentPageAllowed(new Set([7, 8]), 7, 8)).toBe(false);
  });

  it("shows an agent only their own page, with the team's numbers beside theirs", async () => {
    const opened: number[] = [];
    inApp(
      <AgentPageSection
        tickets={tickets}
        options={{ window }}
        agents={[7, 8]}
        visible={new Set([7, 8])}
        selfId={7}
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={(id) => opened.push(id)}
      />,
    );
    expect(screen.getByRole('heading', { name: "Ana's page" })).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    const rows = within(screen.getByTestId('agent-trend')).getAllByRole('row');
    // 2 October: Ana solved 1 of the team's 2, one bad rating of the team's two.
    expect(rows[2]!.querySelectorAll('td')[0]!.textContent).toBe('1 / 2');
    expect(rows[2]!.querySelectorAll('td')[3]!.textContent).toBe('0:1 / 0:2');
    const open = within(screen.getByTestId('agent-open')).getAllByRole('listitem');
    expect(open.map((item) => item.textContent?.slice(0, 10))).toEqual(['Ticket #4 ', 'Ticket #3 ']);
    const bad = screen.getByTestId('agent-bad-ratings');
    expect(bad.textContent).toContain('<b>late</b>');
    expect(bad.querySelector('b')).toBeNull();
    expect(bad.textContent).not.toContain('#2');
    await userEvent.setup().click(within(open[0]!).getByRole('button'));
    expect(opened).toEqual([4]);
  });

  it('lets a manager choose any agent', async () => {
    inApp(
      <AgentPageSection
        tickets={tickets}
        options={{ window }}
        agents={[7, 8]}
        visible="all"
        selfId={99}
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
      />,
    );
    await userEvent.setup().selectOptions(screen.getByRole('combobox'), '8');
    expect(screen.getByRole('heading', { name: "Bo's page" })).toBeTruthy();
    expect(screen.getByText('No open ticket.')).toBeTruthy();
  });
});
