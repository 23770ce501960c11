import type { SeedAccount, StaffMember, EndUser } from './seed-account';
import { SURVEY_FIELDS } from './survey-fields';
import {
  currentState,
  deriveMetrics,
  SYSTEM_AUTHOR,
  type DerivedMetrics,
  type MinutePair,
  type TicketHistory,
} from './ticket-history';

/**
 * Zendesk's JSON for the emulated account, shaped like the recorded real responses
 * (shared/zendesk/recorded) and the OpenAPI description, every field in its place.
 */

export const iso = (epochMs: number | null): string | null =>
  epochMs === null ? null : new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface RenderedTicket {
  ticket: Record<string, unknown>;
  metricSet: Record<string, unknown>;
  metrics: DerivedMetrics;
  generatedTimestamp: number;
}

function pair({ calendar, business }: MinutePair): MinutePair {
  return { calendar, business };
}

export function baseUrl(account: SeedAccount): string {
  return `https://${account.options.subdomain}.zendesk.com`;
}

/** Only the updates that had happened by `asOf`; null when the ticket did not exist yet. */
export function visibleHistory(history: TicketHistory, asOf: number): TicketHistory | null {
  const updates = history.updates;
  if (updates.length === 0 || updates[0]!.at > asOf) return null;
  let count = updates.length;
  while (count > 0 && updates[count - 1]!.at > asOf) count--;
  return count === updates.length ? history : { ...history, updates: updates.slice(0, count) };
}

export function renderTicket(account: SeedAccount, history: TicketHistory): RenderedTicket {
  const url = baseUrl(account);
  const state = currentState(history);
  const metrics = deriveMetrics(history, account.schedule);
  const creation = history.updates[0]!;
  const metricId = 1_000_000 + history.id;
  const satisfaction = embeddedRating(url, history.id, state.satisfaction, state.status);
  const generatedTimestamp = Math.floor(state.updatedAt / 1000);
  const customFields = customFieldValues(account, history, state.customFields);
  const metricSet = {
    url: `${url}/api/v2/ticket_metrics/${metricId}.json`,
    id: metricId,
    ticket_id: history.id,
    created_at: iso(metrics.createdAt),
    updated_at: iso(metrics.updatedAt),
    group_stations: metrics.groupStations,
    assignee_stations: metrics.assigneeStations,
    reopens: metrics.reopens,
    replies: metrics.replies,
    assignee_updated_at: iso(metrics.assigneeUpdatedAt),
    requester_updated_at: iso(metrics.requesterUpdatedAt),
    status_updated_at: iso(metrics.statusUpdatedAt),
    initially_assigned_at: iso(metrics.initiallyAssignedAt),
    assigned_at: iso(metrics.assignedAt),
    solved_at: iso(metrics.solvedAt),
    latest_comment_added_at: iso(metrics.latestCommentAddedAt),
    reply_time_in_minutes: pair(metrics.replyTime),
    // Zendesk keeps the first reply to the second too; the history's times are whole minutes.
    reply_time_in_seconds: { calendar: metrics.replyTime.calendar === null ? null : metrics.replyTime.calendar * 60 },
    first_resolution_time_in_minutes: pair(metrics.firstResolutionTime),
    full_resolution_time_in_minutes: pair(metrics.fullResolutionTime),
    agent_wait_time_in_minutes: pair(metrics.agentWaitTime),
    requester_wait_time_in_minutes: pair(metrics.requesterWaitTime),
    on_hold_time_in_minutes: pair(metrics.onHoldTime),
    // The emulated statuses are Zendesk's defaults, one custom status per category.
    custom_status_updated_at: iso(metrics.statusUpdatedAt),
    generated_timestamp: generatedTimestamp,
  };
  const ticket = {
    url: `${url}/api/v2/tickets/${history.id}.json`,
    id: history.id,
    external_id: null,
    via: { channel: history.channel, source: { from: {}, to: {}, rel: null } },
    created_at: iso(creation.at),
    updated_at: iso(state.updatedAt),
    type: history.type,
    subject: history.subject,
    raw_subject: history.subject,
    description: creation.comment?.body ?? '',
    priority: history.priority,
    status: state.status,
    recipient: history.channel === 'email' ? `support@${account.options.subdomain}.example` : null,
    requester_id: history.requesterId,
    submitter_id: history.requesterId,
    assignee_id: state.assigneeId,
    organization_id: null,
    group_id: state.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: state.tags,
    custom_fields: customFields,
    satisfaction_rating: satisfaction,
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS_IDS[state.status],
    fields: customFields,
    followup_ids: [],
    ticket_form_id: DEFAULT_TICKET_FORM_ID,
    brand_id: history.brandId,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
    generated_timestamp: generatedTimestamp,
  };
  return { ticket, metricSet, metrics, generatedTimestamp };
}

