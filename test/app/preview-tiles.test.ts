import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/app/app-settings';
import { buildTiles, previousHasData } from '../../src/app/report/kpi-tiles-model';
import { previewTiles, type PreviewTileOptions } from '../../src/app/report/preview-tiles';
import { periodFor } from '../../src/app/report/report-period';
import { computeReport } from '../../src/metrics/compute-report';
import type { HoursMode, ReportFilters } from '../../src/metrics/settings';
import { encodeTicketColumns } from '../../src/zendesk/ticket-columns';
import { NOW, recordsOf, TIER1 } from './support/fixture';

/** The tiles from the columns against the tiles the full report builds from the records. */
const records = recordsOf();
const columns = encodeTicketColumns(records);
const settings = readSettings({ target_frt_minutes: 30, target_csat_percent: 80 });
const { current, previous } = periodFor({ preset: 'last30' }, 'Europe/Berlin', NOW);

function options(hours: HoursMode, filters: ReportFilters, keptFrom = -Infinity): PreviewTileOptions {
  return {
    current,
    previous,
    hours,
    escalation: settings.escalation,
    filters,
    targets: settings.targets,
    keptFrom,
    filtered: Object.values(filters).some((value) => value !== undefined),
  };
}

function reportTiles(hours: HoursMode, filters: ReportFilters, keptFrom = -Infinity) {
  const base = { hours, escalation: settings.escalation, filters };
  return buildTiles(
    computeReport(records, { ...base, window: current }).team,
    computeReport(records, { ...base, window: previous }).team,
    settings.targets,
    { previousHasData: previousHasData(previous.from, records, keptFrom) },
  );
}

describe('previewTiles', () => {
  it.each<[string, HoursMode, ReportFilters]>([
    ['no filter, calendar hours', 'calendar', {}],
    ['business hours', 'business', {}],
    ['the chat channel', 'calendar', { channels: ['chat'] }],
    ['a group, business hours', 'business', { groupIds: [TIER1] }],
    ['no group', 'calendar', { groupIds: [null] }],
  ])('are the full report’s tiles with %s', (_name, hours, filters) => {
    const tiles = previewTiles(columns, options(hours, filters));
    expect(tiles).toStrictEqual(reportTiles(hours, filters));
    expect(tiles!.find((tile) => tile.key === 'created')!.value).toBeGreaterThan(0);
  });

  it('say the previous period has no data when the history kept starts after it', () => {
    const keptFrom = current.from;
    const tiles = previewTiles(columns, options('calendar', {}, keptFrom))!;
    expect(tiles).toStrictEqual(reportTiles('calendar', {}, keptFrom));
    expect(tiles.find((tile) => tile.key === 'created')!.noComparison).toBe('no_data');
  });

  it('are none for a filter that matches nothing, as the report shows none', () => {
    expect(previewTiles(columns, options('calendar', { channels: ['fax'] }))).toBeNull();
  });

  it('are none for columns the engine cannot read', () => {
    const damaged = { ...columns, statuses: columns.statuses.map(() => 200) };
    expect(previewTiles(damaged, options('calendar', {}))).toBeNull();
  });
});
