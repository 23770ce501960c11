import type { ReportWindow } from './report-window';
import { isSolved, isUnsolved, type TicketRecord } from './ticket-record';
import type { StatusChange } from './ticket-timeline';

/**
 * The backlog at the end of each day of a window (METRICS.md, Backlog per day): tickets whose
 * status at 00:00 of the next day was new, open, pending or hold. A change made exactly at that
 * midnight belongs to the next day. Each ticket adds its unsolved stretches to a difference array,
 * so the cost is its number of status changes, not the number of days.
 */
export class DailyBacklog {
  private readonly diff: Int32Array;

  constructor(private readonly window: ReportWindow) {
    this.diff = new Int32Array(window.days + 1);
  }

  /**
   * A ticket's statuses in time order, each from its instant on; the first holds from its
   * creation. Without events, the metric set stands in: unsolved from creation to `solved_at`.
   */
  add(ticket: TicketRecord, statuses: readonly StatusChange[] | undefined): void {
    if (statuses === undefined || statuses.length === 0) {
      const end = isSolved(ticket.status) ? (ticket.solvedAt ?? ticket.createdAt) : Infinity;
      if (isSolved(ticket.status) || isUnsolved(ticket.status)) this.addStretch(ticket.createdAt, end);
      return;
    }
    let since: number | null = null;
    for (let i = 0; i < statuses.length; i++) {
      const change = statuses[i]!;
      // Nothing holds before the ticket existed, whatever the order of the input's instants.
      const at = i === 0 ? ticket.createdAt : Math.max(change.at, ticket.createdAt);
      const unsolved = isUnsolved(change.status);
      if (unsolved && since === null) since = at;
      else if (!unsolved && since !== null) {
        this.addStretch(since, at);
        since = null;
      }
    }
    if (since !== null) this.addStretch(since, Infinity);
  }

  /** Unsolved from `from` until `until`: counts on each day whose end e has from < e <= until. */
  private addStretch(from: number, until: number): void {
    const first = this.firstDayEndingAfter(from);
    const stop = this.firstDayEndingAfter(until);
    if (first >= stop) return;
    this.diff[first]!++;
    this.diff[stop]!--;
  }

  /** The first day whose end (the next day's 00:00) is after `instant`; `days` when none is. */
  private firstDayEndingAfter(instant: number): number {
    const starts = this.window.starts;
    let low = 0;
    let high = this.window.days;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle + 1]! > instant) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  counts(): number[] {
    const result = new Array<number>(this.window.days);
    let running = 0;
    for (let day = 0; day < this.window.days; day++) {
      running += this.diff[day]!;
      result[day] = running;
    }
    return result;
  }
}
