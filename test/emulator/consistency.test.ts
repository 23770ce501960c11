import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedAccount } from '../../src/emulator/seed-account';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import {
  currentState,
  deriveMetrics,
  SYSTEM_AUTHOR,
  type TicketChanges,
  type TicketHistory,
  type TicketUpdate,
} from '../../src/emulator/ticket-history';
import { SURVEY_FIELDS } from '../../src/emulator/survey-fields';
import { iso } from '../../src/emulator/zendesk-objects';
import { HOUR, NOW, smallData, type Json } from './support';

/**
 * What the emulator serves about a ticket (its fields, metric set, audits and metric events) must
 * tell one story. For every visible ticket of a seeded account: rebuild the ticket's updates from
 * its audits alone, recompute the metric set, and compare; and check the metric events against
 * the comments and status changes the audits show.
 */

interface AuditEvent {
  id: number;
  type: string;
  field_name?: string;
  value?: unknown;
  previous_value?: unknown;
  public?: boolean;
  body?: string;
  author_id?: number;
}
interface Audit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  events: AuditEvent[];
}
interface MetricEvent {
  id: number;
  ticket_id: number;
  metric: string;
  instance_id: number;
  type: string;
  time: string;
  deleted?: boolean;
  status?: { calendar: number; business: number };
  sla?: { target: number; business_hours: boolean; policy: { id: number } };
  group_sla?: { group_id: number };
}

const FIELD_OF_EVENT: Record<string, keyof TicketChanges> = {
  status: 'status',
  group_id: 'group_id',
  assignee_id: 'assignee_id',
  tags: 'tags',
  satisfaction_score: 'satisfaction',
};

/** A custom field's events are named by its id (the survey fields are the only ones that change). */
const isFieldId = (name: string) => /^\d+$/.test(name);

function setCustomField(changes: Record<string, unknown>, fieldId: string, value: unknown): void {
  changes['custom_fields'] = { ...(changes['custom_fields'] as Record<number, number> | undefined), [fieldId]: value };
}

/** The ticket's updates as the audits record them: Create/Change events and Comment events. */
function updatesFromAudits(audits: Audit[]): TicketUpdate[] {
  return audits.map((audit, index) => {
    const changes: Record<string, unknown> = {};
    let comment: TicketUpdate['comment'];
    for (const event of audit.events) {
      if (event.type === 'Comment') {
        comment = { public: event.public!, body: event.body! };
        expect(event.author_id).toBe(audit.author_id);
      } else {
        expect(event.type).toBe(index === 0 ? 'Create' : 'Change');
        if (isFieldId(event.field_name!)) {
          setCustomField(changes, event.field_name!, event.value);
          continue;
        }
        const field = FIELD_OF_EVENT[event.field_name!];
        expect(field, `unknown field ${event.field_name}`).toBeDefined();
        changes[field!] = event.value;
      }
    }
    return {
      at: Date.parse(audit.created_at),
      authorId: audit.author_id,
      changes: changes as TicketChanges,
      ...(comment ? { comment } : {}),
    };
  });
}

function metricSetOf(history: TicketHistory, account: SeedAccount): Json {
  const m = deriveMetrics(history, account.schedule);
  return {
    ticket_id: history.id,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    group_stations: m.groupStations,
    assignee_stations: m.assigneeStations,
    reopens: m.reopens,
    replies: m.replies,
    assignee_updated_at: iso(m.assigneeUpdatedAt),
    requester_updated_at: iso(m.requesterUpdatedAt),
    status_updated_at: iso(m.statusUpdatedAt),
    initially_assigned_at: iso(m.initiallyAssignedAt),
    assigned_at: iso(m.assignedAt),
    solved_at: iso(m.solvedAt),
    latest_comment_added_at: iso(m.latestCommentAddedAt),
    reply_time_in_minutes: m.replyTime,
    first_resolution_time_in_minutes: m.firstResolutionTime,
    full_resolution_time_in_minutes: m.fullResolutionTime,
    agent_wait_time_in_minutes: m.agentWaitTime,
    requester_wait_time_in_minutes: m.requesterWaitTime,
    on_hold_time_in_minutes: m.onHoldTime,
  };
}

