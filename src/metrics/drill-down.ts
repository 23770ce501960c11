import { durationPickers } from './duration-pickers';
import { EscalationRule } from './escalation';
import { creditedPeople, defaultCredit, type Credited, type ReportOptions } from './compute-report';
import { filterPredicate } from './report-filters';
import { DEFAULT_ESCALATION } from './settings';
import { isExcluded, isUnsolved, solvedWithin, type TicketRecord } from './ticket-record';
import { assigneeAt } from './ticket-timeline';

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
  'sla',
  'sla_breached',
  'sla_achieved',
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

export interface DrillRow {
  ticket: TicketRecord;
  /** The duration (minutes) or count this ticket contributes, where the metric has one. */
  value: number | null;
  /** For rates: whether the ticket is in the numerator. */
  counted: boolean | null;
}

/** `team`, or one scorecard (null: the unassigned tickets), credited as the report credits. */
export type DrillScope = { kind: 'team' } | { kind: 'agent'; id: number | null };

/** For the SLA metrics: only targets counted on this day (`YYYY-MM-DD` of the window) or of this SLA metric. */
export interface DrillFocus {
  day?: string;
  slaMetric?: string;
}

const SLA_METRICS: ReadonlySet<DrillMetric> = new Set(['sla', 'sla_breached', 'sla_achieved']);

/** Which of a ticket's credited people a metric's scorecard counts it for (as computeReport does). */
const CREDITED_BY: Partial<Record<DrillMetric, keyof Credited>> = {
  created: 'creator',
  escalation: 'creator',
  frt: 'replier',
  solved: 'solver',
  first_resolution: 'solver',
  full_resolution: 'solver',
  requester_wait: 'solver',
  on_hold: 'solver',
  fcr: 'solver',
  one_touch: 'solver',
  reopen: 'solver',
  replies_per_solved: 'solver',
  csat: 'rated',
};

export function ticketsBehind(
  tickets: readonly TicketRecord[],
  options: ReportOptions,
  metric: DrillMetric,
  scope: DrillScope,
  focus: DrillFocus = {},
): DrillRow[] {
  const { window } = options;
  const byTicket = options.timelines?.byTicket;
  const credit = options.credit ?? defaultCredit(options.timelines);
  if (SLA_METRICS.has(metric)) return slaTicketsBehind(tickets, options, metric, scope, focus);
  const pick = durationPickers(options.hours ?? 'calendar');
  const escalation = new EscalationRule(options.escalation ?? DEFAULT_ESCALATION);
  const matches = filterPredicate(options.filters);
  const rows: DrillRow[] = [];
  for (const ticket of tickets) {
    if (isExcluded(ticket) || !matches(ticket)) continue;
    if (scope.kind === 'agent') {
      // The backlog is the current assignee's; every other number goes to whom the report credits.
      const person = CREDITED_BY[metric];
      const owner =
        person === undefined ? ticket.assigneeId : creditedPeople(ticket, byTicket?.get(ticket.id), credit)[person];
      if (owner !== scope.id) continue;
    }
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

/**
 * The tickets behind an SLA number: each ticket with a target counted in the window (achieved or
 * breached; on `focus.day` when given), for the person the report credits the target to. The value
 * is the ticket's targets in the number; for the rate, `counted` says none of them was breached.
 */
function slaTicketsBehind(
  tickets: readonly TicketRecord[],
  options: ReportOptions,
  metric: DrillMetric,
  scope: DrillScope,
  focus: DrillFocus,
): DrillRow[] {
  const { window } = options;
  const byTicket = options.timelines?.byTicket;
  if (!byTicket || !options.timelines?.metricEvents) return [];
  const credit = options.credit ?? defaultCredit(options.timelines);
  const matches = filterPredicate(options.filters);
  const rows: DrillRow[] = [];
  for (const ticket of tickets) {
    if (isExcluded(ticket) || !matches(ticket)) continue;
    const timeline = byTicket.get(ticket.id);
    if (!timeline) continue;
    let achieved = 0;
    let breached = 0;
    for (const target of timeline.slaTargets) {
      if (target.state === 'active' || target.at === null || !window.contains(target.at)) continue;
      if (focus.slaMetric !== undefined && target.metric !== focus.slaMetric) continue;
      if (focus.day !== undefined && window.labels[window.dayIndex(target.at)] !== focus.day) continue;
      if (scope.kind === 'agent') {
        const owner = credit === 'actor' ? assigneeAt(timeline, target.at, ticket.assigneeId) : ticket.assigneeId;
        if (owner !== scope.id) continue;
      }
      if (target.state === 'breached') breached++;
      else achieved++;
    }
    if (metric === 'sla' && achieved + breached > 0)
      rows.push({ ticket, value: achieved + breached, counted: breached === 0 });
    else if (metric === 'sla_breached' && breached > 0) rows.push({ ticket, value: breached, counted: null });
    else if (metric === 'sla_achieved' && achieved > 0) rows.push({ ticket, value: achieved, counted: null });
  }
  return rows;
}
