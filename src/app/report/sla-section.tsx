import type { DrillFocus } from '../../metrics/drill-down';
import type { Report } from '../../metrics/report-types';
import { useAppText } from '../components/app-context';
import type { Translate } from '../i18n/translator';
import { KpiTile, type TilePending } from './kpi-tile';
import { buildSlaTiles } from './kpi-tiles-model';
import { SlaBreachGrid } from './sla-breach-grid';
import { slaMetricLabel } from './sla-names';

/**
 * Why a report has no SLA numbers: `role`, the viewer is not an admin and Zendesk gives the ticket
 * metric events to admins only; `refused`, Zendesk answered this user's request for them with a
 * refusal; `not_read`, an admin's pull has not read them (yet).
 */
export type SlaUnavailable = 'role' | 'refused' | 'not_read';

/** How far the metric events stream is read (the account data's reading of it). */
export type SlaStreamReading = { status: 'waiting' | 'loading' | 'read' } | { status: 'unreadable'; reason: string };

/** Why the report has no SLA block, or null when it has one (it was computed with metric events). */
export function slaUnavailable(report: Report, reading: SlaStreamReading): SlaUnavailable | null {
  if (report.team.sla) return null;
  if (reading.status !== 'unreadable') return 'not_read';
  return reading.reason === 'role' ? 'role' : 'refused';
}

/** While the metric events are still being read, SLA numbers on screen are not final. */
export function slaPending(reading: SlaStreamReading): boolean {
  return reading.status === 'waiting' || reading.status === 'loading';
}

/**
 * What a drill-down list holds, for its title: the number's name, narrowed to one SLA metric (a
 * metric's tile) or one day (a cell of the breaches per agent per day) when it is.
 */
export function drillMetricName(
  t: Translate,
  name: string,
  focus: DrillFocus | undefined,
  dateLabel: (iso: string) => string,
): string {
  const metric = focus?.slaMetric === undefined ? name : slaMetricLabel(t, focus.slaMetric);
  return focus?.day === undefined ? metric : t('report.sla_view.on_day', { metric, date: dateLabel(focus.day) });
}

/**
 * The report's SLA numbers: the achieved rate overall and per SLA metric (each tile opening its
 * tickets), and the breaches per agent per day with the team's per day; without metric events,
 * a line saying why there are none rather than an empty space or zeros.
 */
export function SlaSection({
  report,
  previous,
  previousHasData,
  unavailable,
  pending,
  nameOf,
  dateLabel,
  onOpenTile,
  onOpenCell,
  onOpenTeamDay,
  target = null,
}: {
  report: Report;
  /** The share of SLA targets to achieve (the settings' `target_sla_percent`), a fraction. */
  target?: number | null;
  /** The previous period's report, null while it is still being read. */
  previous: Report | null;
  previousHasData: boolean;
  unavailable: SlaUnavailable | null;
  pending: TilePending;
  nameOf: (id: number | null) => string;
  dateLabel: (iso: string) => string;
  onOpenTile: (slaMetric: string) => void;
  onOpenCell: (agentId: number | null, date: string | null) => void;
  /** Managers only: the team's breaches of a day (null: of the period). */
  onOpenTeamDay?: (date: string | null) => void;
}) {
  const { t } = useAppText();
  const tiles = buildSlaTiles(report.team, previous?.team ?? null, { previousHasData, target });
  const all = report.team.sla?.['all'];
  return (
    <section aria-labelledby="sla-title" className="sla-section">
      <h2 id="sla-title">{t('report.sla_view.title')}</h2>
      {unavailable !== null ? (
        <p className="sla-unavailable" role="note">
          {t(`report.sla_view.unavailable_${unavailable}`)}
        </p>
      ) : (
        <>
          {all && all.achieved + all.breached === 0 && <p>{t('report.sla_view.no_targets')}</p>}
          <div className="kpi-grid" role="group" aria-labelledby="sla-title">
            {tiles.map((tile) => (
              <KpiTile
                key={tile.slaMetric}
                tile={tile}
                pending={pending}
                onOpen={() => onOpenTile(tile.slaMetric ?? 'all')}
              />
            ))}
          </div>
          <SlaBreachGrid
            report={report}
            nameOf={nameOf}
            dateLabel={dateLabel}
            onOpen={onOpenCell}
            {...(onOpenTeamDay ? { onOpenTeam: onOpenTeamDay } : {})}
          />
        </>
      )}
    </section>
  );
}
