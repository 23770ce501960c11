import type { TicketRecord } from '../../../src/metrics/ticket-record';
import { SNAPSHOT_VERSION, type AccountSnapshot, type PullMode } from '../../../src/zendesk/account-snapshot';
import { DatasetCollector } from '../../../src/zendesk/response-dataset';

/**
 * A hand-made account for the app's tests: 40 tickets shaped like Zendesk's incremental export with
 * the metric_sets sideload (test/fixtures/zendesk/embulk/ticket_metrics.json), three agents, two
 * groups. "Now" is fixed at NOW; the expected figures in the tests are counted by hand from the
 * table below (see the comments in nav-bar-report.test.tsx and ticket-sidebar.test.tsx).
 */

export const NOW = Date.parse('2026-11-15T12:00:00Z');
export const HOST = 'https://acme.zendesk.com';

export const ALICE = 101; // admin
export const BOB = 102; // agent
export const CAROL = 103; // agent
export const TIER1 = 201;
export const TIER2 = 202;

type Json = Record<string, unknown>;
type Pair = [calendar: number, business: number];

export interface TicketSpec {
  id: number;
  created: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted';
  assignee: number | null;
  group: number | null;
  channel: string;
  /** First reply time, minutes [calendar, business]; absent: no reply yet. */
  reply?: Pair;
  solved?: string;
  replies?: number;
  reopens?: number;
  /** Group stations (2 or more: escalated by the default rule). */
  gs?: number;
  sat?: 'good' | 'bad' | 'offered';
  /** Full resolution time, minutes [calendar, business]. */
  full?: Pair;
  tags?: string[];
  type?: string | null;
  priority?: string | null;
}

const s = (spec: TicketSpec) => spec;

/**
 * The last-30-days window at NOW in Europe/Berlin is 2026-10-17 .. 2026-11-15; the previous one
 * 2026-09-17 .. 2026-10-16. Every instant below is well away from a local midnight.
 */
