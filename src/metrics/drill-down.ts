import { durationPickers } from './duration-pickers';
import { EscalationRule } from './escalation';
import type { ReportOptions } from './compute-report';
import { filterPredicate } from './report-filters';
import { DEFAULT_ESCALATION } from './settings';
import { isExcluded, isUnsolved, solvedWithin, type TicketRecord } from './ticket-record';

/**
 * The tickets behind one number of the report: exactly the tickets that number was computed
 * from, so that a manager who opens "FCR 62% (31 of 50)" sees those 50 tickets, 31 of them marked.
 */

export const DRILL_METRICS = [
  'created',
  'solved',
  'backlog',
  'frt',
  'first_resolution',
  'full_resolution',
  'requester_wait',
  'on_hold',
  'fcr',
  'one_touch',
  'reopen',
  'escalation',
  'csat',
  'replies_per_solved',
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

export interface DrillRow {
  ticket: TicketRecord;
  /** The duration (minutes) or count this ticket contributes, where the metric has one. */
  value: number | null;
  /** For rates: whether the ticket is in the numerator. */
  counted: boolean | null;
}

/** `team`, or one assignee's scorecard (null: the unassigned tickets). */
export type DrillScope = { kind: 'team' } | { kind: 'agent'; id: number | null };

export function ticketsBehind(
  tickets: readonly TicketRecord[],
  options: ReportOptions,
  metric: DrillMetric,
  scope: DrillScope,
): DrillRow[] {
  const { window } = options;
  const pick = durationPickers(options.hours ?? 'calendar');
  const escalation = new EscalationRule(options.escalation ?? DEFAULT_ESCALATION);
  const matches = filterPredicate(options.filters);
  const rows: DrillRow[] = [];
  for (const ticket of tickets) {
    if (isExcluded(ticket) || !matches(ticket)) continue;
    if (scope.kind === 'agent' && ticket.assigneeId !== scope.id) continue;
    const created = window.contains(ticket.createdAt);
    const solved = solvedWithin(ticket, window);
    const replies = ticket.replies ?? 0;
    const reopens = ticket.reopens ?? 0;
    const add = (value: number | null, counted: boolean | null) => rows.push({ ticket, value, counted });
    switch (metric) {
      case 'created':
        if (created) add(null, null);
        break;
      case 'solved':
        if (solved) add(null, null);
        break;
      case 'backlog':
        if (isUnsolved(ticket.status)) add(null, null);
        break;
      case 'frt': {
        const reply = pick.reply(ticket);
        if (created && reply !== null) add(reply, null);
        break;
      }
      case 'first_resolution':
      case 'full_resolution':
      case 'requester_wait':
      case 'on_hold': {
        const read = {
          first_resolution: pick.firstResolution,
          full_resolution: pick.fullResolution,
          requester_wait: pick.requesterWait,
          on_hold: pick.onHold,
        }[metric];
        const value = read(ticket);
        if (solved && value !== null) add(value, null);
        break;
      }
      case 'fcr':
        if (solved && replies >= 1) add(replies, replies === 1 && reopens === 0);
        break;
      case 'one_touch':
        if (solved) add(replies, replies < 2);
        break;
      case 'reopen':
        if (solved) add(reopens, reopens > 0);
        break;
      case 'escalation':
        if (created) add(ticket.groupStations, escalation.isEscalated(ticket));
        break;
      case 'csat':
        if (solved && (ticket.satisfaction === 'good' || ticket.satisfaction === 'bad'))
          add(null, ticket.satisfaction === 'good');
        break;
      case 'replies_per_solved':
        if (solved) add(replies, null);
        break;
    }
  }
  return rows;
}
