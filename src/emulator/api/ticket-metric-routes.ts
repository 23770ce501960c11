import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import { readableBy, type Route } from './route';

/** Ticket metrics: the metric set of every ticket the user may read, offset or cursor paged. */
export function ticketMetricRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/ticket_metrics(?:\.json)?$/,
      (context) => {
        const readable = readableBy(context);
        const list = data
          .allTickets(context.now)
          .filter((version) => version.metricSet && version.ticket['status'] !== 'deleted' && readable(version));
        return paginate(list, context.url, 'ticket_metrics', (version) => version.metricSet, context.origin).body;
      },
    ],
  ];
}
