import type { FieldValue, TicketRecord } from '../metrics/ticket-record';
import type { MetricSet, Ticket } from './schemas';

/** Strings repeated on every ticket (channel, type, priority) share one copy instead of one per ticket. */
const interned = new Map<string, string>();
function intern(value: string | null): string | null {
  if (value === null) return null;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size < 10_000) interned.set(value, value);
  return value;
}

const NO_TAGS: readonly string[] = Object.freeze([]);
const NO_FIELDS: readonly FieldValue[] = Object.freeze([]);
const NO_FIELD_IDS: ReadonlySet<number> = new Set();

/** A rating's comment or reason as the customer left it; empty, or Zendesk's "No reason provided", is none. */
function ratingText(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '' || value === 'No reason provided') return null;
  return value;
}

/**
 * A survey answer: an integer, or a string holding one (a drop-down option's value). Anything
 * else that is not empty is NaN, so the report counts it as invalid instead of as no answer.
 */
function fieldNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : NaN;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return NaN;
}

function fieldValuesOf(ticket: Ticket, keep: ReadonlySet<number>): readonly FieldValue[] {
  if (keep.size === 0 || !ticket.custom_fields) return NO_FIELDS;
  let values: FieldValue[] | null = null;
  for (const field of ticket.custom_fields) {
    if (typeof field.id !== 'number' || !keep.has(field.id)) continue;
    const value = fieldNumber(field.value);
    if (value === null) continue;
    (values ??= []).push({ fieldId: field.id, value });
  }
  return values ?? NO_FIELDS;
}

function epochMs(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

/**
 * Joins a validated ticket with its validated metric set (or none) into the engine's record,
 * keeping the values of the custom fields in `fieldIds` (the NPS and CES fields the settings name).
 */
export function ticketRecordFromApi(
  ticket: Ticket,
  metrics: MetricSet | null,
  fieldIds: ReadonlySet<number> = NO_FIELD_IDS,
): TicketRecord {
  const rating = ticket.satisfaction_rating;
  const channel = ticket.via?.channel;
  return {
    id: ticket.id,
    createdAt: Date.parse(ticket.created_at),
    status: ticket.status,
    assigneeId: ticket.assignee_id,
    groupId: ticket.group_id,
    brandId: ticket.brand_id,
    channel: intern(channel === undefined || channel === null ? null : String(channel)),
    type: intern(ticket.type),
    priority: intern(ticket.priority),
    tags: ticket.tags.length === 0 ? NO_TAGS : ticket.tags,
    satisfaction: rating?.score ?? null,
    solvedAt: epochMs(metrics?.solved_at ?? null),
    replies: metrics?.replies ?? null,
    reopens: metrics?.reopens ?? null,
    groupStations: metrics?.group_stations ?? null,
    assigneeStations: metrics?.assignee_stations ?? null,
    replyTimeCalendar: metrics?.reply_time_in_minutes.calendar ?? null,
    replyTimeBusiness: metrics?.reply_time_in_minutes.business ?? null,
    firstResolutionCalendar: metrics?.first_resolution_time_in_minutes.calendar ?? null,
    firstResolutionBusiness: metrics?.first_resolution_time_in_minutes.business ?? null,
    fullResolutionCalendar: metrics?.full_resolution_time_in_minutes.calendar ?? null,
    fullResolutionBusiness: metrics?.full_resolution_time_in_minutes.business ?? null,
    requesterWaitCalendar: metrics?.requester_wait_time_in_minutes.calendar ?? null,
    requesterWaitBusiness: metrics?.requester_wait_time_in_minutes.business ?? null,
    agentWaitCalendar: metrics?.agent_wait_time_in_minutes.calendar ?? null,
    agentWaitBusiness: metrics?.agent_wait_time_in_minutes.business ?? null,
    onHoldCalendar: metrics?.on_hold_time_in_minutes.calendar ?? null,
    onHoldBusiness: metrics?.on_hold_time_in_minutes.business ?? null,
    satisfactionComment: ratingText(rating?.comment),
    satisfactionReason: ratingText(rating?.reason),
    fieldValues: fieldValuesOf(ticket, fieldIds),
  };
}
