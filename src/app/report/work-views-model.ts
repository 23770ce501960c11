import type { Report } from '../../metrics/report-types';
import type { DrillRow } from '../../metrics/drill-down';
import type { TicketRecord } from '../../metrics/ticket-record';
import type { Granularity, VolumeSeries, VolumeTrend } from '../../metrics/volume-trend';

/** What the work views (backlog health, arrivals, volume) draw, derived from the report's JSON. */

/**
 * The report's "now" for the backlog's ages: the latest creation or solve the data holds, as the
 * CLI takes it (METRICS.md, Version 3), so the app and the CLI on the same data give the same
 * ages, and a report does not age while the data stands still. Null when there is no ticket.
 */
export function dataNow(tickets: readonly TicketRecord[]): number | null {
  let latest: number | null = null;
  for (const ticket of tickets) {
    const instant = Math.max(ticket.createdAt, ticket.solvedAt ?? -Infinity);
    if (latest === null || instant > latest) latest = instant;
  }
  return latest;
}

/**
 * The one rule for whose rows a viewer sees, in the order given: every row for someone who sees
 * every scorecard, else those of the agents whose scorecards they see (never an unassigned row).
 */
export function rowsOfAgentsVisibleTo<Row>(
  rows: readonly Row[],
  visible: 'all' | ReadonlySet<number>,
  agentOf: (row: Row) => number | null,
): Row[] {
  if (visible === 'all') return [...rows];
  return rows.filter((row) => {
    const agent = agentOf(row);
    return agent !== null && visible.has(agent);
  });
}

/** The tickets a viewer may see behind a team number (as the tiles' drill-down does). */
export function rowsVisibleTo(rows: readonly DrillRow[], visible: 'all' | ReadonlySet<number>): DrillRow[] {
  return rowsOfAgentsVisibleTo(rows, visible, (row) => row.ticket.assigneeId);
}

/**
 * The per-agent rows a viewer may see. The scorecards and the survey scores' rows both go through
 * it, so the two never show different agents.
 */
export function agentsVisibleTo<Row extends { id: number | null }>(
  rows: readonly Row[],
  visible: 'all' | ReadonlySet<number>,
): Row[] {
  return rowsOfAgentsVisibleTo(rows, visible, (row) => row.id);
}

/**
 * The report with only the breaches-per-agent-per-day rows of the agents the viewer sees, by the
 * scorecards' rule: a manager every agent's, a lead their groups' agents', anyone else their own.
 */
export function slaDailyVisibleTo(report: Report, visible: 'all' | ReadonlySet<number>): Report {
  if (visible === 'all' || !report.sla_daily) return report;
  return { ...report, sla_daily: rowsOfAgentsVisibleTo(report.sla_daily, visible, (row) => row.agent_id) };
}

/** Shading steps of the arrivals grid: 0 for an empty cell, then 1 to `LEVELS` by share of the busiest cell. */
export const LEVELS = 4;

export function shadeLevel(value: number | null, max: number): number {
  if (value === null || value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(LEVELS, Math.ceil((value / max) * LEVELS)));
}

/** Weekday names Monday first (the engine's weekday 0), in the locale. */
export function weekdayNames(locale: string, width: 'long' | 'short' = 'long'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2024, 0, 1 + day))));
}

/** An hour of the day as the locale writes a time (its digits, its 12- or 24-hour clock). */
export function hourLabeller(locale: string): (hour: number) => string {
  const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  return (hour) => format.format(new Date(Date.UTC(2024, 0, 1, hour % 24)));
}

/** Series drawn by name before the rest are summed as "other": more colours than this do not read apart. */
export const SERIES_SHOWN = 6;

export interface VolumeChart {
  /** The series drawn, largest first; `other` (when present) sums the rest. */
  series: { id: string; key: string | null; total: number; counts: number[]; other: boolean }[];
  /** One row per bucket, with a count per series id, for recharts. */
  rows: Record<string, string | number>[];
  total: number;
}

/** A volume series' id as a data key: keys are Zendesk values, so none and "other" get ids no value has. */
const seriesId = (index: number) => `s${index}`;

export function volumeChart(volume: VolumeTrend, dimension: 'type' | 'channel'): VolumeChart {
  const all: readonly VolumeSeries[] = dimension === 'type' ? volume.by_type : volume.by_channel;
  const named = all.length > SERIES_SHOWN ? all.slice(0, SERIES_SHOWN - 1) : all;
  const rest = all.slice(named.length);
  const series: VolumeChart['series'] = named.map((one, i) => ({
    id: seriesId(i),
    key: one.key,
    total: one.total,
    counts: [...one.counts],
    other: false,
  }));
  if (rest.length > 0)
    series.push({
      id: seriesId(named.length),
      key: null,
      total: rest.reduce((sum, one) => sum + one.total, 0),
      counts: volume.buckets.map((_, bucket) => rest.reduce((sum, one) => sum + one.counts[bucket]!, 0)),
      other: true,
    });
  const rows = volume.buckets.map((bucket, index) => {
    const row: Record<string, string | number> = { start: bucket.start, days: bucket.days };
    for (const one of series) row[one.id] = one.counts[index]!;
    return row;
  });
  return { series, rows, total: all.reduce((sum, one) => sum + one.total, 0) };
}

/** The series of "other": every series the chart folds together, for its drill-down. */
export function otherKeys(volume: VolumeTrend, dimension: 'type' | 'channel'): (string | null)[] {
  const all = dimension === 'type' ? volume.by_type : volume.by_channel;
  return all.length > SERIES_SHOWN ? all.slice(SERIES_SHOWN - 1).map((one) => one.key) : [];
}

/**
 * A bucket's label in the locale: its day for days and weeks (a week by its first day), its month
 * for months; with the year when the range needs it.
 */
export function bucketLabeller(granularity: Granularity, locale: string, withYear: boolean): (start: string) => string {
  const format = new Intl.DateTimeFormat(
    locale,
    granularity === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' },
  );
  return (start) => format.format(new Date(`${start}T00:00:00Z`));
}