/**
 * The account's custom ticket fields. A ticket lists every active one in `custom_fields` (and its
 * alias `fields`), null where it has no value, as Zendesk does.
 */
export const TICKET_FIELDS = {
  /** Checkbox without a tag: set once the ticket has been in Tier 2. */
  escalated: { id: 360_020_001, title: 'Escalated to Tier 2', type: 'checkbox' },
  /** Text: the invoice a billing question is about. */
  invoice: { id: 360_020_002, title: 'Invoice reference', type: 'text' },
  ...SURVEY_FIELDS,
} as const;

function customFieldValues(
  account: SeedAccount,
  history: TicketHistory,
  set: Readonly<Record<number, number>>,
): { id: number; value: unknown }[] {
  const escalated = history.updates.some((update) => update.changes.group_id === account.tier2GroupId);
  const billing = history.updates[0]?.changes.tags?.includes('billing') ?? false;
  return [
    { id: TICKET_FIELDS.escalated.id, value: escalated },
    { id: TICKET_FIELDS.invoice.id, value: billing ? `INV-${String(100_000 + history.id)}` : null },
    { id: TICKET_FIELDS.nps.id, value: set[TICKET_FIELDS.nps.id] ?? null },
    { id: TICKET_FIELDS.ces.id, value: set[TICKET_FIELDS.ces.id] ?? null },
  ];
}

/** The account's one ticket form, Zendesk's default. */
export const DEFAULT_TICKET_FORM_ID = 360_000_100;

/** Zendesk's default custom status of each status category (closed tickets keep solved's). */
export const CUSTOM_STATUS_IDS: Record<string, number | null> = {
  new: 1_500_000_001,
  open: 1_500_000_002,
  pending: 1_500_000_003,
  hold: 1_500_000_004,
  solved: 1_500_000_005,
  closed: 1_500_000_005,
  deleted: null,
};

export const satisfactionRatingId = (ticketId: number) => 2_000_000 + ticketId;

const GOOD_COMMENTS = ['Thanks, that was quick.', 'Clear answer, thank you!', ''];
const BAD_REASONS = [
  'The issue took too long to resolve',
  'The issue was not resolved',
  "The agent's knowledge is unsatisfactory",
  "The agent's attitude is unsatisfactory",
];

/**
 * The satisfaction rating embedded in a ticket, as Zendesk sends it: `offered` and `unoffered` ones
 * have only a score (no record exists yet); rated ones are the record's id, score, comment and
 * reason. The comment and reason are picked by ticket id, so every read of a ticket agrees.
 */
export function embeddedRating(
  url: string,
  ticketId: number,
  rating: 'offered' | 'good' | 'bad' | null,
  status: string,
): Record<string, unknown> | null {
  if (rating === null) return isSolvedStatus(status) ? { score: 'unoffered' } : null;
  if (rating === 'offered') return { score: 'offered' };
  const id = satisfactionRatingId(ticketId);
  return {
    id,
    score: rating,
    comment: rating === 'good' ? GOOD_COMMENTS[ticketId % GOOD_COMMENTS.length]! : 'Still waiting for a real fix.',
    reason: rating === 'good' ? 'No reason provided' : BAD_REASONS[ticketId % BAD_REASONS.length]!,
    url: `${url}/api/v2/satisfaction_ratings/${id}.json`,
  };
}

function isSolvedStatus(status: string): boolean {
  return status === 'solved' || status === 'closed';
}

