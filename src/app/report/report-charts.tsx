import { getColor, type IGardenTheme } from '@zendeskgarden/react-theming';
import { useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from 'styled-components';
import { FRT_BUCKET_BOUNDS, type BreakdownRow, type Report } from '../../metrics/report-types';
import { useAppText } from '../components/app-context';
import { intlLocale } from '../i18n/translator';
import {
  countTicks,
  dateLabeller,
  dateTickIndices,
  durationTicks,
  labelWidthPx,
  needsYear,
  rateTicks,
  type Ticks,
} from './chart-axis';
import { backlogFromHistory, dayPoints, slaDays, weeklyCsat } from './chart-data';
import { SlaDayTable } from './sla-day-table';

/** Charts coloured from the Garden theme (light or dark), each with a title and a spoken summary. */

function useChartColors() {
  const theme = useTheme() as IGardenTheme;
  const pick = (hue: string) => getColor({ theme, light: { hue, shade: 600 }, dark: { hue, shade: 400 } });
  return {
    primary: pick('blue'),
    // Solved in a hue far from created's blue in both schemes, and drawn dashed with square marks.
    secondary: pick('crimson'),
    danger: getColor({ theme, variable: 'foreground.danger' }),
    tertiary: pick('kale'),
    warning: pick('yellow'),
    text: getColor({ theme, variable: 'foreground.subtle' }),
    grid: getColor({ theme, variable: 'border.subtle' }),
    background: getColor({ theme, variable: 'background.default' }),
  };
}

/**
 * A chart's frame: its title, the chart (named by its summary), the summary as text, and what
 * `after` holds: outside the chart's image, where a screen reader and the keyboard reach it.
 */
function ChartFigure({
  id,
  title,
  summary,
  children,
  after,
  className,
  busy = false,
}: {
  id: string;
  title: string;
  summary: string;
  children: ReactNode;
  after?: ReactNode;
  className?: string;
  /** Part of what it draws is not final yet. */
  busy?: boolean;
}) {
  return (
    <figure
      className={className ? `chart ${className}` : 'chart'}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      aria-busy={busy || undefined}
    >
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div role="img" aria-label={`${title}. ${summary}`} style={{ width: '100%', height: 220 }} dir="ltr">
        {children}
      </div>
      <p className="chart-summary" id={`${id}-summary`}>
        {summary}
      </p>
      {after}
    </figure>
  );
}

/** The y axis' props for ticks of a unit: the ticks given, the domain ending on the top one, wide enough for its labels. */
/**
 * A category label on two lines, split where the name holds a line break: the FRT buckets'
 * "15 min–1 h" is wider than its slot in Persian and Russian, so its bounds go one above the other.
 */
function TwoLineTick({ x, y, payload, fill }: { x?: number; y?: number; payload?: { value: unknown }; fill?: string }) {
  const [first, second] = String(payload?.value ?? '').split('\n');
  return (
    <text
      x={x}
      y={y}
      dy={12}
      textAnchor="middle"
      fontSize={11}
      fill={fill}
      className="recharts-cartesian-axis-tick-value"
    >
      <tspan x={x}>{first}</tspan>
      {second !== undefined && (
        <tspan x={x} dy={13}>
          {second}
        </tspan>
      )}
    </text>
  );
}

function valueAxis(ticks: Ticks, label: (value: number) => string) {
  const widest = Math.max(...ticks.ticks.map((tick) => labelWidthPx(label(tick))));
  return { ticks: ticks.ticks, domain: ticks.domain, tickFormatter: label, interval: 0, width: Math.max(36, widest) };
}

export function ReportCharts({
  report,
  groupNames,
  today,
  onOpenSlaDay,
  eventsPending = false,
}: {
  report: Report;
  groupNames: ReadonlyMap<number, string>;
  /** Today in the report's zone (`YYYY-MM-DD`): dates carry their year when the range leaves its year. */
  today: string;
  /** The team's SLA breaches of a day (`YYYY-MM-DD`): a bar of the breaches per day, or its row in the table under it. */
  onOpenSlaDay?: (date: string) => void;
  /**
   * The ticket events are still being read: a backlog drawn from the status history is the history
   * read so far, so it is shown as unfinished until the stream is whole (as backlog health's start and end).
   */
  eventsPending?: boolean;
}) {
  const { t, format, rtl, locale, valueName } = useAppText();
  const colors = useChartColors();
  // The plot's width, for how many date labels fit; recharts reports it as the container resizes.
  const [width, setWidth] = useState(340);
  const days = dayPoints(report.daily, report.team.backlog);
  const weeks = weeklyCsat(report.daily);
  const axis = { stroke: colors.text, fontSize: 11 };
  const tooltipStyle = { contentStyle: { background: colors.background, borderColor: colors.grid } };
  const breakdown = (rows: BreakdownRow[] | undefined, label: (key: BreakdownRow['key']) => string) =>
    (rows ?? []).slice(0, 8).map((row) => ({ name: label(row.key), created: row.created, solved: row.solved }));
  const extras = report.extras;
  const labelIn = (kind: 'channel' | 'type') => (key: BreakdownRow['key']) =>
    key === null ? t('report.none') : valueName(kind, key);
  const histogram = (extras?.frt_histogram ?? []).map((count, i) => ({
    name:
      i === 0
        ? `< ${format.duration(FRT_BUCKET_BOUNDS[0])}`
        : i === FRT_BUCKET_BOUNDS.length
          ? `≥ ${format.duration(FRT_BUCKET_BOUNDS[i - 1]!)}`
          : `${format.duration(FRT_BUCKET_BOUNDS[i - 1]!)}–\n${format.duration(FRT_BUCKET_BOUNDS[i]!)}`,
    count,
  }));
  const total = (rows: { created: number }[]) => rows.reduce((sum, row) => sum + row.created, 0);
  const byChannel = breakdown(extras?.breakdowns.channel, labelIn('channel'));
  const byType = breakdown(extras?.breakdowns.type, labelIn('type'));
  const byGroup = breakdown(extras?.breakdowns.group, (key) =>
    key === null ? t('report.none') : (groupNames.get(Number(key)) ?? String(key)),
  );
  const reversed = rtl;
  const count = (value: number) => format.number(value, 0);
  const withYear = days.length > 0 && needsYear(days[0]!.date, days.at(-1)!.date, today);
  const dateLabel = dateLabeller(intlLocale(locale), withYear);
  // Ticks chosen here, not measured by recharts in the DOM on every redraw.
  const dateTicks = (dates: readonly string[]) => {
    const widest = labelWidthPx(dates.length > 0 ? dateLabel(dates.at(-1)!) : '');
    return dateTickIndices(dates.length, Math.max(120, width - 60), widest).map((i) => dates[i]!);
  };
  const dayTicks = dateTicks(days.map((day) => day.date));
  const dateAxis = {
    dataKey: 'date',
    ticks: dayTicks,
    interval: 0 as const,
    tickFormatter: dateLabel,
    tick: axis,
    reversed,
    // Room at both ends: the first and last dates are drawn centred on the plot's edges.
    padding: { left: 18, right: 18 },
  };
  const yOrientation = reversed ? ('right' as const) : ('left' as const);
  const historyBacklog = backlogFromHistory(report.daily);
  const backlogUnfinished = eventsPending && historyBacklog;
  const volumeMax = Math.max(0, ...days.map((day) => Math.max(day.created, day.solved, day.backlog)));
  const frtMax = Math.max(0, ...days.map((day) => day.frtMedian ?? 0));
  const sla = report.sla_daily ? slaDays(report.daily, report.sla_daily) : null;
  const slaAll = report.team.sla?.['all'];
  const breakdownMax = (rows: typeof byChannel) => Math.max(0, ...rows.map((row) => Math.max(row.created, row.solved)));
  const onResize = (plotWidth: number) => {
    if (Math.abs(plotWidth - width) > 8) setWidth(plotWidth);
  };

  return (
    <div className="report-charts">
      <ChartFigure
        id="volume"
        title={t('report.charts.volume')}
        summary={t('report.charts.volume_summary', {
          created: report.team.created,
          solved: report.team.solved,
          backlog: report.team.backlog,
        })}
        className={backlogUnfinished ? 'backlog-unfinished' : undefined}
        busy={backlogUnfinished}
        after={
          backlogUnfinished && (
            <p className="view-note" data-testid="chart-backlog-events-pending">
              {t('report.charts.backlog_events_pending')}
            </p>
          )
        }
      >
        <ResponsiveContainer onResize={onResize}>
          <LineChart data={days}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis {...dateAxis} />
            <YAxis tick={axis} orientation={yOrientation} {...valueAxis(countTicks(volumeMax), count)} />
            <Tooltip
              labelFormatter={(value) => dateLabel(String(value))}
              formatter={(value) => count(Number(value))}
              {...tooltipStyle}
            />
            <Legend />
            <Line
              type="monotone"
              dataKey="created"
              name={t('metrics.created.name')}
              stroke={colors.primary}
              strokeWidth={2}
              dot={days.length <= 31 ? { r: 2.5 } : false}
              legendType="circle"
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="solved"
              name={t('metrics.solved.name')}
              stroke={colors.secondary}
              strokeWidth={2}
              dot={days.length <= 31 ? { r: 2.5, strokeWidth: 2, fill: colors.background } : false}
              strokeDasharray="6 3"
              legendType="square"
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="backlog"
              className="backlog-line"
              name={historyBacklog ? t('report.backlog_history') : t('report.charts.backlog_estimate')}
              stroke={colors.warning}
              dot={false}
              strokeDasharray="2 2"
              legendType="plainline"
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        id="frt-daily"
        title={t('report.charts.frt_daily')}
        summary={t('report.charts.frt_daily_summary', { median: format.duration(report.team.frt.median) })}
      >
        <ResponsiveContainer>
          <LineChart data={days}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis {...dateAxis} />
            <YAxis
              tick={axis}
              orientation={yOrientation}
              {...valueAxis(durationTicks(frtMax), (value) => format.duration(value))}
            />
            <Tooltip
              labelFormatter={(value) => dateLabel(String(value))}
              formatter={(value) => format.duration(Number(value))}
              {...tooltipStyle}
            />
            <Line
              type="monotone"
              dataKey="frtMedian"
              name={t('metrics.frt.name')}
              stroke={colors.primary}
              connectNulls
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      {sla && slaAll && (
        <ChartFigure
          id="sla-daily"
          title={t('report.sla_view.chart')}
          summary={t('report.sla_view.chart_summary', { breached: slaAll.breached, achieved: slaAll.achieved })}
          after={onOpenSlaDay && <SlaDayTable days={sla} dateLabel={dateLabel} onOpen={onOpenSlaDay} />}
        >
          <ResponsiveContainer>
            <BarChart data={sla}>
              <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
              <XAxis {...dateAxis} />
              <YAxis
                tick={axis}
                orientation={yOrientation}
                {...valueAxis(countTicks(Math.max(0, ...sla.map((day) => day.breached))), count)}
              />
              <Tooltip
                labelFormatter={(value) => dateLabel(String(value))}
                formatter={(value) => count(Number(value))}
                {...tooltipStyle}
              />
              <Bar
                dataKey="breached"
                name={t('report.sla_view.breached')}
                fill={colors.danger}
                isAnimationActive={false}
                {...(onOpenSlaDay && {
                  cursor: 'pointer',
                  onClick: (_: unknown, day: number) => {
                    if (sla[day]!.breached > 0) onOpenSlaDay(sla[day]!.date);
                  },
                })}
              />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
      <ChartFigure
        id="csat-weekly"
        title={t('report.charts.csat_weekly')}
        summary={t('report.charts.csat_weekly_summary', { csat: format.percent(report.team.csat.rate) })}
      >
        <ResponsiveContainer>
          <BarChart data={weeks}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="start"
              ticks={dateTicks(weeks.map((week) => week.start))}
              interval={0}
              tickFormatter={dateLabel}
              tick={axis}
              reversed={reversed}
            />
            <YAxis
              tick={axis}
              orientation={yOrientation}
              {...valueAxis(rateTicks(), (value) => format.percent(value))}
            />
            <Tooltip
              labelFormatter={(value) => dateLabel(String(value))}
              formatter={(value) => format.percent(Number(value))}
              {...tooltipStyle}
            />
            <Bar dataKey="csat" name={t('metrics.csat.name')} fill={colors.primary} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      {(
        [
          ['channel', t('report.charts.by_channel'), byChannel],
          ['type', t('report.charts.by_type'), byType],
          ['group', t('report.charts.by_group'), byGroup],
        ] as const
      ).map(([key, title, rows]) => {
        const ticks = countTicks(breakdownMax(rows));
        return (
          <ChartFigure
            key={key}
            id={`by-${key}`}
            title={title}
            summary={t('report.charts.breakdown_summary', { count: rows.length, total: total(rows) })}
          >
            <ResponsiveContainer>
              {/* Room at both ends for the last count's label, centred on the axis' end ("600" was cut to "60"). */}
              <BarChart data={rows} layout="vertical" margin={{ top: 5, bottom: 5, left: 20, right: 20 }}>
                <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
                <XAxis
                  type="number"
                  tick={axis}
                  reversed={reversed}
                  interval={0}
                  ticks={ticks.ticks}
                  domain={ticks.domain}
                  tickFormatter={count}
                />
                <YAxis type="category" dataKey="name" tick={axis} interval={0} width={110} orientation={yOrientation} />
                <Tooltip formatter={(value) => count(Number(value))} {...tooltipStyle} />
                <Legend />
                <Bar
                  dataKey="created"
                  name={t('metrics.created.name')}
                  fill={colors.primary}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="solved"
                  name={t('metrics.solved.name')}
                  fill={colors.secondary}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
        );
      })}
      <ChartFigure
        id="frt-distribution"
        title={t('report.charts.frt_distribution')}
        summary={t('report.charts.frt_distribution_summary', { n: report.team.frt.n })}
      >
        <ResponsiveContainer>
          <BarChart data={histogram}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="name"
              tick={<TwoLineTick fill={colors.text} />}
              height={36}
              reversed={reversed}
              interval={0}
            />
            <YAxis
              tick={axis}
              orientation={yOrientation}
              {...valueAxis(countTicks(Math.max(0, ...histogram.map((bucket) => bucket.count))), count)}
            />
            <Tooltip
              formatter={(value) => count(Number(value))}
              labelFormatter={(label) => String(label).replace('\n', '')}
              {...tooltipStyle}
            />
            <Bar dataKey="count" name={t('report.charts.tickets')} fill={colors.primary} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
