import { TICKET_STATUSES, type TicketStatus } from '../metrics/ticket-record';
import {
  slaMetricName,
  type AssigneeChange,
  type SlaTarget,
  type StatusChange,
  type TicketPeople,
  type TicketTimeline,
  type TicketTimelines,
} from '../metrics/ticket-timeline';
import type { SatisfactionRating, TicketAudit, TicketMetricEvent } from './event-schemas';

/** What the input held of each stream; an absent stream is undefined, not empty. */
export interface EventStreams {
  audits?: readonly TicketAudit[];
  metricEvents?: readonly TicketMetricEvent[];
  ratings?: readonly SatisfactionRating[];
  /** Users whose role is agent or admin: the only authors whose public comment is a reply. */
  staff: ReadonlySet<number>;
  /** When the report is made: a breach Zendesk scheduled for later has not happened yet. */
  now: number;
}

const STATUSES = new Set<string>(TICKET_STATUSES);

/**
 * Turns the event streams into one timeline per ticket (METRICS.md, Version 2), keeping only the
 * facts the engine reads. Undefined when the input held no stream at all, so that the report is
 * exactly version 1's.
 */
export function eventTimelines(streams: EventStreams): TicketTimelines | undefined {
  if (!streams.audits && !streams.metricEvents && !streams.ratings) return undefined;
  const byTicket = new Map<number, TicketTimeline>();
  const timelineOf = (ticketId: number): TicketTimeline => {
    let timeline = byTicket.get(ticketId);
    if (!timeline) {
      timeline = { ticketId, people: null, assignees: [], statuses: [], slaTargets: [], ratedAssignee: null };
      byTicket.set(ticketId, timeline);
    }
    return timeline;
  };
  for (const [ticketId, audits] of groupBy(streams.audits ?? [], (audit) => audit.ticket_id)) {
    Object.assign(timelineOf(ticketId), historyOf(audits, streams.staff));
  }
  for (const [ticketId, events] of groupBy(streams.metricEvents ?? [], (event) => event.ticket_id)) {
    timelineOf(ticketId).slaTargets = slaTargetsOf(events, streams.now);
  }
  for (const [ticketId, ratings] of groupBy(streams.ratings ?? [], (rating) => rating.ticket_id)) {
    timelineOf(ticketId).ratedAssignee = ratedAssigneeOf(ratings);
  }
  return { byTicket, ticketEvents: streams.audits !== undefined, metricEvents: streams.metricEvents !== undefined };
}

function groupBy<T>(records: readonly T[], key: (record: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const record of records) {
    const k = key(record);
    const group = groups.get(k);
    if (group) group.push(record);
    else groups.set(k, [record]);
  }
  return groups;
}

/** Events may arrive in any order: by time, then by id, which Zendesk assigns in creation order. */
function byTimeThenId<T extends { id: number }>(time: (record: T) => number): (a: T, b: T) => number {
  return (a, b) => time(a) - time(b) || a.id - b.id;
}

interface History {
  people: TicketPeople | null;
  assignees: AssigneeChange[];
  statuses: StatusChange[];
}

function historyOf(audits: TicketAudit[], staff: ReadonlySet<number>): History {
  const sorted = audits
    .map((audit) => ({ audit, at: Date.parse(audit.created_at), id: audit.id }))
    .sort(byTimeThenId((entry) => entry.at));
  const assignees: AssigneeChange[] = [];
  const statuses: StatusChange[] = [];
  let created = false;
  let assignee: number | null = null;
  let firstAssignee: number | null = null;
  let firstReplier: number | null = null;
  let solver: number | null = null;
  for (const { audit, at } of sorted) {
    const creates = audit.child_events.some((child) => child.event_type === 'Create');
    created ||= creates;
    let solvedHere = false;
    for (const child of audit.child_events) {
      const setsField = child.event_type === 'Create' || child.event_type === 'Change';
      if (setsField && 'assignee_id' in child) {
        if (assignees.length === 0 && child.event_type === 'Change') {
          assignees.push({ at, assigneeId: asId(child.previous_value) });
        }
        assignee = child.assignee_id ?? null;
        assignees.push({ at, assigneeId: assignee });
        if (firstAssignee === null) firstAssignee = assignee;
      } else if (setsField && typeof child.status === 'string' && STATUSES.has(child.status)) {
        const previous = child.previous_value;
        if (statuses.length === 0 && typeof previous === 'string' && STATUSES.has(previous)) {
          statuses.push({ at, status: previous as TicketStatus });
        }
        statuses.push({ at, status: child.status as TicketStatus });
        if (child.status === 'solved') solvedHere = true;
      } else if (child.event_type === 'Comment' && firstReplier === null && !creates) {
        const author = child.author_id ?? audit.updater_id ?? null;
        const isPublic = child.public ?? child.comment_public ?? false;
        if (isPublic && author !== null && staff.has(author)) firstReplier = author;
      }
    }
    // After the whole update: a solve and a reassignment in one update credit the new assignee.
    if (solvedHere) solver = assignee;
  }
  return { people: created ? { firstReplier, firstAssignee, solver } : null, assignees, statuses };
}

/** Change events carry the previous value as a string ("0" or "" for none in some recordings). */
function asId(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

function slaTargetsOf(events: TicketMetricEvent[], now: number): SlaTarget[] {
  const targets = new Map<
    string,
    { metric: string; instanceId: number; breach: number | null; fulfil: number | null }
  >();
  const applied = new Set<string>();
  const sorted = [...events].sort(byTimeThenId((event) => Date.parse(event.time)));
  for (const event of sorted) {
    const key = `${event.metric}\u0000${event.instance_id}`;
    const at = Date.parse(event.time);
    if (event.type === 'apply_sla' || event.type === 'apply_group_sla') applied.add(key);
    let target = targets.get(key);
    if (!target) {
      target = { metric: event.metric, instanceId: event.instance_id, breach: null, fulfil: null };
      targets.set(key, target);
    }
    // The earliest live breach that has happened; the latest fulfil (none is after now in Zendesk's data).
    if (event.type === 'breach' && event.deleted !== true && at <= now && target.breach === null) target.breach = at;
    if (event.type === 'fulfill' && at <= now) target.fulfil = at;
  }
  const result: SlaTarget[] = [];
  for (const [key, target] of targets) {
    if (!applied.has(key)) continue;
    const metric = slaMetricName(target.metric, target.instanceId);
    if (target.breach !== null)
      result.push({ metric, instanceId: target.instanceId, state: 'breached', at: target.breach });
    else if (target.fulfil !== null)
      result.push({ metric, instanceId: target.instanceId, state: 'achieved', at: target.fulfil });
    else result.push({ metric, instanceId: target.instanceId, state: 'active', at: null });
  }
  return result;
}

function ratedAssigneeOf(ratings: SatisfactionRating[]): number | null {
  const scored = ratings
    .filter((rating) => rating.score === 'good' || rating.score === 'bad')
    .sort(byTimeThenId((rating) => Date.parse(rating.created_at)));
  return scored.length === 0 ? null : scored[scored.length - 1]!.assignee_id;
}
