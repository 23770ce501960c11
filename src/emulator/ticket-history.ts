import type { TicketStatus } from '../metrics/ticket-record';
import type { BusinessSchedule } from './business-schedule';

/**
 * A ticket's life as the list of its updates, each what one audit records: who, when, an optional
 * comment, and the fields it changed. Everything the API serves about a ticket (its current
 * fields, its metric set, its audits, its metric events) is derived from this one list, so they
 * cannot disagree.
 */

export interface TicketChanges {
  status?: TicketStatus;
  group_id?: number | null;
  assignee_id?: number | null;
  tags?: string[];
  satisfaction?: 'offered' | 'good' | 'bad';
  /** Custom field values set, by field id (the survey answers); fields not named keep theirs. */
  custom_fields?: Readonly<Record<number, number>>;
}

export interface TicketUpdate {
  at: number;
  authorId: number;
  /** -1 marks Zendesk itself (automations, triggers). */
  comment?: { public: boolean; body: string };
  changes: TicketChanges;
}

export const SYSTEM_AUTHOR = -1;

export interface TicketHistory {
  id: number;
  requesterId: number;
  channel: string;
  brandId: number;
  type: string | null;
  priority: string | null;
  subject: string;
  /** The first update creates the ticket and sets every field. */
  updates: TicketUpdate[];
}

export interface TicketState {
  status: TicketStatus;
  groupId: number | null;
  assigneeId: number | null;
  tags: string[];
  satisfaction: 'offered' | 'good' | 'bad' | null;
  /** The custom fields the updates set, by id. */
  customFields: Record<number, number>;
  updatedAt: number;
}

/** The fields as they stand after the last update. */
export function currentState(history: TicketHistory): TicketState {
  const state: TicketState = {
    status: 'new',
    groupId: null,
    assigneeId: null,
    tags: [],
    satisfaction: null,
    customFields: {},
    updatedAt: 0,
  };
  for (const update of history.updates) {
    const { changes } = update;
    if (changes.status !== undefined) state.status = changes.status;
    if (changes.group_id !== undefined) state.groupId = changes.group_id;
    if (changes.assignee_id !== undefined) state.assigneeId = changes.assignee_id;
    if (changes.tags !== undefined) state.tags = changes.tags;
    if (changes.satisfaction !== undefined) state.satisfaction = changes.satisfaction;
    if (changes.custom_fields !== undefined) Object.assign(state.customFields, changes.custom_fields);
    state.updatedAt = update.at;
  }
  return state;
}

export interface MinutePair {
  calendar: number | null;
  business: number | null;
}

export interface DerivedMetrics {
  replies: number;
  reopens: number;
  groupStations: number;
  assigneeStations: number;
  replyTime: MinutePair;
  firstResolutionTime: MinutePair;
  fullResolutionTime: MinutePair;
  requesterWaitTime: MinutePair;
  agentWaitTime: MinutePair;
  onHoldTime: MinutePair;
  createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  firstReplyAt: number | null;
  assignedAt: number | null;
  initiallyAssignedAt: number | null;
  assigneeUpdatedAt: number | null;
  requesterUpdatedAt: number;
  statusUpdatedAt: number;
  latestCommentAddedAt: number;
}

const SOLVED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);
const REQUESTER_WAITING: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'hold']);

function minutesBetween(from: number, to: number, schedule: BusinessSchedule): MinutePair {
  return { calendar: Math.floor((to - from) / 60_000), business: schedule.businessMinutes(from, to) };
}

/**
 * The metric set Zendesk keeps for a ticket, derived from its updates
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/):
 * - reply time: creation to the first public comment by someone other than the requester;
 * - first and full resolution time: creation to the first and to the latest solve, while solved;
 * - requester wait: time in New, Open and On-hold; agent wait: time in Pending; on-hold: time in
 *   On-hold; each summed over the periods that have ended, calendar and business minutes; the two
 *   waits stay null until the ticket is first solved;
 * - replies: public agent comments; reopens: solved tickets set back to an unsolved status;
 * - group and assignee stations: how many groups and assignees the ticket has had.
 */
