import { summarize } from '../../metrics/aggregates';
import { standingAgainst } from '../../metrics/comparison-rule';
import type { DrillMetric } from '../../metrics/drill-down';
import type { AgentScorecard, MetricBlock } from '../../metrics/report-types';
import type { KeysUnder } from '../i18n/translator';

/** The scorecard table's columns, sorting, and the values that stand out against the team. */

type SlaKey = 'sla' | 'sla_breached' | 'sla_achieved';
/** A column's key: its header's name under `report.columns`, or one of the SLA group's. */
export type ScorecardKey = KeysUnder<'report.columns'> | SlaKey;

export interface ScorecardColumn {
  key: ScorecardKey;
  /** The header's translation key. */
  label: `report.columns.${KeysUnder<'report.columns'>}` | `report.sla_view.${KeysUnder<'report.sla_view'>}`;
  /** Columns of a group (the SLA ones) are set apart together. */
  group?: 'sla';
  metric: DrillMetric;
  kind: 'duration' | 'rate' | 'count' | 'number';
  read: (block: MetricBlock) => number | null;
  /** Tickets the value rests on. */
  basis: (block: MetricBlock) => number;
  higherIsBetter: boolean | null;
}

export const SCORECARD_COLUMNS: ScorecardColumn[] = [
  {
    key: 'created',
    label: 'report.columns.created',
    metric: 'created',
    kind: 'count',
    read: (b) => b.created,
    basis: (b) => b.created,
    higherIsBetter: null,
  },
  {
    key: 'solved',
    label: 'report.columns.solved',
    metric: 'solved',
    kind: 'count',
    read: (b) => b.solved,
    basis: (b) => b.solved,
    higherIsBetter: true,
  },
  {
    key: 'backlog',
    label: 'report.columns.backlog',
    metric: 'backlog',
    kind: 'count',
    read: (b) => b.backlog,
    basis: (b) => b.backlog,
    higherIsBetter: null,
  },
  {
    key: 'frt',
    label: 'report.columns.frt',
    metric: 'frt',
    kind: 'duration',
    read: (b) => b.frt.median,
    basis: (b) => b.frt.n,
    higherIsBetter: false,
  },
  {
    key: 'frt_p90',
    label: 'report.columns.frt_p90',
    metric: 'frt',
    kind: 'duration',
    read: (b) => b.frt.p90,
    basis: (b) => b.frt.n,
    higherIsBetter: false,
  },
  {
    key: 'first_resolution',
    label: 'report.columns.first_resolution',
    metric: 'first_resolution',
    kind: 'duration',
    read: (b) => b.first_resolution.median,
    basis: (b) => b.first_resolution.n,
    higherIsBetter: false,
  },
  {
    key: 'full_resolution',
    label: 'report.columns.full_resolution',
    metric: 'full_resolution',
    kind: 'duration',
    read: (b) => b.full_resolution.median,
    basis: (b) => b.full_resolution.n,
    higherIsBetter: false,
  },
  {
    key: 'requester_wait',
    label: 'report.columns.requester_wait',
    metric: 'requester_wait',
    kind: 'duration',
    read: (b) => b.requester_wait.median,
    basis: (b) => b.requester_wait.n,
    higherIsBetter: false,
  },
  {
    key: 'on_hold',
    label: 'report.columns.on_hold',
    metric: 'on_hold',
    kind: 'duration',
    read: (b) => b.on_hold.median,
    basis: (b) => b.on_hold.n,
    higherIsBetter: false,
  },
  {
    key: 'fcr',
    label: 'report.columns.fcr',
    metric: 'fcr',
    kind: 'rate',
    read: (b) => b.fcr.rate,
    basis: (b) => b.fcr.denominator,
    higherIsBetter: true,
  },
  {
    key: 'one_touch',
    label: 'report.columns.one_touch',
    metric: 'one_touch',
    kind: 'rate',
    read: (b) => b.one_touch.rate,
    basis: (b) => b.one_touch.denominator,
    higherIsBetter: true,
  },
  {
    key: 'reopen',
    label: 'report.columns.reopen',
    metric: 'reopen',
    kind: 'rate',
    read: (b) => b.reopen.rate,
    basis: (b) => b.reopen.denominator,
    higherIsBetter: false,
  },
  {
    key: 'escalation',
    label: 'report.columns.escalation',
    metric: 'escalation',
    kind: 'rate',
    read: (b) => b.escalation.rate,
    basis: (b) => b.escalation.denominator,
    higherIsBetter: false,
  },
  {
    key: 'csat',
    label: 'report.columns.csat',
    metric: 'csat',
    kind: 'rate',
    read: (b) => b.csat.rate,
    basis: (b) => b.csat.denominator,
    higherIsBetter: true,
  },
  {
    key: 'replies_per_solved',
    label: 'report.columns.replies_per_solved',
    metric: 'replies_per_solved',
    kind: 'number',
    read: (b) => b.replies_per_solved,
    basis: (b) => b.solved,
    higherIsBetter: false,
  },
];