/** Audits (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/): one per update. */
export function renderAudits(history: TicketHistory): Record<string, unknown>[] {
  let eventId = history.id * 1000;
  const previous: Record<string, unknown> = {};
  return history.updates.map((update, index) => {
    const channel = update.authorId === SYSTEM_AUTHOR ? 'rule' : index === 0 ? history.channel : 'web';
    const events: Record<string, unknown>[] = [];
    if (update.comment) {
      events.push({
        id: eventId++,
        type: 'Comment',
        author_id: update.authorId,
        body: update.comment.body,
        plain_body: update.comment.body,
        public: update.comment.public,
        attachments: [],
        audit_id: history.id * 100 + index,
      });
    }
    const fields: [string, unknown][] = [];
    const { changes } = update;
    if (changes.status !== undefined) fields.push(['status', changes.status]);
    if (changes.group_id !== undefined) fields.push(['group_id', changes.group_id]);
    if (changes.assignee_id !== undefined) fields.push(['assignee_id', changes.assignee_id]);
    if (changes.tags !== undefined) fields.push(['tags', changes.tags]);
    if (changes.satisfaction !== undefined) fields.push(['satisfaction_score', changes.satisfaction]);
    // A custom field's audit event names it by its id, as Zendesk's audits do.
    for (const [fieldId, value] of Object.entries(changes.custom_fields ?? {})) fields.push([fieldId, value]);
    for (const [field, value] of fields) {
      events.push({
        id: eventId++,
        type: index === 0 ? 'Create' : 'Change',
        field_name: field,
        value,
        ...(index === 0 ? {} : { previous_value: previous[field] ?? null }),
      });
      previous[field] = value;
    }
    return {
      id: history.id * 100 + index,
      ticket_id: history.id,
      created_at: iso(update.at),
      author_id: update.authorId,
      metadata: { system: auditSystemMetadata(history, index, channel), custom: {} },
      via: { channel, source: { from: {}, to: {}, rel: null } },
      events,
    };
  });
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
];
const LOCATIONS = ['New York, NY, United States', 'Toronto, ON, Canada', 'London, England, United Kingdom'];

/**
 * An audit's `metadata.system`, as Zendesk records where an update came from: the browser, IP
 * address and place of one made on the web (the same for every update by one author), the message
 * id of one that arrived by email; triggers and live channels record nothing there.
 */
function auditSystemMetadata(history: TicketHistory, index: number, channel: string): Record<string, unknown> {
  const authorId = history.updates[index]!.authorId;
  if (channel === 'web') {
    const n = Math.abs(authorId);
    return {
      client: BROWSERS[n % BROWSERS.length]!,
      // Documentation addresses (RFC 5737), so no real host is named.
      ip_address: `203.0.113.${(n % 254) + 1}`,
      location: LOCATIONS[n % LOCATIONS.length]!,
      latitude: null,
      longitude: null,
    };
  }
  if (channel === 'email') {
    return {
      message_id: `<ticket-${history.id}-${index}@mail.example>`,
      email_id: `${history.id}${index}`,
      raw_email_identifier: `${history.id}/${index}.eml`,
    };
  }
  return {};
}

/**
 * When each user last signed in, as far as the history tells: their latest update at or before
 * the account's `now` (a staff member works signed in; a requester writes in on the web form
 * signed in, by email or chat without it). Null for someone with no such update. Worked out once
 * per account.
 */
const lastSignIns = new WeakMap<SeedAccount, Map<number, number>>();
export function lastSignInOf(account: SeedAccount, userId: number): number | null {
  let byUser = lastSignIns.get(account);
  if (!byUser) {
    byUser = new Map();
    const now = account.options.now;
    for (const history of account.tickets) {
      history.updates.forEach((update, index) => {
        if (update.at > now || update.authorId === SYSTEM_AUTHOR) return;
        const byRequester = update.authorId === history.requesterId;
        // A requester's own updates: the first comes by the ticket's channel, the later ones on the web.
        if (byRequester && index === 0 && history.channel !== 'web') return;
        if (update.at > (byUser!.get(update.authorId) ?? -Infinity)) byUser!.set(update.authorId, update.at);
      });
    }
    lastSignIns.set(account, byUser);
  }
  return byUser.get(userId) ?? null;
}

/** SLA target for the first reply, in business minutes, by priority. */
export function firstReplyTarget(account: SeedAccount, priority: string | null): number {
  return (
    account.slaPolicy.firstReplyMinutesByPriority[priority ?? 'normal'] ??
    account.slaPolicy.firstReplyMinutesByPriority['normal']!
  );
}

/**
 * Ticket metric events (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metric_events/)
 * for reply time and requester wait time, with the SLA's apply and breach, all read off the same
 * updates the metric set comes from.
 */