export function deriveMetrics(history: TicketHistory, schedule: BusinessSchedule): DerivedMetrics {
  const [creation, ...rest] = history.updates;
  if (!creation) throw new Error(`ticket ${history.id} has no updates`);
  const createdAt = creation.at;
  let status: TicketStatus = creation.changes.status ?? 'new';
  let statusSince = createdAt;
  let groupId = creation.changes.group_id ?? null;
  let assigneeId = creation.changes.assignee_id ?? null;
  let groupStations = groupId === null ? 0 : 1;
  let assigneeStations = assigneeId === null ? 0 : 1;
  let initiallyAssignedAt: number | null = assigneeId === null ? null : createdAt;
  let assignedAt = initiallyAssignedAt;
  let assigneeUpdatedAt: number | null = initiallyAssignedAt;
  let requesterUpdatedAt = createdAt;
  let statusUpdatedAt = createdAt;
  let latestCommentAddedAt = createdAt;
  let replies = 0;
  let reopens = 0;
  let firstReplyAt: number | null = null;
  let firstSolvedAt: number | null = null;
  let lastSolvedAt: number | null = null;
  const waits = { requester: [0, 0], agent: [0, 0], hold: [0, 0] };

  const closePeriod = (until: number) => {
    const span = minutesBetween(statusSince, until, schedule);
    const add = (bucket: number[]) => {
      bucket[0]! += span.calendar!;
      bucket[1]! += span.business!;
    };
    if (REQUESTER_WAITING.has(status)) add(waits.requester);
    if (status === 'pending') add(waits.agent);
    if (status === 'hold') add(waits.hold);
  };

  for (const update of rest) {
    const { changes, comment, at } = update;
    const byRequester = update.authorId === history.requesterId;
    if (byRequester) requesterUpdatedAt = at;
    if (comment) {
      latestCommentAddedAt = at;
      if (comment.public && !byRequester && update.authorId !== SYSTEM_AUTHOR) {
        replies++;
        firstReplyAt ??= at;
      }
    }
    if (changes.group_id !== undefined && changes.group_id !== groupId) {
      groupId = changes.group_id;
      if (groupId !== null) groupStations++;
    }
    if (changes.assignee_id !== undefined && changes.assignee_id !== assigneeId) {
      assigneeId = changes.assignee_id;
      assigneeUpdatedAt = at;
      if (assigneeId !== null) {
        assigneeStations++;
        initiallyAssignedAt ??= at;
        assignedAt = at;
      }
    }
    if (changes.status !== undefined && changes.status !== status) {
      closePeriod(at);
      if (SOLVED.has(status) && !SOLVED.has(changes.status) && changes.status !== 'deleted') reopens++;
      if (changes.status === 'solved') {
        firstSolvedAt ??= at;
        lastSolvedAt = at;
      }
      status = changes.status;
      statusSince = at;
      statusUpdatedAt = at;
    }
  }

  const solvedNow = SOLVED.has(status);
  const last = history.updates[history.updates.length - 1]!;
  return {
    replies,
    reopens,
    groupStations,
    assigneeStations,
    replyTime:
      firstReplyAt === null ? { calendar: null, business: null } : minutesBetween(createdAt, firstReplyAt, schedule),
    firstResolutionTime:
      firstSolvedAt === null ? { calendar: null, business: null } : minutesBetween(createdAt, firstSolvedAt, schedule),
    fullResolutionTime:
      solvedNow && lastSolvedAt !== null
        ? minutesBetween(createdAt, lastSolvedAt, schedule)
        : { calendar: null, business: null },
    // Zendesk fills the wait times in when a ticket is first solved; before that they are null
    // (as in the recorded metric sets of unsolved tickets).
    requesterWaitTime:
      firstSolvedAt === null
        ? { calendar: null, business: null }
        : { calendar: waits.requester[0]!, business: waits.requester[1]! },
    agentWaitTime:
      firstSolvedAt === null
        ? { calendar: null, business: null }
        : { calendar: waits.agent[0]!, business: waits.agent[1]! },
    onHoldTime: { calendar: waits.hold[0]!, business: waits.hold[1]! },
    createdAt,
    updatedAt: last.at,
    solvedAt: lastSolvedAt,
    firstReplyAt,
    assignedAt,
    initiallyAssignedAt,
    assigneeUpdatedAt,
    requesterUpdatedAt,
    statusUpdatedAt,
    latestCommentAddedAt,
  };
}