interface Findings {
  checked: number;
  /** Differences between the served metric set and the one rebuilt from the audits. */
  metricSet: string[];
  /** Differences between the served ticket fields and the audits. */
  fields: string[];
  /** Metric events that do not match the audits. */
  events: string[];
  breaches: number;
  fulfilled: number;
  nextReplies: number;
  standingBreaches: number;
  deletedBreaches: number;
  /** Ticket event export records that do not match the audits. */
  ticketEvents: string[];
  /** Satisfaction ratings that do not match the tickets and their audits. */
  ratings: string[];
  /** Ratings whose agent no longer holds the ticket. */
  ratedOtherHolder: number;
  /** The metric event export differs from the tickets' own events. */
  exportMismatch: string[];
  /** `slas` sideload entries checked against the metric events. */
  policyMetrics: number;
  /** Tickets whose survey fields hold an answer. */
  surveyed: number;
}

interface ChildEvent {
  id: number;
  event_type: string;
  author_id?: number;
  body?: string;
  public?: boolean;
  previous_value?: unknown;
  [field: string]: unknown;
}
interface TicketEvent {
  id: number;
  ticket_id: number;
  created_at: string;
  timestamp: number;
  updater_id: number;
  child_events: ChildEvent[];
}

/** The ticket's updates as the ticket event export records them (with comment events). */
function updatesFromTicketEvents(records: TicketEvent[]): TicketUpdate[] {
  return records.map((record, index) => {
    const changes: Record<string, unknown> = {};
    let comment: TicketUpdate['comment'];
    expect(record.timestamp).toBe(Date.parse(record.created_at) / 1000);
    for (const child of record.child_events) {
      if (child.event_type === 'Comment') {
        comment = { public: child.public!, body: child.body! };
        expect(child.author_id).toBe(record.updater_id);
        continue;
      }
      expect(child.event_type).toBe(index === 0 ? 'Create' : 'Change');
      for (const [event, field] of Object.entries(FIELD_OF_EVENT)) if (event in child) changes[field] = child[event];
      for (const key of Object.keys(child)) if (isFieldId(key)) setCustomField(changes, key, child[key]);
    }
    return {
      at: Date.parse(record.created_at),
      authorId: record.updater_id,
      changes: changes as TicketChanges,
      ...(comment ? { comment } : {}),
    };
  });
}

/** Assignee and group after every update made at or before `at`. */
function rebuiltStateAt(history: TicketHistory, at: number): { assigneeId: number | null; groupId: number | null } {
  const state = currentState({ ...history, updates: history.updates.filter((update) => update.at <= at) });
  return { assigneeId: state.assigneeId, groupId: state.groupId };
}