export const SPECS: TicketSpec[] = [
  // Alice (101): created in the current window
  s({
    id: 1,
    created: '2026-11-14T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [10, 10],
    solved: '2026-11-14T12:00:00Z',
    replies: 1,
    sat: 'good',
    full: [180, 120],
    type: 'question',
  }),
  s({
    id: 2,
    created: '2026-11-12T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [20, 15],
    solved: '2026-11-12T15:00:00Z',
    replies: 1,
    sat: 'good',
    full: [360, 240],
    type: 'question',
  }),
  s({
    id: 3,
    created: '2026-11-10T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'web',
    reply: [30, 30],
    solved: '2026-11-11T09:00:00Z',
    replies: 2,
    sat: 'bad',
    full: [1440, 480],
    type: 'incident',
  }),
  s({
    id: 4,
    created: '2026-11-08T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [5, 5],
    solved: '2026-11-08T10:00:00Z',
    replies: 1,
    sat: 'good',
    full: [60, 60],
  }),
  s({
    id: 5,
    created: '2026-11-05T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'chat',
    reply: [2, 2],
    solved: '2026-11-06T09:00:00Z',
    replies: 1,
    reopens: 1,
    full: [1440, 480],
  }),
  s({
    id: 6,
    created: '2026-11-03T09:00:00Z',
    status: 'open',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [45, 30],
    replies: 1,
  }),
  s({
    id: 7,
    created: '2026-10-30T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER2,
    channel: 'email',
    reply: [15, 10],
    solved: '2026-10-31T09:00:00Z',
    replies: 1,
    gs: 2,
    sat: 'offered',
    full: [1440, 480],
  }),
  s({
    id: 8,
    created: '2026-10-25T09:00:00Z',
    status: 'closed',
    assignee: ALICE,
    group: TIER1,
    channel: 'web',
    reply: [25, 20],
    solved: '2026-10-25T11:00:00Z',
    replies: 1,
    sat: 'good',
    full: [120, 120],
  }),
  s({
    id: 9,
    created: '2026-10-20T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [60, 40],
    solved: '2026-10-21T09:00:00Z',
    replies: 3,
    sat: 'good',
    full: [1440, 480],
  }),
  s({
    id: 10,
    created: '2026-10-18T09:00:00Z',
    status: 'pending',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [35, 25],
    replies: 1,
  }),
  s({
    id: 39,
    created: '2026-11-04T12:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'chat',
    reply: [1, 1],
    solved: '2026-11-04T13:00:00Z',
    replies: 1,
    sat: 'good',
    full: [60, 60],
  }),
  // Bob (102)
  s({
    id: 11,
    created: '2026-11-15T08:00:00Z',
    status: 'new',
    assignee: BOB,
    group: TIER1,
    channel: 'chat',
    replies: 0,
  }),
  s({
    id: 12,
    created: '2026-11-13T10:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'chat',
    reply: [3, 3],
    solved: '2026-11-13T11:00:00Z',
    replies: 1,
    sat: 'good',
    full: [60, 60],
  }),
  s({
    id: 13,
    created: '2026-11-11T10:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER2,
    channel: 'chat',
    reply: [90, 60],
    solved: '2026-11-12T10:00:00Z',
    replies: 2,
    reopens: 1,
    gs: 2,
    sat: 'bad',
    full: [1440, 600],
  }),
  s({
    id: 14,
    created: '2026-11-09T10:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'web',
    reply: [12, 8],
    solved: '2026-11-09T14:00:00Z',
    replies: 1,
    sat: 'good',
    full: [240, 240],
  }),
  s({
    id: 15,
    created: '2026-11-06T10:00:00Z',
    status: 'open',
    assignee: BOB,
    group: TIER1,
    channel: 'web',
    reply: [120, 60],
    replies: 1,
    tags: ['escalated'],
  }),
  s({
    id: 16,
    created: '2026-11-01T10:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'chat',
    reply: [8, 8],
    solved: '2026-11-02T10:00:00Z',
    replies: 1,
    sat: 'bad',
    full: [1440, 480],
  }),
  s({
    id: 17,
    created: '2026-10-28T10:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'email',
    reply: [16, 15],
    solved: '2026-10-28T12:00:00Z',
    replies: 1,
    sat: 'good',
    full: [120, 120],
  }),
  s({
    id: 18,
    created: '2026-10-22T10:00:00Z',
    status: 'hold',
    assignee: BOB,
    group: TIER1,
    channel: 'chat',
    reply: [240, 120],
    replies: 2,
  }),
  s({
    id: 40,
    created: '2026-10-27T12:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'web',
    reply: [22, 17],
    solved: '2026-10-27T18:00:00Z',
    replies: 1,
    full: [360, 360],
  }),
  // Carol (103)
  s({
    id: 19,
    created: '2026-11-14T14:00:00Z',
    status: 'solved',
    assignee: CAROL,
    group: TIER2,
    channel: 'email',
    reply: [7, 7],
    solved: '2026-11-14T16:00:00Z',
    replies: 1,
    sat: 'good',
    full: [120, 120],
  }),
  s({
    id: 20,
    created: '2026-11-07T14:00:00Z',
    status: 'solved',
    assignee: CAROL,
    group: TIER2,
    channel: 'email',
    reply: [600, 300],
    solved: '2026-11-10T14:00:00Z',
    replies: 2,
    full: [4320, 1200],
  }),
  s({
    id: 21,
    created: '2026-11-02T14:00:00Z',
    status: 'open',
    assignee: CAROL,
    group: TIER2,
    channel: 'email',
    reply: [40, 40],
    replies: 1,
  }),
  s({
    id: 22,
    created: '2026-10-24T14:00:00Z',
    status: 'solved',
    assignee: CAROL,
    group: TIER2,
    channel: 'web',
    reply: [1440, 480],
    solved: '2026-10-26T14:00:00Z',
    replies: 1,
    sat: 'good',
    full: [2880, 960],
  }),
  s({
    id: 23,
    created: '2026-10-19T14:00:00Z',
    status: 'solved',
    assignee: CAROL,
    group: TIER2,
    channel: 'chat',
    reply: [4, 4],
    solved: '2026-10-19T15:00:00Z',
    replies: 1,
    sat: 'good',
    full: [60, 60],
  }),
  // Unassigned, unreplied
  s({
    id: 24,
    created: '2026-11-15T10:00:00Z',
    status: 'new',
    assignee: null,
    group: null,
    channel: 'email',
    replies: 0,
  }),
  s({
    id: 25,
    created: '2026-11-10T20:00:00Z',
    status: 'new',
    assignee: null,
    group: TIER1,
    channel: 'web',
    replies: 0,
  }),
  // Excluded from every number: deleted, closed by a merge
  s({
    id: 27,
    created: '2026-11-09T10:00:00Z',
    status: 'deleted',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [1, 1],
    replies: 1,
  }),
  s({
    id: 28,
    created: '2026-11-04T10:00:00Z',
    status: 'closed',
    assignee: BOB,
    group: TIER1,
    channel: 'chat',
    reply: [1, 1],
    solved: '2026-11-04T11:00:00Z',
    replies: 1,
    sat: 'bad',
    tags: ['closed_by_merge'],
    full: [60, 60],
  }),
  // Previous period (2026-09-17 .. 2026-10-16)
  s({
    id: 29,
    created: '2026-10-10T09:00:00Z',
    status: 'solved',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [30, 20],
    solved: '2026-10-12T09:00:00Z',
    replies: 1,
    sat: 'good',
    full: [2880, 960],
  }),
  s({
    id: 30,
    created: '2026-10-05T09:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'chat',
    reply: [50, 40],
    solved: '2026-10-05T12:00:00Z',
    replies: 1,
    sat: 'bad',
    full: [180, 180],
  }),
  s({
    id: 31,
    created: '2026-09-25T09:00:00Z',
    status: 'solved',
    assignee: CAROL,
    group: TIER2,
    channel: 'email',
    reply: [20, 20],
    solved: '2026-09-26T09:00:00Z',
    replies: 1,
    sat: 'good',
    full: [1440, 480],
  }),
  s({
    id: 32,
    created: '2026-09-20T09:00:00Z',
    status: 'closed',
    assignee: ALICE,
    group: TIER1,
    channel: 'web',
    reply: [100, 60],
    solved: '2026-09-21T09:00:00Z',
    replies: 2,
    sat: 'bad',
    full: [1440, 480],
  }),
  // Created in the previous period, solved in the current one
  s({
    id: 33,
    created: '2026-10-14T09:00:00Z',
    status: 'solved',
    assignee: BOB,
    group: TIER1,
    channel: 'email',
    reply: [70, 50],
    solved: '2026-10-20T09:00:00Z',
    replies: 1,
    sat: 'good',
    full: [8640, 2880],
  }),
  s({
    id: 34,
    created: '2026-10-01T09:00:00Z',
    status: 'open',
    assignee: CAROL,
    group: TIER2,
    channel: 'email',
    reply: [300, 200],
    replies: 1,
  }),
  // Older
  s({
    id: 35,
    created: '2026-08-01T09:00:00Z',
    status: 'closed',
    assignee: ALICE,
    group: TIER1,
    channel: 'email',
    reply: [10, 10],
    solved: '2026-08-02T09:00:00Z',
    replies: 1,
    sat: 'good',
    full: [1440, 480],
  }),
  s({
    id: 36,
    created: '2026-07-15T09:00:00Z',
    status: 'pending',
    assignee: BOB,
    group: TIER1,
    channel: 'web',
    reply: [500, 300],
    replies: 1,
  }),
  s({
    id: 37,
    created: '2026-06-01T09:00:00Z',
    status: 'solved',
    assignee: CAROL,
    group: TIER2,
    channel: 'email',
    reply: [30, 30],
    solved: '2026-10-18T09:00:00Z',
    replies: 4,
    reopens: 2,
    sat: 'bad',
    full: [197_280, 60_000],
  }),
  s({
    id: 38,
    created: '2026-09-01T09:00:00Z',
    status: 'closed',
    assignee: BOB,
    group: TIER1,
    channel: 'email',
    reply: [15, 15],
    solved: '2026-09-02T09:00:00Z',
    replies: 1,
    full: [1440, 480],
  }),
];

