import { computeReport } from '../src/metrics/compute-report';
import { ReportWindow } from '../src/metrics/report-window';
import { DEFAULT_ESCALATION } from '../src/metrics/settings';
import { syntheticTickets } from './synthetic-tickets';

/**
 * What the nav-bar report does when a filter or the hours mode changes on 100,000 loaded tickets:
 * the period's report with its extras (tiles, charts, scorecards) and the previous period's (the
 * tiles' change). Prints one JSON line of timings in ms, one per change.
 */
const count = Number(process.argv[2] ?? 100_000);
const tickets = syntheticTickets(count);
const current = ReportWindow.of('2026-10-02', '2026-10-31', 'America/New_York');
const previous = ReportWindow.of('2026-09-02', '2026-10-01', 'America/New_York');
const changes = [
  { hours: 'calendar' as const, filters: {} },
  { hours: 'business' as const, filters: {} },
  { hours: 'business' as const, filters: { channels: ['email'] } },
  { hours: 'calendar' as const, filters: { groupIds: [101] } },
  { hours: 'calendar' as const, filters: { priorities: ['high', 'urgent'] } },
  { hours: 'calendar' as const, filters: {} },
];
const timings: number[] = [];
for (const change of [...changes, ...changes]) {
  const start = performance.now();
  computeReport(tickets, { window: current, hours: change.hours, filters: change.filters, escalation: DEFAULT_ESCALATION, extras: true });
  computeReport(tickets, { window: previous, hours: change.hours, filters: change.filters, escalation: DEFAULT_ESCALATION });
  timings.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ tickets: count, timingsMs: timings })}\n`);
