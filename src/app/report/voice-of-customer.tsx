import { useMemo, useState } from 'react';
import { drillTicketsCsv } from '../../format/report-csv';
import type { ReportOptions } from '../../metrics/compute-report';
import type { DrillRow, DrillScope } from '../../metrics/drill-down';
import type { Report } from '../../metrics/report-types';
import type { TicketRecord } from '../../metrics/ticket-record';
import { voiceTicketsBehind, type SurveyFocus, type VoiceDrillMetric } from '../../metrics/voice-drill-down';
import { useAppText } from '../components/app-context';
import { creditFallback } from './credit-note';
import { downloadCsv } from './csv-download';
import { DrillDownPanel, type SubjectSource } from './drill-down-panel';
import { SurveyScoresSection } from './survey-scores-section';
import { rowsOfAgentsVisibleTo, rowsVisibleTo } from './work-views-model';
import type { RatingRow } from '../../metrics/csat-comments';

/** How many ratings the list shows; the rest are behind the counts' drill-downs and their CSV. */
export const RATINGS_SHOWN = 50;

/**
 * The ratings a viewer may read: all for someone who sees every scorecard, else those credited to
 * an agent they see (a colleague's customers' words are that colleague's scorecard).
 */
export function ratingsVisibleTo(rows: readonly RatingRow[], visible: 'all' | ReadonlySet<number>): RatingRow[] {
  return rowsOfAgentsVisibleTo(rows, visible, (row) => row.agent_id);
}

/**
 * The tickets whose NPS or CES answers the report counts, each once; lazy, so that a credit that
 * needs no count (no ticket events, or credit to the assignee) does not go over the tickets.
 */
function* surveyAnswered(tickets: readonly TicketRecord[], options: ReportOptions): Generator<TicketRecord> {
  const seen = new Set<number>();
  for (const metric of ['nps', 'ces'] as const)
    for (const row of voiceTicketsBehind(tickets, options, metric, { kind: 'team' }))
      if (!seen.has(row.ticket.id)) {
        seen.add(row.ticket.id);
        yield row.ticket;
      }
}

/**
 * The voice of the customer (METRICS.md, Version 4): what the period's ratings said, bad first,
 * how many bad ones the team followed up, and how often customers wrote per solved ticket beside
 * the agents' replies, then NPS and customer effort from the survey fields the settings name.
 * Customers' words are rendered as text, never as markup.
 */
