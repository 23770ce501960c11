import { z } from 'zod/mini';
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
  const facts = new EventFacts();
  for (const audit of streams.audits ?? []) facts.addAudit(audit);
  for (const event of streams.metricEvents ?? []) facts.addMetricEvent(event);
  for (const rating of streams.ratings ?? []) facts.addRating(rating);
  return facts.timelines(
    { ticketEvents: streams.audits !== undefined, metricEvents: streams.metricEvents !== undefined },
    streams.staff,
    streams.now,
  );
}

/**
 * The few facts of one ticket's events that its timeline is made of, kept as plain data so a pull
 * can store them in its snapshot (a file, IndexedDB) and add later pages to them: events arrive in
 * stretches, newest first, and again at the edges of time-based pages, so every fact is one that
 * can be added in any order, and twice, with the same result.
 */
export interface StoredTicketFacts {
  ticketId: number;
  /** Instant and audit id of the update that created the ticket, once it has been read. */
  created: [number, number] | null;
  /** Every Create or Change event that set the assignee. */
  assignees: StoredChange<number | null>[];
  /** Every Create or Change event that set the status. */
  statuses: StoredChange<TicketStatus>[];
  /** Instant and audit id of the latest update that set the status to solved. */
  solved: [number, number] | null;
  /**
   * Each author's earliest public comment outside the creating update: whether an author is staff
   * is known only once the users are read, and the first replier is the earliest staff author.
   */
  replies: StoredReply[];
  /** One per (metric, instance) any metric event named. */
  targets: StoredTarget[];
  /** Each satisfaction rating of the ticket as last read. */
  ratings: StoredRating[];
  /** Every public comment (METRICS.md, Version 4: contacts, follow-ups); absent in facts stored before. */
  comments?: StoredComment[];
}

interface StoredComment {
  /** The child event's id: the same comment read twice is kept once. */
  id: number;
  author: number;
  at: number;
  /** Part of the update that created the ticket (the requester's first contact, usually). */
  creating: boolean;
}

interface StoredChange<T> {
  /** The child event's id: the same event read twice is kept once. */
  id: number;
  at: number;
  audit: number;
  value: T;
  /** The value before, on a Change event (the first known change then tells the value before it). */
  previous?: T | null;
}

interface StoredReply {
  author: number;
  at: number;
  audit: number;
}

interface StoredTarget {
  metric: string;
  instanceId: number;
  /** Instant and id of the earliest event of the target: targets are listed in that order. */
  first: [number, number];
  applied: boolean;
  /** Breach events by id, with whether each is deleted (a later reading of an event replaces it). */
  breaches: { id: number; at: number; deleted: boolean }[];
  fulfils: { id: number; at: number }[];
}

interface StoredRating {
  id: number;
  createdAt: number;
  /** The rating's `updated_at` (else `created_at`): a rating is scored after it is offered. */
  updatedAt: number;
  scored: boolean;
  assigneeId: number | null;
}

const COUNTED_TYPES: ReadonlySet<string> = new Set(['apply_sla', 'apply_group_sla', 'breach', 'fulfill']);

const byKey = (a: { at: number; audit: number; id: number }, b: { at: number; audit: number; id: number }) =>
  a.at - b.at || a.audit - b.audit || a.id - b.id;

/** Accumulates the facts of every ticket from any mix of events, in any order. */
export class EventFacts {
  private readonly byTicket = new Map<number, StoredTicketFacts>();

  constructor(stored: readonly StoredTicketFacts[] = []) {
    for (const facts of stored) this.byTicket.set(facts.ticketId, structuredClone(facts));
  }

  get size(): number {
    return this.byTicket.size;
  }

  /** The stored form, for a snapshot. */
  toStored(): StoredTicketFacts[] {
    return [...this.byTicket.values()];
  }

  /** Drops a ticket's facts (a ticket the snapshot no longer keeps). */
  forget(ticketId: number): void {
    this.byTicket.delete(ticketId);
  }

