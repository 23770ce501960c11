import { durationPickers } from './duration-pickers';
import { EscalationRule } from './escalation';
import { creditedPeople, defaultCredit, type Credited, type ReportOptions } from './compute-report';
import { filterPredicate } from './report-filters';
import { DEFAULT_ESCALATION } from './settings';
import { isExcluded, isUnsolved, solvedWithin, type TicketRecord } from './ticket-record';
import { assigneeAt } from './ticket-timeline';
import { isoWeekday } from './arrival-grid';
import { ageBucket, unsolvedAt } from './backlog-health';
import { wallClock } from './time-zone';
import { volumeBuckets } from './volume-trend';

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

/**
 * One number of the work views (METRICS.md, Version 3): the backlog now (all of it, or one age
 * bucket, one status, the unassigned), the backlog at the period's start or end, one weekday ×
 * hour cell of the arrivals, or one series of the volume (in one bucket, or over the period).
 */
export type WorkViewFocus =
  | { view: 'backlog'; bucket?: number; status?: 'new' | 'open' | 'pending' | 'hold'; unassigned?: boolean }
  | { view: 'backlog_at'; edge: 'start' | 'end' }
  | { view: 'arrivals'; weekday: number; hour: number }
  | { view: 'volume'; dimension: 'type' | 'channel'; key: string | null; bucket?: number };

/**
 * The tickets behind a work view's number, by the same tests the report's tallies use; the value
 * is the backlog age (minutes, calendar time, as the buckets are) or the first reply time (in the
 * report's hours mode) of an arrival. Team-wide: which of them a viewer may see is the caller's rule.
 */
export function workViewTicketsBehind(
  tickets: readonly TicketRecord[],
  options: ReportOptions & { now: number },
  focus: WorkViewFocus,
): DrillRow[] {
  const { window, now } = options;
  const matches = filterPredicate(options.filters);
  const reply = durationPickers(options.hours ?? 'calendar').reply;
  const byTicket = options.timelines?.ticketEvents ? options.timelines.byTicket : undefined;
  const grouping = focus.view === 'volume' ? volumeBuckets(window) : null;
  const endAt = Math.min(window.to, now);
  const rows: DrillRow[] = [];
  for (const ticket of tickets) {
    if (isExcluded(ticket) || !matches(ticket)) continue;
    switch (focus.view) {
      case 'backlog': {
        if (!isUnsolved(ticket.status) || ticket.createdAt > now) break;
        const age = now - ticket.createdAt;
        if (focus.bucket !== undefined && ageBucket(age) !== focus.bucket) break;
        if (focus.status !== undefined && ticket.status !== focus.status) break;
        if (focus.unassigned && ticket.assigneeId !== null) break;
        rows.push({ ticket, value: Math.floor(age / 60_000), counted: null });
        break;
      }
      case 'backlog_at': {
        const instant = focus.edge === 'start' ? window.from : endAt;
        if (unsolvedAt(ticket, byTicket?.get(ticket.id)?.statuses, instant))
          rows.push({ ticket, value: null, counted: null });
        break;
      }
      case 'arrivals': {
        if (!window.contains(ticket.createdAt)) break;
        const weekday = isoWeekday(window.labels[window.dayIndex(ticket.createdAt)]!);
        if (weekday !== focus.weekday || wallClock(ticket.createdAt, window.timeZone).hour !== focus.hour) break;
        rows.push({ ticket, value: reply(ticket), counted: null });
        break;
      }
      case 'volume': {
        if (!window.contains(ticket.createdAt)) break;
        const key = focus.dimension === 'type' ? ticket.type : ticket.channel;
        if (key !== focus.key) break;
        if (focus.bucket !== undefined && grouping!.bucketOfDay[window.dayIndex(ticket.createdAt)] !== focus.bucket)
          break;
        rows.push({ ticket, value: null, counted: null });
        break;
      }
    }
  }
  return rows;
}
