import { useMemo } from 'react';
import type { Report } from '../../metrics/report-types';
import { useAppText } from '../components/app-context';
import { breachGrid } from './chart-data';

/**
 * The breaches per agent per day: agents down, the window's days across, each count a button to
 * the tickets behind it; the agent column stays in view as the days scroll. With `onOpenTeam`, a
 * last row holds the team's breaches per day (the chart's bars), each opening its tickets too.
 */
export function SlaBreachGrid({
  report,
  nameOf,
  dateLabel,
  onOpen,
  onOpenTeam,
}: {
  report: Report;
  nameOf: (id: number | null) => string;
  dateLabel: (iso: string) => string;
  onOpen: (agentId: number | null, date: string | null) => void;
  onOpenTeam?: (date: string | null) => void;
}) {
  const { t, format } = useAppText();
  const grid = useMemo(() => breachGrid(report.daily, report.sla_daily ?? []), [report]);
  const dayTotals = useMemo(
    () => grid.dates.map((_, day) => grid.breaches.reduce((sum, row) => sum + row[day]!, 0)),
    [grid],
  );
  if (!report.sla_daily) return null;
  const count = (value: number) => format.number(value, 0);
  const team = t('report.scorecard.team');
  const countButton = (n: number, who: string, date: string, open: () => void) =>
    n === 0 ? (
      count(0)
    ) : (
      <button
        type="button"
        className="cell-button"
        aria-label={t('report.sla_view.open_cell', { who, date, n })}
        onClick={open}
      >
        {count(n)}
      </button>
    );
  return (
    <section aria-labelledby="breach-grid-title" className="breach-grid-section">
      <h3 id="breach-grid-title">{t('report.sla_view.grid_title')}</h3>
      {grid.totals.every((total) => total === 0) ? (
        <p>{t('report.sla_view.none')}</p>
      ) : (
        <div className="breach-grid-scroll" tabIndex={0} role="region" aria-labelledby="breach-grid-title">
          <table className="breach-grid">
            <caption className="visually-hidden">{t('report.sla_view.grid_caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="agent-cell">
                  {t('report.scorecard.agent')}
                </th>
                {grid.dates.map((date) => (
                  <th scope="col" key={date}>
                    {dateLabel(date)}
                  </th>
                ))}
                <th scope="col">{t('report.sla_view.total')}</th>
              </tr>
            </thead>
            <tbody>
              {grid.agents.map((agentId, row) => (
                <tr key={agentId ?? 'unassigned'} data-agent={agentId ?? 'unassigned'}>
                  <th scope="row" className="agent-cell">
                    {nameOf(agentId)}
                  </th>
                  {grid.dates.map((date, day) => {
                    const breaches = grid.breaches[row]![day]!;
                    return (
                      <td key={date} data-date={date} className={breaches > 0 ? 'breached' : undefined}>
                        {countButton(breaches, nameOf(agentId), dateLabel(date), () => onOpen(agentId, date))}
                      </td>
                    );
                  })}
                  <td className={grid.totals[row]! > 0 ? 'breached' : undefined}>
                    {countButton(grid.totals[row]!, nameOf(agentId), t('report.sla_view.total'), () =>
                      onOpen(agentId, null),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            {onOpenTeam && (
              <tfoot>
                <tr data-agent="team">
                  <th scope="row" className="agent-cell">
                    {team}
                  </th>
                  {grid.dates.map((date, day) => (
                    <td key={date} data-date={date} className={dayTotals[day]! > 0 ? 'breached' : undefined}>
                      {countButton(dayTotals[day]!, team, dateLabel(date), () => onOpenTeam(date))}
                    </td>
                  ))}
                  <td>
                    {countButton(
                      dayTotals.reduce((sum, n) => sum + n, 0),
                      team,
                      t('report.sla_view.total'),
                      () => onOpenTeam(null),
                    )}
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}
