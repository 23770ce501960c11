// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { DrillDownPanel, PAGE_SIZE } from '../../src/app/report/drill-down-panel';
import { ScorecardTable, type DrillTarget } from '../../src/app/report/scorecard-table';
import { CreditNote, creditFallback } from '../../src/app/report/credit-note';
import { ReportCharts } from '../../src/app/report/report-charts';
import { SlaBreachGrid } from '../../src/app/report/sla-breach-grid';
import { drillMetricName, SlaSection, slaPending, slaUnavailable } from '../../src/app/report/sla-section';
import { createTranslator } from '../../src/app/i18n/translator';
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

describe('the SLA section', () => {
  const section = (props: Partial<Parameters<typeof SlaSection>[0]> = {}) =>
    inApp(
      <SlaSection
        report={report}
        previous={null}
        previousHasData
        unavailable={null}
        pending={null}
        nameOf={nameOf}
        dateLabel={(iso) => iso.slice(5)}
        onOpenTile={() => {}}
        onOpenCell={() => {}}
        {...props}
      />,
    );
  const tile = (metric: string) => screen.getByTestId(`kpi-sla-${metric}`).closest('button')!;

  it('a tile for every SLA together and one per SLA metric, each its rate and breaches, opening its tickets', async () => {
    const user = userEvent.setup();
    const opened: string[] = [];
    section({ onOpenTile: (metric) => opened.push(metric) });
    // All: 1 met of 5 (four first replies breached, one next reply met).
    expect(screen.getByTestId('kpi-sla-all')).toHaveTextContent('20%');
    expect(tile('all')).toHaveTextContent('SLA achieved');
    expect(tile('all')).toHaveTextContent('4 breached');
    expect(screen.getByTestId('kpi-sla-first_reply_time')).toHaveTextContent('0%');
    expect(tile('first_reply_time')).toHaveTextContent('First reply SLA');
    expect(screen.getByTestId('kpi-sla-next_reply_time')).toHaveTextContent('100%');
    expect(tile('next_reply_time')).toHaveTextContent('0 breached');
    // Each tile's definition is its own.
    expect(tile('next_reply_time')).toHaveAccessibleDescription(
      'Next reply SLA: of its targets met or breached in the period, the share met.',
    );

    await user.click(tile('first_reply_time'));
    expect(opened).toEqual(['first_reply_time']);
    // Behind the first reply tile: the four tickets with a first reply target, none of them met.
    const behind = ticketsBehind(tickets, options, 'sla', { kind: 'team' }, { slaMetric: 'first_reply_time' });
    expect(behind.map((row) => [row.ticket.id, row.counted])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
    ]);
    const all = ticketsBehind(tickets, options, 'sla', { kind: 'team' });
    expect(all.reduce((sum, row) => sum + row.value!, 0)).toBe(5);
  });

  it('the team’s breaches per day under the agents, equal to the agents’ sum, each opening that day’s tickets', async () => {
    const user = userEvent.setup();
    const days: (string | null)[] = [];
    section({ onOpenTeamDay: (date) => days.push(date) });
    const team = within(screen.getByRole('table', { name: /Agents by days/ })).getByRole('row', { name: /^Team/ });
    expect([...team.querySelectorAll('th, td')].map((cell) => cell.textContent)).toEqual([
      'Team',
      '0',
      '0',
      '2',
      '1',
      '1',
      '0',
      '0',
      '4',
    ]);
    // Per agent they add up to the team's breaches.
    const perAgent = report.agents.reduce((sum, agent) => sum + (agent.sla?.['all']?.breached ?? 0), 0);
    expect(perAgent).toBe(report.team.sla!['all']!.breached);
    await user.click(screen.getByRole('button', { name: 'Team, 10-03: SLA breaches 2. Show the tickets' }));
    await user.click(screen.getByRole('button', { name: 'Team, Total: SLA breaches 4. Show the tickets' }));
    expect(days).toEqual(['2026-10-03', null]);
    const behind = ticketsBehind(tickets, options, 'sla_breached', { kind: 'team' }, { day: '2026-10-03' });
    expect(behind.map((row) => row.ticket.id)).toEqual([1, 2]);
  });

  it('without metric events says why instead of showing nothing or zeros', () => {
    const plain = computeReport(tickets, { window: week });
    expect(slaUnavailable(plain, { status: 'unreadable', reason: 'role' })).toBe('role');
    expect(slaUnavailable(plain, { status: 'unreadable', reason: 'refused' })).toBe('refused');
    expect(slaUnavailable(plain, { status: 'loading' })).toBe('not_read');
    expect(slaUnavailable(plain, { status: 'read' })).toBe('not_read');
    expect(slaUnavailable(report, { status: 'loading' })).toBeNull();
    // Numbers from a stream still being read are not final: the tiles say so.
    expect(slaPending({ status: 'loading' })).toBe(true);
    expect(slaPending({ status: 'read' })).toBe(false);

    section({ report: plain, unavailable: 'role' });
    expect(
      screen.getByText("No SLA numbers: they come from Zendesk's ticket metric events, which only admins can read."),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('kpi-sla-all')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    cleanup();
    section({ report: plain, unavailable: 'not_read' });
    expect(
      screen.getByText("No SLA numbers yet: Zendesk's ticket metric events have not been read."),
    ).toBeInTheDocument();
  });

  it('in Russian, with its own names', () => {
    inApp(
      <SlaSection
        report={report}
        previous={null}
        previousHasData
        unavailable={null}
        pending={null}
        nameOf={nameOf}
        dateLabel={(iso) => iso}
        onOpenTile={() => {}}
        onOpenCell={() => {}}
      />,
      'ru',
    );
    expect(tile('first_reply_time')).toHaveTextContent('SLA первого ответа');
    expect(tile('all')).toHaveTextContent('нарушено: 4');
  });
});

