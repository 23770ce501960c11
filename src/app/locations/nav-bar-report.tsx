import { Button } from '@zendeskgarden/react-buttons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { drillTicketsCsv, scorecardsExportCsv } from '../../format/report-csv';
import { computeReport, ticketsInPlay, type ReportOptions } from '../../metrics/compute-report';
import { ticketsBehind, type DrillRow } from '../../metrics/drill-down';
import { formatCalendarDate } from '../../metrics/calendar-date';
import type { CreditMode } from '../../metrics/ticket-timeline';
import { localDate } from '../../metrics/time-zone';
import type { AgentScorecard } from '../../metrics/report-types';
import { WindowError } from '../../metrics/report-window';
import type { HoursMode, ReportFilters } from '../../metrics/settings';
import { surveyFieldIds } from '../../metrics/survey-scores';
import type { TicketRecord } from '../../metrics/ticket-record';
import { userNames } from '../../zendesk/response-dataset';
import { isManager, readSettings, viewerScope, visibleAgentIds } from '../app-settings';
import { useAppText } from '../components/app-context';
import { ProblemNotice } from '../components/problem-notice';
import { PullProgressBar } from '../components/pull-progress';
import { useAccountData } from '../data/use-account-data';
import { useSummaryPublish } from '../data/use-summary-publish';
import { useReportLookups } from '../data/report-lookups';
import { downloadCsv } from '../report/csv-download';
import { DrillDownPanel } from '../report/drill-down-panel';
import { KpiTile, type TilePending } from '../report/kpi-tile';
import { buildTiles, previousHasData, type TileModel } from '../report/kpi-tiles-model';
import { previewTiles } from '../report/preview-tiles';
import { dateLabeller, needsYear } from '../report/chart-axis';
import { ReportCharts } from '../report/report-charts';
import { agentPageAllowed, AgentPageSection, useAgentPageChoice } from '../report/agent-page';
import { VoiceOfCustomer } from '../report/voice-of-customer';
import { WorkViews } from '../report/work-views';
import { agentsVisibleTo, dataNow, slaDailyVisibleTo } from '../report/work-views-model';
import { browserStorage, loadPreferences, preferencesKey, savePreferences } from '../report/report-preferences';
import { CreditNote, creditFallback } from '../report/credit-note';
import { drillMetricName, SlaSection, slaPending, slaUnavailable } from '../report/sla-section';
import { StreamNotice } from '../report/stream-notice';
import { intlLocale } from '../i18n/translator';
import {
  FILTER_KEYS,
  NO_FILTER,
  NONE_VALUE,
  ReportControls,
  type FilterOption,
  type FilterState,
} from '../report/report-controls';
import { historyStart, periodFor, type RangeChoice } from '../report/report-period';
import { SCORECARD_COLUMNS, SLA_COLUMNS } from '../report/scorecard-model';
import { ScorecardTable, type DrillTarget } from '../report/scorecard-table';
import type { ZafSession } from '../zaf/zaf-session';

const DEFAULT_RANGE: RangeChoice = { preset: 'last30' };
const NO_FILTERS: FilterState = {
  group: NO_FILTER,
  brand: NO_FILTER,
  channel: NO_FILTER,
  type: NO_FILTER,
  priority: NO_FILTER,
};

function filterValue(value: string, numeric: boolean): (string | number | null)[] | undefined {
  if (value === NO_FILTER) return undefined;
  if (value === NONE_VALUE) return [null];
  return [numeric ? Number(value) : value];
}

