import { Anchor } from '@zendeskgarden/react-buttons';
import { Field, Label, Select } from '@zendeskgarden/react-forms';
import { Dots } from '@zendeskgarden/react-loaders';
import { getColor, type IGardenTheme } from '@zendeskgarden/react-theming';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTheme } from 'styled-components';
import type { Comparison } from '../../metrics/agent-comparison';
import { EscalationRule } from '../../metrics/escalation';
import { isSolved } from '../../metrics/ticket-record';
import type { SnapshotStore } from '../../zendesk/account-snapshot';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import type { TicketSla } from '../../zendesk/ticket-detail';
import { ZafTransport } from '../../zendesk/browser/zaf-transport';
import { readSettings } from '../app-settings';
import { useAppText } from '../components/app-context';
import { ProblemNotice } from '../components/problem-notice';
import { myComparison, statsKey, statsStore, teamSourceNote, useMyStatsData } from '../data/use-my-stats';
import { useTicketDetail } from '../data/use-ticket-detail';
import { slaMetricLabel } from '../report/sla-names';
import type { ZafSession } from '../zaf/zaf-session';

const RATE_METRICS = new Set(['fcr', 'csat', 'escalation', 'reopen']);

function ComparisonRow({ row }: { row: Comparison }) {
  const { t, format } = useAppText();
  const show = (value: number | null) =>
    row.metric === 'solved'
      ? format.number(value, 0)
      : RATE_METRICS.has(row.metric)
        ? format.percent(value)
        : format.duration(value);
  // Level (within the comparison rule's gap) gets no mark, as in the report's scorecards: a mark on
  // every row would make a small gap look like news. Screen readers still hear the standing.
  const arrow = row.standing === 'ahead' ? '▲' : row.standing === 'behind' ? '▼' : '';
  return (
    <tr className={row.standing ? `standing-${row.standing}` : undefined}>
      <th scope="row">{t(`sidebar.metrics.${row.metric}`)}</th>
      <td data-testid={`mine-${row.metric}`}>{show(row.mine)}</td>
      <td>{show(row.teamMedian)}</td>
      <td>
        <span aria-hidden="true">{arrow}</span>
        <span className="visually-hidden">{row.standing ? t(`sidebar.standing.${row.standing}`) : ''}</span>
      </td>
    </tr>
  );
}

/** Now (epoch ms), rendered again every 30 seconds while `ticking`. */
function useClock(ticking: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 30_000);
    return () => clearInterval(timer);
  }, [ticking]);
  return Date.now();
}

/** One SLA of this ticket by its own name: time left, overdue (in the danger colour), met, breached or paused. */
function SlaFact({ sla, now }: { sla: TicketSla; now: number }) {
  const { t, format } = useAppText();
  const theme = useTheme() as IGardenTheme;
  const danger = getColor({ theme, variable: 'foreground.danger' });
  const name = slaMetricLabel(t, sla.metric);
  const minutes = sla.dueAt === null ? null : (sla.dueAt - now) / 60_000;
  const overdue = sla.state === 'active' && minutes !== null && minutes <= 0;
  const missed = overdue || sla.state === 'breached';
  const text =
    sla.state === 'achieved'
      ? t('sidebar.sla_met')
      : sla.state === 'breached'
        ? t('sidebar.sla_breached')
        : sla.state === 'paused'
          ? t('sidebar.sla_paused')
          : minutes === null
            ? t('sidebar.sla_running')
            : overdue
              ? t('sidebar.sla_overdue', { time: format.duration(-minutes) })
              : t('sidebar.sla_left', { time: format.duration(minutes) });
  return (
    <>
      <dt>{name}</dt>
      <dd data-sla={sla.metric} data-state={overdue ? 'overdue' : sla.state}>
        {missed ? (
          <strong className="sla-missed" style={{ color: danger }}>
            <span aria-hidden="true">⚠ </span>
            {text}
          </strong>
        ) : (
          text
        )}
        {sla.earlierBreaches > 0 && (
          <span className="meta"> · {t('sidebar.sla_earlier', { count: sla.earlierBreaches })}</span>
        )}
      </dd>
    </>
  );
}

/** Minutes since an instant (negative before it), read from the clock at each render and every 30 seconds. */
function useMinutesSince(since: number | null): number | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 30_000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? null : (Date.now() - since) / 60_000;
}