  /** The latest instant (epoch ms) of any fact read of a ticket, or null when none has been. */
  latestAt(ticketId: number): number | null {
    const facts = this.byTicket.get(ticketId);
    if (!facts) return null;
    let latest = Math.max(facts.created?.[0] ?? -Infinity, facts.solved?.[0] ?? -Infinity);
    for (const list of [facts.assignees, facts.statuses, facts.replies, facts.comments ?? []])
      for (const fact of list) latest = Math.max(latest, fact.at);
    for (const rating of facts.ratings) latest = Math.max(latest, rating.updatedAt);
    for (const target of facts.targets) {
      latest = Math.max(latest, target.first[0]);
      for (const event of [...target.breaches, ...target.fulfils]) latest = Math.max(latest, event.at);
    }
    return latest === -Infinity ? null : latest;
  }

  private factsOf(ticketId: number): StoredTicketFacts {
    let facts = this.byTicket.get(ticketId);
    if (!facts) {
      facts = {
        ticketId,
        created: null,
        assignees: [],
        statuses: [],
        solved: null,
        replies: [],
        targets: [],
        ratings: [],
      };
      this.byTicket.set(ticketId, facts);
    }
    return facts;
  }

  addAudit(audit: TicketAudit): void {
    const facts = this.factsOf(audit.ticket_id);
    const at = Date.parse(audit.created_at);
    const key = { at, audit: audit.id };
    const creates = audit.child_events.some((child) => child.event_type === 'Create');
    if (creates && (facts.created === null || before(key, facts.created))) facts.created = [at, audit.id];
    for (const child of audit.child_events) {
      const setsField = child.event_type === 'Create' || child.event_type === 'Change';
      const change = child.event_type === 'Change';
      if (setsField && 'assignee_id' in child) {
        const entry: StoredChange<number | null> = { id: child.id, ...key, value: child.assignee_id ?? null };
        if (change) entry.previous = asId(child.previous_value);
        upsert(facts.assignees, entry);
      } else if (setsField && typeof child.status === 'string' && STATUSES.has(child.status)) {
        const entry: StoredChange<TicketStatus> = { id: child.id, ...key, value: child.status as TicketStatus };
        const previous = child.previous_value;
        if (change)
          entry.previous = typeof previous === 'string' && STATUSES.has(previous) ? (previous as TicketStatus) : null;
        upsert(facts.statuses, entry);
        if (child.status === 'solved' && (facts.solved === null || before(facts.solved, key)))
          facts.solved = [at, audit.id];
      } else if (child.event_type === 'Comment') {
        const author = child.author_id ?? audit.updater_id ?? null;
        const isPublic = child.public ?? child.comment_public ?? false;
        if (!isPublic || author === null || author <= 0) continue;
        facts.comments ??= [];
        if (!facts.comments.some((known) => known.id === child.id))
          facts.comments.push({ id: child.id, author, at, creating: creates });
        if (creates) continue;
        const reply = facts.replies.find((entry) => entry.author === author);
        if (!reply) facts.replies.push({ author, ...key });
        else if (before(key, [reply.at, reply.audit])) Object.assign(reply, key);
      }
    }
  }

  addMetricEvent(event: TicketMetricEvent): void {
    // activate, pause, measure and update_status do not decide a target's state: not kept.
    if (!COUNTED_TYPES.has(event.type)) return;
    const facts = this.factsOf(event.ticket_id);
    const at = Date.parse(event.time);
    let target = facts.targets.find((entry) => entry.metric === event.metric && entry.instanceId === event.instance_id);
    if (!target) {
      target = {
        metric: event.metric,
        instanceId: event.instance_id,
        first: [at, event.id],
        applied: false,
        breaches: [],
        fulfils: [],
      };
      facts.targets.push(target);
    } else if (at < target.first[0] || (at === target.first[0] && event.id < target.first[1])) {
      target.first = [at, event.id];
    }
    if (event.type === 'apply_sla' || event.type === 'apply_group_sla') target.applied = true;
    if (event.type === 'breach') {
      const known = target.breaches.find((entry) => entry.id === event.id);
      if (known) Object.assign(known, { at, deleted: event.deleted === true });
      else target.breaches.push({ id: event.id, at, deleted: event.deleted === true });
    }
    if (event.type === 'fulfill' && !target.fulfils.some((entry) => entry.id === event.id))
      target.fulfils.push({ id: event.id, at });
  }

