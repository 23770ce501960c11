// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { DrillDownPanel, PAGE_SIZE } from '../../src/app/report/drill-down-panel';
import { ScorecardTable, type DrillTarget } from '../../src/app/report/scorecard-table';
import { SlaBreachGrid } from '../../src/app/report/sla-breach-grid';
import { computeReport } from '../../src/metrics/compute-report';
import { ticketsBehind, type DrillRow } from '../../src/metrics/drill-down';
import { ReportWindow } from '../../src/metrics/report-window';
import type { TicketTimeline, TicketTimelines } from '../../src/metrics/ticket-timeline';
import { makeTicket } from '../metrics/make-ticket';

/**
 * The report's SLA views on a hand-made week: Ana (7) breaches two targets on 3 October and meets
 * one on the 4th; Bo (8) breaches one on the 4th; an unassigned ticket breaches one on the 5th.
 */
const week = ReportWindow.of('2026-10-01', '2026-10-07', 'UTC');
const at = (iso: string) => Date.parse(iso);
const timeline = (ticketId: number, targets: TicketTimeline['slaTargets']): TicketTimeline => ({
  ticketId,
  people: null,
  assignees: [],
  statuses: [],
  slaTargets: targets,
  ratedAssignee: null,
});
const tickets = [
  makeTicket({ id: 1, assigneeId: 7, createdAt: at('2026-10-03T08:00:00Z') }),
  makeTicket({ id: 2, assigneeId: 7, createdAt: at('2026-10-03T09:00:00Z') }),
  makeTicket({ id: 3, assigneeId: 8, createdAt: at('2026-10-04T09:00:00Z') }),
  makeTicket({ id: 4, assigneeId: null, createdAt: at('2026-10-05T09:00:00Z') }),
];
const timelines: TicketTimelines = {
  byTicket: new Map([
    [
      1,
      timeline(1, [{ metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-03T10:00:00Z') }]),
    ],
    [
      2,
      timeline(2, [
        { metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-03T11:00:00Z') },
        { metric: 'next_reply_time', instanceId: 2, state: 'achieved', at: at('2026-10-04T11:00:00Z') },
      ]),
    ],
    [
      3,
      timeline(3, [{ metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-04T12:00:00Z') }]),
    ],
    [
      4,
      timeline(4, [{ metric: 'first_reply_time', instanceId: 1, state: 'breached', at: at('2026-10-05T12:00:00Z') }]),
    ],
  ]),
  ticketEvents: true,
  metricEvents: true,
};
const options = { window: week, timelines };
const report = computeReport(tickets, options);
const names = new Map<number | null, string>([
  [7, 'Ana'],
  [8, 'Bo'],
  [null, 'Unassigned'],
]);
const nameOf = (id: number | null) => names.get(id) ?? `#${id}`;

afterEach(cleanup);

function inApp(children: React.ReactNode, locale = 'en-US') {
  return render(
    <AppProviders zendeskLocale={locale} colorScheme="light">
      {children}
    </AppProviders>,
  );
}

describe('breaches per agent per day', () => {
  it('lays out agents by days with the engine’s counts, and each count opens its tickets', async () => {
    const user = userEvent.setup();
    const opened: [number | null, string | null][] = [];
    inApp(
      <SlaBreachGrid
        report={report}
        nameOf={nameOf}
        dateLabel={(iso) => iso.slice(5)}
        onOpen={(agent, date) => opened.push([agent, date])}
      />,
    );
    const table = screen.getByRole('table', { name: /Agents by days/ });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Agent', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07', 'Total'],
      ['Ana', '0', '0', '2', '0', '0', '0', '0', '2'],
      ['Bo', '0', '0', '0', '1', '0', '0', '0', '1'],
      ['Unassigned', '0', '0', '0', '0', '1', '0', '0', '1'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Ana, 10-03: SLA breaches 2. Show the tickets' }));
    expect(opened).toEqual([[7, '2026-10-03']]);
    // The tickets behind that cell are the two Ana breached that day.
    const behind = ticketsBehind(tickets, options, 'sla_breached', { kind: 'agent', id: 7 }, { day: '2026-10-03' });
    expect(behind.map((row) => row.ticket.id)).toEqual([1, 2]);
  });

  it('says so when nothing breached', () => {
    const clean = computeReport(tickets.slice(0, 0), options);
    inApp(<SlaBreachGrid report={clean} nameOf={nameOf} dateLabel={(iso) => iso} onOpen={() => {}} />);
    expect(screen.getByText('No SLA target was breached in this period.')).toBeInTheDocument();
  });
});

describe('the scorecards’ SLA column group', () => {
  it('shows the SLA rate, breaches and met targets per agent, each opening its tickets', async () => {
    const user = userEvent.setup();
    const drills: DrillTarget[] = [];
    inApp(
      <ScorecardTable
        team={report.team}
        agents={report.agents}
        nameOf={(agent) => nameOf(agent.id)}
        onDrill={(target) => drills.push(target)}
      />,
    );
    for (const header of ['SLA achieved', 'SLA breaches', 'SLA targets met'])
      expect(screen.getByRole('columnheader', { name: header })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'SLA breaches for Ana: show the tickets' }));
    expect(drills.at(-1)).toMatchObject({ column: { key: 'sla_breached' }, scope: { kind: 'agent', id: 7 } });
    const anaRow = screen.getByRole('row', { name: /^Ana/ });
    // Ana: 1 of 3 targets met (33.3%), 2 breached, 1 met.
    expect(within(anaRow).getByRole('button', { name: 'SLA achieved for Ana: show the tickets' })).toHaveTextContent(
      '33.3%',
    );
    expect(within(anaRow).getByRole('button', { name: 'SLA breaches for Ana: show the tickets' })).toHaveTextContent(
      '2',
    );
  });

  it('has no SLA columns without metric events', () => {
    const plain = computeReport(tickets, { window: week });
    inApp(
      <ScorecardTable
        team={plain.team}
        agents={plain.agents}
        nameOf={(agent) => nameOf(agent.id)}
        onDrill={() => {}}
      />,
    );
    expect(screen.queryByRole('columnheader', { name: 'SLA breaches' })).toBeNull();
  });
});

describe('the drill-down list', () => {
  const many: DrillRow[] = Array.from({ length: 250 }, (_, i) => ({
    ticket: makeTicket({ id: i + 1, createdAt: at('2026-10-01T00:00:00Z') + i * 60_000 }),
    value: 250 - i,
    counted: null,
  }));

  it('reaches every ticket a page at a time, not only the first 200', async () => {
    const user = userEvent.setup();
    inApp(
      <DrillDownPanel
        title="Created: Team"
        rows={many}
        valueKind="count"
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
        onExport={() => {}}
        onClose={() => {}}
      />,
    );
    const ids = () => screen.getAllByRole('link').map((link) => Number(link.textContent!.slice(1)));
    expect(ids()).toHaveLength(PAGE_SIZE);
    expect(ids()[0]).toBe(250);
    expect(screen.getByText('Tickets 1–100 of 250')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('Tickets 201–250 of 250')).toBeInTheDocument();
    expect(ids().at(-1)).toBe(1);
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('exports every row in the order shown, after a sort', async () => {
    const user = userEvent.setup();
    const exported = vi.fn<(rows: DrillRow[]) => void>();
    inApp(
      <DrillDownPanel
        title="Created: Team"
        rows={many}
        valueKind="count"
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
        onExport={exported}
        onClose={() => {}}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Value' }));
    await user.click(screen.getByRole('button', { name: 'Value' }));
    await user.click(screen.getByRole('button', { name: 'Export tickets (CSV)' }));
    const rows = exported.mock.calls[0]![0];
    expect(rows).toHaveLength(250);
    expect(rows.map((row) => row.value)).toEqual([...many.map((row) => row.value)].sort((a, b) => a! - b!));
  });
});
