import type { KpiTargets } from '../app-settings';
import type { KeysUnder } from '../i18n/translator';
import { periodChange, previousPeriodHasData, type PeriodChange } from '../../metrics/comparison-rule';
import type { DrillMetric } from '../../metrics/drill-down';
import type { MetricBlock } from '../../metrics/report-types';

/** The KPI tiles: each value, its change against the previous period, and its target where one is set. */

export type TileKind = 'duration' | 'rate' | 'count';

/** A tile's metric, named in translations under `metrics.<key>`. */
export type TileKey =
  'frt' | 'full_resolution' | 'fcr' | 'one_touch' | 'reopen' | 'escalation' | 'csat' | 'created' | 'solved' | 'backlog';

export interface TileModel {
  key: TileKey | 'sla';
  /** For an SLA tile: the SLA metric (`first_reply_time`...), or `all` for every SLA together. */
  slaMetric?: string;
  metric: DrillMetric;
  kind: TileKind;
  value: number | null;
  previous: number | null;
  /** Whether a higher value is better (null: neither, as for created tickets). */
  higherIsBetter: boolean | null;
  /** Tickets behind the value. */
  basis: number;
  target: { value: number; met: boolean } | null;
  /**
   * Why there is no change to show, when that is known: `no_data` for a previous period that starts
   * before the account's first ticket (its changes would be meaningless), `not_compared` for the
   * backlog, which is a count of now.
   */
  noComparison?: 'no_data' | 'not_compared';
  /** A second figure on the tile: FRT p90, CSAT responses. */
  secondary?: {
    key: KeysUnder<'report.tile'> & ('p90' | 'responses' | 'breaches');
    value: number | null;
    kind: TileKind;
  };
}

export type { Direction } from '../../metrics/comparison-rule';

/** The change on the previous period, by the rule the sidebar and the scorecards share. */
export function changeOf(
  tile: Pick<TileModel, 'kind' | 'value' | 'previous' | 'higherIsBetter' | 'basis'>,
): PeriodChange | null {
  return periodChange(tile.kind, tile.value, tile.previous, tile.higherIsBetter, tile.basis);
}

function target(value: number | null, goal: number | null, higherIsBetter: boolean): TileModel['target'] {
  if (goal === null || value === null) return null;
  return { value: goal, met: higherIsBetter ? value >= goal : value <= goal };
}

/** When the account's data starts: its oldest ticket's creation, null without tickets. */
export function firstDataAt(tickets: Iterable<{ createdAt: number }>): number | null {
  let first: number | null = null;
  for (const ticket of tickets) if (first === null || ticket.createdAt < first) first = ticket.createdAt;
  return first;
}

/**
 * Whether the tickets read reach back to the previous period's start (`previousPeriodHasData`).
 * `keptFrom` (epoch ms): the start of the history kept (`history_days`); an unsolved ticket older
 * than it does not make the days before it read.
 */
export function previousHasData(
  previousFrom: number,
  tickets: Iterable<{ createdAt: number }>,
  keptFrom = -Infinity,
): boolean {
  return previousReached(previousFrom, firstDataAt(tickets), keptFrom);
}

/** previousHasData, given the oldest ticket's creation (epoch ms, null without tickets). */
export function previousReached(previousFrom: number, firstCreatedAt: number | null, keptFrom = -Infinity): boolean {
  return previousPeriodHasData(previousFrom, firstCreatedAt === null ? null : Math.max(firstCreatedAt, keptFrom));
}

/**
 * `previous` is null while the previous period's tickets are still being read: no change is shown.
 * With `previousHasData` false (see `previousHasData`) no change is shown either, and the
 * tiles say there is no previous data.
 */
export function buildTiles(
  current: MetricBlock,
  previous: MetricBlock | null,
  targets: KpiTargets,
  { previousHasData = true }: { previousHasData?: boolean } = {},
): TileModel[] {
  const tiles = buildAll(current, previousHasData ? previous : null, targets);
  return tiles.map((tile): TileModel => {
    if (tile.key === 'backlog') return { ...tile, noComparison: 'not_compared' };
    return previousHasData ? tile : { ...tile, noComparison: 'no_data' };
  });
}

function buildAll(current: MetricBlock, previous: MetricBlock | null, targets: KpiTargets): TileModel[] {
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

/**
 * The SLA tiles (METRICS.md, SLAs): the achieved rate of every SLA target together, then one tile
 * per SLA metric the period has targets of, each with its breaches; none without metric events
 * (the team block has no `sla` then, and the report says why instead of showing zeros). A metric
 * only in the previous period gets no tile: there is nothing of it in this one to show. Zendesk's
 * SLA policies hold each metric's own target time; `target` (the `target_sla_percent` setting) is
 * the share of them to achieve, drawn on every SLA tile.
 */
export function buildSlaTiles(
  current: MetricBlock,
  previous: MetricBlock | null,
  { previousHasData = true, target: goal = null }: { previousHasData?: boolean; target?: number | null } = {},
): TileModel[] {
  if (!current.sla) return [];
  const before = previousHasData ? previous?.sla : undefined;
  return Object.entries(current.sla).map(([slaMetric, counts]): TileModel => {
    const last = before?.[slaMetric];
    return {
      key: 'sla',
      slaMetric,
      metric: 'sla',
      kind: 'rate',
      value: counts.rate,
      // A previous period read without metric events has no SLA block at all: nothing to compare.
      previous: before ? (last?.rate ?? null) : null,
      higherIsBetter: true,
      basis: counts.achieved + counts.breached,
      target: target(counts.rate, goal, true),
      secondary: { key: 'breaches', value: counts.breached, kind: 'count' },
      ...(previousHasData ? {} : { noComparison: 'no_data' as const }),
    };
  });
}