export const USERS: Json[] = [
  {
    id: ALICE,
    url: `${HOST}/api/v2/users/${ALICE}.json`,
    name: 'Alice Admin',
    email: 'alice@acme.example',
    role: 'admin',
    active: true,
    locale: 'en-US',
  },
  {
    id: BOB,
    url: `${HOST}/api/v2/users/${BOB}.json`,
    name: 'Bob Agent',
    email: 'bob@acme.example',
    role: 'agent',
    active: true,
    locale: 'en-US',
  },
  {
    id: CAROL,
    url: `${HOST}/api/v2/users/${CAROL}.json`,
    name: 'Carol Agent',
    email: 'carol@acme.example',
    role: 'agent',
    active: true,
    locale: 'en-US',
  },
];

export const GROUPS: Json[] = [
  { id: TIER1, url: `${HOST}/api/v2/groups/${TIER1}.json`, name: 'Tier 1', deleted: false, default: true },
  { id: TIER2, url: `${HOST}/api/v2/groups/${TIER2}.json`, name: 'Tier 2', deleted: false, default: false },
];

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const pair = (value: Pair | undefined, solvedOnly: boolean, spec: TicketSpec) =>
  value && (!solvedOnly || spec.solved)
    ? { calendar: value[0], business: value[1] }
    : { calendar: null, business: null };

