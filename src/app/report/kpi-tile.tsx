import { Tooltip } from '@zendeskgarden/react-tooltips';
import { useAppText } from '../components/app-context';
import { changeOf, type TileKind, type TileModel } from './kpi-tiles-model';
import { slaMetricLabel } from './sla-names';

export function formatValue(
  format: ReturnType<typeof useAppText>['format'],
  kind: TileKind | 'number',
  value: number | null,
): string {
  if (kind === 'duration') return format.duration(value);
  if (kind === 'rate') return format.percent(value);
  return format.number(value, kind === 'count' ? 0 : 2);
}

/** An SLA tile's name: "SLA achieved" for every SLA together, else the SLA metric's own. */
export function slaTileLabel(t: ReturnType<typeof useAppText>['t'], slaMetric: string): string {
  return slaMetric === 'all' ? t('report.sla_view.rate') : slaMetricLabel(t, slaMetric);
}

/** What a first load has not read yet that this tile's numbers need. */
export type TilePending = 'period' | 'previous' | 'history' | null;

/**
 * One KPI: value, change against the previous period, target; the whole tile opens its tickets.
 * While `pending`, it says what is still to be read instead of a change that would be false.
 */
export function KpiTile({
  tile,
  onOpen,
  pending = null,
}: {
  tile: TileModel;
  onOpen: () => void;
  pending?: TilePending;
}) {
  const { t, format } = useAppText();
  const change = changeOf(tile);
  // A period still being read is not a final value: dimmed, and the tile says what is to come.
  const unfinished = pending === 'period';
  const sla = tile.key === 'sla' ? (tile.slaMetric ?? 'all') : null;
  const label = sla === null ? t(`metrics.${tile.key as Exclude<TileModel['key'], 'sla'>}.name`) : slaTileLabel(t, sla);
  const definition =
    sla === null
      ? t(`metrics.${tile.key as Exclude<TileModel['key'], 'sla'>}.definition`)
      : sla === 'all'
        ? t('report.sla_view.definition')
        : t('report.sla_view.metric_definition', { metric: slaMetricLabel(t, sla) });
  const arrow = change?.direction === 'up' ? '▲' : change?.direction === 'down' ? '▼' : '■';
  const changeText = change
    ? t(`report.tile.change_${change.direction}`, {
        value:
          tile.kind === 'rate'
            ? t('report.tile.points', { count: Math.round(Math.abs(change.delta) * 1000) / 10 })
            : formatValue(format, tile.kind, Math.abs(change.delta)),
      })
    : pending
      ? t(`report.tile.pending_${pending}`)
      : t(tile.noComparison ? `report.tile.${tile.noComparison}` : 'report.tile.no_change');
  return (
    <Tooltip content={definition} placement="bottom">
      <button
        type="button"
        className={unfinished ? 'kpi-tile unfinished' : 'kpi-tile'}
        aria-busy={unfinished || undefined}
        onClick={onOpen}
        aria-label={t('report.tile.open', { metric: label })}
      >
        <span className="kpi-label">{label}</span>
        <span className="kpi-value" data-testid={sla === null ? `kpi-${tile.key}` : `kpi-sla-${sla}`}>
          {formatValue(format, tile.kind, tile.value)}
        </span>
        {tile.secondary && (
          <span className="kpi-secondary">
            {t(`report.tile.${tile.secondary.key}`, {
              value: formatValue(format, tile.secondary.kind, tile.secondary.value),
            })}
          </span>
        )}
        <span className={`kpi-change ${change?.good === true ? 'good' : change?.good === false ? 'bad' : 'neutral'}`}>
          <span aria-hidden="true">{change ? arrow : ''} </span>
          {changeText}
          {change?.good === true && <span className="visually-hidden"> {t('report.tile.better')}</span>}
          {change?.good === false && <span className="visually-hidden"> {t('report.tile.worse')}</span>}
        </span>
        {tile.target && (
          <span className={`kpi-target ${tile.target.met ? 'met' : 'missed'}`}>
            <span aria-hidden="true">{tile.target.met ? '✓ ' : '✗ '}</span>
            {t(tile.target.met ? 'report.tile.target_met' : 'report.tile.target_missed', {
              target: formatValue(format, tile.kind, tile.target.value),
            })}
          </span>
        )}
        {tile.kind !== 'count' && tile.basis > 0 && tile.basis < 10 && (
          <span className="kpi-low-basis">{t('report.low_basis', { count: tile.basis })}</span>
        )}
      </button>
    </Tooltip>
  );
}
