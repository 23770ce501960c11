import { getColor, type IGardenTheme } from '@zendeskgarden/react-theming';
import { useTheme } from 'styled-components';
import type { DrillScope } from '../../metrics/drill-down';
import { periodBuckets } from '../../metrics/period-buckets';
import type { ReportWindow } from '../../metrics/report-window';
import type { Report } from '../../metrics/report-types';
import type { CesBlock, NpsBlock } from '../../metrics/survey-scores';
import type { NpsGroup, SurveyFocus, VoiceDrillMetric } from '../../metrics/voice-drill-down';
import { useAppText } from '../components/app-context';
import { intlLocale } from '../i18n/translator';
import { needsYear } from './chart-axis';
import { CreditNote, type CreditFallback } from './credit-note';
import { agentsVisibleTo, bucketLabeller } from './work-views-model';

export const NPS_GROUPS: readonly NpsGroup[] = ['promoters', 'passives', 'detractors'];

/** What a count of the section opens: the survey's tickets for a scope, narrowed by a focus. */
export interface SurveyDrill {
  metric: VoiceDrillMetric;
  label: string;
  scope: DrillScope;
  focus: SurveyFocus;
}

/** An NPS as a whole number with its sign in the locale's own place (−100 to +100); none for no answer. */
export function npsScoreText(score: number | null, locale: string): string {
  if (score === null) return '–';
  return new Intl.NumberFormat(intlLocale(locale), { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(
    score,
  );
}

/**
 * NPS and customer effort from the ticket fields the settings name (METRICS.md, survey scores
 * from ticket fields): the team's figures, each agent the viewer may see, and the trend per
 * bucket of the period; every count opens its tickets. Without a field set, an admin is told
 * which setting to set and anyone else sees nothing.
 */
export function SurveyScoresSection({
  report,
  window,
  visible,
  canSetSettings,
  today,
  nameOf,
  onDrill,
  creditFallback = null,
}: {
  report: Report;
  window: ReportWindow;
  visible: 'all' | ReadonlySet<number>;
  canSetSettings: boolean;
  today: string;
  nameOf: (id: number | null) => string;
  onDrill: (drill: SurveyDrill) => void;
  /** Why the answers are not all credited to their solvers from the ticket events (creditFallback), if they are not. */
  creditFallback?: CreditFallback | null;
}) {
  const { t, format, locale } = useAppText();
  const theme = useTheme() as IGardenTheme;
  const { nps, ces } = report;
  if (!nps && !ces)
    return canSetSettings ? (
      <p className="view-note" data-testid="survey-unset">
        {t('voice.survey.unset')}
      </p>
    ) : null;

  const count = (value: number) => format.number(value, 0);
  const share = (part: number, whole: number) => format.percent(whole === 0 ? null : part / whole);
  const mean = (block: CesBlock | undefined) => format.number(block?.mean ?? null, 1);
  const groupLabel = (group: NpsGroup) => t(`voice.survey.${group}`);
  const granularity = periodBuckets(window).granularity;
  const starts = (nps ?? ces)!.trend.map((bucket) => bucket.start);
  const bucketLabel = bucketLabeller(
    granularity,
    intlLocale(locale),
    needsYear(starts[0] ?? today, starts.at(-1) ?? today, today),
  );
  const team: DrillScope = { kind: 'team' };

  /** A count as a button that opens its tickets (`shown`, else the count); an empty count is plain text. */
  const opener = (value: number, drill: SurveyDrill, testId?: string, shown?: string) =>
    value === 0 ? (
      <span className="view-count" data-testid={testId}>
        {count(0)}
      </span>
    ) : (
      <button
        type="button"
        className="cell-button view-count"
        data-testid={testId}
        aria-label={t('work_views.open_count', { what: drill.label, count: value })}
        onClick={() => onDrill(drill)}
      >
        {shown ?? count(value)}
      </button>
    );
  const whose = (label: string, scope: DrillScope, bucket?: string) => {
    const who = scope.kind === 'agent' ? t('voice.survey.of_agent', { what: label, agent: nameOf(scope.id) }) : label;
    return bucket === undefined ? who : t('voice.survey.in_bucket', { what: who, bucket: bucketLabel(bucket) });
  };
  const npsDrill = (scope: DrillScope, focus: SurveyFocus): SurveyDrill => {
    const base = focus.answer === undefined ? t('voice.survey.nps_answers') : groupLabel(focus.answer as NpsGroup);
    return { metric: 'nps', label: whose(base, scope, focus.bucket), scope, focus };
  };
  const cesDrill = (scope: DrillScope, focus: SurveyFocus): SurveyDrill => {
    const base =
      focus.answer === undefined
        ? t('voice.survey.ces_answers')
        : t('voice.survey.ces_point', { point: count(focus.answer as number) });
    return { metric: 'ces', label: whose(base, scope, focus.bucket), scope, focus };
  };
  const groupColor = (group: NpsGroup) => {
    const hue = group === 'promoters' ? 'green' : group === 'passives' ? 'grey' : 'red';
    return getColor({ theme, light: { hue, shade: 600 }, dark: { hue, shade: 400 } });
  };

  const answered = [...(nps?.agents ?? []), ...(ces?.agents ?? [])];
  const agentIds = [...new Set(agentsVisibleTo(answered, visible).map((agent) => agent.id))];
  const npsOf = (id: number | null): NpsBlock | undefined => nps?.agents.find((agent) => agent.id === id);
  const cesOf = (id: number | null): CesBlock | undefined => ces?.agents.find((agent) => agent.id === id);

  return (
    <section aria-labelledby="survey-title" className="survey-scores" data-testid="survey-scores">
      <h3 id="survey-title">{t('voice.survey.title')}</h3>
      <div className="view-columns">
        {nps && (
          <div className="survey-nps">
            <dl className="view-stats">
              <div>
                <dt title={t('voice.survey.nps_help')}>{t('voice.survey.nps')}</dt>
                <dd className="view-count" data-testid="survey-nps-score">
                  {npsScoreText(nps.team.score, locale)}
                </dd>
              </div>
              <div>
                <dt>{t('voice.survey.answers')}</dt>
                <dd>{opener(nps.team.n, npsDrill(team, {}), 'survey-nps-n')}</dd>
              </div>
            </dl>
            <table className="view-table survey-nps-groups">
              <caption>{t('voice.survey.nps_groups')}</caption>
              <tbody>
                {NPS_GROUPS.map((group) => (
                  <tr key={group}>
                    <th scope="row">{groupLabel(group)}</th>
                    <td className="bar-cell" aria-hidden="true">
                      {nps.team[group] > 0 && (
                        <span
                          className="view-bar"
                          style={{
                            inlineSize: `${(nps.team[group] / nps.team.n) * 100}%`,
                            background: groupColor(group),
                          }}
                        />
                      )}
                    </td>
                    <td>{opener(nps.team[group], npsDrill(team, { answer: group }), `survey-nps-${group}`)}</td>
                    <td data-testid={`survey-nps-${group}-share`}>{share(nps.team[group], nps.team.n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {nps.invalid > 0 && (
              <p className="view-note">
                {t('voice.survey.nps_invalid', { count: nps.invalid })}{' '}
                {opener(
                  nps.invalid,
                  { metric: 'nps_invalid', label: t('voice.survey.invalid'), scope: team, focus: {} },
                  'survey-nps-invalid',
                  t('voice.survey.show'),
                )}
              </p>
            )}
          </div>
        )}
        {ces && (
          <div className="survey-ces">
            <dl className="view-stats">
              <div>
                <dt title={t('voice.survey.ces_help', { min: count(ces.scale[0]), max: count(ces.scale[1]) })}>
                  {t('voice.survey.ces')}
                </dt>
                <dd className="view-count" data-testid="survey-ces-mean">
                  {mean(ces.team)}
                </dd>
              </div>
              <div>
                <dt>{t('voice.survey.answers')}</dt>
                <dd>{opener(ces.team.n, cesDrill(team, {}), 'survey-ces-n')}</dd>
              </div>
            </dl>
            <table className="view-table survey-ces-points">
              <caption>{t('voice.survey.ces_scale', { min: count(ces.scale[0]), max: count(ces.scale[1]) })}</caption>
              <tbody>
                {ces.team.distribution.map((value, index) => {
                  const point = ces.scale[0] + index;
                  const most = Math.max(...ces.team.distribution);
                  return (
                    <tr key={point}>
                      <th scope="row">{count(point)}</th>
                      <td className="bar-cell" aria-hidden="true">
                        {value > 0 && <span className="view-bar" style={{ inlineSize: `${(value / most) * 100}%` }} />}
                      </td>
                      <td>{opener(value, cesDrill(team, { answer: point }), `survey-ces-${point}`)}</td>
                      <td>{share(value, ces.team.n)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {ces.invalid > 0 && (
              <p className="view-note">
                {t('voice.survey.ces_invalid', {
                  count: ces.invalid,
                  min: count(ces.scale[0]),
                  max: count(ces.scale[1]),
                })}{' '}
                {opener(
                  ces.invalid,
                  { metric: 'ces_invalid', label: t('voice.survey.invalid'), scope: team, focus: {} },
                  'survey-ces-invalid',
                  t('voice.survey.show'),
                )}
              </p>
            )}
          </div>
        )}
      </div>
      {agentIds.length > 0 && (
        <table className="view-table survey-agents" data-testid="survey-agents">
          <caption>
            {report.credit === 'actor' ? t('voice.survey.by_agent') : t('voice.survey.by_agent_assignee')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('voice.survey.agent')}</th>
              {nps && (
                <>
                  <th scope="col">{t('voice.survey.nps')}</th>
                  {NPS_GROUPS.map((group) => (
                    <th key={group} scope="col">
                      {groupLabel(group)}
                    </th>
                  ))}
                  <th scope="col">{t('voice.survey.nps_n')}</th>
                </>
              )}
              {ces && (
                <>
                  <th scope="col">{t('voice.survey.ces')}</th>
                  <th scope="col">{t('voice.survey.ces_n')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {agentIds.map((id) => {
              const scope: DrillScope = { kind: 'agent', id };
              const agentNps = npsOf(id);
              const agentCes = cesOf(id);
              return (
                <tr key={id ?? 'unassigned'} data-agent={id ?? 'unassigned'}>
                  <th scope="row">{nameOf(id)}</th>
                  {nps && (
                    <>
                      <td>{npsScoreText(agentNps?.score ?? null, locale)}</td>
                      {NPS_GROUPS.map((group) => (
                        <td key={group}>{opener(agentNps?.[group] ?? 0, npsDrill(scope, { answer: group }))}</td>
                      ))}
                      <td>{opener(agentNps?.n ?? 0, npsDrill(scope, {}))}</td>
                    </>
                  )}
                  {ces && (
                    <>
                      <td>{mean(agentCes)}</td>
                      <td>{opener(agentCes?.n ?? 0, cesDrill(scope, {}))}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {agentIds.length > 0 && <CreditNote fallback={creditFallback} />}
      <details className="survey-trend-numbers">
        <summary>{t('voice.survey.trend', { per: t(`work_views.volume.per_${granularity}`) })}</summary>
        <table className="view-table survey-trend" data-testid="survey-trend">
          <thead>
            <tr>
              <th scope="col">{t('voice.survey.bucket')}</th>
              {nps && (
                <>
                  <th scope="col">{t('voice.survey.nps')}</th>
                  <th scope="col">{t('voice.survey.nps_n')}</th>
                </>
              )}
              {ces && (
                <>
                  <th scope="col">{t('voice.survey.ces')}</th>
                  <th scope="col">{t('voice.survey.ces_n')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {starts.map((start, index) => {
              const npsBucket = nps?.trend[index];
              const cesBucket = ces?.trend[index];
              return (
                <tr key={start}>
                  <th scope="row">{bucketLabel(start)}</th>
                  {npsBucket && (
                    <>
                      <td>{npsScoreText(npsBucket.score, locale)}</td>
                      <td>{opener(npsBucket.n, npsDrill(team, { bucket: start }))}</td>
                    </>
                  )}
                  {cesBucket && (
                    <>
                      <td>{mean(cesBucket)}</td>
                      <td>{opener(cesBucket.n, cesDrill(team, { bucket: start }))}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </section>
  );
}