function check(seed: number, asOf: number): Findings {
  const { account } = smallData(seed);
  const data = new SimulatedAccountData(account);
  const findings: Findings = {
    checked: 0,
    metricSet: [],
    fields: [],
    events: [],
    breaches: 0,
    fulfilled: 0,
    nextReplies: 0,
    standingBreaches: 0,
    deletedBreaches: 0,
    ticketEvents: [],
    ratings: [],
    ratedOtherHolder: 0,
    exportMismatch: [],
    policyMetrics: 0,
    surveyed: 0,
  };
  // The streams as the exports serve them, read in one go and grouped by ticket.
  const ticketEvents = new Map<number, TicketEvent[]>();
  for (const record of data.ticketEvents(0, Math.floor(asOf / 1000), Number.MAX_SAFE_INTEGER, true)) {
    const event = record.json as unknown as TicketEvent;
    ticketEvents.set(event.ticket_id, [...(ticketEvents.get(event.ticket_id) ?? []), event]);
  }
  const ratings = new Map<number, Json>();
  for (const record of data.satisfactionRatings(asOf)) {
    const id = record.json['ticket_id'] as number;
    if (ratings.has(id)) findings.ratings.push(`ticket ${id} has two rating records`);
    ratings.set(id, record.json);
  }
  const exported = data.metricEventStream(0, asOf, Number.MAX_SAFE_INTEGER).map((record) => record.json);
  const own = data.allTickets(asOf).flatMap((version) => data.metricEvents(version.id, asOf) ?? []);
  const byTime = (a: Json, b: Json) =>
    Date.parse(String(a['time'])) - Date.parse(String(b['time'])) || Number(a['id']) - Number(b['id']);
  if (JSON.stringify(exported.map((e) => e['id'])) !== JSON.stringify([...own].sort(byTime).map((e) => e['id'])))
    findings.exportMismatch.push('the export holds other events than the tickets, or in another order');
  if (JSON.stringify([...exported].sort(byTime)) !== JSON.stringify([...own].sort(byTime)))
    findings.exportMismatch.push('an exported event differs from the ticket’s own');
  for (const version of data.allTickets(asOf)) {
    findings.checked++;
    const { ticket, metricSet } = version;
    const audits = data.audits(version.id, asOf) as unknown as Audit[];
    const events = data.metricEvents(version.id, asOf) as unknown as MetricEvent[];
    const requesterId = ticket['requester_id'] as number;
    const rebuilt: TicketHistory = {
      id: version.id,
      requesterId,
      channel: String((ticket['via'] as { channel: string }).channel),
      brandId: ticket['brand_id'] as number,
      type: ticket['type'] as string | null,
      priority: ticket['priority'] as string | null,
      subject: String(ticket['subject']),
      updates: updatesFromAudits(audits),
    };

    // 1. The metric set, recomputed from the audits.
    const expected = metricSetOf(rebuilt, account);
    for (const [key, value] of Object.entries(expected)) {
      if (JSON.stringify(metricSet![key]) !== JSON.stringify(value)) {
        findings.metricSet.push(
          `ticket ${version.id} ${key}: served ${JSON.stringify(metricSet![key])}, audits give ${JSON.stringify(value)}`,
        );
      }
    }

    // 2. The ticket's fields.
    const state = currentState(rebuilt);
    if (state.customFields[SURVEY_FIELDS.nps.id] !== undefined) findings.surveyed++;
    const score = (ticket['satisfaction_rating'] as { score?: string } | null)?.score ?? null;
    const fieldChecks: [string, unknown, unknown][] = [
      ['status', ticket['status'], state.status],
      ['group_id', ticket['group_id'], state.groupId],
      ['assignee_id', ticket['assignee_id'], state.assigneeId],
      ['tags', ticket['tags'], state.tags],
      ['satisfaction', score === 'unoffered' ? null : score, state.satisfaction],
      ...[SURVEY_FIELDS.nps.id, SURVEY_FIELDS.ces.id].map((fieldId): [string, unknown, unknown] => [
        `custom field ${fieldId}`,
        (ticket['custom_fields'] as { id: number; value: unknown }[]).find((field) => field.id === fieldId)?.value,
        state.customFields[fieldId] ?? null,
      ]),
      ['created_at', ticket['created_at'], audits[0]!.created_at],
      ['updated_at', ticket['updated_at'], audits[audits.length - 1]!.created_at],
      [
        'generated_timestamp',
        ticket['generated_timestamp'],
        Math.floor(Date.parse(audits[audits.length - 1]!.created_at) / 1000),
      ],
      ['description', ticket['description'], audits[0]!.events.find((e) => e.type === 'Comment')?.body],
    ];
    for (const [name, served, fromAudits] of fieldChecks) {
      if (JSON.stringify(served) !== JSON.stringify(fromAudits)) {
        findings.fields.push(
          `ticket ${version.id} ${name}: served ${JSON.stringify(served)}, audits give ${JSON.stringify(fromAudits)}`,
        );
      }
    }
    if (score === 'unoffered' && !['solved', 'closed'].includes(String(ticket['status'])))
      findings.fields.push(`ticket ${version.id}: unoffered but unsolved`);

    // 3. Metric events.
    const problem = (text: string) => findings.events.push(`ticket ${version.id}: ${text}`);
    const of = (metric: string, type: string) => events.filter((e) => e.metric === metric && e.type === type);
    const first = (type: string) => of('reply_time', type).filter((e) => e.instance_id === 1);
    const created = Date.parse(audits[0]!.created_at);
    const firstReply = audits.find(
      (a) =>
        a.author_id !== requesterId &&
        a.author_id !== SYSTEM_AUTHOR &&
        a.events.some((e) => e.type === 'Comment' && e.public),
    );
    const target = account.slaPolicy.firstReplyMinutesByPriority[String(ticket['priority'] ?? 'normal')]!;

    if (
      first('activate')
        .map((e) => e.time)
        .join() !== audits[0]!.created_at
    )
      problem('reply_time activate is not at creation');
    const apply = first('apply_sla');
    if (
      apply.length !== 1 ||
      apply[0]!.time !== audits[0]!.created_at ||
      apply[0]!.sla?.target !== target ||
      apply[0]!.sla.policy.id !== account.slaPolicy.id
    ) {
      problem(`reply_time apply_sla ${JSON.stringify(apply)} does not apply the ${target}-minute target at creation`);
    }
    const fulfill = first('fulfill');
    if (firstReply) {
      findings.fulfilled++;
      if (fulfill.length !== 1 || fulfill[0]!.time !== firstReply.created_at)
        problem(
          `reply_time fulfill ${JSON.stringify(fulfill.map((e) => e.time))}, first public agent comment at ${firstReply.created_at}`,
        );
    } else if (fulfill.length !== 0) problem('reply_time fulfilled without a public agent comment');

    const breachAt = account.schedule.addBusinessMinutes(created, target);
    expect(account.schedule.businessMinutes(created, breachAt)).toBe(target);
    const repliedAt = firstReply ? Date.parse(firstReply.created_at) : null;
    // A deleted ticket's clock stops at its deletion.
    const deletion = audits.find((a) => a.events.some((e) => e.field_name === 'status' && e.value === 'deleted'));
    const stoppedAt = deletion ? Date.parse(deletion.created_at) : null;
    const shouldBreach =
      repliedAt !== null ? repliedAt > breachAt : stoppedAt !== null ? breachAt < stoppedAt : breachAt <= asOf;
    const breach = first('breach').filter((e) => !e.deleted);
    if (shouldBreach) findings.breaches++;
    if (breach.length !== (shouldBreach ? 1 : 0))
      problem(
        `reply_time breach ${breach.length} events, expected ${shouldBreach ? 1 : 0} (target ${target}, breach at ${iso(breachAt)}, reply ${iso(repliedAt)})`,
      );
    if (breach.length === 1 && breach[0]!.time !== iso(breachAt))
      problem(`breach at ${breach[0]!.time}, target passed at ${iso(breachAt)}`);
    // The metric set tells the same: a breached, answered ticket took at least the target in business minutes.
    const business = (metricSet!['reply_time_in_minutes'] as { business: number | null }).business;
    if (repliedAt !== null && shouldBreach && business! < target)
      problem(`breached but reply_time business ${business} < ${target}`);
    if (repliedAt !== null && !shouldBreach && business! > target)
      problem(`not breached but reply_time business ${business} > ${target}`);

    // Next replies: a public requester comment after a reply opens one, the next public staff
    // comment (or a solve) fulfils it; each its own instance of reply_time from 2.
    const isStaffReply = (a: Audit) =>
      a.author_id !== requesterId &&
      a.author_id !== SYSTEM_AUTHOR &&
      a.events.some((e) => e.type === 'Comment' && e.public);
    const statusAfter: string[] = [];
    for (const a of audits) {
      const change = a.events.find((e) => e.field_name === 'status');
      statusAfter.push(change ? String(change.value) : (statusAfter[statusAfter.length - 1] ?? 'new'));
    }
    const solvedStatus = (status: string) => status === 'solved' || status === 'closed';
    const expectedNext: string[] = [];
    let replied = false;
    let nextOpen = false;
    audits.forEach((a, i) => {
      if (i === 0 || statusAfter[i - 1] === 'deleted') return;
      const byRequester =
        a.author_id === requesterId && a.events.some((e) => e.type === 'Comment' && e.public === true);
      if (isStaffReply(a) || (solvedStatus(statusAfter[i]!) && !solvedStatus(statusAfter[i - 1]!))) {
        if (nextOpen) expectedNext.push(`fulfill@${a.created_at}`);
        nextOpen = false;
      }
      if (isStaffReply(a)) replied = true;
      if (byRequester && replied && !nextOpen && !solvedStatus(statusAfter[i]!)) {
        expectedNext.push(`activate@${a.created_at}`);
        nextOpen = true;
      }
    });
    const servedNext = events
      .filter((e) => e.metric === 'reply_time' && e.instance_id > 1 && ['activate', 'fulfill'].includes(e.type))
      .map((e) => `${e.type}@${e.time}`);
    if (servedNext.join() !== expectedNext.join())
      problem(`next reply ${servedNext.join()} vs audits ${expectedNext.join()}`);
    findings.nextReplies += expectedNext.filter((e) => e.startsWith('activate')).length;

    // Requester wait: runs in new/open/hold, pauses in pending, fulfilled by every solve.
    // Requester wait runs in new/open/hold and agent work in new/open: each pauses outside them
    // and is fulfilled by every solve.
    const runSequence = (runs: (status: string) => boolean): string[] => {
      const expected = [`activate@${audits[0]!.created_at}`];
      audits.forEach((a, i) => {
        if (i === 0) return;
        const before = statusAfter[i - 1]!;
        const after = statusAfter[i]!;
        if (before === after || before === 'deleted' || after === 'deleted') return;
        if (solvedStatus(after) && !solvedStatus(before)) expected.push(`fulfill@${a.created_at}`);
        else if (runs(after) && !runs(before)) expected.push(`activate@${a.created_at}`);
        else if (!runs(after) && runs(before)) expected.push(`pause@${a.created_at}`);
      });
      return expected;
    };
    const servedSequence = (metric: string) =>
      events
        .filter((e) => e.metric === metric && ['activate', 'pause', 'fulfill'].includes(e.type))
        .map((e) => `${e.type}@${e.time}`);
    for (const [metric, runs] of [
      ['requester_wait_time', (status: string) => status === 'new' || status === 'open' || status === 'hold'],
      ['agent_work_time', (status: string) => status === 'new' || status === 'open'],
    ] as const) {
      const expected = runSequence(runs).join();
      const served = servedSequence(metric).join();
      if (served !== expected) problem(`${metric} ${served} vs status changes ${expected}`);
    }
    // The minutes it ran, as of its latest fulfil, are the metric set's requester wait.
    const waitStatus = events.filter((e) => e.metric === 'requester_wait_time' && e.type === 'update_status');
    // (A ticket closed by a merge was never solved: its metric set has no wait times.)
    const setWait = metricSet!['requester_wait_time_in_minutes'] as { business: number | null };
    if (solvedStatus(String(ticket['status'])) && waitStatus.length > 0 && setWait.business !== null) {
      const served = JSON.stringify(waitStatus[waitStatus.length - 1]!.status);
      const metric = JSON.stringify(metricSet!['requester_wait_time_in_minutes']);
      if (served !== metric) problem(`requester_wait update_status ${served}, metric set ${metric}`);
    }

    // Resolution time is fulfilled by exactly the solves the audits show.
    const solves = audits
      .filter((_, i) => i > 0 && solvedStatus(statusAfter[i]!) && !solvedStatus(statusAfter[i - 1]!))
      .map((a) => a.created_at);
    const resolved = of('resolution_time', 'fulfill').map((e) => e.time);
    if (statusAfter[statusAfter.length - 1] !== 'deleted' && resolved.join() !== solves.join())
      problem(`resolution_time fulfilled at ${resolved.join()}, solves at ${solves.join()}`);

    // Group ownership: a group SLA applies exactly while the group holding the ticket is Tier 2.
    for (const apply of of('group_ownership_time', 'apply_group_sla')) {
      const holder = [...audits]
        .reverse()
        .find((a) => a.created_at <= apply.time && a.events.some((e) => e.field_name === 'group_id'));
      const groupId = holder?.events.find((e) => e.field_name === 'group_id')?.value;
      if (apply.group_sla?.group_id !== account.groupSlaPolicy.groupId || groupId !== account.groupSlaPolicy.groupId)
        problem(`group SLA applied at ${apply.time} while the ticket was in group ${String(groupId)}`);
    }

    // One ownership instance per group that held the ticket: from creation, each change of
    // group, and each reopen (a close after a solve starts none).
    let holders = 0;
    let holding: unknown = null;
    audits.forEach((a, i) => {
      const change = a.events.find((e) => e.field_name === 'group_id');
      const before = i === 0 ? 'new' : statusAfter[i - 1]!;
      if (before === 'deleted') return;
      const reopened = i > 0 && solvedStatus(before) && !solvedStatus(statusAfter[i]!) && statusAfter[i] !== 'deleted';
      if (change && change.value !== holding) {
        holding = change.value;
        if (holding !== null) holders++;
      } else if (reopened && holding !== null) holders++;
    });
    const owned = of('group_ownership_time', 'activate').filter((e) => e.instance_id > 0);
    if (new Set(owned.map((e) => e.instance_id)).size !== holders)
      problem(`${new Set(owned.map((e) => e.instance_id)).size} group ownership instances, audits give ${holders}`);

    // Every SLA instance: at most one breach that stands, none after its fulfil; a deleted breach
    // only once the instance was paused or fulfilled before its time; a fulfil gives its minutes.
    const instances = new Map<string, MetricEvent[]>();
    for (const e of events) {
      const key = `${e.metric}#${e.instance_id}`;
      instances.set(key, [...(instances.get(key) ?? []), e]);
    }
    for (const [key, list] of instances) {
      const applied = list.some((e) => e.type === 'apply_sla' || e.type === 'apply_group_sla');
      const standing = list.filter((e) => e.type === 'breach' && e.deleted === false);
      const deleted = list.filter((e) => e.type === 'breach' && e.deleted === true);
      if (!applied && standing.length + deleted.length > 0) problem(`${key} breached without an SLA`);
      if (standing.length > 1) problem(`${key} breached ${standing.length} times`);
      // What the instance was doing when a breach came due: the last state change before it.
      const stateBefore = (breach: MetricEvent) =>
        list
          .slice(0, list.indexOf(breach))
          .filter((e) => e.type === 'activate' || e.type === 'pause' || e.type === 'fulfill')
          .pop()?.type;
      for (const breach of standing) {
        if (stateBefore(breach) !== 'activate') problem(`${key} breached at ${breach.time} while stopped`);
      }
      for (const breach of deleted) {
        // A pause or fulfil came before it (the instance may have run again since), or a deletion.
        const stoppedBefore = list.some((e) => (e.type === 'pause' || e.type === 'fulfill') && e.time <= breach.time);
        const deletedBefore = stoppedAt !== null && stoppedAt <= Date.parse(breach.time);
        if (!stoppedBefore && !deletedBefore) problem(`${key} breach at ${breach.time} deleted while running`);
      }
      findings.standingBreaches += standing.length;
      findings.deletedBreaches += deleted.length;
      const statuses = list.filter((e) => e.type === 'update_status');
      if (statuses.length !== list.filter((e) => e.type === 'fulfill').length)
        problem(`${key}: one update_status per fulfil expected`);
    }

    // Events are in time order, belong to the ticket, and have unique ids.
    if (events.some((e, i) => e.ticket_id !== version.id || (i > 0 && e.time < events[i - 1]!.time)))
      problem('events out of order or of another ticket');
    if (new Set(events.map((e) => e.id)).size !== events.length) problem('duplicate event ids');
    if (events.some((e) => Date.parse(e.time) > asOf)) problem('an event in the future');

    // The slas sideload: each policy metric at the stage its latest instance's events leave it in.
    // (A deleted ticket is not shown, so its sideload is not read.)
    const policyMetrics =
      ticket['status'] === 'deleted' ? [] : ((data.slas(version.id, asOf)!['policy_metrics'] as Json[]) ?? []);
    for (const entry of policyMetrics) {
      const metric = String(entry['metric']);
      const eventMetric = metric.endsWith('reply_time') ? 'reply_time' : metric;
      const instancesOf = events.filter(
        (e) =>
          e.metric === eventMetric &&
          e.type === 'apply_sla' &&
          (metric === 'next_reply_time'
            ? e.instance_id > 1
            : metric === 'first_reply_time'
              ? e.instance_id === 1
              : true),
      );
      const latest = instancesOf[instancesOf.length - 1];
      if (!latest) {
        problem(`slas lists ${metric} with no SLA applied`);
        continue;
      }
      const last = events
        .filter(
          (e) =>
            e.metric === eventMetric &&
            e.instance_id === latest.instance_id &&
            ['activate', 'pause', 'fulfill'].includes(e.type),
        )
        .pop()?.type;
      const stage = last === 'fulfill' ? 'achieved' : last === 'pause' ? 'paused' : 'active';
      if (entry['stage'] !== stage) problem(`slas ${metric} ${String(entry['stage'])}, its events leave it ${stage}`);
      if (entry['minutes'] !== latest.sla?.target) problem(`slas ${metric} target ${String(entry['minutes'])}`);
      findings.policyMetrics++;
    }

    // 4. The ticket event export: the same updates as the audits, comments with their authors.
    const served = ticketEvents.get(version.id) ?? [];
    const fromExport = JSON.stringify(updatesFromTicketEvents(served));
    const fromAudits = JSON.stringify(updatesFromAudits(audits));
    if (fromExport !== fromAudits)
      findings.ticketEvents.push(`ticket ${version.id}: export ${fromExport} vs audits ${fromAudits}`);
    for (const [field, value] of [
      ['requester_id', requesterId],
      ['subject', ticket['subject']],
      ['priority', ticket['priority']],
      ['type', ticket['type']],
    ] as const) {
      const created = served[0]?.child_events.find((c) => field in c && c.event_type === 'Create');
      if (value !== null && created?.[field] !== value)
        findings.ticketEvents.push(
          `ticket ${version.id}: created with ${field} ${JSON.stringify(created?.[field])}, ticket has ${JSON.stringify(value)}`,
        );
    }

    // 5. The satisfaction rating: the ticket's score, given to whoever held the ticket then.
    const rating = ratings.get(version.id);
    const embedded = ticket['satisfaction_rating'] as { score?: string; id?: number } | null;
    const rated = embedded?.score === 'offered' || embedded?.score === 'good' || embedded?.score === 'bad';
    if (ticket['status'] === 'deleted') {
      if (rating) findings.ratings.push(`ticket ${version.id}: a deleted ticket's rating is listed`);
    } else if (rated !== Boolean(rating) || (rating && rating['score'] !== embedded?.score)) {
      findings.ratings.push(
        `ticket ${version.id}: embeds ${JSON.stringify(embedded)}, listed ${JSON.stringify(rating)}`,
      );
    } else if (rating) {
      if (embedded?.id !== undefined && embedded.id !== rating['id'])
        findings.ratings.push(
          `ticket ${version.id}: embedded rating id ${embedded.id}, listed ${String(rating['id'])}`,
        );
      const surveyed = audits.filter((a) => a.events.some((e) => e.field_name === 'satisfaction_score'));
      const lastScore = surveyed[surveyed.length - 1]!;
      const holder = rebuiltStateAt(rebuilt, Date.parse(lastScore.created_at));
      if (
        rating['created_at'] !== surveyed[0]!.created_at ||
        rating['updated_at'] !== lastScore.created_at ||
        rating['assignee_id'] !== holder.assigneeId ||
        rating['group_id'] !== holder.groupId
      )
        findings.ratings.push(
          `ticket ${version.id}: rating ${JSON.stringify(rating)} vs audits at ${lastScore.created_at} (assignee ${holder.assigneeId})`,
        );
      if (holder.assigneeId !== state.assigneeId) findings.ratedOtherHolder++;
    }
  }
  if (ratings.size !== [...ratings.keys()].filter((id) => data.ticket(id, asOf)).length)
    findings.ratings.push('a rating of a ticket that is not visible');
  return findings;
}

