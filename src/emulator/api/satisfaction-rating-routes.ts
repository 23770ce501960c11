import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import { satisfactionRatingId } from '../zendesk-objects';
import { numberOrNull, objectOrNull } from './json-fields';
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
            const score = objectOrNull(version.ticket['satisfaction_rating'])?.['score'];
            return score === 'good' || score === 'bad' || score === 'offered';
          })
          .map((version) => ({
            ...objectOrNull(version.ticket['satisfaction_rating']),
            // Offered ratings embed no id, but their record has one.
            id:
              numberOrNull(objectOrNull(version.ticket['satisfaction_rating'])?.['id']) ??
              satisfactionRatingId(version.id),
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