export function renderMetricEvents(
  account: SeedAccount,
  history: TicketHistory,
  asOf: number,
): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  let id = history.id * 100;
  const add = (metric: string, type: string, at: number, extra: Record<string, unknown> = {}) =>
    events.push({ id: id++, ticket_id: history.id, metric, instance_id: 1, type, time: iso(at), ...extra });
  const created = history.updates[0]!.at;
  const target = firstReplyTarget(account, history.priority);
  const metrics = deriveMetrics(history, account.schedule);
  add('reply_time', 'activate', created);
  add('reply_time', 'apply_sla', created, {
    sla: {
      target,
      business_hours: true,
      policy: {
        id: account.slaPolicy.id,
        title: account.slaPolicy.title,
        description: 'First reply targets by priority',
      },
    },
  });
  const breachAt = account.schedule.addBusinessMinutes(created, target);
  const repliedAt = metrics.firstReplyAt;
  if ((repliedAt === null || repliedAt > breachAt) && breachAt <= asOf) add('reply_time', 'breach', breachAt);
  if (repliedAt !== null) add('reply_time', 'fulfill', repliedAt);

  let waiting = false;
  for (const update of history.updates) {
    const status = update.changes.status;
    if (status === undefined) continue;
    const nowWaiting = status === 'new' || status === 'open' || status === 'hold';
    if (nowWaiting && !waiting) add('requester_wait_time', 'activate', update.at);
    if (!nowWaiting && waiting)
      add('requester_wait_time', status === 'solved' || status === 'closed' ? 'fulfill' : 'pause', update.at);
    waiting = nowWaiting;
    add('requester_wait_time', 'update_status', update.at, { status: { calendar: 0, business: 0 } });
  }
  events.sort((a, b) => String(a['time']).localeCompare(String(b['time'])));
  return events;
}

/** The `slas` sideload of show ticket: the first-reply policy metric with its breach time. */
export function renderSlas(account: SeedAccount, history: TicketHistory): Record<string, unknown> {
  const created = history.updates[0]!.at;
  const target = firstReplyTarget(account, history.priority);
  const metrics = deriveMetrics(history, account.schedule);
  return {
    policy_metrics: [
      {
        breach_at: iso(account.schedule.addBusinessMinutes(created, target)),
        stage: metrics.firstReplyAt === null ? 'active' : 'achieved',
        metric: 'first_reply_time',
        minutes: target,
        business_hours: true,
      },
    ],
  };
}

export function renderStaff(account: SeedAccount, member: StaffMember): Record<string, unknown> {
  const url = baseUrl(account);
  return {
    id: member.id,
    url: `${url}/api/v2/users/${member.id}.json`,
    name: member.name,
    email: member.email,
    created_at: iso(member.createdAt),
    updated_at: iso(member.createdAt),
    time_zone: 'Eastern Time (US & Canada)',
    iana_time_zone: member.timeZone,
    locale: 'en-US',
    locale_id: 1,
    role: member.role,
    role_type: member.customRole ? 1 : member.role === 'admin' ? 4 : 0,
    custom_role_id: member.customRole?.id ?? null,
    moderator: member.role === 'admin',
    active: true,
    verified: true,
    suspended: false,
    restricted_agent: member.ticketRestriction !== null,
    ticket_restriction: member.ticketRestriction,
    organization_id: null,
    default_group_id: member.groupIds[0] ?? null,
    photo: null,
    tags: [],
    user_fields: {},
    last_login_at: iso(lastSignInOf(account, member.id)),
  };
}

export function renderEndUser(account: SeedAccount, user: EndUser): Record<string, unknown> {
  const url = baseUrl(account);
  return {
    id: user.id,
    url: `${url}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    created_at: iso(user.createdAt),
    updated_at: iso(user.createdAt),
    time_zone: 'Eastern Time (US & Canada)',
    iana_time_zone: account.options.timeZone,
    locale: 'en-US',
    locale_id: 1,
    role: 'end-user',
    role_type: null,
    custom_role_id: null,
    moderator: false,
    active: true,
    verified: true,
    suspended: false,
    // Zendesk's default for end users: the tickets they requested.
    ticket_restriction: 'requested',
    organization_id: null,
    default_group_id: null,
    photo: null,
    tags: [],
    user_fields: {},
    last_login_at: iso(lastSignInOf(account, user.id)),
  };
}
