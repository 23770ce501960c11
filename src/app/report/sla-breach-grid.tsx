import { useMemo } from 'react';
import type { Report } from '../../metrics/report-types';
import { useAppText } from '../components/app-context';
import { breachGrid } from './chart-data';

/**
 * The breaches per agent per day: agents down, the window's days across, each count a button to
 * the tickets behind it; the agent column stays in view as the days scroll.
 */
export function SlaBreachGrid({
  report,
  nameOf,
  dateLabel,
  onOpen,
}: {
  report: Report;
  nameOf: (id: number | null) => string;
  dateLabel: (iso: string) => string;
  onOpen: (agentId: number | null, date: string | null) => void;
}) {
  const { t, format } = useAppText();
  const grid = useMemo(() => breachGrid(report.daily, report.sla_daily ?? []), [report]);
  if (!report.sla_daily) return null;
  const count = (value: number) => format.number(value, 0);
  return (
    <section aria-labelledby="breach-grid-title" className="breach-grid-section">
      <h2 id="breach-grid-title">{t('report.sla_view.grid_title')}</h2>
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
                <tr key={agentId ?? 'unassigned'}>
                  <th scope="row" className="agent-cell">
                    {nameOf(agentId)}
                  </th>
                  {grid.dates.map((date, day) => {
                    const breaches = grid.breaches[row]![day]!;
                    return (
                      <td key={date} className={breaches > 0 ? 'breached' : undefined}>
                        {breaches === 0 ? (
                          count(0)
                        ) : (
                          <button
                            type="button"
                            className="cell-button"
                            aria-label={t('report.sla_view.open_cell', {
                              who: nameOf(agentId),
                              date: dateLabel(date),
                              n: breaches,
                            })}
                            onClick={() => onOpen(agentId, date)}
                          >
                            {count(breaches)}
                          </button>
                        )}
                      </td>
                    );
                  })}
                  <td className={grid.totals[row]! > 0 ? 'breached' : undefined}>
                    <button
                      type="button"
                      className="cell-button"
                      aria-label={t('report.sla_view.open_cell', {
                        who: nameOf(agentId),
                        date: t('report.sla_view.total'),
                        n: grid.totals[row]!,
                      })}
                      onClick={() => onOpen(agentId, null)}
                    >
                      {count(grid.totals[row]!)}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
