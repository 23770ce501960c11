import type { MetricBlock, Report } from '../metrics/report-types';
import { toCsv, type CsvCell } from './csv';

/** One flat column per number of a MetricBlock, in the order of METRICS.md. */
const COLUMNS: readonly [string, (block: MetricBlock) => CsvCell][] = [
  ['created', (b) => b.created],
  ['solved', (b) => b.solved],
  ['backlog', (b) => b.backlog],
  ...(['frt', 'first_resolution', 'full_resolution', 'requester_wait', 'on_hold'] as const).flatMap((key) =>
    (['n', 'median', 'p90', 'mean'] as const).map((part): [string, (block: MetricBlock) => CsvCell] => [
      `${key}_${part}`,
      (b) => b[key][part],
    ]),
  ),
  ['frt_unreplied', (b) => b.frt.unreplied],
  ...(['fcr', 'one_touch', 'reopen', 'escalation', 'csat'] as const).flatMap((key) =>
    (['rate', 'numerator', 'denominator'] as const).map((part): [string, (block: MetricBlock) => CsvCell] => [
      `${key}_${part}`,
      (b) => b[key][part],
    ]),
  ),
  ['csat_offered', (b) => b.csat.offered],
  ['replies_per_solved', (b) => b.replies_per_solved],
];

export const SCORECARD_CSV_HEADER: readonly string[] = [
  'scope',
  'agent_id',
  'agent_name',
  ...COLUMNS.map(([name]) => name),
];

function row(scope: string, id: number | null, name: string | null, block: MetricBlock): CsvCell[] {
  return [scope, id, name, ...COLUMNS.map(([, read]) => read(block))];
}

/** The team row first, then one row per scorecard (unassigned: scope `unassigned`, no id). */
export function scorecardsCsv(report: Pick<Report, 'team' | 'agents'>): string {
  const rows: CsvCell[][] = [[...SCORECARD_CSV_HEADER], row('team', null, null, report.team)];
  for (const agent of report.agents) {
    rows.push(row(agent.id === null ? 'unassigned' : 'agent', agent.id, agent.name, agent));
  }
  return toCsv(rows);
}