describe('served data agrees with itself (every visible ticket)', () => {
  const seeds: [number, number][] = [
    [3, NOW],
    [3, NOW - 3 * 86_400_000 + 7 * HOUR],
    [11, NOW],
  ];
  for (const [seed, asOf] of seeds) {
    describe(`seed ${seed} as of ${iso(asOf)}`, () => {
      let findings: Findings;
      beforeAll(() => {
        findings = check(seed, asOf);
      });

      it('covers a meaningful sample', () => {
        expect(findings.checked).toBeGreaterThan(450);
        expect(findings.fulfilled).toBeGreaterThan(400);
        expect(findings.breaches).toBeGreaterThan(5);
        expect(findings.surveyed).toBeGreaterThan(50);
      });

      it('serves ticket fields that match the audits', () => {
        expect(findings.fields).toEqual([]);
      });

      it('serves metric events that match the audits (first and next replies, requester wait, resolution, group SLA, breaches)', () => {
        expect(findings.events).toEqual([]);
        expect(findings.nextReplies).toBeGreaterThan(50);
        expect(findings.standingBreaches).toBeGreaterThan(20);
        expect(findings.deletedBreaches).toBeGreaterThan(20);
        expect(findings.policyMetrics).toBeGreaterThan(findings.checked);
      });

      it('exports exactly the metric events each ticket has, in time order', () => {
        expect(findings.exportMismatch).toEqual([]);
      });

      it('exports ticket events that tell the audits’ story, comments with their authors', () => {
        expect(findings.ticketEvents).toEqual([]);
      });

      it('lists each rated ticket’s rating once, with the ticket’s score and the agent who held it when rated', () => {
        expect(findings.ratings).toEqual([]);
        expect(findings.ratedOtherHolder).toBeGreaterThan(0);
      });

      it('serves the metric set that the audits give when recomputed with deriveMetrics', () => {
        expect(findings.metricSet).toEqual([]);
      });
    });
  }
});
