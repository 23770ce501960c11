import { computeReport, ticketsInPlay } from '../src/metrics/compute-report';
import { ReportWindow } from '../src/metrics/report-window';
import { DEFAULT_ESCALATION } from '../src/metrics/settings';
import { syntheticTickets } from './synthetic-tickets';

/**
 * What the nav-bar report does when a filter or the hours mode changes on 100,000 loaded tickets:
 * the period's report with its extras (tiles, charts, scorecards) and the previous period's (the
 * tiles' change), each over the tickets in play in its period, which the report keeps per period.
 * Prints one JSON line of timings in ms, one per change, and beside them the same reports over
 * every ticket (what the report did before it kept the tickets in play).
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
const currentTickets = ticketsInPlay(tickets, current);
const previousTickets = ticketsInPlay(tickets, previous);
const timings: number[] = [];
const everyTicketTimings: number[] = [];
for (const change of [...changes, ...changes]) {
  const options = { hours: change.hours, filters: change.filters, escalation: DEFAULT_ESCALATION };
  let start = performance.now();
  computeReport(currentTickets, { ...options, window: current, extras: true });
  computeReport(previousTickets, { ...options, window: previous });
  timings.push(performance.now() - start);
  start = performance.now();
  computeReport(tickets, { ...options, window: current, extras: true });
  computeReport(tickets, { ...options, window: previous });
  everyTicketTimings.push(performance.now() - start);
}
process.stdout.write(
  `${JSON.stringify({ tickets: count, inPlay: [currentTickets.length, previousTickets.length], timingsMs: timings, everyTicketTimingsMs: everyTicketTimings })}\n`,
);
