import { getColor, type IGardenTheme } from '@zendeskgarden/react-theming';
import type { ReactNode } from 'react';
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
import { dayPoints, weeklyCsat } from './chart-data';

/** Charts coloured from the Garden theme (light or dark), each with a title and a spoken summary. */

function useChartColors() {
  const theme = useTheme() as IGardenTheme;
  const pick = (hue: string) => getColor({ theme, light: { hue, shade: 600 }, dark: { hue, shade: 400 } });
  return {
    primary: pick('blue'),
    secondary: pick('green'),
    tertiary: pick('kale'),
    warning: pick('yellow'),
    text: getColor({ theme, variable: 'foreground.subtle' }),
    grid: getColor({ theme, variable: 'border.subtle' }),
    background: getColor({ theme, variable: 'background.default' }),
  };
}

function ChartFigure({
  id,
  title,
  summary,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div role="img" aria-label={summary} style={{ width: '100%', height: 220 }} dir="ltr">
        {children}
      </div>
    </figure>
  );
}

export function ReportCharts({ report, groupNames }: { report: Report; groupNames: ReadonlyMap<number, string> }) {
  const { t, format, rtl, valueName } = useAppText();
  const colors = useChartColors();
  const days = dayPoints(report.daily, report.team.backlog);
  const weeks = weeklyCsat(report.daily);
  const axis = { stroke: colors.text, fontSize: 11 };
  const tooltipStyle = { contentStyle: { background: colors.background, borderColor: colors.grid } };
  const breakdown = (rows: BreakdownRow[] | undefined, label: (key: BreakdownRow['key']) => string) =>
    (rows ?? []).slice(0, 8).map((row) => ({ name: label(row.key), created: row.created, solved: row.solved }));
  const extras = report.extras;
  const labelIn = (kind: string) => (key: BreakdownRow['key']) => {
    if (key === null) return t('report.none');
    return valueName(kind, key);
  };
  const histogram = (extras?.frt_histogram ?? []).map((count, i) => ({
    name:
      i === 0
        ? `< ${format.duration(FRT_BUCKET_BOUNDS[0])}`
        : i === FRT_BUCKET_BOUNDS.length
          ? `≥ ${format.duration(FRT_BUCKET_BOUNDS[i - 1]!)}`
          : `${format.duration(FRT_BUCKET_BOUNDS[i - 1]!)}–${format.duration(FRT_BUCKET_BOUNDS[i]!)}`,
    count,
  }));
  const total = (rows: { created: number }[]) => rows.reduce((sum, row) => sum + row.created, 0);
  const byChannel = breakdown(extras?.breakdowns.channel, labelIn('channel'));
  const byType = breakdown(extras?.breakdowns.type, labelIn('type'));
  const byGroup = breakdown(extras?.breakdowns.group, (key) =>
    key === null ? t('report.none') : (groupNames.get(Number(key)) ?? String(key)),
  );
  const reversed = rtl;
  // A fixed tick interval: recharts would otherwise measure every label in the DOM to pick one,
  // on every redraw, and a filter change redraws every chart.
  const everyNth = (count: number) => Math.max(0, Math.ceil(count / 10) - 1);
  const dayInterval = everyNth(days.length);

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
      >
        <ResponsiveContainer>
          <LineChart data={days}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis dataKey="date" tickFormatter={format.date} tick={axis} reversed={reversed} interval={dayInterval} />
            <YAxis tick={axis} interval={0} orientation={reversed ? 'right' : 'left'} />
            <Tooltip labelFormatter={(value) => format.date(String(value))} {...tooltipStyle} />
            <Legend />
            <Line
              type="monotone"
              dataKey="created"
              name={t('metrics.created.name')}
              stroke={colors.primary}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="solved"
              name={t('metrics.solved.name')}
              stroke={colors.secondary}
              dot={false}
              strokeDasharray="6 3"
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="backlog"
              name={t('report.charts.backlog_estimate')}
              stroke={colors.warning}
              dot={false}
              strokeDasharray="2 2"
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
            <XAxis dataKey="date" tickFormatter={format.date} tick={axis} reversed={reversed} interval={dayInterval} />
            <YAxis
              tick={axis}
              interval={0}
              tickFormatter={(value: number) => format.duration(value)}
              orientation={reversed ? 'right' : 'left'}
              width={70}
            />
            <Tooltip
              labelFormatter={(value) => format.date(String(value))}
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
              tickFormatter={format.date}
              tick={axis}
              reversed={reversed}
              interval={everyNth(weeks.length)}
            />
            <YAxis
              tick={axis}
              interval={0}
              domain={[0, 1]}
              tickFormatter={(value: number) => format.percent(value)}
              orientation={reversed ? 'right' : 'left'}
            />
            <Tooltip
              labelFormatter={(value) => format.date(String(value))}
              formatter={(value) => format.percent(Number(value))}
              {...tooltipStyle}
            />
            <Bar dataKey="csat" name={t('metrics.csat.name')} fill={colors.secondary} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      {(
        [
          ['channel', byChannel],
          ['type', byType],
          ['group', byGroup],
        ] as const
      ).map(([key, rows]) => (
        <ChartFigure
          key={key as string}
          id={`by-${key as string}`}
          title={t(`report.charts.by_${key}`)}
          summary={t('report.charts.breakdown_summary', {
            count: (rows as typeof byChannel).length,
            total: total(rows as typeof byChannel),
          })}
        >
          <ResponsiveContainer>
            <BarChart data={rows as typeof byChannel} layout="vertical">
              <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
              <XAxis type="number" tick={axis} reversed={reversed} interval={0} />
              <YAxis
                type="category"
                dataKey="name"
                tick={axis}
                interval={0}
                width={110}
                orientation={reversed ? 'right' : 'left'}
              />
              <Tooltip {...tooltipStyle} />
              <Legend />
              <Bar dataKey="created" name={t('metrics.created.name')} fill={colors.primary} isAnimationActive={false} />
              <Bar dataKey="solved" name={t('metrics.solved.name')} fill={colors.tertiary} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      ))}
      <ChartFigure
        id="frt-distribution"
        title={t('report.charts.frt_distribution')}
        summary={t('report.charts.frt_distribution_summary', { n: report.team.frt.n })}
      >
        <ResponsiveContainer>
          <BarChart data={histogram}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={axis} reversed={reversed} interval={0} />
            <YAxis tick={axis} interval={0} orientation={reversed ? 'right' : 'left'} />
            <Tooltip {...tooltipStyle} />
            <Bar dataKey="count" name={t('report.charts.tickets')} fill={colors.primary} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
