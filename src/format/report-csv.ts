import type { MetricBlock, Report } from '../metrics/report-types';
import { offsetAt } from '../metrics/time-zone';
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

/** What a scorecard export was made of, written on every row so a copied row still says it. */
export interface ExportContext {
  /** First and last day, `YYYY-MM-DD` in the report's zone. */
  from: string;
  to: string;
  timeZone: string;
  hours: 'calendar' | 'business';
  /** Absent when the data has no events to credit by (every number is the current assignee's). */
  credit: 'actor' | 'assignee' | null;
  /** The filters as `name=value` pairs, names not ids; empty for none. */
  filters: readonly string[];
}

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
/** Minutes to one decimal: finer than anyone reads a median, coarse enough not to show float noise. */
const minutes = (value: number | null) => round(value, 1);
/** A rate as a percentage with one decimal (62.5), as the screen shows it. */
const percent = (rate: number | null) => (rate === null ? null : round(rate * 100, 1));

/** The export's columns: each name carries its unit (`_minutes`, `_percent`, `_tickets`). */
const EXPORT_COLUMNS: readonly [string, (block: MetricBlock) => CsvCell][] = [
  ['created_tickets', (b) => b.created],
  ['solved_tickets', (b) => b.solved],
  ['backlog_tickets', (b) => b.backlog],
  ...(['frt', 'first_resolution', 'full_resolution', 'requester_wait', 'on_hold'] as const).flatMap(
    (key): [string, (block: MetricBlock) => CsvCell][] => [
      [`${key}_median_minutes`, (b) => minutes(b[key].median)],
      [`${key}_p90_minutes`, (b) => minutes(b[key].p90)],
      [`${key}_tickets`, (b) => b[key].n],
    ],
  ),
  ['frt_unreplied_tickets', (b) => b.frt.unreplied],
  ...(['fcr', 'one_touch', 'reopen', 'escalation', 'csat'] as const).flatMap(
    (key): [string, (block: MetricBlock) => CsvCell][] => [
      [`${key}_percent`, (b) => percent(b[key].rate)],
      [`${key}_counted_tickets`, (b) => b[key].numerator],
      [`${key}_of_tickets`, (b) => b[key].denominator],
    ],
  ),
  ['replies_per_solved', (b) => round(b.replies_per_solved, 2)],
];

const SLA_EXPORT_COLUMNS: readonly [string, (block: MetricBlock) => CsvCell][] = [
  ['sla_achieved_percent', (b) => percent(b.sla?.['all']?.rate ?? null)],
  ['sla_achieved_targets', (b) => b.sla?.['all']?.achieved ?? 0],
  ['sla_breached_targets', (b) => b.sla?.['all']?.breached ?? 0],
];

/**
 * The scorecards as the report shows them, for people: units in the headers, values rounded as on
 * screen, and the period, zone, hours, credit and filters on every row. The CLI keeps the raw
 * `scorecardsCsv` (METRICS.md's numbers unrounded) for machines.
 */
export function scorecardsExportCsv(
  report: Pick<Report, 'team' | 'agents'>,
  context: ExportContext,
  nameOf: (id: number) => string,
): string {
  const columns = report.team.sla ? [...EXPORT_COLUMNS, ...SLA_EXPORT_COLUMNS] : EXPORT_COLUMNS;
  const meta: CsvCell[] = [
    context.from,
    context.to,
    context.timeZone,
    context.hours,
    context.credit ?? 'assignee',
    context.filters.join('; '),
  ];
  const header = [
    'period_from',
    'period_to',
    'time_zone',
    'hours',
    'credit',
    'filters',
    'scope',
    'agent_id',
    'agent_name',
    ...columns.map(([name]) => name),
  ];
  const line = (scope: string, id: number | null, block: MetricBlock): CsvCell[] => [
    ...meta,
    scope,
    id,
    id === null ? null : nameOf(id),
    ...columns.map(([, read]) => read(block)),
  ];
  const rows: CsvCell[][] = [header, line('team', null, report.team)];
  for (const agent of report.agents) rows.push(line(agent.id === null ? 'unassigned' : 'agent', agent.id, agent));
  return toCsv(rows);
}

/** `2026-11-02T10:05:00+01:00`: the instant as the viewer's wall clock, with the zone's offset then. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const offsetMinutes = Math.round(offsetAt(epochMs, timeZone) / 60_000);
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** One row of a drill-down list as exported: the fields the list shows, in its order. */
export interface DrillExportRow {
  ticketId: number;
  /**
   * The subject as Zendesk has it (null: none, or the ticket is gone). A list that does not read
   * subjects leaves it out, and the export has no subject column.
   */
  subject?: string | null;
  createdAt: number;
  status: string;
  assigneeId: number | null;
  groupName: string | null;
  channel: string | null;
  /** Minutes for durations, else the count the ticket adds. */
  value: number | null;
  counted: boolean | null;
}

/**
 * The tickets behind a number in the order given (the screen's), times in the viewer's zone with
 * its offset. Without `nameOf` (a non-manager's own tickets) there are no assignee columns. Every
 * text cell, the subject (anyone who writes to support writes it) first of all, is neutralised by
 * toCsv: a subject starting with `=` is text in a spreadsheet, not a formula.
 */
export function drillTicketsCsv(
  rows: readonly DrillExportRow[],
  timeZone: string,
  valueIsDuration: boolean,
  nameOf: ((id: number) => string) | null,
): string {
  const withSubject = rows.some((row) => row.subject !== undefined);
  const header = [
    'ticket_id',
    ...(withSubject ? ['subject'] : []),
    'created_at',
    'status',
    ...(nameOf ? ['assignee_id', 'assignee_name'] : []),
    'group',
    'channel',
    valueIsDuration ? 'value_minutes' : 'value',
    'counted',
  ];
  const lines: CsvCell[][] = [header];
  for (const row of rows) {
    lines.push([
      row.ticketId,
      ...(withSubject ? [row.subject ?? null] : []),
      isoInZone(row.createdAt, timeZone),
      row.status,
      ...(nameOf ? [row.assigneeId, row.assigneeId === null ? null : nameOf(row.assigneeId)] : []),
      row.groupName,
      row.channel,
      valueIsDuration ? minutes(row.value) : row.value,
      row.counted === null ? null : row.counted ? 'yes' : 'no',
    ]);
  }
  return toCsv(lines);
}
