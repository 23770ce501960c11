import type { TicketStatus } from '../metrics/ticket-record';
import { targetFor, type SeedAccount, type SlaPolicyMetric } from './seed-account';
import { SYSTEM_AUTHOR, type TicketHistory } from './ticket-history';

/**
 * A ticket's metric events (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metric_events/,
 * types as in the Ticket metric event types reference) and its SLA policy metrics (the `slas`
 * sideload), read off the same updates as its audits and metric set:
 *
 * - every metric gets a `measure` event with instance 0 at creation (as in Zendesk's example);
 * - reply_time: instance 1 from creation to the first public comment by staff (first reply);
 *   instance 2, 3… from a public requester comment after a reply to the next staff reply, or to
 *   the solve (next reply);
 * - requester_wait_time: runs in New, Open and On-hold, pauses in Pending, fulfilled by a solve;
 * - agent_work_time: runs in New and Open, pauses in Pending and On-hold, fulfilled by a solve;
 * - periodic_update_time: one instance from each staff public comment to the next (or the solve);
 *   pausable_update_time the same, paused while Pending;
 * - resolution_time: from creation (and each reopen) to the solve;
 * - group_ownership_time: one instance per group holding the ticket, until the group changes or
 *   the ticket is solved.
 *
 * The SLA policy targets first and next reply, requester wait and periodic update (`apply_sla`);
 * the group SLA targets Tier 2's ownership (`apply_group_sla`). Zendesk schedules a breach when a
 * target starts to run; when the metric is fulfilled or paused before then, that breach is marked
 * `deleted`; otherwise it stands, and the metric is still fulfilled later. A fulfil carries an
 * `update_status` with the minutes the metric ran.
 *
 * Every event depends only on updates made at or before its time, so the events of a ticket as of
 * any instant are its events up to that instant: one list per ticket serves every `asOf`.
 */

/** One metric event; its JSON is made only when it is served (metricEventJson). */
export interface TimedEvent {
  /** Epoch ms. */
  at: number;
  id: number;
  ticketId: number;
  metric: string;
  instanceId: number;
  type: string;
  extra: Record<string, unknown> | null;
}

/** The event as Zendesk sends it. */
export function metricEventJson(event: TimedEvent): Record<string, unknown> {
  return {
    id: event.id,
    ticket_id: event.ticketId,
    metric: event.metric,
    instance_id: event.instanceId,
    type: event.type,
    time: iso(event.at),
    ...event.extra,
  };
}

export type SlaStage = 'active' | 'paused' | 'achieved';

export interface PolicyMetricState {
  metric: SlaPolicyMetric;
  instanceId: number;
  stage: SlaStage;
  /** When the target is (or was) due; null while paused. */
  breachAt: number | null;
  minutes: number;
}

export interface TicketMetricStory {
  events: TimedEvent[];
  /** The latest instance of each SLA policy metric, as it stands after the last update. */
  policyMetrics: PolicyMetricState[];
}

/**
 * zendesk-objects' `iso` without its regular expression: an account has about forty events a
 * ticket, and formatting their times was most of the time the whole account's events took.
 */
