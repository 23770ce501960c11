import { useMemo, useState } from 'react';
import { drillTicketsCsv } from '../../format/report-csv';
import type { ReportOptions } from '../../metrics/compute-report';
import { workViewTicketsBehind, type DrillRow, type WorkViewFocus } from '../../metrics/drill-down';
import type { Report } from '../../metrics/report-types';
import type { TicketRecord } from '../../metrics/ticket-record';
import { useAppText } from '../components/app-context';
import { ArrivalsGrid } from './arrivals-grid';
import { BacklogHealthSection } from './backlog-health-section';
import { downloadCsv } from './csv-download';
import { DrillDownPanel, type SubjectSource } from './drill-down-panel';
import { VolumeCharts } from './volume-charts';
import { rowsVisibleTo } from './work-views-model';

/** A work view's number opened: what it is called, which tickets, and what their value is. */
export interface ViewDrill {
  /** The drill-down's title, and the slug of its export's file name. */
  label: string;
  slug: string;
  foci: WorkViewFocus[];
  valueKind: 'duration' | 'count';
}

/**
 * Backlog health, arrivals and volume (METRICS.md, Version 3), with the tickets behind each of
 * their numbers in a drill-down of their own, under the same rule as the tiles': someone who does
 * not see every scorecard gets the tickets of the agents they see, with the team's count beside.
 */
export function WorkViews({
  report,
  tickets,
  options,
  visible,
  timeZone,
  nameOf,
  groupNames,
  today,
  onOpenTicket,
  eventsPending = false,
  subjects,
}: {
  report: Report;
  /** The tickets the report was computed from (the drill-downs read the same ones). */
  tickets: readonly TicketRecord[];
  options: ReportOptions & { now: number };
  visible: 'all' | ReadonlySet<number>;
  timeZone: string;
  nameOf: (id: number | null) => string;
  groupNames: ReadonlyMap<number, string>;
  today: string;
  onOpenTicket: (id: number) => void;
  /** The ticket events are still being read (the backlog's history is not final yet). */
  eventsPending?: boolean;
  /** The report's subject reader (the drill-down's): the oldest tickets are listed with their subjects. */
  subjects?: SubjectSource;
}) {
  const { t } = useAppText();
  const [drill, setDrill] = useState<ViewDrill | null>(null);
  const seesOthers = visible === 'all' || visible.size > 1;
  const teamRows = useMemo(() => {
    if (!drill) return [];
    const seen = new Set<number>();
    const rows: DrillRow[] = [];
    // Several foci (the chart's "other") may not overlap, but a ticket is listed once whatever they are.
    for (const focus of drill.foci)
      for (const row of workViewTicketsBehind(tickets, options, focus))
        if (!seen.has(row.ticket.id)) {
          seen.add(row.ticket.id);
          rows.push(row);
        }
    return rows;
  }, [drill, tickets, options]);
  const rows = useMemo(() => rowsVisibleTo(teamRows, visible), [teamRows, visible]);
  if (!report.backlog_health || !report.arrivals || !report.volume) return null;
  const exportRows = (rowsInOrder: DrillRow[]) => {
    if (!drill) return;
    const csv = drillTicketsCsv(
      rowsInOrder.map((row) => ({
        ticketId: row.ticket.id,
        createdAt: row.ticket.createdAt,
        status: row.ticket.status,
        assigneeId: row.ticket.assigneeId,
        groupName:
          row.ticket.groupId === null ? null : (groupNames.get(row.ticket.groupId) ?? `#${row.ticket.groupId}`),
        channel: row.ticket.channel,
        value: row.value,
        counted: row.counted,
      })),
      timeZone,
      drill.valueKind === 'duration',
      seesOthers ? (id) => nameOf(id) : null,
    );
    const days = report.daily;
    downloadCsv(`support-kpis-${drill.slug}-tickets-${days[0]?.date ?? ''}-${days.at(-1)?.date ?? ''}.csv`, csv);
  };
  const panel = drill && (
    <DrillDownPanel
      title={t('report.drill.title', {
        metric: drill.label,
        who:
          visible === 'all'
            ? t('report.scorecard.team')
            : seesOthers
              ? t('report.drill.your_agents')
              : t('report.drill.yours'),
      })}
      rows={rows}
      teamCounts={visible === 'all' ? null : { total: teamRows.length, counted: null }}
      showAssignee={seesOthers}
      valueKind={drill.valueKind}
      timeZone={timeZone}
      nameOf={nameOf}
      onOpenTicket={onOpenTicket}
      onExport={exportRows}
      subjects={subjects}
      onClose={() => setDrill(null)}
    />
  );
  return (
    <div className="work-views">
      <BacklogHealthSection
        health={report.backlog_health}
        hours={report.hours}
        timeZone={timeZone}
        showAssignee={seesOthers}
        nameOf={nameOf}
        groupNames={groupNames}
        onOpen={setDrill}
        onOpenTicket={onOpenTicket}
        eventsPending={eventsPending}
        subjects={subjects}
      />
      {panel && drill.slug.startsWith('backlog') && panel}
      <ArrivalsGrid arrivals={report.arrivals} timeZone={timeZone} onOpen={setDrill} />
      {panel && drill.slug.startsWith('arrivals') && panel}
      <VolumeCharts volume={report.volume} today={today} onOpen={setDrill} />
      {panel && drill.slug.startsWith('volume') && panel}
    </div>
  );
}
