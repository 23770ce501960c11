import { BACKLOG_AGE_BOUNDS_DAYS } from '../metrics/backlog-health';
import type { Report } from '../metrics/report-types';
import type { TicketRecord } from '../metrics/ticket-record';
import { terminalSafe } from './terminal-text';

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
  lines.push(...voiceLines(report));
  return lines;
}

const percent = (value: number | null) => (value === null ? '-' : `${Math.round(value * 100)}%`);
const decimal = (value: number | null) => (value === null ? '-' : value.toFixed(1));
/**
 * A customer's words on one line, made safe for a terminal: line breaks would break the table,
 * and an escape sequence in a comment must not recolour it.
 */
const oneLine = (text: string, max = 80) => {
  const flat = terminalSafe(text.replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The voice of the customer (METRICS.md, Version 4): what the bad ratings said, surveys, contacts. */
function voiceLines(report: Report): string[] {
  const lines: string[] = [];
  const comments = report.csat_comments;
  if (comments) {
    const followUp = comments.bad_follow_up;
    const judged =
      followUp.denominator === 0
        ? ''
        : followUp.from_events === followUp.denominator
          ? ' (from the ticket events)'
          : `; ${followUp.denominator - followUp.from_events} of them judged by reopens alone (no ticket events or rating time)`;
    lines.push(
      `Ratings: ${comments.good} good, ${comments.bad} bad, ${comments.with_comment} with a comment; bad ones followed up: ${percent(followUp.rate)} (${followUp.numerator} of ${followUp.denominator})${judged}`,
    );
    for (const row of comments.ratings.filter((rating) => rating.score === 'bad').slice(0, 5)) {
      const words = [row.reason, row.comment]
        .filter((text): text is string => text !== null)
        .map((text) => oneLine(text));
      lines.push(
        `  bad #${row.ticket_id} (${row.agent_id === null ? 'unassigned' : `agent ${row.agent_id}`}): ${words.length > 0 ? words.join(' - ') : 'no comment'}`,
      );
    }
  }
  const nps = report.nps;
  if (nps)
    lines.push(
      `NPS (field ${nps.field_id}): ${nps.team.score === null ? '-' : Math.round(nps.team.score)} from ${nps.team.n} answers (${nps.team.promoters} promoters, ${nps.team.passives} passives, ${nps.team.detractors} detractors)${nps.invalid > 0 ? `, ${nps.invalid} values off the 0-10 scale left out` : ''}`,
    );
  const ces = report.ces;
  if (ces)
    lines.push(
      `CES (field ${ces.field_id}, ${ces.scale[0]}-${ces.scale[1]}): mean ${decimal(ces.team.mean)} from ${ces.team.n} answers; ${ces.team.distribution.map((count, i) => `${ces.scale[0] + i}: ${count}`).join(', ')}${ces.invalid > 0 ? `, ${ces.invalid} values off the scale left out` : ''}`,
    );
  const contacts = report.contacts?.team;
  if (contacts && contacts.solved > 0) {
    const estimated = contacts.solved - contacts.from_events;
    lines.push(
      `Contacts to resolution: ${decimal(contacts.requester_comments)} customer comments and ${decimal(contacts.agent_replies)} agent replies per solved ticket${estimated > 0 ? ` (${estimated} of ${contacts.solved} tickets counted as 1 + reopens: no comment events)` : ''}`,
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