  addRating(rating: SatisfactionRating): void {
    const facts = this.factsOf(rating.ticket_id);
    const createdAt = Date.parse(rating.created_at);
    const updated = (rating as { updated_at?: unknown }).updated_at;
    const updatedAt =
      typeof updated === 'string' && !Number.isNaN(Date.parse(updated)) ? Date.parse(updated) : createdAt;
    const entry: StoredRating = {
      id: rating.id,
      createdAt,
      updatedAt,
      scored: rating.score === 'good' || rating.score === 'bad',
      assigneeId: rating.assignee_id,
    };
    const index = facts.ratings.findIndex((known) => known.id === rating.id);
    // The newer reading of a rating wins: a survey offered, then answered, is read twice.
    if (index < 0) facts.ratings.push(entry);
    else if (facts.ratings[index]!.updatedAt <= updatedAt) facts.ratings[index] = entry;
  }

  /**
   * The timelines, with which streams were read (an absent stream is not an empty one),
   * `staff` the users whose public comment is a reply, and `now` the report's instant.
   */
  timelines(
    read: { ticketEvents: boolean; metricEvents: boolean },
    staff: ReadonlySet<number>,
    now: number,
  ): TicketTimelines {
    const byTicket = new Map<number, TicketTimeline>();
    for (const facts of this.byTicket.values()) byTicket.set(facts.ticketId, timelineOf(facts, staff, now));
    return { byTicket, ticketEvents: read.ticketEvents, metricEvents: read.metricEvents };
  }
}

function before(
  a: { at: number; audit: number } | [number, number],
  b: { at: number; audit: number } | [number, number],
) {
  const [atA, auditA] = Array.isArray(a) ? a : [a.at, a.audit];
  const [atB, auditB] = Array.isArray(b) ? b : [b.at, b.audit];
  return atA < atB || (atA === atB && auditA < auditB);
}

function upsert<T>(list: StoredChange<T>[], entry: StoredChange<T>): void {
  const index = list.findIndex((known) => known.id === entry.id);
  if (index >= 0) list[index] = entry;
  else list.push(entry);
}

function timelineOf(facts: StoredTicketFacts, staff: ReadonlySet<number>, now: number): TicketTimeline {
  const assignees = [...facts.assignees].sort(byKey);
  const statuses = [...facts.statuses].sort(byKey);
  const assigneeChanges: AssigneeChange[] = [];
  const first = assignees[0];
  if (first && first.previous !== undefined) assigneeChanges.push({ at: first.at, assigneeId: first.previous });
  for (const entry of assignees) assigneeChanges.push({ at: entry.at, assigneeId: entry.value });
  const statusChanges: StatusChange[] = [];
  const firstStatus = statuses[0];
  if (firstStatus && firstStatus.previous) statusChanges.push({ at: firstStatus.at, status: firstStatus.previous });
  for (const entry of statuses) statusChanges.push({ at: entry.at, status: entry.value });

  let people: TicketPeople | null = null;
  if (facts.created !== null) {
    let solver: number | null = null;
    if (facts.solved !== null) {
      // The assignee after the whole solving update: a solve and a reassignment in one update credit the new one.
      for (const entry of assignees) if (!before(facts.solved, entry)) solver = entry.value;
    }
    const replies = facts.replies
      .filter((reply) => staff.has(reply.author))
      .sort((a, b) => a.at - b.at || a.audit - b.audit);
    people = {
      firstReplier: replies[0]?.author ?? null,
      firstAssignee: assignees.find((entry) => entry.value !== null)?.value ?? null,
      solver,
    };
  }
  return {
    ticketId: facts.ticketId,
    people,
    assignees: assigneeChanges,
    statuses: statusChanges,
    slaTargets: slaTargetsOf(facts.targets, now),
    ratedAssignee: ratedAssigneeOf(facts.ratings),
    ...commentFactsOf(facts, staff),
  };
}

