import { BACKLOG_AGE_BOUNDS_DAYS } from '../metrics/backlog-health';
import type { Report } from '../metrics/report-types';
import type { TicketRecord } from '../metrics/ticket-record';

/**
 * The report's "right now" sections for the terminal (METRICS.md, Version 3): backlog health,
 * the busiest hours and the largest kinds of request.
 */

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const AGE_LABELS = [
  'under 1 day',
  ...BACKLOG_AGE_BOUNDS_DAYS.map((bound, i, all) =>
    i + 1 < all.length ? `${bound}-${all[i + 1]} days` : `${bound}+ days`,
  ),
];

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function viewsTable(report: Report): string[] {
  const lines: string[] = [];
  const health = report.backlog_health;
  if (health) {
    lines.push(
      `Backlog as of ${health.as_of}: ${health.total} unsolved (${health.by_status.new} new, ${health.by_status.open} open, ${health.by_status.pending} pending, ${health.by_status.hold} on hold), ${health.unassigned} unassigned`,
      `  by age: ${health.by_age.map((count, i) => `${AGE_LABELS[i]} ${count}`).join(', ')}`,
      `  over the period: ${health.start} at the start, ${health.end} at the end (${health.change >= 0 ? '+' : ''}${health.change})${health.estimated ? ', estimated from the metric sets (no ticket events)' : ''}`,
    );
    if (health.oldest.length > 0)
      lines.push(
        `  oldest: ${health.oldest.map((ticket) => `#${ticket.id} (${Math.floor(ticket.age_minutes / 1440)} d)`).join(', ')}`,
      );
  }
  const busiest = report.arrivals?.busiest ?? [];
  if (busiest.length > 0)
    lines.push(
      `Busiest hours (${report.window.tz}): ${busiest.map((cell) => `${WEEKDAYS[cell.weekday]} ${hour(cell.hour)}-${hour((cell.hour + 1) % 24)} (${cell.created})`).join(', ')}`,
    );
  const volume = report.volume;
  if (volume) {
    const top = (series: { key: string | null; total: number }[]) =>
      series
        .slice(0, 4)
        .map((s) => `${s.key ?? 'none'} ${s.total}`)
        .join(', ') || 'none';
    lines.push(
      `Created by type: ${top(volume.by_type)}; by channel: ${top(volume.by_channel)} (per ${volume.granularity} in the JSON)`,
    );
  }
  return lines;
}

/**
 * "Now" for saved responses: the latest instant the data holds, so that the backlog's ages are
 * those of when it was saved, not of whenever the report happens to run.
 */
export function latestInstant(tickets: readonly TicketRecord[]): number | null {
  let latest: number | null = null;
  for (const ticket of tickets) {
    const instant = Math.max(ticket.createdAt, ticket.solvedAt ?? -Infinity);
    if (latest === null || instant > latest) latest = instant;
  }
  return latest;
}
