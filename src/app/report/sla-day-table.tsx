import { useState } from 'react';
import { useAppText } from '../components/app-context';
import type { SlaDayPoint } from './chart-data';

/**
 * The breaches-per-day chart's days for the keyboard and screen readers (recharts' bars take no
 * focus): each day with a breach, its count a button to that day's tickets, as a click on its bar.
 * The rows are drawn once the table is opened, as the volume charts' tables are: a year is 365 rows.
 */
export function SlaDayTable({
  days,
  dateLabel,
  onOpen,
}: {
  days: readonly SlaDayPoint[];
  dateLabel: (iso: string) => string;
  onOpen: (date: string) => void;
}) {
  const { t, format } = useAppText();
  const [open, setOpen] = useState(false);
  const breached = days.filter((day) => day.breached > 0);
  if (breached.length === 0) return null;
  const title = t('work_views.volume.numbers');
  return (
    <details
      className="chart-numbers"
      data-testid="sla-daily-numbers"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{title}</summary>
      {open && (
        <div className="arrivals-scroll" tabIndex={0} role="region" aria-label={title}>
          <table className="view-table">
            <caption className="visually-hidden">{t('report.sla_view.chart')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.sla_view.day')}</th>
                <th scope="col">{t('report.sla_view.breached')}</th>
              </tr>
            </thead>
            <tbody>
              {breached.map((day) => (
                <tr key={day.date} data-date={day.date}>
                  <th scope="row">{dateLabel(day.date)}</th>
                  <td>
                    <button
                      type="button"
                      className="cell-button"
                      aria-label={t('report.sla_view.open_day', { date: dateLabel(day.date), count: day.breached })}
                      onClick={() => onOpen(day.date)}
                    >
                      {format.number(day.breached, 0)}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