/** The Version 4 facts: the customer's public comments, staff's comment instants, when the rating came. */
function commentFactsOf(
  facts: StoredTicketFacts,
  staff: ReadonlySet<number>,
): Pick<TicketTimeline, 'endUserComments' | 'staffCommentTimes' | 'ratedAt'> {
  const comments = facts.comments ?? [];
  const staffTimes: number[] = [];
  let endUser = 0;
  for (const comment of comments) {
    if (!staff.has(comment.author)) endUser++;
    else if (!comment.creating) staffTimes.push(comment.at);
  }
  const scored = facts.ratings
    .filter((rating) => rating.scored)
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return {
    endUserComments: facts.created === null ? null : endUser,
    staffCommentTimes: staffTimes.sort((a, b) => a - b),
    ratedAt: scored.length === 0 ? null : scored[scored.length - 1]!.updatedAt,
  };
}

/** Change events carry the previous value as a string ("0" or "" for none in some recordings). */
function asId(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

function slaTargetsOf(targets: readonly StoredTarget[], now: number): SlaTarget[] {
  const result: SlaTarget[] = [];
  const ordered = [...targets].sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1]);
  for (const target of ordered) {
    if (!target.applied) continue;
    const metric = slaMetricName(target.metric, target.instanceId);
    // The earliest live breach that has happened; the latest fulfil (none is after now in Zendesk's data).
    const breaches = target.breaches.filter((entry) => !entry.deleted && entry.at <= now).map((entry) => entry.at);
    const fulfils = target.fulfils.filter((entry) => entry.at <= now).map((entry) => entry.at);
    if (breaches.length > 0)
      result.push({ metric, instanceId: target.instanceId, state: 'breached', at: Math.min(...breaches) });
    else if (fulfils.length > 0)
      result.push({ metric, instanceId: target.instanceId, state: 'achieved', at: Math.max(...fulfils) });
    else result.push({ metric, instanceId: target.instanceId, state: 'active', at: null });
  }
  return result;
}

function ratedAssigneeOf(ratings: readonly StoredRating[]): number | null {
  const scored = ratings.filter((rating) => rating.scored).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return scored.length === 0 ? null : scored[scored.length - 1]!.assigneeId;
}

const instantAndId = z.tuple([z.number(), z.number()]);
const change = <T extends z.ZodMiniType>(value: T) =>
  z.object({ id: z.number(), at: z.number(), audit: z.number(), value, previous: z.optional(z.nullable(value)) });

/** The stored facts as a snapshot holds them; anything else makes the snapshot unreadable. */
export const storedTicketFactsSchema = z.object({
  ticketId: z.int().check(z.positive()),
  created: z.nullable(instantAndId),
  assignees: z.array(change(z.nullable(z.number()))),
  statuses: z.array(change(z.enum(TICKET_STATUSES))),
  solved: z.nullable(instantAndId),
  replies: z.array(z.object({ author: z.number(), at: z.number(), audit: z.number() })),
  targets: z.array(
    z.object({
      metric: z.string(),
      instanceId: z.number(),
      first: instantAndId,
      applied: z.boolean(),
      breaches: z.array(z.object({ id: z.number(), at: z.number(), deleted: z.boolean() })),
      fulfils: z.array(z.object({ id: z.number(), at: z.number() })),
    }),
  ),
  ratings: z.array(
    z.object({
      id: z.number(),
      createdAt: z.number(),
      updatedAt: z.number(),
      scored: z.boolean(),
      assigneeId: z.nullable(z.number()),
    }),
  ),
  comments: z.optional(
    z.array(z.object({ id: z.number(), author: z.number(), at: z.number(), creating: z.boolean() })),
  ),
}) satisfies z.ZodMiniType<StoredTicketFacts>;
