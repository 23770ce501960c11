import type { AccountData, StaffRecord, TicketVersion } from '../account-data';
import { paginate } from '../list-pagination';
import { numberOrNull, objectOrNull, textOrNull, timeOf } from './json-fields';
import { FORBIDDEN, HttpError, readableBy, type RequestContext, type Route } from './route';

/**
 * List Deleted Tickets (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-deleted-tickets):
 * the soft-deleted tickets not yet scrubbed, oldest created first (or by `sort_by`/`sort_order`),
 * cursor or offset paged, each with who deleted it, when, and the status it had.
 */

/** Zendesk scrubs a soft-deleted ticket 30 days after its deletion; from then on it is not listed. */
export const SCRUB_AFTER_MS = 30 * 86_400_000;

const SORT_FIELDS = ['id', 'created_at', 'deleted_at'] as const;
type SortField = (typeof SORT_FIELDS)[number];

interface DeletedTicket {
  id: number;
  createdAt: number;
  deletedAt: number;
  json: Record<string, unknown>;
}

/**
 * Who may list deleted tickets: admins, and agents in a custom role. Zendesk gives it to roles
 * with the deleted-tickets permission (`view_deleted_tickets`); the emulated accounts' custom roles
 * are team leads, whose role (like Zendesk's Team lead template) has it. Plain agents do not.
 */
export function mayListDeletedTickets(user: StaffRecord): boolean {
  return user.role === 'admin' || (user.role === 'agent' && user.customRoleId !== null);
}

/**
 * A deleted ticket's entry. Who deleted it and what status it had come from its last audit that
 * set the status to deleted; data without audits (saved responses) leaves them null.
 */
function deletedTicket(data: AccountData, version: TicketVersion, context: RequestContext): DeletedTicket {
  const audits = data.audits(version.id, context.now) ?? [];
  let actorId: number | null = null;
  let previousState: string | null = null;
  for (const audit of audits) {
    const events = Array.isArray(audit['events']) ? audit['events'] : [];
    for (const raw of events) {
      const event = objectOrNull(raw);
      if (event?.['field_name'] === 'status' && event['value'] === 'deleted') {
        actorId = numberOrNull(audit['author_id']);
        previousState = textOrNull(event['previous_value']);
      }
    }
  }
  const actor = actorId === null ? null : data.users().find((user) => user.id === actorId);
  const deletedAt = timeOf(version.ticket['updated_at']) || 0;
  return {
    id: version.id,
    createdAt: timeOf(version.ticket['created_at']) || 0,
    deletedAt,
    json: {
      id: version.id,
      subject: version.ticket['subject'] ?? null,
      actor: actor ? { id: actor.id, name: String(actor.json['name'] ?? actor.email) } : null,
      deleted_at: version.ticket['updated_at'] ?? null,
      previous_state: previousState,
    },
  };
}

function sortFieldOf(url: URL): SortField {
  const raw = url.searchParams.get('sort_by') ?? 'created_at';
  const field = SORT_FIELDS.find((candidate) => candidate === raw);
  if (!field) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: `sort_by must be one of ${SORT_FIELDS.join(', ')}`,
    });
  }
  return field;
}

export function deletedTicketRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/deleted_tickets(?:\.json)?$/,
      (context) => {
        if (!mayListDeletedTickets(context.user)) throw new HttpError(403, FORBIDDEN);
        const field = sortFieldOf(context.url);
        const order = context.url.searchParams.get('sort_order') ?? 'asc';
        if (order !== 'asc' && order !== 'desc')
          throw new HttpError(400, { error: 'InvalidValue', description: 'sort_order must be asc or desc' });
        const readable = readableBy(context);
        const key = (ticket: DeletedTicket) =>
          field === 'id' ? ticket.id : field === 'created_at' ? ticket.createdAt : ticket.deletedAt;
        const list = data
          .allTickets(context.now)
          .filter((version) => version.ticket['status'] === 'deleted' && readable(version))
          .map((version) => deletedTicket(data, version, context))
          .filter((ticket) => context.now - ticket.deletedAt < SCRUB_AFTER_MS)
          .sort((a, b) => (order === 'asc' ? 1 : -1) * (key(a) - key(b) || a.id - b.id));
        return paginate(list, context.url, 'deleted_tickets', (ticket) => ticket.json, context.origin).body;
      },
    ],
  ];
}
