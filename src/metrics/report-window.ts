import {
  addDays,
  compareCalendarDates,
  daysBetween,
  formatCalendarDate,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date';
import { dayStarts, isValidTimeZone } from './time-zone';

/**
 * Longest window a report may span: a century, so a report over an account's whole history
 * (Zendesk accounts go back to 2007) is never refused, while the daily series stays bounded.
 */
export const MAX_WINDOW_DAYS = 36_525;

/** Which input was wrong: the first day, the last day, the zone, or the pair of days. */
export type WindowField = 'from' | 'to' | 'tz' | 'range';

export class WindowError extends Error {
  override name = 'WindowError';
  constructor(
    readonly field: WindowField,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A report window `[from, to)`: from 00:00 of the first day to 00:00 of the day after the last,
 * both in the report's time zone (METRICS.md, Window and cohorts).
 */
export class ReportWindow {
  readonly from: number;
  readonly to: number;
  readonly days: number;
  /** `starts[i]` is the first instant of day i; `starts[days]` equals `to`. */
  readonly starts: readonly number[];
  readonly labels: readonly string[];

  private constructor(
    readonly firstDay: CalendarDate,
    readonly lastDay: CalendarDate,
    readonly timeZone: string,
    end?: number,
  ) {
    this.days = daysBetween(firstDay, lastDay) + 1;
    const starts = dayStarts(firstDay, this.days, timeZone);
    if (end !== undefined) starts[this.days] = end;
    this.starts = starts;
    this.from = this.starts[0]!;
    this.to = this.starts[this.days]!;
    this.labels = Array.from({ length: this.days }, (_, i) => formatCalendarDate(addDays(firstDay, i)));
  }

  /** `firstDay` and `lastDay` are inclusive `YYYY-MM-DD` dates in `timeZone`. */
  static of(firstDay: string, lastDay: string, timeZone: string): ReportWindow {
    const first = parseCalendarDate(firstDay);
    if (!first) throw new WindowError('from', `"${firstDay}" is not a date: expected YYYY-MM-DD`);
    const last = parseCalendarDate(lastDay);
    if (!last) throw new WindowError('to', `"${lastDay}" is not a date: expected YYYY-MM-DD`);
    if (!isValidTimeZone(timeZone)) throw new WindowError('tz', `"${timeZone}" is not an IANA time zone`);
    if (compareCalendarDates(first, last) > 0) {
      throw new WindowError('range', `the first day ${firstDay} is after the last day ${lastDay}`);
    }
    if (daysBetween(first, last) + 1 > MAX_WINDOW_DAYS) {
      throw new WindowError('range', `the window ${firstDay} to ${lastDay} is longer than ${MAX_WINDOW_DAYS} days`);
    }
    return new ReportWindow(first, last, timeZone);
  }

  /**
   * The same days, ending at `instant` instead of the last day's midnight: so that part of a day is
   * compared with the same part of another (today so far against yesterday up to the same time).
   * `instant` must fall inside the last day.
   */
  endingAt(instant: number): ReportWindow {
    const lastStart = this.starts[this.days - 1]!;
    if (!(instant > lastStart && instant <= this.to)) {
      throw new WindowError('range', `the end ${new Date(instant).toISOString()} is not inside the window's last day`);
    }
    return new ReportWindow(this.firstDay, this.lastDay, this.timeZone, instant);
  }

  contains(instant: number): boolean {
    return instant >= this.from && instant < this.to;
  }

  /** Index of the local day holding `instant`, which must be inside the window. */
  dayIndex(instant: number): number {
    const starts = this.starts;
    // Days are 23 to 25 hours long, so the 24-hour estimate is off by at most one day either way.
    let i = Math.floor((instant - this.from) / 86_400_000);
    if (i >= this.days) i = this.days - 1;
    if (i < 0) i = 0;
    while (i > 0 && instant < starts[i]!) i--;
    while (i < this.days - 1 && instant >= starts[i + 1]!) i++;
    return i;
  }
}