export function VoiceOfCustomer({
  report,
  tickets,
  options,
  visible,
  canSetSettings = false,
  today,
  timeZone,
  nameOf,
  onOpenTicket,
  subjects,
}: {
  report: Report;
  tickets: readonly TicketRecord[];
  options: ReportOptions;
  visible: 'all' | ReadonlySet<number>;
  /** Whether the viewer can change the app's settings (an admin): told which one names the survey fields. */
  canSetSettings?: boolean;
  /** Today in the report's zone, for the trend's dates (default: the period's last day). */
  today?: string;
  timeZone: string;
  nameOf: (id: number | null) => string;
  onOpenTicket: (id: number) => void;
  /** The report's subject reader: the drill-down lists show and sort by subject. */
  subjects?: SubjectSource;
}) {
  const { t, format } = useAppText();
  const [drill, setDrill] = useState<{
    metric: VoiceDrillMetric;
    label: string;
    scope?: DrillScope;
    focus?: SurveyFocus;
  } | null>(null);
  const seesOthers = visible === 'all' || visible.size > 1;
  const teamRows = useMemo(
    () =>
      drill ? voiceTicketsBehind(tickets, options, drill.metric, drill.scope ?? { kind: 'team' }, drill.focus) : [],
    [drill, tickets, options],
  );
  const rows = useMemo(() => rowsVisibleTo(teamRows, visible), [teamRows, visible]);
  // As the scorecards' note says it, over the tickets the survey numbers count; an admin is the
  // only role that can read the ticket events, as the only one that can set the settings.
  const surveyCredit =
    report.nps || report.ces
      ? creditFallback(report.credit, options.timelines, canSetSettings, surveyAnswered(tickets, options))
      : null;
  const comments = report.csat_comments;
  const contacts = report.contacts?.team;
  if (!comments || !contacts) return null;
  const ratings = ratingsVisibleTo(comments.ratings, visible);
  const followUp = comments.bad_follow_up;
  const opener = (metric: VoiceDrillMetric, label: string, shown: string, count: number, testId: string) => (
    <button
      type="button"
      className="cell-button view-count"
      data-testid={testId}
      aria-label={t('work_views.open_count', { what: label, count })}
      onClick={() => setDrill({ metric, label })}
    >
      {shown}
    </button>
  );
  const exportRows = (rowsInOrder: DrillRow[]) => {
    if (!drill) return;
    const csv = drillTicketsCsv(
      rowsInOrder.map((row) => ({
        ticketId: row.ticket.id,
        createdAt: row.ticket.createdAt,
        status: row.ticket.status,
        assigneeId: row.ticket.assigneeId,
        groupName: null,
        channel: row.ticket.channel,
        value: row.value,
        counted: row.counted,
      })),
      timeZone,
      false,
      seesOthers ? (id) => nameOf(id) : null,
    );
    const days = report.daily;
    downloadCsv(`support-kpis-${drill.metric}-tickets-${days[0]?.date ?? ''}-${days.at(-1)?.date ?? ''}.csv`, csv);
  };
  const badLabel = t('voice.bad');
  const followLabel = t('voice.follow_up');
  const contactsLabel = t('voice.contacts');
  return (
    <section aria-labelledby="voice-title" className="voice-of-customer">
      <h2 id="voice-title">{t('voice.title')}</h2>
      <dl className="view-stats">
        <div>
          <dt>{badLabel}</dt>
          <dd>{opener('csat_bad', badLabel, format.number(comments.bad, 0), comments.bad, 'voice-bad')}</dd>
        </div>
        <div>
          <dt>{t('voice.with_comment')}</dt>
          <dd>{format.number(comments.with_comment, 0)}</dd>
        </div>
        <div>
          <dt>{followLabel}</dt>
          <dd>
            {opener(
              'bad_follow_up',
              followLabel,
              format.percent(followUp.rate),
              followUp.denominator,
              'voice-follow-up',
            )}
          </dd>
        </div>
        <div>
          <dt>{contactsLabel}</dt>
          <dd>
            {opener(
              'contacts',
              contactsLabel,
              format.number(contacts.requester_comments),
              contacts.solved,
              'voice-contacts',
            )}
          </dd>
        </div>
        <div>
          <dt>{t('voice.replies')}</dt>
          <dd data-testid="voice-replies">{format.number(contacts.agent_replies)}</dd>
        </div>
      </dl>
      <p className="view-note">
        {followUp.from_events === followUp.denominator ? t('voice.follow_up_events') : t('voice.follow_up_reopens')}
      </p>
      {contacts.from_events < contacts.solved && <p className="view-note">{t('voice.contacts_estimated')}</p>}
      <SurveyScoresSection
        report={report}
        window={options.window}
        visible={visible}
        canSetSettings={canSetSettings}
        today={today ?? options.window.labels.at(-1)!}
        nameOf={nameOf}
        onDrill={setDrill}
        creditFallback={surveyCredit}
      />
      {drill && (
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
          teamCounts={
            visible === 'all' || drill.scope?.kind === 'agent' ? null : { total: teamRows.length, counted: null }
          }
          showAssignee={seesOthers}
          valueKind={drill.metric.startsWith('nps') || drill.metric.startsWith('ces') ? 'number' : 'count'}
          timeZone={timeZone}
          nameOf={nameOf}
          onOpenTicket={onOpenTicket}
          onExport={exportRows}
          subjects={subjects}
          onClose={() => setDrill(null)}
        />
      )}
      <h3>{t('voice.list')}</h3>
      {ratings.length === 0 ? (
        <p>{t('voice.no_ratings')}</p>
      ) : (
        <ul className="voice-ratings" data-testid="voice-ratings">
          {ratings.slice(0, RATINGS_SHOWN).map((row) => (
            <li key={row.ticket_id} className={`voice-rating voice-${row.score}`}>
              <strong>{row.score === 'bad' ? t('voice.score_bad') : t('voice.score_good')}</strong>{' '}
              <button type="button" className="cell-button" onClick={() => onOpenTicket(row.ticket_id)}>
                {t('voice.ticket', { id: String(row.ticket_id) })}
              </button>
              {seesOthers && <span className="voice-agent"> · {nameOf(row.agent_id)}</span>}
              {row.reason !== null && <span className="voice-reason"> · {row.reason}</span>}
              <blockquote className="voice-comment">{row.comment ?? t('voice.no_comment')}</blockquote>
            </li>
          ))}
        </ul>
      )}
      {ratings.length > RATINGS_SHOWN && (
        <p className="view-note" data-testid="voice-ratings-more">
          {t('voice.more', { count: ratings.length - RATINGS_SHOWN })}
        </p>
      )}
    </section>
  );
}