/** When the ticket last changed (epoch seconds): where the incremental export lists it. */
export function lastChange(spec: TicketSpec): number {
  return seconds(spec.solved ?? spec.created);
}

/** The ticket object as the incremental export sends it (without its metric set). */
export function rawTicket(spec: TicketSpec): Json {
  const updated = spec.solved ?? spec.created;
  return {
    url: `${HOST}/api/v2/tickets/${spec.id}.json`,
    id: spec.id,
    external_id: null,
    via: { channel: spec.channel, source: { from: {}, to: {}, rel: null } },
    created_at: spec.created,
    updated_at: updated,
    type: spec.type ?? null,
    subject: `Ticket ${spec.id}`,
    raw_subject: `Ticket ${spec.id}`,
    description: `Ticket ${spec.id}`,
    priority: spec.priority ?? 'normal',
    status: spec.status,
    recipient: null,
    requester_id: 900 + spec.id,
    submitter_id: 900 + spec.id,
    assignee_id: spec.assignee,
    organization_id: null,
    group_id: spec.group,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: spec.tags ?? [],
    custom_fields: [],
    satisfaction_rating: spec.sat ? { score: spec.sat } : null,
    sharing_agreement_ids: [],
    fields: [],
    followup_ids: [],
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    generated_timestamp: seconds(updated),
  };
}

