import type { AccountData, StreamPosition } from '../account-data';
import { timeOf } from './json-fields';
import { HttpError, includes, integerParam, MINUTE, requireAdmin, type RequestContext, type Route } from './route';

const encodeCursor = (position: StreamPosition) =>
  Buffer.from(`${position.timestamp}.0||${position.id}|`).toString('base64');

function decodeCursor(cursor: string): StreamPosition {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^(\d+)(?:\.\d+)?\|\|(\d+)\|$/.exec(text);
  if (!match)
    throw new HttpError(400, { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });
  return { timestamp: Number(match[1]), id: Number(match[2]) };
}

const exportUntil = (context: RequestContext) => Math.floor((context.now - MINUTE) / 1000);

function incrementalStart(context: RequestContext): number {
  const raw = context.url.searchParams.get('start_time');
  if (raw === null || !/^\d+$/.test(raw)) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: 'start_time is required and must be a Unix epoch time in seconds',
    });
  }
  const start = Number(raw);
  if (start > exportUntil(context)) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: 'Too recent start_time. Use a start_time at least one minute in the past',
    });
  }
  return start;
}

/**
 * Incremental exports, for admins only (403 for anyone else): tickets cursor-based and time-based,
 * with the metric_sets sideload, and ticket metric events; `start_time` at least a minute old.
 */
export function incrementalRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/incremental\/tickets\/cursor(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const cursor = context.url.searchParams.get('cursor');
        const perPage = integerParam(context.url, 'per_page', 1000, 1, 1000);
        const position: StreamPosition = cursor
          ? decodeCursor(cursor)
          : { timestamp: incrementalStart(context), id: 0 };
        // `start_time` includes its own second: start just before it.
        const after = cursor ? position : { timestamp: position.timestamp - 1, id: Number.MAX_SAFE_INTEGER };
        const withDeleted = context.url.searchParams.get('exclude_deleted') !== 'true';
        const found = data.changedTickets(after, exportUntil(context), perPage + 1);
        const page = found.slice(0, perPage);
        const last = page[page.length - 1];
        const next = last ? { timestamp: last.generatedTimestamp, id: last.id } : after;
        const afterCursor = encodeCursor(next);
        const wanted = includes(context.url);
        const tickets = page.filter((version) => withDeleted || version.ticket['status'] !== 'deleted');
        return {
          tickets: tickets.map((version) => version.ticket),
          ...(wanted.has('metric_sets')
            ? { metric_sets: tickets.map((version) => version.metricSet).filter(Boolean) }
            : {}),
          after_url: `${context.origin}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(afterCursor)}${
            context.url.searchParams.has('per_page') ? `&per_page=${perPage}` : ''
          }`,
          before_url: null,
          after_cursor: afterCursor,
          before_cursor: null,
          end_of_stream: found.length <= perPage,
        };
      },
    ],
    [
      /^\/api\/v2\/incremental\/tickets(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const start = incrementalStart(context);
        const perPage = integerParam(context.url, 'per_page', 1000, 1, 1000);
        const until = exportUntil(context);
        const found = data.changedTickets({ timestamp: start - 1, id: Number.MAX_SAFE_INTEGER }, until, perPage + 1);
        let page = found.slice(0, perPage);
        const lastSecond = page.length > 0 ? page[page.length - 1]!.generatedTimestamp : null;
        // A page cut inside a second that more tickets share runs to the end of that second and
        // the next page starts after it, so a small per_page still makes progress; otherwise the
        // next page starts at the last ticket's second, repeating its neighbours (both as recorded
        // in zenpy test_pagination-00 and -02).
        const extended =
          lastSecond !== null && found.length > perPage && found[perPage]!.generatedTimestamp === lastSecond;
        if (extended) {
          page = data.changedTickets(
            { timestamp: start - 1, id: Number.MAX_SAFE_INTEGER },
            lastSecond,
            Number.MAX_SAFE_INTEGER,
          );
        }
        const more =
          lastSecond !== null &&
          data.changedTickets({ timestamp: lastSecond, id: Number.MAX_SAFE_INTEGER }, until, 1).length > 0;
        const endTime = lastSecond === null ? start : extended ? lastSecond + 1 : lastSecond;
        const wanted = includes(context.url);
        const next = new URL('/api/v2/incremental/tickets.json', context.origin);
        if (context.url.searchParams.has('per_page')) next.searchParams.set('per_page', String(perPage));
        next.searchParams.set('start_time', String(endTime));
        if (wanted.size > 0) next.searchParams.set('include', [...wanted].join(','));
        const withMetrics = wanted.has('metric_sets');
        return {
          // With metric_sets, each ticket also carries its own (recorded/embulk/ticket_metrics.json).
          tickets: page.map((version) =>
            withMetrics && version.metricSet ? { ...version.ticket, metric_set: version.metricSet } : version.ticket,
          ),
          ...(withMetrics ? { metric_sets: page.map((version) => version.metricSet).filter(Boolean) } : {}),
          next_page: next.toString(),
          count: page.length,
          end_of_stream: !more,
          end_time: endTime,
        };
      },
    ],
    [
      /^\/api\/v2\/incremental\/ticket_metric_events(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const start = incrementalStart(context) * 1000;
        const until = exportUntil(context) * 1000;
        const events = data
          .allTickets(context.now)
          .flatMap((version) => data.metricEvents(version.id, context.now) ?? [])
          .filter((event) => {
            const time = timeOf(event['time']);
            return time >= start && time <= until;
          })
          .sort((a, b) => timeOf(a['time']) - timeOf(b['time']));
        const page = events.slice(0, 1000);
        const endTime = page.length > 0 ? Math.floor(timeOf(page[page.length - 1]!['time']) / 1000) : start / 1000;
        return {
          ticket_metric_events: page,
          next_page: `${context.origin}/api/v2/incremental/ticket_metric_events.json?start_time=${endTime}`,
          count: page.length,
          end_of_stream: events.length <= 1000,
          end_time: endTime,
        };
      },
    ],
  ];
}
