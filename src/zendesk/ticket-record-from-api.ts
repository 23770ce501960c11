import type { TicketRecord } from '../metrics/ticket-record';
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

function epochMs(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

/** Joins a validated ticket with its validated metric set (or none) into the engine's record. */
export function ticketRecordFromApi(ticket: Ticket, metrics: MetricSet | null): TicketRecord {
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
    satisfaction: ticket.satisfaction_rating?.score ?? null,
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
  };
}
