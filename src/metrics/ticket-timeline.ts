import type { TicketStatus } from './ticket-record';

/**
 * What the event streams tell about one ticket (METRICS.md, Version 2): the few facts the
 * contract needs, not the raw events, since a report may hold a timeline for each of a million
 * tickets. Times are epoch milliseconds; every list is in time order.
 */
export interface TicketTimeline {
  ticketId: number;
  /**
   * Who did the work. Null when the events cannot tell (the ticket's creation is not among them,
   * so what came first is unknown): each person then falls back to the current assignee.
   */
  people: TicketPeople | null;
  /** Every change of assignee, the first being the one the ticket was created with; `assignee_at(t)`. */
  assignees: readonly AssigneeChange[];
  /** Every change of status, the first being the status the ticket was created with; backlog per day. */
  statuses: readonly StatusChange[];
  /** One per (metric, instance) that an SLA policy applied to. */
  slaTargets: readonly SlaTarget[];
  /**
   * The assignee of the latest satisfaction rating scored good or bad, as the rating recorded it
   * (it comes from the ratings, not the ticket events); null when there is none, and CSAT then
   * goes to the solver.
   */
  ratedAssignee: number | null;
  /**
   * Version 4 (optional: timelines made without comment events have none). Public comments by
   * anyone not staff, the one that opened the ticket included; null when the ticket's creation is
   * not among the events, so its first comments are unknown.
   */
  endUserComments?: number | null;
  /** Instants of public comments by staff outside the creating update, in time order. */
  staffCommentTimes?: readonly number[];
  /** When the latest rating scored good or bad was given (its `updated_at`); null without one. */
  ratedAt?: number | null;
}

/**
 * The timelines of a report's tickets, and which streams the input held: ticket events make
 * `actor` the default credit and give the backlog per day; metric events give the SLA numbers.
 * A ticket missing from `byTicket` has no events in the input.
 */
export interface TicketTimelines {
  byTicket: ReadonlyMap<number, TicketTimeline>;
  ticketEvents: boolean;
  metricEvents: boolean;
}

export type CreditMode = 'assignee' | 'actor';

export interface TicketPeople {
  /** Author of the first public comment by staff after the update that created the ticket. */
  firstReplier: number | null;
  /** The first non-null assignee the ticket had. */
  firstAssignee: number | null;
  /** The assignee right after the latest update that set the status to solved. */
  solver: number | null;
}

export interface AssigneeChange {
  at: number;
  assigneeId: number | null;
}

export interface StatusChange {
  at: number;
  status: TicketStatus;
}

export const SLA_STATES = ['achieved', 'breached', 'active'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaTarget {
  /**
   * The metric as the report names it: the event's `metric`, except `reply_time` which is
   * `first_reply_time` for instance 1 and `next_reply_time` for later instances.
   */
  metric: string;
  instanceId: number;
  state: SlaState;
  /** The breach's time (breached) or the fulfil's (achieved); null while active. */
  at: number | null;
}

/** The SLA metric name of a metric event (METRICS.md, SLAs). */
export function slaMetricName(metric: string, instanceId: number): string {
  if (metric !== 'reply_time') return metric;
  return instanceId <= 1 ? 'first_reply_time' : 'next_reply_time';
}

/**
 * The assignee after every change made at or before `instant`; `fallback` (the current assignee)
 * before the first known change.
 */
export function assigneeAt(timeline: TicketTimeline, instant: number, fallback: number | null): number | null {
  const changes = timeline.assignees;
  if (changes.length === 0 || changes[0]!.at > instant) return fallback;
  // Binary search for the last change at or before the instant: a ticket can have hundreds.
  let low = 0;
  let high = changes.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (changes[middle]!.at <= instant) low = middle;
    else high = middle - 1;
  }
  return changes[low]!.assigneeId;
}
