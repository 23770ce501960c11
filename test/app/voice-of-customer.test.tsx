// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { npsScoreText } from '../../src/app/report/survey-scores-section';
import { RATINGS_SHOWN, ratingsVisibleTo, VoiceOfCustomer } from '../../src/app/report/voice-of-customer';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import type { TicketTimeline, TicketTimelines } from '../../src/metrics/ticket-timeline';
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

  it('lists the first RATINGS_SHOWN ratings and says how many more the counts open', () => {
    const many = Array.from({ length: RATINGS_SHOWN + 3 }, (_, index) =>
      solvedTicket(100 + index, '2026-10-10T10:00:00Z', { assigneeId: 7, satisfaction: 'bad' }),
    );
    const view = (ratings: typeof many) =>
      inApp(
        <VoiceOfCustomer
          report={computeReport(ratings, { ...options, voice: true })}
          tickets={ratings}
          options={options}
          visible="all"
          timeZone="UTC"
          nameOf={nameOf}
          onOpenTicket={() => {}}
        />,
      );
    view(many);
    expect(within(screen.getByTestId('voice-ratings')).getAllByRole('listitem')).toHaveLength(RATINGS_SHOWN);
    expect(screen.getByTestId('voice-ratings-more')).toHaveTextContent(
      'and 3 more ratings: the counts above open every one, with a CSV.',
    );
    cleanup();
    view(many.slice(0, RATINGS_SHOWN + 1));
    expect(screen.getByTestId('voice-ratings-more')).toHaveTextContent('and 1 more rating:');
    cleanup();
    view(many.slice(0, RATINGS_SHOWN));
    expect(screen.queryByTestId('voice-ratings-more')).toBeNull();
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

describe('NPS and customer effort in the voice of the customer', () => {
  const NPS = 360_020_003;
  const CES = 360_020_004;
  const surveys = { npsFieldId: NPS, cesFieldId: CES, cesScale: [1, 7] as const };
  const answered = (id: number, day: string, assigneeId: number | null, nps: number, ces?: number) =>
    solvedTicket(id, `2026-10-${day}T10:00:00Z`, {
      assigneeId,
      fieldValues: [{ fieldId: NPS, value: nps }, ...(ces === undefined ? [] : [{ fieldId: CES, value: ces }])],
    });
  // Ana (7): 10, 9, 3. Bo (8): 8, 6. Unassigned: 0. And 42, off the scale, on Bo's ticket.
  const surveyed = [
    answered(11, '02', 7, 10, 7),
    answered(12, '02', 7, 9, 6),
    answered(13, '05', 7, 3, 2),
    answered(14, '05', 8, 8),
    answered(15, '09', 8, 6, 6),
    answered(16, '09', null, 0),
    answered(17, '10', 8, 42),
  ];
  const surveyOptions = { window, surveys };
  const surveyReport = computeReport(surveyed, { ...surveyOptions, voice: true });

  function section(visible: 'all' | ReadonlySet<number>, locale = 'en-US', canSetSettings = true) {
    return inApp(
      <VoiceOfCustomer
        report={surveyReport}
        tickets={surveyed}
        options={surveyOptions}
        visible={visible}
        canSetSettings={canSetSettings}
        today="2026-10-31"
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
      />,
      locale,
    );
  }

  it("shows a manager the engine's NPS and CES with every group's count and share, and says what was left out", () => {
    section('all');
    const nps = surveyReport.nps!;
    // (2 promoters − 3 detractors) / 6 answers.
    expect(nps.team).toMatchObject({ n: 6, promoters: 2, passives: 1, detractors: 3 });
    expect(screen.getByTestId('survey-nps-score').textContent).toBe('-17');
    expect(screen.getByTestId('survey-nps-n').textContent).toBe('6');
    expect(screen.getByTestId('survey-nps-promoters').textContent).toBe('2');
    expect(screen.getByTestId('survey-nps-passives').textContent).toBe('1');
    expect(screen.getByTestId('survey-nps-detractors').textContent).toBe('3');
    expect(screen.getByTestId('survey-nps-promoters-share').textContent).toBe('33.3%');
    expect(screen.getByTestId('survey-nps-detractors-share').textContent).toBe('50%');
    expect(
      screen.getByText('1 value of the NPS field is not a whole number from 0 to 10 and is left out.'),
    ).toBeTruthy();
    // CES: 7, 6, 2, 6 → 5.25, shown to one decimal.
    expect(screen.getByTestId('survey-ces-mean').textContent).toBe('5.3');
    expect(screen.getByTestId('survey-ces-n').textContent).toBe('4');
    expect(screen.getByTestId('survey-ces-6').textContent).toBe('2');
    expect(screen.getByTestId('survey-ces-1').textContent).toBe('0');
    const agents = within(screen.getByTestId('survey-agents')).getAllByRole('row').slice(1);
    expect(agents.map((row) => row.querySelector('th')!.textContent)).toEqual(['Ana', 'Bo', 'Unassigned']);
    // Ana: (2 − 1) / 3; her CES (7 + 6 + 2) / 3.
    expect([...agents[0]!.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      '+33',
      '2',
      '0',
      '1',
      '3',
      '5',
      '3',
    ]);
  });

  it('opens the tickets behind a count: a group, an agent’s group, a bucket of the trend, the values left out', async () => {
    section('all');
    const user = userEvent.setup();
    const openedIds = () =>
      within(screen.getAllByRole('table').find((table) => table.closest('section.drill-panel'))!)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent!.match(/#?(\d+)/)![1]);
    await user.click(screen.getByTestId('survey-nps-detractors'));
    expect(screen.getByRole('heading', { name: /Detractors \(0–6\)/ })).toBeTruthy();
    expect(openedIds().sort()).toEqual(['13', '15', '16']);
    const ana = within(screen.getByTestId('survey-agents')).getAllByRole('row')[1]!;
    await user.click(within(ana).getByRole('button', { name: 'Promoters (9–10), Ana: 2 tickets. Open them.' }));
    expect(openedIds().sort()).toEqual(['11', '12']);
    const trend = screen.getByTestId('survey-trend');
    const fifth = within(trend)
      .getAllByRole('row')
      .find((row) => row.querySelector('th')!.textContent === 'Oct 5')!;
    expect([...fifth.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['-50', '2', '2', '1']);
    await user.click(within(fifth).getAllByRole('button')[0]!);
    expect(openedIds().sort()).toEqual(['13', '14']);
    await user.click(screen.getByTestId('survey-nps-invalid'));
    expect(openedIds()).toEqual(['17']);
  });

  it('shows an agent who sees only themselves the team figures and their own row, and opens only their tickets', async () => {
    section(new Set([8]), 'en-US', false);
    expect(screen.getByTestId('survey-nps-score').textContent).toBe('-17');
    const agents = within(screen.getByTestId('survey-agents')).getAllByRole('row').slice(1);
    expect(agents.map((row) => row.querySelector('th')!.textContent)).toEqual(['Bo']);
    await userEvent.setup().click(screen.getByTestId('survey-nps-detractors'));
    const panel = screen.getAllByRole('table').find((table) => table.closest('section.drill-panel'))!;
    expect(within(panel).getAllByRole('row')).toHaveLength(2);
    expect(panel.textContent).toContain('15');
    expect(panel.textContent).not.toContain('13');
  });

  it('tells an admin which setting names the fields, and shows nothing to anyone else, when no field is set', () => {
    const { unmount } = inApp(
      <VoiceOfCustomer
        report={report}
        tickets={tickets}
        options={options}
        visible="all"
        canSetSettings
        timeZone="UTC"
        nameOf={nameOf}
        onOpenTicket={() => {}}
      />,
    );
    expect(screen.getByTestId('survey-unset').textContent).toMatch(/NPS field id or the CES field id/);
    expect(screen.queryByTestId('survey-scores')).toBeNull();
    unmount();
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
    expect(screen.queryByTestId('survey-unset')).toBeNull();
  });

  it('counts the values left out with Russian plurals and writes NPS in Persian digits', () => {
    section('all', 'ru');
    expect(screen.getByText(/^1 значение поля NPS не является целым числом/)).toBeTruthy();
    cleanup();
    section('all', 'fa');
    expect(screen.getByTestId('survey-nps-score').textContent).toBe(npsScoreText(surveyReport.nps!.team.score, 'fa'));
    expect(screen.getByTestId('survey-nps-score').textContent).toMatch(/۱۷/);
  });

  describe('says who the per-agent answers are credited to', () => {
    // #13 (Ana's now, a detractor) was solved by Bo, as its events show; every other solver is its assignee.
    const timeline = (ticketId: number, solver: number | null): TicketTimeline => ({
      ticketId,
      people: { firstReplier: solver, firstAssignee: solver, solver },
      assignees: [],
      statuses: [],
      slaTargets: [],
      ratedAssignee: null,
    });
    const eventsFor = (ids: readonly number[]): TicketTimelines => ({
      byTicket: new Map(
        surveyed
          .filter((ticket) => ids.includes(ticket.id))
          .map((ticket) => [ticket.id, timeline(ticket.id, ticket.id === 13 ? 8 : ticket.assigneeId)]),
      ),
      ticketEvents: true,
      metricEvents: false,
    });
    const credited = (timelines: TicketTimelines | undefined, canSetSettings: boolean) => {
      const withEvents = { ...surveyOptions, ...(timelines ? { timelines } : {}) };
      inApp(
        <VoiceOfCustomer
          report={computeReport(surveyed, { ...withEvents, voice: true })}
          tickets={surveyed}
          options={withEvents}
          visible="all"
          canSetSettings={canSetSettings}
          today="2026-10-31"
          timeZone="UTC"
          nameOf={nameOf}
          onOpenTicket={() => {}}
        />,
      );
      const table = screen.getByTestId('survey-agents');
      const detractors = (agent: string) =>
        within(table)
          .getAllByRole('row')
          .find((row) => row.querySelector('th')!.textContent === agent)!
          .querySelectorAll('td')[3]!.textContent;
      return { caption: table.querySelector('caption')!.textContent, detractors };
    };

    it('to the solver, from the ticket events, once they are read for every answer', () => {
      const { caption, detractors } = credited(eventsFor(surveyed.map((ticket) => ticket.id)), true);
      expect(caption).toBe(
        'By agent (each answer credited to the agent who solved the ticket, as the ticket events show)',
      );
      // #13's detractor is Bo's, who solved it, not Ana's, who holds it now.
      expect([detractors('Ana'), detractors('Bo')]).toEqual(['0', '2']);
      expect(screen.queryByRole('note')).toBeNull();
    });

    it('to the current assignee when the role cannot read the ticket events, or they are not read yet', () => {
      const agent = credited(undefined, false);
      expect(agent.caption).toBe("By agent (each answer credited to the ticket's current assignee)");
      expect([agent.detractors('Ana'), agent.detractors('Bo')]).toEqual(['1', '1']);
      expect(screen.getByRole('note')).toHaveTextContent(
        'Credited to the current assignee: your role cannot read ticket events.',
      );
      cleanup();
      const admin = credited(undefined, true);
      expect(admin.caption).toBe("By agent (each answer credited to the ticket's current assignee)");
      expect(screen.getByRole('note')).toHaveTextContent('Credited to the current assignee: ticket events not read.');
    });

    it('to the solver, saying how many answers fall back, while some tickets’ events are not read yet', () => {
      // The stream read so far goes back to all but #13 and #16.
      const { caption, detractors } = credited(eventsFor([11, 12, 14, 15, 17]), true);
      expect(caption).toBe(
        'By agent (each answer credited to the agent who solved the ticket, as the ticket events show)',
      );
      expect(detractors('Ana')).toBe('1');
      expect(screen.getByRole('note')).toHaveTextContent(
        "2 tickets' events do not go back to their creation: they are credited to their current assignee.",
      );
    });
  });
});
