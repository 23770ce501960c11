import { Anchor } from '@zendeskgarden/react-buttons';
import { useEffect, useState } from 'react';
import { BACKLOG_AGE_BOUNDS_DAYS, type BacklogHealth } from '../../metrics/backlog-health';
import type { HoursMode } from '../../metrics/settings';
import { useAppText } from '../components/app-context';
import { EMPTY } from '../i18n/formatters';
import { intlLocale } from '../i18n/translator';
import type { SubjectSource } from './drill-down-panel';
import type { ViewDrill } from './work-views';

const UNSOLVED = ['new', 'open', 'pending', 'hold'] as const;
const AGE_KEYS = ['age_0', 'age_1', 'age_2', 'age_3', 'age_4'] as const;
// The labels name the engine's bounds; a change to them must change the labels too.
if (AGE_KEYS.length !== BACKLOG_AGE_BOUNDS_DAYS.length + 1) throw new Error('backlog age labels and bounds differ');

/**
 * The backlog as it stands: unsolved by age, by status and unassigned, the oldest ten, and the
 * backlog at the period's start and end. Every count opens the tickets behind it.
 */
export function BacklogHealthSection({
  health,
  hours,
  timeZone,
  showAssignee,
  nameOf,
  groupNames,
  onOpen,
  onOpenTicket,
  eventsPending = false,
  subjects,
}: {
  health: BacklogHealth;
  hours: HoursMode;
  timeZone: string;
  showAssignee: boolean;
  nameOf: (id: number | null) => string;
  groupNames: ReadonlyMap<number, string>;
  onOpen: (drill: ViewDrill) => void;
  onOpenTicket: (id: number) => void;
  /**
   * The ticket events are still being read: the start, the end and the change come from the
   * status history read so far, so they are shown as unfinished until the stream is whole.
   */
  eventsPending?: boolean;
  /** Where the oldest tickets' subjects are read from, as the drill-down reads its rows'; without it, no subjects. */
  subjects?: SubjectSource;
}) {
  const { t, format, locale } = useAppText();
  const oldestIds = health.oldest.map((ticket) => ticket.id).join(',');
  // Which list's read ended, and whether it failed: a redraw shows what it brought.
  const [subjectsRead, setSubjectsRead] = useState<{ ids: string; failed: boolean } | null>(null);
  useEffect(() => {
    if (!subjects || oldestIds === '') return;
    const ids = oldestIds.split(',').map(Number);
    if (ids.every((id) => subjects.peek(id) !== undefined)) return;
    const controller = new AbortController();
    subjects.read(ids, controller.signal).then(
      () => !controller.signal.aborted && setSubjectsRead({ ids: oldestIds, failed: false }),
      () => !controller.signal.aborted && setSubjectsRead({ ids: oldestIds, failed: true }),
    );
    return () => controller.abort();
  }, [subjects, oldestIds]);
  const subjectsFailed = subjectsRead?.ids === oldestIds && subjectsRead.failed;
  const subjectsReading =
    subjects !== undefined && !subjectsFailed && health.oldest.some((ticket) => subjects.peek(ticket.id) === undefined);
  /** A row's subject: the text as Zendesk gives it (React renders it as text), or why it is not there. */
  const subjectCell = (id: number) => {
    const subject = subjects?.peek(id);
    if (subject !== undefined) return <td className="drill-subject">{subject ?? EMPTY}</td>;
    return (
      <td className="drill-subject subject-missing" aria-busy={!subjectsFailed || undefined}>
        {subjectsFailed ? t('work_views.backlog.subject_failed') : t('work_views.backlog.subject_loading')}
      </td>
    );
  };
  const count = (value: number) => format.number(value, 0);
  const backlog = t('work_views.drill.backlog');
  const part = (name: string) => t('work_views.drill.backlog_part', { part: name });
  // A count that opens its tickets; its accessible name says what and how many.
  const opener = (label: string, value: number, drill: Omit<ViewDrill, 'valueKind'>, testId: string) => (
    <button
      type="button"
      className="cell-button view-count"
      data-testid={testId}
      aria-label={t('work_views.open_count', { what: label, count: value })}
      onClick={() => onOpen({ ...drill, valueKind: 'duration' })}
    >
      {count(value)}
    </button>
  );
  const ageMax = Math.max(1, ...health.by_age);
  // The locale's own sign, placed as its script writes it (a bare "+" lands at the wrong end right to left).
  const change = new Intl.NumberFormat(intlLocale(locale), { signDisplay: 'exceptZero' }).format(health.change);
  return (
    <section aria-labelledby="backlog-health-title" className="backlog-health">
      <h2 id="backlog-health-title">{t('work_views.backlog.title')}</h2>
      <p className="view-note">
        {t('work_views.backlog.as_of', { when: format.dateTime(Date.parse(health.as_of), timeZone) })}
      </p>
      {health.total === 0 && <p>{t('work_views.backlog.none')}</p>}
      <dl className="view-stats">
        <div>
          <dt>{t('work_views.backlog.total')}</dt>
          <dd>
            {opener(
              t('work_views.backlog.total'),
              health.total,
              { label: backlog, slug: 'backlog', foci: [{ view: 'backlog' }] },
              'backlog-total',
            )}
          </dd>
        </div>
        <div>
          <dt>{t('status.new')}</dt>
          <dd>
            {opener(
              t('status.new'),
              health.by_status.new,
              { label: part(t('status.new')), slug: 'backlog-new', foci: [{ view: 'backlog', status: 'new' }] },
              'backlog-new',
            )}
          </dd>
        </div>
        <div>
          <dt>{t('work_views.backlog.unassigned')}</dt>
          <dd>
            {opener(
              t('work_views.backlog.unassigned'),
              health.unassigned,
              {
                label: part(t('work_views.backlog.unassigned')),
                slug: 'backlog-unassigned',
                foci: [{ view: 'backlog', unassigned: true }],
              },
              'backlog-unassigned',
            )}
          </dd>
        </div>
        <div>
          <dt>{t('work_views.backlog.start')}</dt>
          <dd className={eventsPending ? 'unfinished' : undefined} aria-busy={eventsPending || undefined}>
            {opener(
              t('work_views.backlog.start'),
              health.start,
              {
                label: t('work_views.drill.start'),
                slug: 'backlog-start',
                foci: [{ view: 'backlog_at', edge: 'start' }],
              },
              'backlog-start',
            )}
          </dd>
        </div>
        <div>
          <dt>{t('work_views.backlog.end')}</dt>
          <dd className={eventsPending ? 'unfinished' : undefined} aria-busy={eventsPending || undefined}>
            {opener(
              t('work_views.backlog.end'),
              health.end,
              { label: t('work_views.drill.end'), slug: 'backlog-end', foci: [{ view: 'backlog_at', edge: 'end' }] },
              'backlog-end',
            )}
          </dd>
        </div>
        <div>
          <dt>{t('work_views.backlog.change')}</dt>
          <dd
            className={eventsPending ? 'view-count unfinished' : 'view-count'}
            data-testid="backlog-change"
            aria-busy={eventsPending || undefined}
          >
            {change}
          </dd>
        </div>
      </dl>
      {eventsPending && !health.estimated && (
        <p className="view-note" data-testid="backlog-events-pending">
          {t('work_views.backlog.events_pending')}
        </p>
      )}
      {health.estimated && (
        <p className="view-note" data-testid="backlog-estimated">
          {t('work_views.backlog.estimated')}
        </p>
      )}
      <div className="view-columns">
        <table className="view-table backlog-ages">
          <caption>{t('work_views.backlog.by_age')}</caption>
          <tbody>
            {health.by_age.map((value, bucket) => (
              <tr key={bucket}>
                <th scope="row">{t(`work_views.backlog.${AGE_KEYS[bucket]!}`)}</th>
                <td className="bar-cell" aria-hidden="true">
                  {value > 0 && <span className="view-bar" style={{ inlineSize: `${(value / ageMax) * 100}%` }} />}
                </td>
                <td>
                  {opener(
                    t(`work_views.backlog.${AGE_KEYS[bucket]!}`),
                    value,
                    {
                      label: part(t(`work_views.backlog.${AGE_KEYS[bucket]!}`)),
                      slug: `backlog-age-${bucket}`,
                      foci: [{ view: 'backlog', bucket }],
                    },
                    `backlog-age-${bucket}`,
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="view-table backlog-statuses">
          <caption>{t('work_views.backlog.by_status')}</caption>
          <tbody>
            {UNSOLVED.map((status) => (
              <tr key={status}>
                <th scope="row">{t(`status.${status}`)}</th>
                <td>
                  {opener(
                    t(`status.${status}`),
                    health.by_status[status],
                    {
                      label: part(t(`status.${status}`)),
                      slug: `backlog-${status}`,
                      foci: [{ view: 'backlog', status }],
                    },
                    `backlog-status-${status}`,
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hours === 'business' && <p className="view-note">{t('work_views.backlog.ages_calendar')}</p>}
      {health.oldest.length > 0 && (
        <table
          className="view-table oldest-tickets"
          data-testid="backlog-oldest"
          aria-busy={subjectsReading || undefined}
        >
          <caption>{t('work_views.backlog.oldest')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.drill.ticket')}</th>
              {subjects && <th scope="col">{t('report.drill.subject')}</th>}
              <th scope="col">{t('work_views.backlog.age')}</th>
              <th scope="col">{t('report.drill.created')}</th>
              <th scope="col">{t('report.drill.status')}</th>
              {showAssignee && <th scope="col">{t('report.drill.assignee')}</th>}
              <th scope="col">{t('report.filters.group')}</th>
            </tr>
          </thead>
          <tbody>
            {health.oldest.map((ticket) => (
              <tr key={ticket.id}>
                <td>
                  <Anchor href={`#ticket-${ticket.id}`} onClick={() => onOpenTicket(ticket.id)}>
                    #{ticket.id}
                  </Anchor>
                </td>
                {subjects && subjectCell(ticket.id)}
                <td>{format.duration(ticket.age_minutes)}</td>
                <td>{format.dateTime(Date.parse(ticket.created_at), timeZone)}</td>
                <td>{t(`status.${ticket.status}`)}</td>
                {showAssignee && <td>{nameOf(ticket.assignee_id)}</td>}
                <td>
                  {ticket.group_id === null
                    ? t('report.none')
                    : (groupNames.get(ticket.group_id) ?? `#${ticket.group_id}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
