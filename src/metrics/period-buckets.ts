import type { ReportWindow } from './report-window';
import { volumeBuckets, type VolumeBuckets } from './volume-trend';

/**
 * The window's days grouped as the volume chart groups them (METRICS.md, Version 3): by day
 * under a quarter, by ISO week up to a year, by month beyond; so every trend of a report shares
 * one x axis.
 */
export type PeriodBuckets = VolumeBuckets;

export function periodBuckets(window: ReportWindow): PeriodBuckets {
  return volumeBuckets(window);
}

/** The bucket of an instant inside the window. */
export function bucketOf(period: PeriodBuckets, window: ReportWindow, instant: number): number {
  return period.bucketOfDay[window.dayIndex(instant)]!;
}