function iso(epochMs: number | null): string | null {
  return epochMs === null ? null : `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

const REQUESTER_WAITING: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'hold']);
const AGENT_WORKING: ReadonlySet<TicketStatus> = new Set(['new', 'open']);
const SOLVED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

export const METRIC_NAMES = [
  'agent_work_time',
  'pausable_update_time',
  'periodic_update_time',
  'reply_time',
  'requester_wait_time',
  'resolution_time',
  'group_ownership_time',
] as const;

/** A metric's ids: the ticket's id times 1000 plus the order of creation (tickets have far fewer). */
const EVENT_IDS_PER_TICKET = 1000;

interface Target {
  minutes: number;
  /** The `sla` or `group_sla` object of the apply event. */
  kind: 'sla' | 'group_sla';
  policyMetric: SlaPolicyMetric | null;
}

/** One instance of one metric: running, paused or done, with the minutes it has run. */
class Clock {
  running = false;
  done = false;
  since = 0;
  calendarMinutes = 0;
  businessMinutes = 0;
  breachAt: number | null = null;
  breached = false;
  /** The due time the target had when it last ran, kept for the `slas` sideload once achieved. */
  lastDue: number | null = null;

  constructor(
    readonly metric: string,
    readonly instanceId: number,
    readonly target: Target | null,
  ) {}
}

export function ticketMetricStory(account: SeedAccount, history: TicketHistory): TicketMetricStory {
  const { schedule } = account;
  const events: TimedEvent[] = [];
  let sequence = 0;
  const emit = (
    metric: string,
    instanceId: number,
    type: string,
    at: number,
    extra: Record<string, unknown> | null = null,
  ) => {
    if (sequence >= EVENT_IDS_PER_TICKET) throw new Error(`ticket ${history.id} has more metric events than ids`);
    events.push({
      at,
      id: history.id * EVENT_IDS_PER_TICKET + sequence++,
      ticketId: history.id,
      metric,
      instanceId,
      type,
      extra,
    });
  };

  const policy = account.slaPolicy;
  const groupPolicy = account.groupSlaPolicy;
  const slaTarget = (metric: SlaPolicyMetric): Target => ({
    minutes: targetFor(policy.targets[metric], history.priority),
    kind: 'sla',
    policyMetric: metric,
  });
  const clocks: Clock[] = [];
  const latestPolicyClock = new Map<SlaPolicyMetric, Clock>();

  const start = (clock: Clock, at: number) => {
    clock.running = true;
    clock.since = at;
    emit(clock.metric, clock.instanceId, 'activate', at);
    if (clock.target && !clock.breached) {
      const left = Math.max(0, clock.target.minutes - clock.businessMinutes);
      clock.breachAt = schedule.addBusinessMinutes(at, left);
      clock.lastDue = clock.breachAt;
    }
  };
  const open = (metric: string, instanceId: number, target: Target | null, at: number): Clock => {
    const clock = new Clock(metric, instanceId, target);
    clocks.push(clock);
    if (target?.policyMetric) latestPolicyClock.set(target.policyMetric, clock);
    start(clock, at);
    if (target?.kind === 'sla') {
      emit(metric, instanceId, 'apply_sla', at, {
        sla: {
          target: target.minutes,
          business_hours: true,
          policy: { id: policy.id, title: policy.title, description: policy.description },
        },
      });
    } else if (target?.kind === 'group_sla') {
      emit(metric, instanceId, 'apply_group_sla', at, {
        group_sla: {
          target: target.minutes,
          business_hours: true,
          group_id: groupPolicy.groupId,
          policy: { id: groupPolicy.id, title: groupPolicy.title, description: groupPolicy.description },
        },
      });
    }
    return clock;
  };
  /** A breach whose time has come while the clock still ran stands. */
  const settle = (clock: Clock, at: number) => {
    if (clock.running && clock.breachAt !== null && clock.breachAt < at) {
      emit(clock.metric, clock.instanceId, 'breach', clock.breachAt, { deleted: false });
      clock.breached = true;
      clock.breachAt = null;
    }
  };
  const stop = (clock: Clock | null, at: number, type: 'pause' | 'fulfill' | 'silent') => {
    if (!clock || clock.done) return;
    if (clock.running) {
      settle(clock, at);
      clock.calendarMinutes += Math.floor((at - clock.since) / 60_000);
      clock.businessMinutes += schedule.businessMinutes(clock.since, at);
      clock.running = false;
      if (type !== 'silent') emit(clock.metric, clock.instanceId, type, at);
      // The breach Zendesk had scheduled for this run will not happen.
      if (clock.breachAt !== null) {
        emit(clock.metric, clock.instanceId, 'breach', clock.breachAt, { deleted: true });
        clock.breachAt = null;
      }
    } else if (type === 'fulfill') {
      emit(clock.metric, clock.instanceId, 'fulfill', at);
    }
    if (type === 'fulfill') {
      clock.done = true;
      emit(clock.metric, clock.instanceId, 'update_status', at, {
        status: { calendar: clock.calendarMinutes, business: clock.businessMinutes },
      });
    }
    if (type === 'silent') clock.done = true;
  };
  const resume = (clock: Clock | null, at: number) => {
    if (clock && !clock.done && !clock.running) start(clock, at);
  };

  const [creation, ...rest] = history.updates;
  if (!creation) throw new Error(`ticket ${history.id} has no updates`);
  const created = creation.at;
  for (const metric of METRIC_NAMES) emit(metric, 0, 'measure', created);

  let status: TicketStatus = creation.changes.status ?? 'new';
  let group = creation.changes.group_id ?? null;
  const firstReply = open('reply_time', 1, slaTarget('first_reply_time'), created);
  let replyInstances = 1;
  let nextReply: Clock | null = null;
  const requesterWait = open('requester_wait_time', 1, slaTarget('requester_wait_time'), created);
  const agentWork = open('agent_work_time', 1, null, created);
  const resolution = open('resolution_time', 1, null, created);
  let groupInstances = 0;
  const groupTarget = (id: number | null): Target | null =>
    id === groupPolicy.groupId
      ? {
          minutes: targetFor(groupPolicy.ownershipMinutesByPriority, history.priority),
          kind: 'group_sla',
          policyMetric: null,
        }
      : null;
  let ownership: Clock | null =
    group === null ? null : open('group_ownership_time', ++groupInstances, groupTarget(group), created);
  let updateInstances = 0;
  let periodic: Clock | null = null;
  let pausable: Clock | null = null;
  if (!REQUESTER_WAITING.has(status)) stop(requesterWait, created, 'pause');
  if (!AGENT_WORKING.has(status)) stop(agentWork, created, 'pause');

  for (const update of rest) {
    const { at, changes, comment } = update;
    for (const clock of clocks) settle(clock, at);
    if (status === 'deleted') break;
    const byStaff = update.authorId !== history.requesterId && update.authorId !== SYSTEM_AUTHOR;
    const staffReply = comment?.public === true && byStaff;
    const requesterComment = comment?.public === true && update.authorId === history.requesterId;
    const nextStatus = changes.status ?? status;
    const solvesNow = SOLVED.has(nextStatus) && !SOLVED.has(status);

    if (staffReply) {
      if (!firstReply.done) stop(firstReply, at, 'fulfill');
      else stop(nextReply, at, 'fulfill');
      stop(periodic, at, 'fulfill');
      stop(pausable, at, 'fulfill');
    }

    if (changes.group_id !== undefined && changes.group_id !== group) {
      stop(ownership, at, 'fulfill');
      group = changes.group_id;
      ownership = group === null ? null : open('group_ownership_time', ++groupInstances, groupTarget(group), at);
    }

    if (nextStatus !== status) {
      if (nextStatus === 'deleted') {
        // A deleted ticket's metrics stop where they were; their scheduled breaches never come.
        for (const clock of clocks) stop(clock, at, 'silent');
        status = nextStatus;
        continue;
      }
      if (solvesNow) {
        // A solve fulfils what was running or paused, and ends the targets that wait for a reply.
        for (const clock of [requesterWait, agentWork, resolution, nextReply, periodic, pausable, ownership])
          stop(clock, at, 'fulfill');
      } else if (SOLVED.has(status) && SOLVED.has(nextStatus)) {
        // Solved to closed: nothing runs again.
      } else if (SOLVED.has(status)) {
        // Reopened: the ticket-wide metrics run again, and the group that holds it owns it anew.
        for (const clock of [requesterWait, agentWork, resolution]) clock.done = false;
        resume(resolution, at);
        if (REQUESTER_WAITING.has(nextStatus)) resume(requesterWait, at);
        if (AGENT_WORKING.has(nextStatus)) resume(agentWork, at);
        if (group !== null) ownership = open('group_ownership_time', ++groupInstances, groupTarget(group), at);
      } else {
        if (REQUESTER_WAITING.has(nextStatus)) resume(requesterWait, at);
        else stop(requesterWait, at, 'pause');
        if (AGENT_WORKING.has(nextStatus)) resume(agentWork, at);
        else stop(agentWork, at, 'pause');
        if (nextStatus === 'pending') stop(pausable, at, 'pause');
        else resume(pausable, at);
      }
      status = nextStatus;
    }

    if (requesterComment && firstReply.done && (!nextReply || nextReply.done) && !SOLVED.has(status)) {
      nextReply = open('reply_time', ++replyInstances, slaTarget('next_reply_time'), at);
    }
    if (staffReply && !SOLVED.has(status)) {
      updateInstances++;
      periodic = open('periodic_update_time', updateInstances, slaTarget('periodic_update_time'), at);
      pausable = open('pausable_update_time', updateInstances, null, at);
      if (status === 'pending') stop(pausable, at, 'pause');
    }
  }
  // What is still running keeps its scheduled breach: it stands when its time comes.
  for (const clock of clocks) {
    if (clock.running && clock.breachAt !== null) {
      emit(clock.metric, clock.instanceId, 'breach', clock.breachAt, { deleted: false });
      clock.breached = true;
    }
  }
  events.sort((a, b) => a.at - b.at || a.id - b.id);

  const policyMetrics: PolicyMetricState[] = [];
  for (const [metric, clock] of latestPolicyClock) {
    policyMetrics.push({
      metric,
      instanceId: clock.instanceId,
      stage: clock.done ? 'achieved' : clock.running ? 'active' : 'paused',
      breachAt: clock.done ? clock.lastDue : clock.running ? (clock.breachAt ?? clock.lastDue) : null,
      minutes: clock.target!.minutes,
    });
  }
  return { events, policyMetrics };
}

/** The `slas` sideload of show ticket: each SLA policy metric's latest instance. */
export function renderPolicyMetrics(story: TicketMetricStory): Record<string, unknown> {
  return {
    policy_metrics: story.policyMetrics.map((state) => ({
      breach_at: iso(state.breachAt),
      stage: state.stage,
      metric: state.metric,
      minutes: state.minutes,
      business_hours: true,
    })),
  };
}
