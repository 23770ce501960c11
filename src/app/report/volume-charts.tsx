import { getColor, type IGardenTheme } from '@zendeskgarden/react-theming';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from 'styled-components';
import type { WorkViewFocus } from '../../metrics/drill-down';
import type { VolumeTrend } from '../../metrics/volume-trend';
import { useAppText } from '../components/app-context';
import { intlLocale } from '../i18n/translator';
import { countTicks, dateTickIndices, labelWidthPx, needsYear } from './chart-axis';
import { bucketLabeller, otherKeys, volumeChart, type VolumeChart } from './work-views-model';
import type { ViewDrill } from './work-views';

/** Hues far apart in both schemes, in the order series are drawn; "other" is grey. */
const HUES = ['blue', 'crimson', 'kale', 'yellow', 'purple', 'teal'] as const;

/**
 * Tickets created per day, week or month (the engine's grouping for the period's length), by type
 * and by channel, stacked; each bar opens its tickets, and a table under each chart gives every
 * number and opens each series' tickets over the period.
 */
export function VolumeCharts({
  volume,
  today,
  onOpen,
}: {
  volume: VolumeTrend;
  /** Today in the report's zone: dates carry their year when the range leaves its year. */
  today: string;
  onOpen: (drill: ViewDrill) => void;
}) {
  const { t, format, locale, rtl, valueName } = useAppText();
  const theme = useTheme() as IGardenTheme;
  const [width, setWidth] = useState(340);
  // A table's cells are drawn once it is opened: a year by week is over a hundred buttons a table.
  const [tablesOpen, setTablesOpen] = useState<ReadonlySet<string>>(new Set());
  const color = (index: number, other: boolean) => {
    const hue = other ? 'grey' : HUES[index % HUES.length]!;
    return getColor({ theme, light: { hue, shade: 600 }, dark: { hue, shade: 400 } });
  };
  const text = getColor({ theme, variable: 'foreground.subtle' });
  const grid = getColor({ theme, variable: 'border.subtle' });
  const background = getColor({ theme, variable: 'background.default' });
  const first = volume.buckets[0]?.start ?? today;
  const last = volume.buckets.at(-1)?.start ?? today;
  const bucketLabel = bucketLabeller(volume.granularity, intlLocale(locale), needsYear(first, last, today));
  const count = (value: number) => format.number(value, 0);
  const per = t(`work_views.volume.per_${volume.granularity}`);

  const chartOf = (dimension: 'type' | 'channel', chart: VolumeChart) => {
    const name = (series: VolumeChart['series'][number]) =>
      series.other
        ? t('work_views.volume.other')
        : series.key === null
          ? t('report.none')
          : valueName(dimension, series.key);
    const focusOf = (series: VolumeChart['series'][number], bucket?: number): WorkViewFocus[] =>
      (series.other ? otherKeys(volume, dimension) : [series.key]).map((key) => ({
        view: 'volume',
        dimension,
        key,
        ...(bucket === undefined ? {} : { bucket }),
      }));
    const open = (series: VolumeChart['series'][number], bucket?: number) =>
      onOpen({
        label:
          bucket === undefined
            ? t('work_views.drill.volume', { kind: name(series) })
            : t('work_views.drill.volume_bucket', {
                kind: name(series),
                bucket: bucketLabel(volume.buckets[bucket]!.start),
              }),
        slug: `volume-${dimension}`,
        foci: focusOf(series, bucket),
        valueKind: 'count',
      });
    const starts = volume.buckets.map((bucket) => bucket.start);
    const widest = labelWidthPx(starts.length > 0 ? bucketLabel(starts.at(-1)!) : '');
    const ticks = dateTickIndices(starts.length, Math.max(120, width - 60), widest).map((i) => starts[i]!);
    // Room past the plot's ends: the first and last labels are centred on the outer bars.
    const edge = Math.ceil(widest / 2) + 4;
    const stackMax = Math.max(0, ...chart.rows.map((_, i) => chart.series.reduce((sum, s) => sum + s.counts[i]!, 0)));
    const values = countTicks(stackMax);
    const id = `volume-${dimension}`;
    const title = t(`work_views.volume.by_${dimension}`);
    const top = chart.series
      .filter((series) => !series.other)
      .slice(0, 3)
      .map((series) => t('work_views.volume.top_item', { kind: name(series), count: series.total }))
      .join(t('work_views.arrivals.list_separator'));
    const summary = t('work_views.volume.summary', { count: chart.total, top: top || t('report.none'), per });
    return (
      <figure
        className="chart volume-chart"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
        key={dimension}
      >
        <figcaption id={`${id}-title`}>{`${title} (${per})`}</figcaption>
        <div role="img" aria-label={`${title}. ${summary}`} style={{ width: '100%', height: 240 }} dir="ltr">
          <ResponsiveContainer onResize={(plot: number) => Math.abs(plot - width) > 8 && setWidth(plot)}>
            <BarChart data={chart.rows} margin={{ top: 8, right: edge, bottom: 0, left: edge }}>
              <CartesianGrid stroke={grid} strokeDasharray="3 3" />
              <XAxis
                dataKey="start"
                ticks={ticks}
                interval={0}
                tickFormatter={bucketLabel}
                tick={{ stroke: text, fontSize: 11 }}
                reversed={rtl}
              />
              <YAxis
                tick={{ stroke: text, fontSize: 11 }}
                orientation={rtl ? 'right' : 'left'}
                ticks={values.ticks}
                domain={values.domain}
                interval={0}
                tickFormatter={count}
                width={Math.max(36, ...values.ticks.map((tick) => labelWidthPx(count(tick))))}
              />
              <Tooltip
                labelFormatter={(value) => bucketLabel(String(value))}
                formatter={(value) => count(Number(value))}
                contentStyle={{ background, borderColor: grid }}
              />
              <Legend />
              {chart.series.map((series, index) => (
                <Bar
                  key={series.id}
                  dataKey={series.id}
                  name={name(series)}
                  stackId="volume"
                  fill={color(index, series.other)}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(_, bucket) => open(series, bucket)}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p className="chart-summary" id={`${id}-summary`}>
          {summary}
        </p>
        <details
          className="chart-numbers"
          data-testid={`volume-${dimension}-numbers`}
          onToggle={(event) => {
            const opened = event.currentTarget.open;
            setTablesOpen((was) => {
              const next = new Set(was);
              if (opened) next.add(dimension);
              else next.delete(dimension);
              return next;
            });
          }}
        >
          <summary>{t('work_views.volume.numbers')}</summary>
          {tablesOpen.has(dimension) && (
            <div className="arrivals-scroll" tabIndex={0} role="region" aria-label={t('work_views.volume.numbers')}>
              <table className="view-table volume-table" data-testid={`volume-${dimension}-table`}>
                <caption className="visually-hidden">{`${title} (${per})`}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`report.filters.${dimension}`)}</th>
                    <th scope="col">{t('work_views.volume.total')}</th>
                    {volume.buckets.map((bucket) => (
                      <th scope="col" key={bucket.start}>
                        {bucketLabel(bucket.start)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {chart.series.map((series) => (
                    <tr key={series.id} data-key={series.other ? '__other__' : (series.key ?? '__none__')}>
                      <th scope="row">{name(series)}</th>
                      <td>
                        <button
                          type="button"
                          className="cell-button"
                          aria-label={t('work_views.open_count', { what: name(series), count: series.total })}
                          onClick={() => open(series)}
                        >
                          {count(series.total)}
                        </button>
                      </td>
                      {series.counts.map((value, bucket) => (
                        <td key={bucket}>
                          {value === 0 ? (
                            count(0)
                          ) : (
                            <button
                              type="button"
                              className="cell-button"
                              aria-label={t('work_views.open_count', {
                                what: `${name(series)}, ${bucketLabel(volume.buckets[bucket]!.start)}`,
                                count: value,
                              })}
                              onClick={() => open(series, bucket)}
                            >
                              {count(value)}
                            </button>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </details>
      </figure>
    );
  };

  return (
    <section aria-labelledby="volume-title" className="volume-views">
      <h2 id="volume-title">{t('work_views.volume.title')}</h2>
      <div className="report-charts">
        {chartOf('type', volumeChart(volume, 'type'))}
        {chartOf('channel', volumeChart(volume, 'channel'))}
      </div>
    </section>
  );
}
