import { summarize } from './aggregates';
import { standingAgainst, type ComparedKind } from './comparison-rule';
import type { AgentScorecard, MetricBlock, Report } from './report-types';

/**
 * One agent against the team: for each metric the agent's value, the median of the agents' values
 * (every agent with a value, the agent included) and whether the agent is ahead. "Ahead" means
 * faster for durations, higher for FCR, CSAT and solved tickets, lower for reopens and escalations,
 * and only by a gap the report's scorecards would also flag (comparison-rule.ts).
 */

export const COMPARED_METRICS = ['solved', 'frt', 'full_resolution', 'fcr', 'csat', 'escalation', 'reopen'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

export interface Comparison {
  metric: ComparedMetric;
  mine: number | null;
  teamMedian: number | null;
  /** How many tickets the agent's value rests on. */
  basis: number;
  /**
   * 'ahead' or 'behind' by a meaningful gap, 'level' otherwise, null when either side has no value or
   * the agent has no tickets in the period (a manager who works no tickets is not behind).
   */
  standing: 'ahead' | 'behind' | 'level' | null;
}

export const COMPARED_KIND: Record<ComparedMetric, ComparedKind> = {
  solved: 'count',
  frt: 'duration',
  full_resolution: 'duration',
  fcr: 'rate',
  csat: 'rate',
  escalation: 'rate',
  reopen: 'rate',
};

const HIGHER_IS_BETTER: Record<ComparedMetric, boolean> = {
  solved: true,
  frt: false,
  full_resolution: false,
  fcr: true,
  csat: true,
  escalation: false,
  reopen: false,
};

export function metricValue(block: MetricBlock, metric: ComparedMetric): { value: number | null; basis: number } {
  switch (metric) {
    case 'solved':
      return { value: block.solved, basis: block.solved };
    case 'frt':
      return { value: block.frt.median, basis: block.frt.n };
    case 'full_resolution':
      return { value: block.full_resolution.median, basis: block.full_resolution.n };
    default:
      return { value: block[metric].rate, basis: block[metric].denominator };
  }
}

/**
 * `teamMedians`, when given, stand for the agents' medians (a published team summary's, made
 * from the whole team while `report` holds only the agent's own tickets).
 */
export function compareAgent(
  report: Report,
  agentId: number,
  teamMedians?: Readonly<Record<ComparedMetric, number | null>>,
): Comparison[] {
  const agents: AgentScorecard[] = report.agents.filter((agent) => agent.id !== null);
  const mine = agents.find((agent) => agent.id === agentId) ?? null;
  return COMPARED_METRICS.map((metric) => {
    const values = agents
      .map((agent) => metricValue(agent, metric).value)
      .filter((value): value is number => value !== null);
    const teamMedian = teamMedians ? teamMedians[metric] : summarize(values).median;
    const own = mine ? metricValue(mine, metric) : { value: metric === 'solved' ? 0 : null, basis: 0 };
    // A count rests on itself: an agent in the period is compared once either side is large enough.
    const basis = metric === 'solved' ? (mine ? Math.max(own.value ?? 0, teamMedian ?? 0) : 0) : own.basis;
    const standing = standingAgainst(COMPARED_KIND[metric], own.value, teamMedian, basis, HIGHER_IS_BETTER[metric]);
    return { metric, mine: own.value, teamMedian, basis: own.basis, standing };
  });
}