describe('the drill-down title', () => {
  it('names the SLA metric of a tile and the day of a cell', () => {
    const t = createTranslator('en');
    const date = (iso: string) => iso.slice(5);
    expect(drillMetricName(t, 'SLA breaches', { day: '2026-10-03' }, date)).toBe('SLA breaches on 10-03');
    expect(drillMetricName(t, 'SLA achieved', { slaMetric: 'next_reply_time' }, date)).toBe('Next reply SLA');
    expect(drillMetricName(t, 'Created', undefined, date)).toBe('Created');
  });
});

describe('the credit label', () => {
  it('says when numbers fall back to the current assignee, and why', () => {
    expect(creditFallback(undefined, undefined, true)).toBe('not_read');
    expect(creditFallback('actor', undefined, false)).toBe('role');
    // Metric events alone do not say who replied or solved.
    expect(creditFallback('actor', { ...timelines, ticketEvents: false }, true)).toBe('not_read');
    expect(creditFallback(undefined, timelines, true)).toBeNull();
    // The current assignee chosen is what it says: no label.
    expect(creditFallback('assignee', undefined, true)).toBeNull();

    // With ticket events, a ticket whose events do not reach its creation falls back on its own.
    const withPeople: TicketTimelines = {
      ...timelines,
      byTicket: new Map(
        [...timelines.byTicket].map(([id, line]) => [
          id,
          id === 4 ? line : { ...line, people: { firstReplier: 7, firstAssignee: 7, solver: 7 } },
        ]),
      ),
    };
    expect(creditFallback('actor', withPeople, true, tickets)).toEqual({ tickets: 1 });
    expect(creditFallback('actor', withPeople, true, tickets.slice(0, 3))).toBeNull();
    inApp(<CreditNote fallback={{ tickets: 3 }} />);
    expect(screen.getByRole('note')).toHaveTextContent(
      "3 tickets' events do not go back to their creation: they are credited to their current assignee.",
    );
    cleanup();
    inApp(<CreditNote fallback="not_read" />);
    expect(screen.getByRole('note')).toHaveTextContent('Credited to the current assignee: ticket events not read.');
    cleanup();
    inApp(<CreditNote fallback={null} />);
    expect(screen.queryByRole('note')).toBeNull();
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

describe('the breaches per day chart', () => {
  it('opens a day’s tickets from the table under it, the team’s breaches of that day', async () => {
    const user = userEvent.setup();
    const days: string[] = [];
    inApp(
      <ReportCharts report={report} groupNames={new Map()} today="2026-10-07" onOpenSlaDay={(d) => days.push(d)} />,
    );
    await user.click(within(screen.getByTestId('sla-daily-numbers')).getByText('The numbers behind the chart'));
    await user.click(await screen.findByRole('button', { name: 'Oct 3: 2 SLA targets breached. Show the tickets' }));
    await user.click(screen.getByRole('button', { name: 'Oct 5: 1 SLA target breached. Show the tickets' }));
    expect(days).toEqual(['2026-10-03', '2026-10-05']);
    // The tickets of a day are the sum of that day's grid cells: Ana's two on the 3rd.
    const team = ticketsBehind(tickets, options, 'sla_breached', { kind: 'team' }, { day: '2026-10-03' });
    const cells = [7, 8, null].flatMap((id) =>
      ticketsBehind(tickets, options, 'sla_breached', { kind: 'agent', id }, { day: '2026-10-03' }),
    );
    expect(team).toEqual(cells);
  });
});
