/**
 * One ticket as the engine reads it: the ticket object joined with its metric set.
 *
 * The fields are flat (no nested `{calendar, business}` objects) because a report may hold a
 * million of these in memory; every nested object would cost another allocation per ticket.
 * Times are epoch milliseconds. Every metric-set field may be null, as Zendesk may send it.
 */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const SATISFACTION_SCORES = ['offered', 'unoffered', 'good', 'bad'] as const;
export type SatisfactionScore = (typeof SATISFACTION_SCORES)[number];

export interface TicketRecord {
  id: number;
  createdAt: number;
  status: TicketStatus;
  assigneeId: number | null;
  groupId: number | null;
  brandId: number | null;
  channel: string | null;
  type: string | null;
  priority: string | null;
  tags: readonly string[];
  satisfaction: SatisfactionScore | null;

  solvedAt: number | null;
  replies: number | null;
  reopens: number | null;
  groupStations: number | null;
  assigneeStations: number | null;
  replyTimeCalendar: number | null;
  replyTimeBusiness: number | null;
  firstResolutionCalendar: number | null;
  firstResolutionBusiness: number | null;
  fullResolutionCalendar: number | null;
  fullResolutionBusiness: number | null;
  requesterWaitCalendar: number | null;
  requesterWaitBusiness: number | null;
  agentWaitCalendar: number | null;
  agentWaitBusiness: number | null;
  onHoldCalendar: number | null;
  onHoldBusiness: number | null;

  /**
   * Version 4. Optional so that records made before it read as "nothing written": the text of the
   * ticket's current rating (null when empty), as the ticket embeds it.
   */
  satisfactionComment?: string | null;
  satisfactionReason?: string | null;
  /**
   * The values of the custom fields the settings name (NPS, CES), and of no other field: a report
   * may hold a million records. A value that is not an integer (or a string of one) is NaN, so it
   * is counted as invalid rather than mistaken for no answer; a field without a value is absent.
   */
  fieldValues?: readonly FieldValue[];
}

export interface FieldValue {
  fieldId: number;
  value: number;
}

/** Statuses that make a ticket part of the backlog "when the report is made". */
export function isUnsolved(status: TicketStatus): boolean {
  return status === 'new' || status === 'open' || status === 'pending' || status === 'hold';
}

export function isSolved(status: TicketStatus): boolean {
  return status === 'solved' || status === 'closed';
}

/** In the solved cohort S of a window: solved or closed now, with a metric-set solved_at inside it. */
export function solvedWithin(
  ticket: Pick<TicketRecord, 'status' | 'solvedAt'>,
  window: { contains(instant: number): boolean },
): boolean {
  return isSolved(ticket.status) && ticket.solvedAt !== null && window.contains(ticket.solvedAt);
}

/** Deleted tickets and tickets closed by a merge are excluded from every number (METRICS.md, Inputs). */
export function isExcluded(ticket: Pick<TicketRecord, 'status' | 'tags'>): boolean {
  return ticket.status === 'deleted' || ticket.tags.includes('closed_by_merge');
}
