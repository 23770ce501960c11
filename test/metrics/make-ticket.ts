import type { TicketRecord } from '../../src/metrics/ticket-record';

/** A ticket with no metric data at all; tests override what they are about. */
export function makeTicket(overrides: Partial<TicketRecord> & { id: number }): TicketRecord {
  return {
    createdAt: Date.parse('2026-10-10T12:00:00Z'),
    status: 'open',
    assigneeId: null,
    groupId: null,
    brandId: null,
    channel: 'email',
    type: null,
    priority: null,
    tags: [],
    satisfaction: null,
    solvedAt: null,
    replies: null,
    reopens: null,
    groupStations: null,
    assigneeStations: null,
    replyTimeCalendar: null,
    replyTimeBusiness: null,
    firstResolutionCalendar: null,
    firstResolutionBusiness: null,
    fullResolutionCalendar: null,
    fullResolutionBusiness: null,
    requesterWaitCalendar: null,
    requesterWaitBusiness: null,
    agentWaitCalendar: null,
    agentWaitBusiness: null,
    onHoldCalendar: null,
    onHoldBusiness: null,
    satisfactionComment: null,
    satisfactionReason: null,
    fieldValues: [],
    ...overrides,
  };
}

export const at = (iso: string): number => Date.parse(iso);

/** A ticket solved at `solvedAt` with the given counts, created a day earlier. */
export function solvedTicket(id: number, solvedAt: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  const solved = at(solvedAt);
  return makeTicket({
    id,
    status: 'solved',
    createdAt: solved - 86_400_000,
    solvedAt: solved,
    replies: 1,
    reopens: 0,
    ...overrides,
  });
}
