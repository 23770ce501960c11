import type { DailyRow } from '../../metrics/report-types';

/** The series the charts draw, derived from the report's daily rows. */

export interface DayPoint {
  date: string;
  created: number;
  solved: number;
  /** Unsolved tickets at the end of the day, walked back from today's backlog. */
  backlog: number;
  frtMedian: number | null;
}

/**
 * Backlog at the end of each day, estimated from today's: each later day's created tickets were not
 * yet there and its solved ones not yet solved. Reopens and deletions are not in the daily rows, so
 * it is an estimate, and labelled as one.
 */
export function dayPoints(daily: readonly DailyRow[], backlogNow: number): DayPoint[] {
  const points: DayPoint[] = new Array(daily.length);
  let backlog = backlogNow;
  for (let i = daily.length - 1; i >= 0; i--) {
    const day = daily[i]!;
    points[i] = {
      date: day.date,
      created: day.created,
      solved: day.solved,
      backlog: Math.max(0, backlog),
      frtMedian: day.frt_median,
    };
    backlog -= day.created - day.solved;
  }
  return points;
}

export interface WeekPoint {
  /** First day of the week (the window's weeks start on its first day). */
  start: string;
  csat: number | null;
  responses: number;
}

export function weeklyCsat(daily: readonly DailyRow[]): WeekPoint[] {
  const weeks: WeekPoint[] = [];
  for (let i = 0; i < daily.length; i += 7) {
    const days = daily.slice(i, i + 7);
    const good = days.reduce((sum, day) => sum + day.csat_good, 0);
    const bad = days.reduce((sum, day) => sum + day.csat_bad, 0);
    weeks.push({ start: days[0]!.date, csat: good + bad === 0 ? null : good / (good + bad), responses: good + bad });
  }
  return weeks;
}
