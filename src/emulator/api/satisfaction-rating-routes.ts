import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import { requireAdmin, type Route } from './route';

/** Satisfaction ratings, for admins only: the offered and rated ones. */
export function satisfactionRatingRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/satisfaction_ratings(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const ratings = data
          .allTickets(context.now)
          .filter((version) => {
            const rating = version.ticket['satisfaction_rating'] as { score?: string } | null;
            return rating?.score === 'good' || rating?.score === 'bad' || rating?.score === 'offered';
          })
          .map((version) => ({
            ...(version.ticket['satisfaction_rating'] as object),
            ticket_id: version.id,
            assignee_id: version.ticket['assignee_id'],
            group_id: version.ticket['group_id'],
            requester_id: version.ticket['requester_id'],
            created_at: version.ticket['updated_at'],
            updated_at: version.ticket['updated_at'],
          }));
        return paginate(ratings, context.url, 'satisfaction_ratings', (rating) => rating, context.origin).body;
      },
    ],
  ];
}
