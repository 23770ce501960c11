import { isoWeekday } from './arrival-grid';
import type { ReportWindow } from './report-window';
import { granularityFor, type Granularity, type VolumeBucket } from './volume-trend';

/**
 * The window's days grouped as the volume chart groups them (METRICS.md, Version 3): by day
 * under a quarter, by ISO week up to a year, by month beyond; so every trend of a report shares
 * one x axis.
 */
export interface PeriodBuckets {
  granularity: Granularity;
  buckets: VolumeBucket[];
  /** The bucket of each day of the window. */
  bucketOfDay: Int32Array;
}

export function periodBuckets(window: ReportWindow): PeriodBuckets {
  const granularity = granularityFor(window.days);
  const bucketOfDay = new Int32Array(window.days);
  const buckets: VolumeBucket[] = [];
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

/** The bucket of an instant inside the window. */
export function bucketOf(period: PeriodBuckets, window: ReportWindow, instant: number): number {
  return period.bucketOfDay[window.dayIndex(instant)]!;
}
