import { isUnsolved, type TicketRecord, type TicketStatus } from './ticket-record';
import type { StatusChange } from './ticket-timeline';

/** Lower bounds of the age buckets, in days: under 1, 1–3, 3–7, 7–30, 30 and over (METRICS.md, Version 3). */
export const BACKLOG_AGE_BOUNDS_DAYS = [1, 3, 7, 30] as const;
export const OLDEST_LISTED = 10;
const DAY_MS = 86_400_000;

export interface OldestTicket {
  id: number;
  created_at: string;
  age_minutes: number;
  status: TicketStatus;
  assignee_id: number | null;
  group_id: number | null;
}

export interface BacklogHealth {
  as_of: string;
  total: number;
  /** Counts per age bucket, `BACKLOG_AGE_BOUNDS_DAYS.length + 1` of them, youngest first. */
  by_age: number[];
  by_status: { new: number; open: number; pending: number; hold: number };
  unassigned: number;
  oldest: OldestTicket[];
  /** The backlog at the period's first instant and at its end (or now, if that is earlier). */
  start: number;
  end: number;
  change: number;
  /** True when the start and end come from the metric sets (no ticket events): unsolved from creation to solved_at. */
  estimated: boolean;
}

/** Pulls what backlog health needs from one ticket at a time, so it rides the report's single pass. */
export class BacklogHealthTally {
  private readonly byAge = new Array<number>(BACKLOG_AGE_BOUNDS_DAYS.length + 1).fill(0);
  private readonly byStatus = { new: 0, open: 0, pending: 0, hold: 0 };
  private total = 0;
  private unassigned = 0;
  private start = 0;
  private end = 0;
  /** The oldest so far, oldest first; short, so insertion is cheaper than a heap. */
  private readonly oldest: TicketRecord[] = [];
  private readonly endAt: number;

  constructor(
    private readonly now: number,
    private readonly periodStart: number,
    periodEnd: number,
    private readonly estimated: boolean,
  ) {
    this.endAt = Math.min(periodEnd, now);
  }

  add(ticket: TicketRecord, statuses: readonly StatusChange[] | undefined): void {
    if (unsolvedAt(ticket, statuses, this.periodStart)) this.start++;
    if (unsolvedAt(ticket, statuses, this.endAt)) this.end++;
    if (!isUnsolved(ticket.status) || ticket.createdAt > this.now) return;
    this.total++;
    this.byStatus[ticket.status as keyof BacklogHealth['by_status']]++;
    if (ticket.assigneeId === null) this.unassigned++;
    this.byAge[ageBucket(this.now - ticket.createdAt)]!++;
    this.keepIfOldest(ticket);
  }

  private keepIfOldest(ticket: TicketRecord): void {
    const list = this.oldest;
    if (list.length === OLDEST_LISTED && !isOlder(ticket, list[list.length - 1]!)) return;
    let at = list.length;
    while (at > 0 && isOlder(ticket, list[at - 1]!)) at--;
    list.splice(at, 0, ticket);
    if (list.length > OLDEST_LISTED) list.pop();
  }

  result(): BacklogHealth {
    return {
      as_of: new Date(this.now).toISOString(),
      total: this.total,
      by_age: [...this.byAge],
      by_status: { ...this.byStatus },
      unassigned: this.unassigned,
      oldest: this.oldest.map((ticket) => ({
        id: ticket.id,
        created_at: new Date(ticket.createdAt).toISOString(),
        age_minutes: Math.floor((this.now - ticket.createdAt) / 60_000),
        status: ticket.status,
        assignee_id: ticket.assigneeId,
        group_id: ticket.groupId,
      })),
      start: this.start,
      end: this.end,
      change: this.end - this.start,
      estimated: this.estimated,
    };
  }
}

function isOlder(a: TicketRecord, b: TicketRecord): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

export function ageBucket(ageMs: number): number {
  let bucket = 0;
  while (bucket < BACKLOG_AGE_BOUNDS_DAYS.length && ageMs >= BACKLOG_AGE_BOUNDS_DAYS[bucket]! * DAY_MS) bucket++;
  return bucket;
}

/**
 * Whether the ticket existed and was unsolved at `instant`: its status then is the last change
 * before it (a change at the instant itself comes after, as for the backlog per day). Without
 * events, the metric set stands in: unsolved from creation until `solved_at`.
 */
export function unsolvedAt(
  ticket: TicketRecord,
  statuses: readonly StatusChange[] | undefined,
  instant: number,
): boolean {
  if (ticket.createdAt >= instant) return false;
  if (statuses === undefined || statuses.length === 0) {
    if (ticket.status === 'solved' || ticket.status === 'closed')
      return ticket.solvedAt === null ? false : ticket.solvedAt >= instant;
    return isUnsolved(ticket.status);
  }
  let status = statuses[0]!.status;
  for (let i = 1; i < statuses.length && statuses[i]!.at < instant; i++) status = statuses[i]!.status;
  return isUnsolved(status);
}
