import type { TicketHistory } from './ticket-history';
import { embeddedRating, iso, satisfactionRatingId } from './zendesk-objects';

/**
 * A ticket's satisfaction rating record (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/),
 * read off its updates: created when the survey goes out (score `offered`), updated when the
 * requester scores it. Its assignee and group are those the ticket had when the latest score was
 * given (or the survey sent), not the ticket's current ones: a rating stays with the agent who was
 * rated. One record per ticket, with the id, comment and reason the ticket embeds.
 */

const REASON_ID_BASE = 360_000_000;

export interface RatingRecord {
  /** Epoch ms of the latest change, which the list's `start_time` and `end_time` filter on. */
  updatedAt: number;
  json: Record<string, unknown>;
}

/** The rating as it stands from `at` on: null once the ticket is deleted (its rating goes with it). */
export interface RatingVersion {
  at: number;
  record: RatingRecord | null;
}

/** Every version of a ticket's rating record, in time order: one per survey, score or deletion. */
export function ratingVersions(baseUrl: string, history: TicketHistory): RatingVersion[] {
  const versions: RatingVersion[] = [];
  let assigneeId: number | null = null;
  let groupId: number | null = null;
  let offeredAt: number | null = null;
  for (const update of history.updates) {
    const { changes } = update;
    if (changes.assignee_id !== undefined) assigneeId = changes.assignee_id;
    if (changes.group_id !== undefined) groupId = changes.group_id;
    if (changes.satisfaction !== undefined) {
      offeredAt ??= update.at;
      versions.push({
        at: update.at,
        record: renderRating(baseUrl, history, changes.satisfaction, offeredAt, update.at, assigneeId, groupId),
      });
    }
    if (changes.status === 'deleted' && versions.length > 0) versions.push({ at: update.at, record: null });
  }
  return versions;
}

/** The rating record as the ticket's updates leave it, or null when it has none. */
export function ticketRating(baseUrl: string, history: TicketHistory): RatingRecord | null {
  const versions = ratingVersions(baseUrl, history);
  return versions[versions.length - 1]?.record ?? null;
}

function renderRating(
  baseUrl: string,
  history: TicketHistory,
  score: 'offered' | 'good' | 'bad',
  offeredAt: number,
  scoredAt: number,
  assigneeId: number | null,
  groupId: number | null,
): RatingRecord {
  const embedded = embeddedRating(baseUrl, history.id, score, 'solved')!;
  const id = satisfactionRatingId(history.id);
  return {
    updatedAt: scoredAt,
    json: {
      url: `${baseUrl}/api/v2/satisfaction_ratings/${id}.json`,
      id,
      assignee_id: assigneeId,
      group_id: groupId,
      requester_id: history.requesterId,
      ticket_id: history.id,
      score,
      // An offered rating has no comment or reason yet: Zendesk leaves them out (strings when present).
      ...(score === 'offered'
        ? {}
        : {
            comment: embedded['comment'],
            reason: embedded['reason'],
            // The reason record of Zendesk's default reason code (5 to 8, in the order of the
            // embedded reasons); 0 for "No reason provided", as recorded.
            reason_id: score === 'bad' ? REASON_ID_BASE + 5 + (history.id % 4) : 0,
          }),
      created_at: iso(offeredAt),
      updated_at: iso(scoredAt),
    },
  };
}

/**
 * Zendesk's `score` filter values (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#list-satisfaction-ratings),
 * each as a test on a rating record. `unoffered` tickets have no record, so it matches none.
 */
export const SCORE_FILTERS: Record<string, (rating: Record<string, unknown>) => boolean> = {
  offered: (r) => r['score'] === 'offered',
  unoffered: () => false,
  received: (r) => r['score'] === 'good' || r['score'] === 'bad',
  received_with_comment: (r) => (r['score'] === 'good' || r['score'] === 'bad') && Boolean(r['comment']),
  received_without_comment: (r) => (r['score'] === 'good' || r['score'] === 'bad') && !r['comment'],
  good: (r) => r['score'] === 'good',
  good_with_comment: (r) => r['score'] === 'good' && Boolean(r['comment']),
  good_without_comment: (r) => r['score'] === 'good' && !r['comment'],
  bad: (r) => r['score'] === 'bad',
  bad_with_comment: (r) => r['score'] === 'bad' && Boolean(r['comment']),
  bad_without_comment: (r) => r['score'] === 'bad' && !r['comment'],
};
