import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import type { Route } from './route';

/** Ticket fields, offset or cursor paged; every agent may list them, as in Zendesk. */
export function ticketFieldRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/ticket_fields(?:\.json)?$/,
      (context) => paginate(data.ticketFields(), context.url, 'ticket_fields', (field) => field, context.origin).body,
    ],
  ];
}
