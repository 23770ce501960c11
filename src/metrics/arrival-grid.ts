import { summarize, ValueBuffer } from './aggregates';
import type { ReportWindow } from './report-window';
import { wallClock } from './time-zone';

const HOUR_MS = 3_600_000;
export const BUSIEST_LISTED = 3;

/** Weekday 0 is Monday (ISO 8601), hour 0 is 00:00–00:59, both on the wall clock of the report's zone. */
export interface ArrivalCell {
  weekday: number;
  hour: number;
  created: number;
}

export interface ArrivalGrid {
  /** `created[weekday][hour]`: tickets of the created cohort that arrived in that hour of the week. */
  created: number[][];
  /** The median first reply time (minutes, in the report's hours mode) of the tickets created in each cell. */
  frt_median: (number | null)[][];
  /** The cells with the most tickets, most first; ties go to the earlier cell of the week. */
  busiest: ArrivalCell[];
}

/**
 * The weekday × hour grid of arrivals. A ticket's hour is read from its day's local midnight, so
 * only days whose length is not 24 hours (a DST change) need the zone's wall clock.
 */
export class ArrivalTally {
  private readonly created = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  private readonly replies = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => new ValueBuffer()));
  private readonly weekdays: number[];
  private readonly evenDays: boolean[];

  constructor(private readonly window: ReportWindow) {
    this.weekdays = Array.from({ length: window.days }, (_, day) => isoWeekday(window.labels[day]!));
    this.evenDays = Array.from(
      { length: window.days },
      (_, day) => window.starts[day + 1]! - window.starts[day]! === 24 * HOUR_MS,
    );
  }

  /** `createdAt` must be inside the window; `reply` is the ticket's first reply time, or null. */
  add(createdAt: number, reply: number | null): void {
    const day = this.window.dayIndex(createdAt);
    const hour = this.evenDays[day]
      ? Math.floor((createdAt - this.window.starts[day]!) / HOUR_MS)
      : wallClock(createdAt, this.window.timeZone).hour;
    const weekday = this.weekdays[day]!;
    this.created[weekday]![hour]!++;
    if (reply !== null) this.replies[weekday]![hour]!.push(reply);
  }

  result(): ArrivalGrid {
    const cells: ArrivalCell[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const created = this.created[weekday]![hour]!;
        if (created > 0) cells.push({ weekday, hour, created });
      }
    }
    cells.sort((a, b) => b.created - a.created || a.weekday - b.weekday || a.hour - b.hour);
    return {
      created: this.created.map((row) => [...row]),
      frt_median: this.replies.map((row) => row.map((buffer) => summarize(buffer.values()).median)),
      busiest: cells.slice(0, BUSIEST_LISTED),
    };
  }
}

/** 0 for Monday to 6 for Sunday, for a `YYYY-MM-DD` calendar date. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayFirst + 6) % 7;
}