export function TicketSidebar({ session, store: givenStore }: { session: ZafSession; store?: SnapshotStore }) {
  // One store for the pane's life: a new one per render would re-run the stats load on every render.
  const [store] = useState(() => givenStore ?? statsStore());
  const { t, format } = useAppText();
  const settings = useMemo(() => readSettings(session.settings), [session.settings]);
  const timeZone = session.user.timeZone ?? 'UTC';
  const [days, setDays] = useState<7 | 30>(7);
  const ticketId = session.context.ticketId ?? null;
  const root = useRef<HTMLDivElement>(null);

  const scheduler = useMemo(() => {
    const key = statsKey(session);
    return new RequestScheduler(new ZafTransport(session.client, key), { rules: appRules(), concurrency: 2 });
  }, [session]);
  const stats = useMyStatsData(session, scheduler, settings.statsTtlMinutes, store);
  const ticket = useTicketDetail(scheduler, ticketId);
  const { retry: reloadTicket } = ticket;
  const { retry: reloadStats } = stats;

  useEffect(() => {
    const onUpdated = reloadTicket;
    const onActivated = reloadStats;
    session.client.on('ticket.updated', onUpdated);
    session.client.on('pane.activated', onActivated);
    return () => {
      session.client.off('ticket.updated', onUpdated);
      session.client.off('pane.activated', onActivated);
    };
  }, [session, reloadTicket, reloadStats]);

  // The pane is as tall as its content, no more, no less.
  useLayoutEffect(() => {
    const element = root.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      // The whole document, padding included: the pane must show the last line, not cut it.
      void session.client.invoke('resize', { height: `${Math.ceil(document.documentElement.scrollHeight)}px` });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [session]);

  const { tickets: myTickets, names, team } = stats;
  const comparison = useMemo(
    () => myComparison({ tickets: myTickets, names, team }, days, timeZone, settings.escalation, session.user.id),
    [myTickets, names, team, days, timeZone, settings.escalation, session.user.id],
  );

  useEffect(() => {
    if (comparison && performance.getEntriesByName('support-kpis:first-number').length === 0)
      performance.mark('support-kpis:first-number');
  }, [comparison]);

  const record = ticket.detail?.record ?? null;
  const unreplied = record !== null && record.replyTimeCalendar === null && !isSolved(record.status);
  const waiting = useMinutesSince(unreplied ? record.createdAt : null);
  const escalated = record ? new EscalationRule(settings.escalation).isEscalated(record) : false;
  const slas = ticket.detail?.slas ?? [];
  // Time left and overdue move with the clock while the pane stays open.
  const now = useClock(slas.some((sla) => sla.state === 'active' && sla.dueAt !== null));

  // Ticks with the clock, so "Updated N minutes ago" stays true while the pane stays open.
  const statsAge = useMinutesSince(stats.updatedAt);

  const openReport = () => void session.client.invoke('routeTo', 'nav_bar', session.appId ?? 'support-kpis');

  return (
    <div ref={root} className="sidebar">
      <section aria-labelledby="my-stats">
        <header className="sidebar-header">
          <h2 id="my-stats">{t('sidebar.my_stats')}</h2>
          <Field>
            <Label hidden>{t('sidebar.period')}</Label>
            <Select isCompact value={days} onChange={(event) => setDays(Number(event.target.value) === 30 ? 30 : 7)}>
              <option value={7}>{t('sidebar.last7')}</option>
              <option value={30}>{t('sidebar.last30')}</option>
            </Select>
          </Field>
        </header>
        {stats.problem && (
          <ProblemNotice problem={stats.problem} onRetry={stats.retry} hasData={stats.tickets !== null} />
        )}
        {stats.loading && stats.tickets === null && (
          <p role="status">
            <Dots size={16} /> {t('sidebar.loading_stats')}
          </p>
        )}
        {comparison && (
          <>
            {comparison.every((row) => row.mine === null || row.mine === 0) && <p>{t('sidebar.no_data')}</p>}
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('sidebar.metric')}</span>
                  </th>
                  <th scope="col">{t('sidebar.me')}</th>
                  <th scope="col">{t('sidebar.team_median')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('sidebar.standing_label')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {comparison.map((row) => (
                  <ComparisonRow key={row.metric} row={row} />
                ))}
              </tbody>
            </table>
            {/* My stats hold no ticket events (agents cannot read them, and the sidebar does not read
                them for admins), so every number is the current assignee's (METRICS.md, Credit). */}
            <p className="meta credit-fallback">
              {t(session.user.role === 'admin' ? 'report.credit.fallback_not_read' : 'report.credit.fallback_role')}
            </p>
            {/* An agent's stats are read through search: only the tickets Zendesk lets this user see. */}
            {session.user.role !== 'admin' && stats.team?.kind !== 'summary' && (
              <p className="meta">{t('sidebar.visible_only')}</p>
            )}
            <p className="meta" data-testid="team-source">
              {teamSourceNote(stats.team, t, format)}
            </p>
            {statsAge !== null && (
              <p className="meta">
                {t('report.updated', { when: format.relativeMinutes(Math.max(0, statsAge)) })}{' '}
                <Anchor onClick={stats.refresh} href="#refresh" aria-disabled={stats.loading}>
                  {t('sidebar.refresh')}
                </Anchor>
              </p>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="this-ticket">
        <h2 id="this-ticket">{t('sidebar.this_ticket')}</h2>
        {ticketId === null && <p>{t('sidebar.no_ticket')}</p>}
        {ticket.problem && <ProblemNotice problem={ticket.problem} onRetry={ticket.retry} hasData={record !== null} />}
        {ticket.loading && record === null && ticketId !== null && (
          <p role="status">
            <Dots size={16} /> {t('sidebar.loading_ticket')}
          </p>
        )}
        {record && (
          <dl className="ticket-facts">
            <dt>{unreplied ? t('sidebar.waiting') : t('sidebar.first_reply')}</dt>
            <dd data-testid="ticket-frt">
              {unreplied ? format.duration(Math.max(0, waiting ?? 0)) : format.duration(record.replyTimeCalendar)}
            </dd>
            <dt>{t('sidebar.replies')}</dt>
            <dd>{format.number(record.replies ?? 0, 0)}</dd>
            <dt>{t('sidebar.reopens')}</dt>
            <dd>{format.number(record.reopens ?? 0, 0)}</dd>
            <dt>{t('sidebar.group_moves')}</dt>
            <dd>{format.number(Math.max(0, (record.groupStations ?? 1) - 1), 0)}</dd>
            <dt>{t('sidebar.assignee_moves')}</dt>
            <dd>{format.number(Math.max(0, (record.assigneeStations ?? 1) - 1), 0)}</dd>
            <dt>{t('sidebar.escalated')}</dt>
            <dd>{escalated ? t('sidebar.yes') : t('sidebar.no')}</dd>
            {slas.map((sla) => (
              <SlaFact key={sla.metric} sla={sla} now={now} />
            ))}
          </dl>
        )}
      </section>
      <p>
        <Anchor onClick={openReport} href="#report">
          {t('sidebar.open_report')}
        </Anchor>
      </p>
    </div>
  );
}
