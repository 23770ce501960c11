import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import type { Route } from './route';

/** Ticket metrics: every ticket's metric set, offset or cursor paged. */
export function ticketMetricRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/ticket_metrics(?:\.json)?$/,
      (context) => {
        const list = data
          .allTickets(context.now)
          .filter((version) => version.metricSet && version.ticket['status'] !== 'deleted');
        return paginate(list, context.url, 'ticket_metrics', (version) => version.metricSet, context.origin).body;
      },
    ],
  ];
}
