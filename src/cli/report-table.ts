import { formatMinutes, formatRate } from '../format/durations';
import type { MetricBlock, Report } from '../metrics/report-types';
import { terminalSafe } from './terminal-text';
import { viewsTable } from './views-table';

/** The report as a terminal table: the team row first, then agents by name, unassigned last. */

type Column = [header: string, cell: (block: MetricBlock) => string];

const dash = (text: string | null): string => text ?? '-';

const COLUMNS: Column[] = [
  ['Created', (b) => String(b.created)],
  ['Solved', (b) => String(b.solved)],
  ['Backlog', (b) => String(b.backlog)],
  ['FRT med', (b) => dash(formatMinutes(b.frt.median))],
  ['FRT p90', (b) => dash(formatMinutes(b.frt.p90))],
  ['Unreplied', (b) => String(b.frt.unreplied)],
  ['1st res med', (b) => dash(formatMinutes(b.first_resolution.median))],
  ['Full res med', (b) => dash(formatMinutes(b.full_resolution.median))],
  ['Full res p90', (b) => dash(formatMinutes(b.full_resolution.p90))],
  ['Wait med', (b) => dash(formatMinutes(b.requester_wait.median))],
  ['Hold med', (b) => dash(formatMinutes(b.on_hold.median))],
  ['FCR', (b) => dash(formatRate(b.fcr.rate))],
  ['One-touch', (b) => dash(formatRate(b.one_touch.rate))],
  ['Reopen', (b) => dash(formatRate(b.reopen.rate))],
  ['Escalated', (b) => dash(formatRate(b.escalation.rate))],
  ['CSAT', (b) => (b.csat.rate === null ? '-' : `${formatRate(b.csat.rate)} (${b.csat.denominator})`)],
  ['Replies', (b) => (b.replies_per_solved === null ? '-' : b.replies_per_solved.toFixed(2))],
];

/** Only with ticket metric events in the input (METRICS.md, SLAs). */
const SLA_COLUMNS: Column[] = [
  ['SLA met', (b) => (b.sla?.all?.rate == null ? '-' : `${formatRate(b.sla.all.rate)}`)],
  ['SLA breached', (b) => String(b.sla?.all?.breached ?? 0)],
  ['SLA active', (b) => String(b.sla_active ?? 0)],
];

function pad(text: string, width: number, alignLeft: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - [...text].length));
  return alignLeft ? text + gap : gap + text;
}

export function reportTable(report: Report, skipped: number): string {
  const agents = [...report.agents].sort((a, b) => {
    if (a.id === null || b.id === null) return a.id === null ? (b.id === null ? 0 : 1) : -1;
    return (a.name ?? '').localeCompare(b.name ?? '') || a.id - b.id;
  });
  const columns = report.team.sla ? [...COLUMNS, ...SLA_COLUMNS] : COLUMNS;
  const rows: string[][] = [['Agent', ...columns.map(([header]) => header)]];
  rows.push(['Team', ...columns.map(([, cell]) => cell(report.team))]);
  for (const agent of agents) {
    const label = agent.id === null ? 'Unassigned' : terminalSafe(agent.name ?? `User ${agent.id}`);
    rows.push([label, ...columns.map(([, cell]) => cell(agent))]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => pad(cell, widths[column]!, column === 0))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));

  const first = report.daily[0]?.date ?? '';
  const last = report.daily[report.daily.length - 1]?.date ?? '';
  const heading = `Support KPIs ${first} to ${last} (${report.window.tz}), ${report.hours} hours`;
  const notes = [
    'FRT and Created count tickets created in the window; Solved, resolution, FCR, CSAT count tickets solved in it.',
    'Backlog is every unsolved ticket now. CSAT shows good / (good + bad), with the number of ratings.',
  ];
  if (report.credit === 'actor')
    notes.push(
      'Credit: who did the work (first reply to the first replier, created and escalations to the first assignee, solved to the solver, CSAT to the rated agent); --credit assignee for the current assignee.',
    );
  else if (report.credit === 'assignee') notes.push('Credit: every number to the current assignee.');
  if (skipped > 0)
    notes.push(`${skipped} malformed record${skipped === 1 ? ' was' : 's were'} skipped (see the warnings).`);
  const views = viewsTable(report);
  return [heading, '', ...lines, '', ...notes, ...(views.length > 0 ? ['', ...views] : [])].join('\n') + '\n';
}
