import { addDays, formatCalendarDate } from './calendar-date';
import { ReportWindow } from './report-window';
import { localDate } from './time-zone';

/**
 * The periods a team summary holds: the sidebar's, counted back from today in the publisher's
 * zone (as the app's presets are). The CLI's `publish` and a manager's report both publish them.
 */
export const SUMMARY_PERIODS = [
  { key: 'last7', days: 7 },
  { key: 'last30', days: 30 },
] as const;

export function summaryWindows(now: number, timeZone: string): { key: string; window: ReportWindow }[] {
  const today = localDate(now, timeZone);
  return SUMMARY_PERIODS.map(({ key, days }) => ({
    key,
    window: ReportWindow.of(formatCalendarDate(addDays(today, 1 - days)), formatCalendarDate(today), timeZone),
  }));
}