const slaCount = (block: MetricBlock, part: 'achieved' | 'breached'): number | null => {
  const all = block.sla?.['all'];
  return all ? all[part] : null;
};

/** The SLA column group, shown when the report has metric events (METRICS.md, version 2). */
export const SLA_COLUMNS: ScorecardColumn[] = [
  {
    key: 'sla',
    label: 'report.sla_view.rate',
    group: 'sla',
    metric: 'sla',
    kind: 'rate',
    read: (b) => b.sla?.['all']?.rate ?? null,
    basis: (b) => (slaCount(b, 'achieved') ?? 0) + (slaCount(b, 'breached') ?? 0),
    higherIsBetter: true,
  },
  {
    key: 'sla_breached',
    label: 'report.sla_view.breaches',
    group: 'sla',
    metric: 'sla_breached',
    kind: 'count',
    read: (b) => slaCount(b, 'breached'),
    basis: (b) => slaCount(b, 'breached') ?? 0,
    higherIsBetter: false,
  },
  {
    key: 'sla_achieved',
    label: 'report.sla_view.met',
    group: 'sla',
    metric: 'sla_achieved',
    kind: 'count',
    read: (b) => slaCount(b, 'achieved'),
    basis: (b) => slaCount(b, 'achieved') ?? 0,
    higherIsBetter: null,
  },
];

/** The table's columns: the SLA group only when the team block has SLA outcomes to show. */
export function scorecardColumns(team: MetricBlock): ScorecardColumn[] {
  return team.sla ? [...SCORECARD_COLUMNS, ...SLA_COLUMNS] : SCORECARD_COLUMNS;
}

/** Fewer tickets than this behind a value and it is marked as resting on little. */
export { LOW_BASIS } from '../../metrics/comparison-rule';

export type Standout = 'better' | 'worse' | null;

/**
 * Whether a value stands out against the median of the agents' values: durations at half or less,
 * or one and a half times or more; rates ten percentage points or more away. Only for values on
 * enough tickets, and only for columns where better and worse mean something.
 */
export function standout(
  column: ScorecardColumn,
  value: number | null,
  basis: number,
  teamMedian: number | null,
): Standout {
  // The sidebar's and the tiles' rule (comparison-rule.ts), for durations and rates only.
  if (column.kind !== 'duration' && column.kind !== 'rate') return null;
  const standing = standingAgainst(column.kind, value, teamMedian, basis, column.higherIsBetter);
  return standing === 'ahead' ? 'better' : standing === 'behind' ? 'worse' : null;
}

export function columnMedians(
  agents: readonly AgentScorecard[],
  columns: readonly ScorecardColumn[] = SCORECARD_COLUMNS,
): Map<string, number | null> {
  const medians = new Map<string, number | null>();
  for (const column of columns) {
    const values = agents
      .filter((agent) => agent.id !== null)
      .map((agent) => column.read(agent))
      .filter((value): value is number => value !== null);
    medians.set(column.key, summarize(values).median);
  }
  return medians;
}

export type SortState = { key: string; direction: 'asc' | 'desc' };

/** Sorts agents by a column (nulls last whatever the direction), by name for the name column. */
export function sortAgents(
  agents: readonly AgentScorecard[],
  sort: SortState,
  nameOf: (agent: AgentScorecard) => string,
): AgentScorecard[] {
  const column = [...SCORECARD_COLUMNS, ...SLA_COLUMNS].find((candidate) => candidate.key === sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...agents].sort((a, b) => {
    if (!column) return sign * nameOf(a).localeCompare(nameOf(b));
    const va = column.read(a);
    const vb = column.read(b);
    if (va === null && vb === null) return nameOf(a).localeCompare(nameOf(b));
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || nameOf(a).localeCompare(nameOf(b));
  });
}