/** The ticket's metric set, as the metric_sets sideload sends it. */
export function rawMetricSet(spec: TicketSpec): Json {
  const full = pair(spec.full, true, spec);
  const reopens = spec.reopens ?? 0;
  return {
    url: `${HOST}/api/v2/ticket_metrics/${5000 + spec.id}.json`,
    id: 5000 + spec.id,
    ticket_id: spec.id,
    created_at: spec.created,
    updated_at: spec.solved ?? spec.created,
    group_stations: spec.gs ?? 1,
    assignee_stations: spec.assignee === null ? 0 : 1,
    reopens,
    replies: spec.replies ?? 0,
    assignee_updated_at: spec.created,
    requester_updated_at: spec.created,
    status_updated_at: spec.solved ?? spec.created,
    initially_assigned_at: spec.assignee === null ? null : spec.created,
    assigned_at: spec.assignee === null ? null : spec.created,
    solved_at: spec.solved ?? null,
    latest_comment_added_at: spec.solved ?? spec.created,
    reply_time_in_minutes: pair(spec.reply, false, spec),
    // Without a reopen the first and the full resolution are the same solve.
    first_resolution_time_in_minutes:
      reopens > 0 && spec.full
        ? { calendar: Math.round(spec.full[0] / 2), business: Math.round(spec.full[1] / 2) }
        : full,
    full_resolution_time_in_minutes: full,
    agent_wait_time_in_minutes: { calendar: 0, business: 0 },
    requester_wait_time_in_minutes: full,
    on_hold_time_in_minutes: { calendar: 0, business: 0 },
  };
}

export function cursorFor(epochSeconds: number, ticketId: number): string {
  return btoa(`${epochSeconds}.000000||${ticketId}|`);
}

/** The whole account as one last page of the cursor-based incremental export. */
export function exportPage(specs: readonly TicketSpec[] = SPECS): Json {
  const last = Math.max(...specs.map((spec) => seconds(spec.solved ?? spec.created)));
  const after = cursorFor(last, specs.at(-1)?.id ?? 0);
  return {
    tickets: specs.map(rawTicket),
    metric_sets: specs.filter((spec) => spec.status !== 'deleted').map(rawMetricSet),
    after_url: `${HOST}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(after)}&include=metric_sets&per_page=1000`,
    after_cursor: after,
    before_url: null,
    before_cursor: null,
    end_of_stream: true,
    count: specs.length,
  };
}

export function specOf(id: number): TicketSpec {
  const spec = SPECS.find((candidate) => candidate.id === id);
  if (!spec) throw new Error(`no ticket ${id} in the fixture`);
  return spec;
}

/** The engine's records for some of the fixture's tickets, read through the app's own parser. */
export function recordsOf(specs: readonly TicketSpec[] = SPECS): TicketRecord[] {
  const collector = new DatasetCollector();
  collector.addTicketPage('fixture', exportPage(specs) as { tickets: unknown[]; metric_sets: unknown[] });
  collector.addUserPage('fixture', USERS);
  collector.addGroupPage('fixture', GROUPS);
  if (collector.skipped > 0)
    throw new Error(`the fixture has malformed records: ${JSON.stringify(collector.warnings)}`);
  return collector.toDataset().tickets;
}

export const USER_NAMES = new Map<number, string>(USERS.map((user) => [user.id as number, user.name as string]));

/** A complete snapshot, as a finished pull leaves it in the store. */
export function snapshotOf(
  accountKey: string,
  mode: PullMode,
  specs: readonly TicketSpec[],
  updatedAt: number,
): AccountSnapshot {
  const collector = new DatasetCollector();
  collector.addTicketPage('fixture', exportPage(specs) as { tickets: unknown[]; metric_sets: unknown[] });
  collector.addUserPage('fixture', USERS);
  collector.addGroupPage('fixture', GROUPS);
  const last = Math.max(...specs.map((spec) => seconds(spec.solved ?? spec.created)));
  return {
    version: SNAPSHOT_VERSION,
    accountKey,
    mode,
    exportPosition: mode === 'admin' ? { cursor: cursorFor(last, specs.at(-1)?.id ?? 0), startTime: 0 } : null,
    backfill: [],
    searchedUntil: mode === 'agent' ? updatedAt : null,
    complete: true,
    tickets: [...collector.tickets.values()],
    users: [...collector.users.values()],
    groups: [...collector.groups.values()],
    directoryFetchedAt: updatedAt,
    missingUserIds: [],
    updatedAt,
    skipped: 0,
  };
}
