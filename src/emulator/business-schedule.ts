import { addDays, type CalendarDate } from '../metrics/calendar-date';
import { localDate, zonedTimeToInstant } from '../metrics/time-zone';

/**
 * A Zendesk business-hours schedule (https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/):
 * weekly intervals in minutes from Sunday 00:00 in the schedule's time zone. Business minutes
 * between two instants are read from precomputed open intervals and their running totals, so a
 * seeded account of 20,000 tickets derives all its business-hour metrics in milliseconds.
 */

export interface ScheduleInterval {
  start_time: number;
  end_time: number;
}

export interface ScheduleDefinition {
  id: number;
  name: string;
  time_zone: string;
  intervals: ScheduleInterval[];
}

/** Monday to Friday, 09:00 to 17:00. */
export function weekdayIntervals(openMinute = 9 * 60, closeMinute = 17 * 60): ScheduleInterval[] {
  return [1, 2, 3, 4, 5].map((day) => ({ start_time: day * 1440 + openMinute, end_time: day * 1440 + closeMinute }));
}

export class BusinessSchedule {
  /** Open intervals as [start, end) instants, sorted, over the covered range. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Business ms before interval i. */
  private readonly before: number[] = [];
  readonly coveredFrom: number;
  readonly coveredTo: number;

  constructor(
    readonly definition: ScheduleDefinition,
    firstDay: CalendarDate,
    days: number,
  ) {
    let total = 0;
    for (let i = 0; i < days; i++) {
      const date = addDays(firstDay, i);
      const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
      for (const interval of definition.intervals) {
        const startDay = Math.floor(interval.start_time / 1440);
        if (startDay !== weekday) continue;
        const start = zonedTimeToInstant(date, interval.start_time - startDay * 1440, definition.time_zone);
        const end = zonedTimeToInstant(date, interval.end_time - startDay * 1440, definition.time_zone);
        if (end <= start) continue;
        this.starts.push(start);
        this.ends.push(end);
        this.before.push(total);
        total += end - start;
      }
    }
    this.coveredFrom = zonedTimeToInstant(firstDay, 0, definition.time_zone);
    this.coveredTo = zonedTimeToInstant(addDays(firstDay, days), 0, definition.time_zone);
  }

  /** For a schedule covering the days around [from, to] (epoch ms). */
  static covering(definition: ScheduleDefinition, from: number, to: number): BusinessSchedule {
    const first = addDays(localDate(from, definition.time_zone), -2);
    const last = addDays(localDate(to, definition.time_zone), 2);
    const days =
      Math.round(
        (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) / 86_400_000,
      ) + 1;
    return new BusinessSchedule(definition, first, days);
  }

  /** Business ms from the start of the covered range to `instant`. */
  private elapsed(instant: number): number {
    if (instant < this.coveredFrom || instant > this.coveredTo) {
      throw new RangeError(`${new Date(instant).toISOString()} is outside the schedule's covered range`);
    }
    // Last interval starting at or before the instant.
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= instant) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return 0;
    return this.before[found]! + Math.min(instant, this.ends[found]!) - this.starts[found]!;
  }

  /** Business minutes in [from, to), whole, as Zendesk reports them. */
  businessMinutes(from: number, to: number): number {
    if (to <= from) return 0;
    return Math.floor((this.elapsed(to) - this.elapsed(from)) / 60_000);
  }

  isOpen(instant: number): boolean {
    return this.elapsed(instant + 1) - this.elapsed(instant) > 0;
  }

  /** Index of the first open interval that ends after `instant` (intervals.length if none). */
  private firstEndingAfter(instant: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! > instant) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The instant `minutes` business minutes after `from`. */
  addBusinessMinutes(from: number, minutes: number): number {
    let remaining = minutes * 60_000;
    let instant = from;
    // Find the interval containing or following `from`, then walk forward.
    let index = this.firstEndingAfter(instant);
    while (index < this.starts.length) {
      const start = Math.max(this.starts[index]!, instant);
      const available = this.ends[index]! - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
      instant = this.ends[index]!;
      index++;
    }
    throw new RangeError("adding business minutes ran past the schedule's covered range");
  }
}
