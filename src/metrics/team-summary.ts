import { summarize } from './aggregates';
import { COMPARED_METRICS, metricValue, type ComparedMetric } from './agent-comparison';
import { computeReport, type ReportOptions } from './compute-report';
import type { MetricBlock } from './report-types';
import type { ReportWindow } from './report-window';
import type { TicketRecord } from './ticket-record';

/**
 * The team's comparison figures for the sidebar, made once by a manager's report or the CLI and
 * published into the account, so each agent reads them in a request instead of pulling the
 * account (METRICS.md, Team summary). It holds team-level figures only: every agent can read it,
 * so no figure may be one colleague's own number.
 */

export const TEAM_SUMMARY_FORMAT = 'support-kpis-team-summary-1';

/**
 * A figure is published only when at least this many agents have a value for it: with two, an
 * agent who knows their own value could work out the other's from a median or a total.
 */
export const MIN_AGENTS = 3;

export interface TeamFigures {
  created: number;
  solved: number;
  frt_median: number | null;
  full_resolution_median: number | null;
  fcr: number | null;
  csat: number | null;
  escalation: number | null;
  reopen: number | null;
}

export interface SummaryFigures {
  /** Agents with a scorecard in the period (tickets created, solved or in their backlog). */
  agents: number;
  /** The median of the agents' values, as the sidebar compares; null when fewer than MIN_AGENTS have one. */
  agent_medians: Record<ComparedMetric, number | null>;
  /** The team block's figures; null when fewer than MIN_AGENTS agents have a scorecard. */
  team: TeamFigures | null;
}

export interface SummaryPeriod {
  key: string;
  from: string;
  to: string;
  all: SummaryFigures;
  groups: (SummaryFigures & { group_id: number })[];
}

export interface TeamSummary {
  format: typeof TEAM_SUMMARY_FORMAT;
  generated_at: string;
  time_zone: string;
  hours: 'calendar' | 'business';
  credit: 'assignee' | 'actor';
  min_agents: number;
  periods: SummaryPeriod[];
}

export interface SummaryOptions extends Omit<ReportOptions, 'window' | 'filters' | 'extras' | 'now' | 'agentNames'> {
  periods: readonly { key: string; window: ReportWindow }[];
  /** When the summary is made, as the data knows it. */
  now: number;
}

export function buildTeamSummary(tickets: readonly TicketRecord[], options: SummaryOptions): TeamSummary {
  const { periods, now, ...reportOptions } = options;
  const groupIds = [...new Set(tickets.map((ticket) => ticket.groupId).filter((id): id is number => id !== null))].sort(
    (a, b) => a - b,
  );
  let credit: TeamSummary['credit'] = 'assignee';
  const built = periods.map(({ key, window }) => {
    const report = computeReport(tickets, { ...reportOptions, window });
    credit = report.credit ?? 'assignee';
    const groups = groupIds
      .map((groupId) => ({
        group_id: groupId,
        ...figures(computeReport(tickets, { ...reportOptions, window, filters: { groupIds: [groupId] } })),
      }))
      .filter((group) => group.agents > 0);
    return { key, from: report.window.from, to: report.window.to, all: figures(report), groups };
  });
  return {
    format: TEAM_SUMMARY_FORMAT,
    generated_at: new Date(now).toISOString(),
    time_zone: periods[0]?.window.timeZone ?? 'UTC',
    hours: options.hours ?? 'calendar',
    credit,
    min_agents: MIN_AGENTS,
    periods: built,
  };
}

function figures(report: ReturnType<typeof computeReport>): SummaryFigures {
  const agents = report.agents.filter((agent) => agent.id !== null);
  const agent_medians = Object.fromEntries(
    COMPARED_METRICS.map((metric) => {
      const values = agents.map((agent) => metricValue(agent, metric).value).filter((v): v is number => v !== null);
      return [metric, values.length >= MIN_AGENTS ? summarize(values).median : null];
    }),
  ) as Record<ComparedMetric, number | null>;
  return { agents: agents.length, agent_medians, team: agents.length >= MIN_AGENTS ? teamFigures(report.team) : null };
}

function teamFigures(team: MetricBlock): TeamFigures {
  return {
    created: team.created,
    solved: team.solved,
    frt_median: team.frt.median,
    full_resolution_median: team.full_resolution.median,
    fcr: team.fcr.rate,
    csat: team.csat.rate,
    escalation: team.escalation.rate,
    reopen: team.reopen.rate,
  };
}
