import {
  addDays,
  daysBetween,
  formatCalendarDate,
  parseCalendarDate,
  type CalendarDate,
} from '../../metrics/calendar-date';
import { ReportWindow } from '../../metrics/report-window';
import { localDate } from '../../metrics/time-zone';

/**
 * The report's date range: a preset counted back from today in the viewer's time zone, or custom
 * days. The last 90 days are the quarter; the last 365 the year (its charts grouped by week).
 */
export type RangePreset = 'today' | 'last7' | 'last30' | 'last90' | 'last365' | 'custom';
export const RANGE_PRESETS: readonly RangePreset[] = ['today', 'last7', 'last30', 'last90', 'last365', 'custom'];

export interface RangeChoice {
  preset: RangePreset;
  /** Custom first and last days, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

export interface Period {
  current: ReportWindow;
  /**
   * The same number of days just before, for the change shown on each tile; for a one-day period
   * that is still running (today), the day before up to the same time of day.
   */
  previous: ReportWindow;
}

const PRESET_DAYS: Record<Exclude<RangePreset, 'custom'>, number> = {
  today: 1,
  last7: 7,
  last30: 30,
  last90: 90,
  last365: 365,
};

/** The window for a choice; throws a WindowError for custom days that are not a valid range. */
export function periodFor(choice: RangeChoice, timeZone: string, now: number): Period {
  let first: CalendarDate;
  let last: CalendarDate;
  if (choice.preset === 'custom') {
    const from = parseCalendarDate(choice.from ?? '');
    const to = parseCalendarDate(choice.to ?? '');
    if (!from || !to) return periodFor({ preset: 'last30' }, timeZone, now);
    first = from;
    last = to;
  } else {
    last = localDate(now, timeZone);
    first = addDays(last, 1 - PRESET_DAYS[choice.preset]);
  }
  const current = ReportWindow.of(formatCalendarDate(first), formatCalendarDate(last), timeZone);
  const length = daysBetween(first, last) + 1;
  const previous = ReportWindow.of(
    formatCalendarDate(addDays(first, -length)),
    formatCalendarDate(addDays(first, -1)),
    timeZone,
  );
  // Today so far is compared with yesterday up to the same time, not with all of yesterday, which
  // would show every morning as a collapse. Other periods end on a whole day and compare whole days.
  if (now >= current.from && now < current.to && length === 1) {
    const elapsed = Math.max(1, now - current.from);
    return { current, previous: previous.endingAt(Math.min(previous.to, previous.from + elapsed)) };
  }
  return { current, previous };
}

/**
 * The start of the history the report reads and keeps (`history_days`): the viewer's day that
 * many days before today, as epoch seconds (the pull's unit) and as its date.
 */
export function historyStart(days: number, timeZone: string, now: number): { from: number; date: string } {
  const date = formatCalendarDate(addDays(localDate(now, timeZone), -days));
  return { from: Math.floor(ReportWindow.of(date, date, timeZone).from / 1000), date };
}
