import { ColumnsError, columnScorecards, type ScorecardColumns } from '../../metrics/columnar/column-scorecards';
import type { ReportWindow } from '../../metrics/report-window';
import type { EscalationSettings, HoursMode, ReportFilters } from '../../metrics/settings';
import type { KpiTargets } from '../app-settings';
import { buildTiles, previousReached, type TileModel } from './kpi-tiles-model';

/**
 * The KPI tiles straight from the cached columns, while the records are still being built: the
 * team blocks of the period and the one before by the columnar engine, which equal computeReport's
 * (the team block does not depend on credit, METRICS.md Version 2), so the tiles do not change
 * when the full report replaces them.
 */
export interface PreviewTileOptions {
  current: Pick<ReportWindow, 'from' | 'to'>;
  previous: Pick<ReportWindow, 'from' | 'to'>;
  hours: HoursMode;
  escalation: EscalationSettings;
  filters: ReportFilters;
  targets: KpiTargets;
  /** Epoch ms: the start of the history kept (history_days). */
  keptFrom: number;
  /** Whether a filter is set: a filter that matches nothing shows no tiles, as the report does. */
  filtered: boolean;
}

/** When the columns' oldest ticket was created (epoch ms), null without tickets. */
function firstCreatedAt(columns: ScorecardColumns): number | null {
  const created = columns.numbers['createdAt'];
  if (created === undefined || columns.count === 0) return null;
  let first = Infinity;
  for (let i = 0; i < columns.count; i++) if (created[i]! < first) first = created[i]!;
  return first;
}

/** The tiles, or null where the report would show none (a filter matching nothing) or the columns are damaged. */
export function previewTiles(columns: ScorecardColumns, options: PreviewTileOptions): TileModel[] | null {
  const { hours, escalation, filters } = options;
  try {
    const current = columnScorecards(columns, { window: options.current, hours, escalation, filters }).team;
    if (options.filtered && current.created + current.solved + current.backlog === 0) return null;
    const previous = columnScorecards(columns, { window: options.previous, hours, escalation, filters }).team;
    return buildTiles(current, previous, options.targets, {
      previousHasData: previousReached(options.previous.from, firstCreatedAt(columns), options.keptFrom),
    });
  } catch (error) {
    // Columns the engine cannot read will not build into records either: the report reads afresh.
    if (error instanceof ColumnsError) return null;
    throw error;
  }
}