/** Distinct values of each filter dimension, for the filter menus; one pass over the tickets. */
function filterOptions(
  tickets: readonly TicketRecord[],
  groupNames: ReadonlyMap<number, string>,
  noneLabel: string,
  label: (kind: string, value: string) => string,
  brandNames: ReadonlyMap<number, string> | null = null,
) {
  const seen = {
    group: new Set<number | null>(),
    brand: new Set<number | null>(),
    channel: new Set<string | null>(),
    type: new Set<string | null>(),
    priority: new Set<string | null>(),
  };
  for (const ticket of tickets) {
    seen.group.add(ticket.groupId);
    seen.brand.add(ticket.brandId);
    seen.channel.add(ticket.channel);
    seen.type.add(ticket.type);
    seen.priority.add(ticket.priority);
  }
  const options = (values: Set<string | number | null>, name: (value: string | number) => string): FilterOption[] =>
    [...values]
      .map((value) =>
        value === null ? { value: NONE_VALUE, label: noneLabel } : { value: String(value), label: name(value) },
      )
      .sort((a, b) => a.label.localeCompare(b.label));
  return {
    group: options(seen.group, (id) => groupNames.get(Number(id)) ?? `#${id}`),
    brand: options(seen.brand, (id) => brandNames?.get(Number(id)) ?? `#${id}`),
    channel: options(seen.channel, (value) => label('channel', String(value))),
    type: options(seen.type, (value) => label('type', String(value))),
    priority: options(seen.priority, (value) => label('priority', String(value))),
  } satisfies Record<keyof FilterState, FilterOption[]>;
}

