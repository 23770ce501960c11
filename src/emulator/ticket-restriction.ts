/**
 * Zendesk's `ticket_restriction` on a user (Users API): which tickets an agent may read.
 * `null` is every ticket their role allows; `groups` the tickets in one of their groups; `assigned`
 * the tickets assigned to them; `requested` the ones they requested; `organization` those of their
 * organization. Whatever the restriction, a ticket they requested or that is assigned to them stays
 * readable, as in Zendesk's agent workspace. Every ticket-reading endpoint an agent can call
 * (show, show_many, lists, search and its export, audits, metrics) filters with `mayRead`.
 */

import type { StaffRecord } from './account-data';

export const TICKET_RESTRICTIONS = ['groups', 'assigned', 'requested', 'organization'] as const;
export type TicketRestriction = (typeof TICKET_RESTRICTIONS)[number];

export interface TicketReader {
  id: number;
  role: 'admin' | 'agent' | 'end-user';
  restriction: TicketRestriction | null;
  groupIds: readonly number[];
  organizationId: number | null;
}

/** The fields of a ticket (as the API renders it) the restriction looks at. */
export interface RestrictedTicketFields {
  requester_id?: unknown;
  assignee_id?: unknown;
  group_id?: unknown;
  organization_id?: unknown;
}

export function parseTicketRestriction(value: unknown): TicketRestriction | null {
  return TICKET_RESTRICTIONS.find((restriction) => restriction === value) ?? null;
}

export function mayRead(reader: TicketReader, ticket: RestrictedTicketFields): boolean {
  if (reader.role === 'admin' || reader.restriction === null) return reader.role !== 'end-user';
  if (ticket.requester_id === reader.id || ticket.assignee_id === reader.id) return true;
  switch (reader.restriction) {
    case 'groups':
      return typeof ticket.group_id === 'number' && reader.groupIds.includes(ticket.group_id);
    case 'organization':
      return reader.organizationId !== null && ticket.organization_id === reader.organizationId;
    case 'assigned':
    case 'requested':
      return false;
  }
}

/**
 * The reader a signed-in user is: their role, their user record's `ticket_restriction` and
 * `organization_id`, and their group memberships (the data's, or else their default group, the
 * only membership a saved user record shows).
 */
export function readerOf(user: StaffRecord): TicketReader {
  const defaultGroup = user.json['default_group_id'];
  const organization = user.json['organization_id'];
  return {
    id: user.id,
    role: user.role,
    restriction: user.role === 'end-user' ? 'requested' : parseTicketRestriction(user.json['ticket_restriction']),
    groupIds: user.groupIds ?? (typeof defaultGroup === 'number' ? [defaultGroup] : []),
    organizationId: typeof organization === 'number' ? organization : null,
  };
}
