import { describe, expect, it } from 'vitest';
import { ReportWindow } from '../../src/metrics/report-window';
import { buildTeamSummary, MIN_AGENTS, TEAM_SUMMARY_FORMAT } from '../../src/metrics/team-summary';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import { at, solvedTicket } from './make-ticket';

const week = ReportWindow.of('2026-10-26', '2026-11-01', 'UTC');
const month = ReportWindow.of('2026-10-03', '2026-11-01', 'UTC');
const NOW = at('2026-11-02T08:00:00Z');

/** `count` tickets solved on Oct 30 by `agent` in `group`, each with the given first reply time. */
function solvedBy(agent: number, group: number, count: number, reply: number, firstId: number): TicketRecord[] {
  return Array.from({ length: count }, (_, i) =>
    solvedTicket(firstId + i, '2026-10-30T12:00:00Z', { assigneeId: agent, groupId: group, replyTimeCalendar: reply }),
  );
}

describe('the team summary', () => {
  // Group 10: agents 1, 2, 3 solve 1, 2 and 4 tickets, replying in 10, 20 and 40 minutes.
  // Group 20: agent 4 alone, 3 tickets, 5 minutes.
  const tickets = [
    ...solvedBy(1, 10, 1, 10, 100),
    ...solvedBy(2, 10, 2, 20, 200),
    ...solvedBy(3, 10, 4, 40, 300),
    ...solvedBy(4, 20, 3, 5, 400),
  ];
  const summary = buildTeamSummary(tickets, {
    periods: [
      { key: 'last7', window: week },
      { key: 'last30', window: month },
    ],
    now: NOW,
  });

  it('says what it is, when it was made and how it counted', () => {
    expect(summary).toMatchObject({
      format: TEAM_SUMMARY_FORMAT,
      generated_at: '2026-11-02T08:00:00.000Z',
      time_zone: 'UTC',
      hours: 'calendar',
      credit: 'assignee',
      min_agents: MIN_AGENTS,
    });
    expect(summary.periods.map((period) => [period.key, period.from, period.to])).toEqual([
      ['last7', '2026-10-26T00:00:00Z', '2026-11-02T00:00:00Z'],
      ['last30', '2026-10-03T00:00:00Z', '2026-11-02T00:00:00Z'],
    ]);
  });

  it("holds the medians of the agents' values and the team block", () => {
    const all = summary.periods[0]!.all;
    expect(all.agents).toBe(4);
    // Solved per agent 1, 2, 4, 3: median 2.5. FRT medians 10, 20, 40, 5: median 15.
    expect(all.agent_medians.solved).toBe(2.5);
    expect(all.agent_medians.frt).toBe(15);
    // Tickets were created a day before solving: Oct 29, inside the week.
    expect(all.team).toMatchObject({ created: 10, solved: 10, fcr: 1, frt_median: 20 });
  });

  it('publishes a group only as far as it has enough agents to hide each one', () => {
    const groups = summary.periods[0]!.groups;
    expect(groups.map((group) => group.group_id)).toEqual([10, 20]);
    const three = groups[0]!;
    expect(three.agents).toBe(3);
    expect(three.agent_medians.solved).toBe(2);
    expect(three.team?.solved).toBe(7);
    const alone = groups[1]!;
    expect(alone.agents).toBe(1);
    expect(alone.team).toBeNull();
    expect(Object.values(alone.agent_medians).every((value) => value === null)).toBe(true);
  });

  it("never holds one agent's own number", () => {
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/"(id|agent_id|assignee_id|name)"/);
    // Group 20's only agent solved 3 tickets with 5-minute replies: neither figure appears for it.
    expect(JSON.stringify(summary.periods[0]!.groups[1])).not.toMatch(/:5[,}]|:3[,}]/);
  });

  it('withholds medians that fewer than the minimum of agents have a value for', () => {
    const two = buildTeamSummary([...solvedBy(1, 10, 1, 10, 1), ...solvedBy(2, 10, 2, 20, 50)], {
      periods: [{ key: 'last7', window: week }],
      now: NOW,
    });
    expect(two.periods[0]!.all.agent_medians.solved).toBeNull();
    expect(two.periods[0]!.all.team).toBeNull();
  });
});
