import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import { SCORE_FILTERS } from '../satisfaction-ratings';
import { HttpError, requireAdmin, type RequestContext, type Route } from './route';

function epochParam(context: RequestContext, name: string): number | null {
  const raw = context.url.searchParams.get(name);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw)) {
    throw new HttpError(400, { error: 'InvalidValue', description: `${name} must be a Unix epoch time in seconds` });
  }
  return Number(raw) * 1000;
}

/**
 * Satisfaction ratings (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#list-satisfaction-ratings),
 * for admins only: cursor paged (`page[size]` up to 100) or offset paged, oldest change first.
 * `score` filters as Zendesk's values do; `start_time` and `end_time` (epoch seconds) keep the
 * ratings changed in that range, so that a refresh from its last reading also sees a survey
 * answered after it was sent.
 */
export function satisfactionRatingRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/satisfaction_ratings(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const score = context.url.searchParams.get('score');
        const filter = score === null ? null : SCORE_FILTERS[score];
        if (filter === undefined) {
          throw new HttpError(400, {
            error: 'InvalidValue',
            description: `score must be one of ${Object.keys(SCORE_FILTERS).join(', ')}`,
          });
        }
        const from = epochParam(context, 'start_time');
        const to = epochParam(context, 'end_time');
        const ratings = data
          .satisfactionRatings(context.now)
          .filter(
            (rating) =>
              (from === null || rating.at >= from) &&
              (to === null || rating.at <= to) &&
              (filter === null || filter(rating.json)),
          );
        return paginate(ratings, context.url, 'satisfaction_ratings', (rating) => rating.json, context.origin).body;
      },
    ],
  ];
}
