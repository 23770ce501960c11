import { rate, type Rate } from './aggregates';
import { isUnsolved, type TicketRecord } from './ticket-record';
import type { TicketTimeline } from './ticket-timeline';

/** One rating the `csat` number counts, with what the customer wrote (METRICS.md, Version 4). */
export interface RatingRow {
  ticket_id: number;
  score: 'good' | 'bad';
  /** The customer's text exactly as Zendesk gives it; null when they wrote none. */
  comment: string | null;
  reason: string | null;
  /** Whom the report credits the rating to (as `csat`); null for unassigned. */
  agent_id: number | null;
  /** When the customer rated, from the ratings stream; null when it was not read. */
  rated_at: string | null;
  /** Bad ratings only: whether the team followed up (null on good ones). */
  follow_up: boolean | null;
  /** How the follow-up was judged: from the ticket events, or the metric set's reopens standing in. */
  follow_up_from: 'events' | 'reopens' | null;
}

export interface FollowUpRate extends Rate {
  /** How many bad ratings were judged from the ticket events; the rest from the metric set's reopens. */
  from_events: number;
}

export interface CsatComments {
  ratings: RatingRow[];
  good: number;
  bad: number;
  with_comment: number;
  bad_follow_up: FollowUpRate;
}

/**
 * Whether a bad rating was followed up: with the ticket's events and the rating's instant, a
 * reopen (status set to new, open, pending or hold) or a public staff comment after it; else the
 * metric set's reopens > 0, which cannot tell before the rating from after it nor see replies.
 */
export function followUp(
  ticket: TicketRecord,
  timeline: TicketTimeline | undefined,
  ticketEventsRead: boolean,
): { followed: boolean; from: 'events' | 'reopens' } {
  const ratedAt = timeline?.ratedAt ?? null;
  if (ticketEventsRead && timeline !== undefined && ratedAt !== null) {
    const reopened = timeline.statuses.some((change) => change.at > ratedAt && isUnsolved(change.status));
    const replied = (timeline.staffCommentTimes ?? []).some((at) => at > ratedAt);
    return { followed: reopened || replied, from: 'events' };
  }
  return { followed: (ticket.reopens ?? 0) > 0, from: 'reopens' };
}

/** Collects the rated tickets of the solved cohort as the report's single pass meets them. */
export class CsatCommentsTally {
  private readonly rows: RatingRow[] = [];

  constructor(private readonly ticketEventsRead: boolean) {}

  /** A ticket of the solved cohort; only one scored good or bad is kept. */
  add(ticket: TicketRecord, timeline: TicketTimeline | undefined, agentId: number | null): void {
    const score = ticket.satisfaction;
    if (score !== 'good' && score !== 'bad') return;
    const ratedAt = timeline?.ratedAt ?? null;
    const judged = score === 'bad' ? followUp(ticket, timeline, this.ticketEventsRead) : null;
    this.rows.push({
      ticket_id: ticket.id,
      score,
      comment: ticket.satisfactionComment ?? null,
      reason: ticket.satisfactionReason ?? null,
      agent_id: agentId,
      rated_at: ratedAt === null ? null : new Date(ratedAt).toISOString().replace('.000Z', 'Z'),
      follow_up: judged === null ? null : judged.followed,
      follow_up_from: judged === null ? null : judged.from,
    });
  }

  result(): CsatComments {
    const ratings = [...this.rows].sort(compareRatingRows);
    let good = 0;
    let withComment = 0;
    let followed = 0;
    let fromEvents = 0;
    for (const row of ratings) {
      if (row.score === 'good') good++;
      if (row.comment !== null) withComment++;
      if (row.follow_up) followed++;
      if (row.follow_up_from === 'events') fromEvents++;
    }
    const bad = ratings.length - good;
    return {
      ratings,
      good,
      bad,
      with_comment: withComment,
      bad_follow_up: { ...rate(followed, bad), from_events: fromEvents },
    };
  }
}

/** Bad first, then the newest rating first (an unknown instant last), then by ticket id. */
export function compareRatingRows(a: RatingRow, b: RatingRow): number {
  if (a.score !== b.score) return a.score === 'bad' ? -1 : 1;
  if (a.rated_at !== b.rated_at) {
    if (a.rated_at === null) return 1;
    if (b.rated_at === null) return -1;
    return a.rated_at < b.rated_at ? 1 : -1;
  }
  return a.ticket_id - b.ticket_id;
}