export function NavBarReport({ session }: { session: ZafSession }) {
  const { t, format, valueName, locale } = useAppText();
  const settings = useMemo(() => readSettings(session.settings), [session.settings]);
  const manager = isManager(session.user.role, settings);
  const timeZone = session.user.timeZone ?? 'UTC';
  // The last visit's choices, this user's own (two agents can share a browser).
  const storageKey = preferencesKey(session.context.account.subdomain, session.user.id);
  const [saved] = useState(() => loadPreferences(browserStorage(), storageKey));
  const [range, setRange] = useState<RangeChoice>(saved?.range ?? DEFAULT_RANGE);
  // The default period first, then the one before it (for each tile's change), then the rest.
  const [recentFrom] = useState(() => {
    const { current, previous } = periodFor(DEFAULT_RANGE, timeZone, Date.now());
    return [Math.floor(current.from / 1000), Math.floor(previous.from / 1000)];
  });
  // The history read and kept (history_days), fixed for the visit: a start moving while the report
  // is open would read the cache afresh.
  const [history] = useState(() => historyStart(settings.historyDays, timeZone, Date.now()));
  const historyFrom = history.from;
  const data = useAccountData(session, recentFrom, {
    fieldIds: [...surveyFieldIds(settings.surveys)],
    historyFrom,
  });
  // An admin's whole load publishes the team summary the agents' sidebars read (hourly at most).
  useSummaryPublish(session, data.dataset?.tickets ?? null, data.wholeSince === 0 && !data.readingTickets);
  const lookups = useReportLookups(session);
  const [filters, setFilters] = useState<FilterState>(saved?.filters ?? NO_FILTERS);
  const [hours, setHours] = useState<HoursMode>(saved?.hours ?? 'calendar');
  // Undefined: the contract's default for the data (to the actor when there are ticket events).
  const [credit, setCredit] = useState<CreditMode | undefined>(saved?.credit);
  useEffect(
    () => savePreferences(browserStorage(), storageKey, { range, filters, hours, ...(credit ? { credit } : {}) }),
    [storageKey, range, filters, hours, credit],
  );
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const agentPage = useAgentPageChoice();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const tickets = useMemo(() => data.dataset?.tickets ?? [], [data.dataset]);
  const groupNames = useMemo(() => {
    const names = new Map<number, string>();
    for (const [id, group] of data.dataset?.groups ?? []) names.set(id, group.name ?? `#${id}`);
    return names;
  }, [data.dataset]);
  const agentNames = useMemo(() => userNames(data.dataset?.users ?? new Map()), [data.dataset]);
  const nameOfId = useCallback(
    (id: number | null) =>
      id === null ? t('report.unassigned') : (agentNames.get(id) ?? t('report.unknown_user', { id })),
    [agentNames, t],
  );
  const nameOf = useCallback((agent: AgentScorecard) => nameOfId(agent.id), [nameOfId]);

  const options = useMemo(
    () => filterOptions(tickets, groupNames, t('report.none'), valueName, lookups.brandNames),
    [tickets, groupNames, t, valueName, lookups.brandNames],
  );

  const { period, rangeError } = useMemo(() => {
    try {
      return { period: periodFor(range, timeZone, now), rangeError: null };
    } catch (error) {
      // The period stays computable for the hooks below, but nothing of it is shown while the range is wrong.
      if (error instanceof WindowError)
        return { period: periodFor(DEFAULT_RANGE, timeZone, now), rangeError: t('report.controls.range_error') };
      throw error;
    }
  }, [range, timeZone, now, t]);

  const reportFilters: ReportFilters = useMemo(
    () => ({
      groupIds: filterValue(filters.group, true) as (number | null)[] | undefined,
      brandIds: filterValue(filters.brand, true) as (number | null)[] | undefined,
      channels: filterValue(filters.channel, false) as (string | null)[] | undefined,
      types: filterValue(filters.type, false) as (string | null)[] | undefined,
      priorities: filterValue(filters.priority, false) as (string | null)[] | undefined,
    }),
    [filters],
  );
  const baseOptions: Omit<ReportOptions, 'window'> = useMemo(
    () => ({
      hours,
      escalation: settings.escalation,
      filters: reportFilters,
      agentNames,
      surveys: settings.surveys,
      ...(manager && credit ? { credit } : {}),
      ...(data.timelines ? { timelines: data.timelines } : {}),
    }),
    [hours, settings.escalation, settings.surveys, reportFilters, agentNames, manager, credit, data.timelines],
  );
  // Kept per period, so that a filter or hours change goes over a period's tickets, not the history.
  const currentTickets = useMemo(
    () => ticketsInPlay(tickets, period.current, data.timelines, true),
    [tickets, period, data.timelines],
  );
  const previousTickets = useMemo(
    () => ticketsInPlay(tickets, period.previous, data.timelines),
    [tickets, period, data.timelines],
  );
  // The backlog's "now" is the data's latest instant, as the CLI takes it (METRICS.md, Version 3).
  const dataInstant = useMemo(() => dataNow(tickets), [tickets]);
  const viewOptions = useMemo(
    () => (dataInstant === null ? null : { ...baseOptions, window: period.current, now: dataInstant }),
    [baseOptions, period, dataInstant],
  );
  const report = useMemo(
    () =>
      computeReport(currentTickets, {
        ...baseOptions,
        window: period.current,
        extras: true,
        voice: true,
        ...(dataInstant === null ? {} : { now: dataInstant }),
      }),
    [currentTickets, baseOptions, period, dataInstant],
  );
  const previous = useMemo(
    () => computeReport(previousTickets, { ...baseOptions, window: period.previous }),
    [previousTickets, baseOptions, period],
  );
  // A first load reads this period, then the one before, then the rest (the backlog counts every
  // unsolved ticket, however old); until a part is in, the tiles say so rather than mislead.
  const wholeFrom = (instant: number) => data.wholeSince !== null && data.wholeSince <= Math.floor(instant / 1000);
  const periodWhole = wholeFrom(period.current.from);
  const previousWhole = wholeFrom(period.previous.from);
  const pendingFor = (tile: TileModel): TilePending => {
    if (tile.key === 'backlog') return data.wholeSince === 0 ? null : 'history';
    return !periodWhole ? 'period' : !previousWhole ? 'previous' : null;
  };
  // Once for the tiles and the SLA section: it goes over every ticket read.
  const previousReached = useMemo(
    () => previousHasData(period.previous.from, tickets, historyFrom * 1000),
    [period, tickets, historyFrom],
  );
  const tiles = useMemo(
    () =>
      buildTiles(report.team, previousWhole ? previous.team : null, settings.targets, {
        previousHasData: previousReached,
      }),
    [report, previous, previousWhole, settings.targets, previousReached],
  );
  const filtered = FILTER_KEYS.some((key) => filters[key] !== NO_FILTER);
  // Until the cached records are built, the tiles straight from the cached columns.
  const preview = data.dataset === null ? data.preview : null;
  const shownFirst = useMemo(
    () =>
      preview === null
        ? null
        : previewTiles(preview, {
            current: period.current,
            previous: period.previous,
            hours,
            escalation: settings.escalation,
            filters: reportFilters,
            targets: settings.targets,
            keptFrom: historyFrom * 1000,
            filtered,
          }),
    [preview, period, hours, settings.escalation, settings.targets, reportFilters, historyFrom, filtered],
  );
  // A manager sees every scorecard, a team lead their groups' agents', anyone else their own only.
  const viewer = useMemo(() => viewerScope(session.user, settings), [session.user, settings]);
  const visible = useMemo(() => visibleAgentIds(viewer, session.user.id, tickets), [viewer, session.user.id, tickets]);
  const visibleAgents = agentsVisibleTo(report.agents, visible);

  const openTicket = (id: number) => void session.client.invoke('routeTo', 'ticket', id);
  const openTile = (tile: TileModel) => {
    const column = SCORECARD_COLUMNS.find((candidate) => candidate.metric === tile.metric)!;
    setDrill({ column, scope: { kind: 'team' } });
  };
  const scopeRows = useMemo(() => {
    if (!drill) return [];
    const scope =
      drill.scope.kind === 'team' ? ({ kind: 'team' } as const) : ({ kind: 'agent', id: drill.scope.id } as const);
    return ticketsBehind(
      currentTickets,
      { ...baseOptions, window: period.current },
      drill.column.metric,
      scope,
      drill.focus,
    );
  }, [drill, currentTickets, baseOptions, period]);
  // A non-manager's list and export hold only the tickets of agents whose scorecards they may see (a
  // lead's agents, anyone else's own), with the team's counts beside them: the team's tickets with each
  // assignee and value would rebuild any colleague's scorecard.
  const drillRows = useMemo(
    () =>
      visible === 'all'
        ? scopeRows
        : scopeRows.filter((row) => row.ticket.assigneeId !== null && visible.has(row.ticket.assigneeId)),
    [visible, scopeRows],
  );
  const seesOthers = visible === 'all' || visible.size > 1;
  const teamCounts =
    visible === 'all' || drill?.scope.kind !== 'team'
      ? null
      : {
          total: scopeRows.length,
          counted: scopeRows.some((row) => row.counted !== null) ? scopeRows.filter((row) => row.counted).length : null,
        };

  const filterLabels = FILTER_KEYS.filter((key) => filters[key] !== NO_FILTER).map((key) => {
    const option = options[key].find((candidate) => candidate.value === filters[key]);
    return `${key}=${option?.label ?? filters[key]}`;
  });
  const firstDay = report.daily[0]?.date ?? '';
  const lastDay = report.daily.at(-1)?.date ?? '';
  const exportScorecards = () =>
    downloadCsv(
      `support-kpis-scorecards-${firstDay}-${lastDay}-${hours}${report.credit ? `-${report.credit}` : ''}${
        filterLabels.length > 0 ? '-filtered' : ''
      }.csv`,
      scorecardsExportCsv(
        { team: report.team, agents: visibleAgents },
        {
          from: firstDay,
          to: lastDay,
          timeZone,
          hours,
          credit: report.credit ?? null,
          filters: filterLabels,
        },
        (id) => nameOfId(id),
      ),
    );
  // In the order the list shows; every row of a non-manager's export is their own, so no assignee columns.
  const exportDrill = async (rowsInOrder: DrillRow[]) => {
    if (!drill) return;
    // Every row's subject, not only the page on screen's; a failed read writes them empty.
    const subjects = await lookups.subjects.read(rowsInOrder.map((row) => row.ticket.id)).catch(() => null);
    const csv = drillTicketsCsv(
      rowsInOrder.map((row) => ({
        ticketId: row.ticket.id,
        subject: subjects?.get(row.ticket.id) ?? null,
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
      drill.column.kind === 'duration',
      seesOthers ? (id) => nameOfId(id) : null,
    );
    downloadCsv(`support-kpis-${drill.column.key}-tickets-${firstDay}-${lastDay}.csv`, csv);
  };
  const noMatch =
    filtered && tickets.length > 0 && report.team.created + report.team.solved + report.team.backlog === 0;
  const today = formatCalendarDate(localDate(now, timeZone));
  const chartDate = dateLabeller(intlLocale(locale), report.daily.length > 0 && needsYear(firstDay, lastDay, today));
  // The breaches per agent per day show the agents whose scorecards the viewer sees: a manager
  // every agent, a team lead their groups' agents, anyone else their own row.
  const slaReport = useMemo(() => slaDailyVisibleTo(report, visible), [visible, report]);
  const openBreaches = (agentId: number | null, date: string | null) =>
    setDrill({
      column: SLA_COLUMNS.find((column) => column.key === 'sla_breached')!,
      scope: { kind: 'agent', id: agentId, name: nameOfId(agentId) },
      ...(date ? { focus: { day: date } } : {}),
    });
  // Also the breaches-per-day chart's, whose bars are the team's for everyone: a non-manager's
  // list then holds their own tickets of that day beside the team's counts, as a tile's does.
  const openTeamBreaches = (date: string | null) =>
    setDrill({
      column: SLA_COLUMNS.find((column) => column.key === 'sla_breached')!,
      scope: { kind: 'team' },
      ...(date ? { focus: { day: date } } : {}),
    });
  const openSlaTile = (slaMetric: string) =>
    setDrill({
      column: SLA_COLUMNS.find((column) => column.key === 'sla')!,
      scope: { kind: 'team' },
      ...(slaMetric === 'all' ? {} : { focus: { slaMetric } }),
    });
  const viewerIsAdmin = session.user.role === 'admin';
  // Until the ticket events are whole, a backlog drawn from their status history is not final.
  const eventsPending = data.streams.events.status === 'waiting' || data.streams.events.status === 'loading';

  const noData = data.dataset === null;
  useEffect(() => {
    // For the benchmark: when the first real number reaches the screen.
    const firstNumber = report.team.created > 0 || shownFirst?.some((tile) => tile.key === 'created' && tile.value);
    if (firstNumber && performance.getEntriesByName('support-kpis:first-number').length === 0)
      performance.mark('support-kpis:first-number');
    // When every number of the period on screen (but the backlog) is whole: the benchmark's second mark.
    if (
      periodWhole &&
      report.team.created > 0 &&
      performance.getEntriesByName('support-kpis:period-whole').length === 0
    )
      performance.mark('support-kpis:period-whole');
  }, [report, periodWhole, shownFirst]);
  const age = data.updatedAt === null ? null : Math.max(0, (now - data.updatedAt) / 60_000);
  return (
    <main className="report" aria-busy={data.loading}>
      <header className="report-header">
        <h1>{t('report.title')}</h1>
        <p className="report-meta">
          {[
            age !== null ? t('report.updated', { when: format.relativeMinutes(age) }) : null,
            data.loading && !noData ? t('report.refreshing') : null,
            viewer.kind === 'all' ? null : t(viewer.kind === 'groups' ? 'report.groups_only' : 'report.own_only'),
            // The agent path reads through search, which gives only what this user may see in Zendesk.
            data.mode === 'agent' ? t('report.visible_only') : null,
            data.deletions?.unseen.includes('deleted-solved-tickets') ? t('report.deletions_unseen') : null,
          ]
            .filter((part): part is string => part !== null)
            .join(' · ')}
        </p>
        <Button size="small" onClick={data.refresh} disabled={data.loading}>
          {t('report.refresh')}
        </Button>
        <Button size="small" onClick={exportScorecards} disabled={noData}>
          {t('report.export_scorecards')}
        </Button>
      </header>
      <ReportControls
        range={range}
        onRange={setRange}
        filters={filters}
        onFilters={setFilters}
        options={options}
        hours={hours}
        onHours={setHours}
        rangeError={rangeError}
        credit={manager ? { value: credit ?? report.credit ?? 'assignee', onChange: setCredit } : null}
      />
      {/* Only while what is on screen is not whole yet: a refresh of a whole report (every minute)
          says "Refreshing…" in the header instead, so the page does not move under the reader. */}
      {data.loading && (noData || data.wholeSince !== 0) && !shownFirst && <PullProgressBar progress={data.progress} />}
      {data.problem && <ProblemNotice problem={data.problem} onRetry={data.retry} hasData={!noData} />}
      <StreamNotice data={data} />
      {settings.problems.length > 0 && (
        <p className="settings-problem">{t('report.settings_problem', { keys: settings.problems.join(', ') })}</p>
      )}
      {noData && shownFirst && !rangeError && (
        <>
          <p className="preview-rest" role="status">
            {t('report.preview_rest')}
          </p>
          <section aria-label={t('report.kpis')} className="kpi-grid">
            {shownFirst.map((tile) => (
              <KpiTile key={tile.key} tile={tile} onOpen={() => openTile(tile)} pending={null} />
            ))}
          </section>
        </>
      )}
      {!noData && rangeError && <p className="range-hidden">{t('report.range_hidden')}</p>}
      {!noData && !rangeError && period.current.from < historyFrom * 1000 && (
        <p className="history-bound" data-testid="history-bound">
          {t('report.history_bound', { date: format.dateWithYear(history.date) })}
        </p>
      )}
      {!noData && !rangeError && noMatch && (
        <div className="no-match" role="status">
          <p>{t('report.no_match.text')}</p>
          <Button size="small" onClick={() => setFilters(NO_FILTERS)}>
            {t('report.no_match.clear')}
          </Button>
        </div>
      )}
      {!noData && !rangeError && !noMatch && (
        <>
          <section aria-label={t('report.kpis')} className="kpi-grid">
            {tiles.map((tile) => (
              <KpiTile key={tile.key} tile={tile} onOpen={() => openTile(tile)} pending={pendingFor(tile)} />
            ))}
          </section>
          {drill && (
            <DrillDownPanel
              title={t('report.drill.title', {
                metric: drillMetricName(t, t(drill.column.label), drill.focus, chartDate),
                who:
                  drill.scope.kind !== 'team'
                    ? drill.scope.name
                    : manager
                      ? t('report.scorecard.team')
                      : seesOthers
                        ? t('report.drill.your_agents')
                        : t('report.drill.yours'),
              })}
              rows={drillRows}
              teamCounts={teamCounts}
              showAssignee={seesOthers}
              valueKind={drill.column.kind}
              timeZone={timeZone}
              nameOf={nameOfId}
              onOpenTicket={openTicket}
              onExport={(rows) => void exportDrill(rows)}
              subjects={lookups.subjects}
              onClose={() => setDrill(null)}
            />
          )}
          <ReportCharts
            report={report}
            groupNames={groupNames}
            today={today}
            onOpenSlaDay={openTeamBreaches}
            eventsPending={eventsPending}
          />
          {viewOptions && (
            <WorkViews
              report={report}
              tickets={currentTickets}
              options={viewOptions}
              visible={visible}
              timeZone={timeZone}
              nameOf={nameOfId}
              groupNames={groupNames}
              today={today}
              onOpenTicket={openTicket}
              eventsPending={eventsPending}
              subjects={lookups.subjects}
            />
          )}
          <VoiceOfCustomer
            report={report}
            tickets={currentTickets}
            options={{ ...baseOptions, window: period.current }}
            visible={visible}
            canSetSettings={viewerIsAdmin}
            today={today}
            timeZone={timeZone}
            nameOf={nameOfId}
            onOpenTicket={openTicket}
            subjects={lookups.subjects}
          />
          <section aria-labelledby="scorecards-title">
            <h2 id="scorecards-title">{t('report.scorecard.title')}</h2>
            <CreditNote
              fallback={creditFallback(report.credit, baseOptions.timelines, viewerIsAdmin, currentTickets)}
            />
            <ScorecardTable
              team={report.team}
              agents={visibleAgents}
              nameOf={nameOf}
              onDrill={setDrill}
              onOpenAgent={{ allowed: (id) => agentPageAllowed(visible, session.user.id, id), open: agentPage.open }}
            />
            <p className="legend">{t('report.scorecard.legend')}</p>
          </section>
          <AgentPageSection
            tickets={currentTickets}
            options={{ ...baseOptions, window: period.current }}
            agents={visibleAgents.map((agent) => agent.id)}
            visible={visible}
            selfId={session.user.id}
            timeZone={timeZone}
            nameOf={nameOfId}
            onOpenTicket={openTicket}
            choice={agentPage}
          />
          <SlaSection
            report={slaReport}
            target={settings.targets.sla}
            previous={previousWhole ? previous : null}
            previousHasData={previousReached}
            unavailable={slaUnavailable(report, data.streams.sla)}
            pending={!periodWhole || slaPending(data.streams.sla) ? 'period' : !previousWhole ? 'previous' : null}
            nameOf={nameOfId}
            dateLabel={chartDate}
            onOpenTile={openSlaTile}
            onOpenCell={openBreaches}
            {...(manager ? { onOpenTeamDay: openTeamBreaches } : {})}
          />
        </>
      )}
      {!noData && !data.loading && tickets.length === 0 && <p>{t('report.empty')}</p>}
    </main>
  );
}
