import type { KpiTargets } from '../app-settings';
import type { KeysUnder } from '../i18n/translator';
import type { DrillMetric } from '../../metrics/drill-down';
import type { MetricBlock } from '../../metrics/report-types';

/** The KPI tiles: each value, its change against the previous period, and its target where one is set. */

export type TileKind = 'duration' | 'rate' | 'count';

/** A tile's metric, named in translations under `metrics.<key>`. */
export type TileKey =
  'frt' | 'full_resolution' | 'fcr' | 'one_touch' | 'reopen' | 'escalation' | 'csat' | 'created' | 'solved' | 'backlog';

export interface TileModel {
  key: TileKey;
  metric: DrillMetric;
  kind: TileKind;
  value: number | null;
  previous: number | null;
  /** Whether a higher value is better (null: neither, as for created tickets). */
  higherIsBetter: boolean | null;
  /** Tickets behind the value. */
  basis: number;
  target: { value: number; met: boolean } | null;
  /** A second figure on the tile: FRT p90, CSAT responses. */
  secondary?: { key: KeysUnder<'report.tile'> & ('p90' | 'responses'); value: number | null; kind: TileKind };
}

export type Direction = 'up' | 'down' | 'flat';

export function changeOf(
  tile: Pick<TileModel, 'value' | 'previous' | 'higherIsBetter'>,
): { direction: Direction; good: boolean | null; delta: number } | null {
  if (tile.value === null || tile.previous === null) return null;
  const delta = tile.value - tile.previous;
  const direction: Direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const good =
    direction === 'flat' || tile.higherIsBetter === null ? null : (direction === 'up') === tile.higherIsBetter;
  return { direction, good, delta };
}

function target(value: number | null, goal: number | null, higherIsBetter: boolean): TileModel['target'] {
  if (goal === null || value === null) return null;
  return { value: goal, met: higherIsBetter ? value >= goal : value <= goal };
}

/** `previous` is null while the previous period's tickets are still being read: no change is shown. */
export function buildTiles(current: MetricBlock, previous: MetricBlock | null, targets: KpiTargets): TileModel[] {
  return [
    {
      key: 'frt',
      metric: 'frt',
      kind: 'duration',
      value: current.frt.median,
      previous: previous?.frt.median ?? null,
      higherIsBetter: false,
      basis: current.frt.n,
      target: target(current.frt.median, targets.frtMinutes, false),
      secondary: { key: 'p90', value: current.frt.p90, kind: 'duration' },
    },
    {
      key: 'full_resolution',
      metric: 'full_resolution',
      kind: 'duration',
      value: current.full_resolution.median,
      previous: previous?.full_resolution.median ?? null,
      higherIsBetter: false,
      basis: current.full_resolution.n,
      target: target(current.full_resolution.median, targets.resolutionMinutes, false),
    },
    {
      key: 'fcr',
      metric: 'fcr',
      kind: 'rate',
      value: current.fcr.rate,
      previous: previous?.fcr.rate ?? null,
      higherIsBetter: true,
      basis: current.fcr.denominator,
      target: target(current.fcr.rate, targets.fcr, true),
    },
    {
      key: 'one_touch',
      metric: 'one_touch',
      kind: 'rate',
      value: current.one_touch.rate,
      previous: previous?.one_touch.rate ?? null,
      higherIsBetter: true,
      basis: current.one_touch.denominator,
      target: null,
    },
    {
      key: 'reopen',
      metric: 'reopen',
      kind: 'rate',
      value: current.reopen.rate,
      previous: previous?.reopen.rate ?? null,
      higherIsBetter: false,
      basis: current.reopen.denominator,
      target: target(current.reopen.rate, targets.reopen, false),
    },
    {
      key: 'escalation',
      metric: 'escalation',
      kind: 'rate',
      value: current.escalation.rate,
      previous: previous?.escalation.rate ?? null,
      higherIsBetter: false,
      basis: current.escalation.denominator,
      target: target(current.escalation.rate, targets.escalation, false),
    },
    {
      key: 'csat',
      metric: 'csat',
      kind: 'rate',
      value: current.csat.rate,
      previous: previous?.csat.rate ?? null,
      higherIsBetter: true,
      basis: current.csat.denominator,
      target: target(current.csat.rate, targets.csat, true),
      secondary: { key: 'responses', value: current.csat.denominator, kind: 'count' },
    },
    {
      key: 'created',
      metric: 'created',
      kind: 'count',
      value: current.created,
      previous: previous?.created ?? null,
      higherIsBetter: null,
      basis: current.created,
      target: null,
    },
    {
      key: 'solved',
      metric: 'solved',
      kind: 'count',
      value: current.solved,
      previous: previous?.solved ?? null,
      higherIsBetter: true,
      basis: current.solved,
      target: null,
    },
    {
      key: 'backlog',
      metric: 'backlog',
      kind: 'count',
      value: current.backlog,
      previous: null,
      higherIsBetter: false,
      basis: current.backlog,
      target: null,
    },
  ];
}
