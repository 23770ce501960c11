/**
 * The endpoints the app and the CLI read, as paths relative to the account. Each cites the page
 * of Zendesk's API reference that documents it.
 */

const query = (params: Record<string, string | number | readonly (string | number)[] | undefined>): string => {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(
        `${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(item))}`,
      );
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

/** The most tickets an incremental export page holds (`per_page` at most 1000). */
export const EXPORT_PAGE_SIZE = 1000;
/** The most ids `show_many` takes in one request. */
export const SHOW_MANY_LIMIT = 100;
/** The largest `page[size]` of cursor-paginated lists (users, groups). */
export const LIST_PAGE_SIZE = 100;
/** The largest `page[size]` of the search export. */
export const SEARCH_EXPORT_PAGE_SIZE = 1000;

export const apiPaths = {
  /** https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based */
  ticketExportStart: (startTime: number) =>
    `/api/v2/incremental/tickets/cursor.json${query({ start_time: startTime, include: 'metric_sets', per_page: EXPORT_PAGE_SIZE })}`,
  ticketExportNext: (cursor: string) =>
    `/api/v2/incremental/tickets/cursor.json${query({ cursor, include: 'metric_sets', per_page: EXPORT_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/users/users/#list-users */
  staff: () => `/api/v2/users.json${query({ 'role[]': ['agent', 'admin'], 'page[size]': LIST_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user */
  me: () => '/api/v2/users/me.json',
  /** https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users */
  usersById: (ids: readonly number[]) => `/api/v2/users/show_many.json${query({ ids: ids.join(',') })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/groups/groups/#list-groups */
  groups: () => `/api/v2/groups.json${query({ 'page[size]': LIST_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/account-configuration/brands/#list-brands (admins and agents; some custom roles are refused) */
  brands: () => `/api/v2/brands.json${query({ 'page[size]': LIST_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-multiple-tickets, without sideloads: a list's subjects */
  ticketsById: (ids: readonly number[]) => `/api/v2/tickets/show_many.json${query({ ids: ids.join(',') })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#export-search-results */
  searchExport: (searchQuery: string) =>
    `/api/v2/search/export.json${query({ query: searchQuery, 'filter[type]': 'ticket', 'page[size]': SEARCH_EXPORT_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-multiple-tickets (sideloads: metric_sets) */
  ticketsWithMetrics: (ids: readonly number[]) =>
    `/api/v2/tickets/show_many.json${query({ ids: ids.join(','), include: 'metric_sets' })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-deleted-tickets (admins and roles allowed to see deleted tickets) */
  deletedTickets: () => `/api/v2/deleted_tickets.json${query({ 'page[size]': LIST_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket with the slas and metric_sets sideloads */
  ticket: (id: number) => `/api/v2/tickets/${id}.json${query({ include: 'metric_sets,slas,metric_events' })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/#show-ticket-metrics */
  ticketMetrics: (id: number) => `/api/v2/tickets/${id}/metrics.json`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/#list-audits-for-a-ticket */
  ticketAudits: (id: number) => `/api/v2/tickets/${id}/audits.json${query({ 'page[size]': LIST_PAGE_SIZE })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-event-export (time-based; comment_events: each comment with its author) */
  ticketEvents: (startTime: number) =>
    `/api/v2/incremental/ticket_events.json${query({ start_time: startTime, include: 'comment_events' })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metric_events/#list-ticket-metric-events (time-based without page parameters) */
  metricEvents: (startTime: number) =>
    `/api/v2/incremental/ticket_metric_events.json${query({ start_time: startTime })}`,
  /** https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#list-satisfaction-ratings */
  satisfactionRatings: (startTime: number, endTime?: number) =>
    `/api/v2/satisfaction_ratings.json${query({ start_time: startTime, end_time: endTime, 'page[size]': LIST_PAGE_SIZE })}`,
};

/**
 * Keeps only the path and query of a URL Zendesk returned (`after_url`, `links.next`), so the next
 * request goes through the same transport and base URL (a proxy, the emulator) as the first.
 */
export function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
