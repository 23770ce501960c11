import type { ReportWindow } from './report-window';
import { isoWeekday } from './arrival-grid';

export type Granularity = 'day' | 'week' | 'month';

/** Windows of a quarter or more are grouped by week, of more than a year by month (METRICS.md, Version 3). */
export const WEEKLY_FROM_DAYS = 90;
export const MONTHLY_FROM_DAYS = 367;

export function granularityFor(days: number): Granularity {
  if (days >= MONTHLY_FROM_DAYS) return 'month';
  if (days >= WEEKLY_FROM_DAYS) return 'week';
  return 'day';
}

export interface VolumeBucket {
  /** The first day of the bucket inside the window (`YYYY-MM-DD`), and how many of the window's days it holds. */
  start: string;
  days: number;
}

export interface VolumeSeries {
  key: string | null;
  total: number;
  counts: number[];
}

export interface VolumeTrend {
  granularity: Granularity;
  buckets: VolumeBucket[];
  /** Tickets created per bucket, one series per ticket type and per channel, largest total first. */
  by_type: VolumeSeries[];
  by_channel: VolumeSeries[];
}

/** The window's days grouped into buckets, and which bucket each day of the window falls in. */
export interface VolumeBuckets {
  granularity: Granularity;
  buckets: VolumeBucket[];
  /** `bucketOfDay[i]` is the index of the bucket that holds day i of the window. */
  bucketOfDay: Int32Array;
}

/**
 * Buckets of whole days: ISO weeks (Monday to Sunday) or calendar months, cut at the window's
 * edges, so a partial first or last bucket says how many days it holds. Shared by the tally and
 * the drill-down, so that a bucket's tickets are exactly those its count was made of.
 */
export function volumeBuckets(window: ReportWindow, granularity = granularityFor(window.days)): VolumeBuckets {
  const buckets: VolumeBucket[] = [];
  const bucketOfDay = new Int32Array(window.days);
  for (let day = 0; day < window.days; day++) {
    const label = window.labels[day]!;
    const opens =
      day === 0 ||
      granularity === 'day' ||
      (granularity === 'week' && isoWeekday(label) === 0) ||
      (granularity === 'month' && label.endsWith('-01'));
    if (opens) buckets.push({ start: label, days: 0 });
    buckets[buckets.length - 1]!.days++;
    bucketOfDay[day] = buckets.length - 1;
  }
  return { granularity, buckets, bucketOfDay };
}

export class VolumeTally {
  private readonly bucketOfDay: Int32Array;
  private readonly buckets: VolumeBucket[];
  private readonly byType = new Map<string | null, number[]>();
  private readonly byChannel = new Map<string | null, number[]>();
  readonly granularity: Granularity;

  constructor(private readonly window: ReportWindow) {
    ({ granularity: this.granularity, buckets: this.buckets, bucketOfDay: this.bucketOfDay } = volumeBuckets(window));
  }

  /** `createdAt` must be inside the window. */
  add(createdAt: number, type: string | null, channel: string | null): void {
    const bucket = this.bucketOfDay[this.window.dayIndex(createdAt)]!;
    this.countIn(this.byType, type, bucket);
    this.countIn(this.byChannel, channel, bucket);
  }

  private countIn(series: Map<string | null, number[]>, key: string | null, bucket: number): void {
    let counts = series.get(key);
    if (!counts) {
      counts = new Array<number>(this.buckets.length).fill(0);
      series.set(key, counts);
    }
    counts[bucket]!++;
  }

  result(): VolumeTrend {
    return {
      granularity: this.granularity,
      buckets: this.buckets.map((bucket) => ({ ...bucket })),
      by_type: seriesOf(this.byType),
      by_channel: seriesOf(this.byChannel),
    };
  }
}

function seriesOf(series: Map<string | null, number[]>): VolumeSeries[] {
  return [...series]
    .map(([key, counts]) => ({ key, total: counts.reduce((sum, count) => sum + count, 0), counts: [...counts] }))
    .sort((a, b) => b.total - a.total || compareKeys(a.key, b.key));
}

/** Named keys in code-point order, none (null) last, so the order does not depend on the locale. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
