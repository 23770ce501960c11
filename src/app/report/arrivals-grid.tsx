import { useMemo, useState } from 'react';
import type { ArrivalGrid } from '../../metrics/arrival-grid';
import { useAppText } from '../components/app-context';
import { intlLocale } from '../i18n/translator';
import { hourLabeller, shadeLevel, weekdayNames } from './work-views-model';
import type { ViewDrill } from './work-views';

type Shown = 'created' | 'frt';

/**
 * Tickets created by weekday and hour of the viewer's zone, or the median first reply of each
 * cell's tickets: a table (weekdays down, hours across) whose cells are shaded by their share of
 * the busiest one and open their tickets; the busiest hours named in a sentence above it.
 */
export function ArrivalsGrid({
  arrivals,
  timeZone,
  onOpen,
}: {
  arrivals: ArrivalGrid;
  timeZone: string;
  onOpen: (drill: ViewDrill) => void;
}) {
  const { t, format, locale } = useAppText();
  const [shown, setShown] = useState<Shown>('created');
  const days = useMemo(() => weekdayNames(intlLocale(locale)), [locale]);
  const shortDays = useMemo(() => weekdayNames(intlLocale(locale), 'short'), [locale]);
  const hour = useMemo(() => hourLabeller(intlLocale(locale)), [locale]);
  const total = arrivals.created.flat().reduce((sum, n) => sum + n, 0);
  const values = shown === 'created' ? arrivals.created : arrivals.frt_median;
  const max = Math.max(0, ...values.flat().map((value) => value ?? 0));
  const slot = (weekday: number, h: number) => ({ day: days[weekday]!, from: hour(h), to: hour(h + 1) });
  const busiest = arrivals.busiest
    .map((cell) => t('work_views.arrivals.busiest_item', { ...slot(cell.weekday, cell.hour), count: cell.created }))
    .join(t('work_views.arrivals.list_separator'));
  return (
    <section aria-labelledby="arrivals-title" className="arrivals">
      <h2 id="arrivals-title">{t('work_views.arrivals.title')}</h2>
      <p className="view-note">{t('work_views.arrivals.zone', { zone: timeZone })}</p>
      {total === 0 ? (
        <p>{t('work_views.arrivals.none')}</p>
      ) : (
        <>
          <p data-testid="arrivals-busiest">{t('work_views.arrivals.busiest', { list: busiest })}</p>
          <fieldset className="view-switch">
            <legend>{t('work_views.arrivals.show')}</legend>
            {(['created', 'frt'] as const).map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="arrivals-shown"
                  value={option}
                  checked={shown === option}
                  onChange={() => setShown(option)}
                />
                {t(`work_views.arrivals.${option}`)}
              </label>
            ))}
          </fieldset>
          <div className="arrivals-scroll" tabIndex={0} role="region" aria-labelledby="arrivals-caption">
            <table className="arrivals-grid" data-testid="arrivals-grid" data-shown={shown}>
              <caption id="arrivals-caption">
                {t(shown === 'created' ? 'work_views.arrivals.caption_created' : 'work_views.arrivals.caption_frt')}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="day-cell">
                    {t('work_views.arrivals.weekday')}
                  </th>
                  {Array.from({ length: 24 }, (_, h) => (
                    <th scope="col" key={h} abbr={hour(h)}>
                      {format.number(h, 0)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {values.map((row, weekday) => (
                  <tr key={weekday}>
                    <th scope="row" className="day-cell" abbr={days[weekday]}>
                      {shortDays[weekday]}
                    </th>
                    {row.map((value, h) => {
                      const created = arrivals.created[weekday]![h]!;
                      const text = shown === 'created' ? format.number(value ?? 0, 0) : format.duration(value);
                      return (
                        <td key={h} className={`shade-${shadeLevel(value, max)}`}>
                          {created === 0 ? (
                            text
                          ) : (
                            <button
                              type="button"
                              className="cell-button"
                              aria-label={t('work_views.arrivals.cell', {
                                ...slot(weekday, h),
                                count: created,
                                frt: format.duration(arrivals.frt_median[weekday]![h]!),
                              })}
                              onClick={() =>
                                onOpen({
                                  label: t('work_views.drill.arrivals', slot(weekday, h)),
                                  slug: `arrivals-${weekday}-${h}`,
                                  foci: [{ view: 'arrivals', weekday, hour: h }],
                                  valueKind: 'duration',
                                })
                              }
                            >
                              {text}
                            </button>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="view-note">{t('work_views.arrivals.legend')}</p>
        </>
      )}
    </section>
  );
}
