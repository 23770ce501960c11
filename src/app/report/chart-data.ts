import type { DailyRow, SlaDailyRow } from '../../metrics/report-types';

/** The series the charts draw, derived from the report's daily rows. */

export interface DayPoint {
  date: string;
  created: number;
  solved: number;
  /** Unsolved tickets at the end of the day, walked back from today's backlog. */
  backlog: number;
  frtMedian: number | null;
}

/** Whether the daily rows carry the backlog from the tickets' status history (ticket events). */
export function backlogFromHistory(daily: readonly DailyRow[]): boolean {
  return daily.length > 0 && daily.every((day) => day.backlog !== undefined);
}

/**
 * Backlog at the end of each day: from the status history when the report has it, else estimated
 * from today's: each later day's created tickets were not yet there and its solved ones not yet
 * solved. Reopens and deletions are not in the daily rows, so that is an estimate, labelled as one.
 */
export function dayPoints(daily: readonly DailyRow[], backlogNow: number): DayPoint[] {
  if (backlogFromHistory(daily))
    return daily.map((day) => ({
      date: day.date,
      created: day.created,
      solved: day.solved,
      backlog: day.backlog!,
      frtMedian: day.frt_median,
    }));
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

export interface SlaDayPoint {
  date: string;
  breached: number;
  achieved: number;
}

/** The team's SLA targets breached and achieved per day of the window, from the per-agent rows. */
export function slaDays(daily: readonly DailyRow[], slaDaily: readonly SlaDailyRow[]): SlaDayPoint[] {
  const byDate = new Map(daily.map((day) => [day.date, { date: day.date, breached: 0, achieved: 0 }]));
  for (const row of slaDaily) {
    const point = byDate.get(row.date);
    if (!point) throw new Error(`SLA row for ${row.date}, a day outside the report's days`);
    point.breached += row.breached;
    point.achieved += row.achieved;
  }
  return [...byDate.values()];
}

export interface BreachGrid {
  dates: string[];
  /** Scorecards with an SLA outcome in the window, by id, unassigned (null) last. */
  agents: (number | null)[];
  /** breaches[agent index][day index] */
  breaches: number[][];
  /** Per agent, all its breaches in the window. */
  totals: number[];
}

/** The breaches per agent per day as a grid: every day of the window, zero where nothing breached. */
export function breachGrid(daily: readonly DailyRow[], slaDaily: readonly SlaDailyRow[]): BreachGrid {
  const dates = daily.map((day) => day.date);
  const dayIndex = new Map(dates.map((date, i) => [date, i]));
  const agents = [...new Set(slaDaily.map((row) => row.agent_id))].sort((a, b) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b,
  );
  const agentIndex = new Map(agents.map((id, i) => [id, i]));
  const breaches = agents.map(() => new Array<number>(dates.length).fill(0));
  for (const row of slaDaily) {
    const day = dayIndex.get(row.date);
    if (day === undefined) throw new Error(`SLA row for ${row.date}, a day outside the report's days`);
    breaches[agentIndex.get(row.agent_id)!]![day] += row.breached;
  }
  return { dates, agents, breaches, totals: breaches.map((row) => row.reduce((sum, n) => sum + n, 0)) };
}
