import type { AccountData, StreamPosition } from '../account-data';
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

interface TimeWindow<T> {
  records: T[];
  endTime: number;
  endOfStream: boolean;
}

/**
 * One page of a time-based export (https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#time-based-incremental-exports):
 * up to `perPage` records from `start`; `end_time` is the last record's second, and the next page
 * starts there, repeating that second's records (as recorded in zenpy test_pagination-00). When
 * that would not move on (every record of the page shares one second) or the page is cut inside
 * a second, the page runs to the end of that second, exceeding `perPage` as Zendesk documents,
 * and the next page starts after it.
 *
 * `read(limit, last)` gives records from `start` up to the second `last` (default: the export's
 * end); `after(second)` tells whether any record comes after that second.
 */
function timeBasedWindow<T>(
  start: number,
  perPage: number,
  read: (limit: number, last?: number) => T[],
  after: (second: number) => boolean,
  secondOf: (record: T) => number,
): TimeWindow<T> {
  const found = read(perPage + 1);
  if (found.length === 0) return { records: [], endTime: start, endOfStream: true };
  let records = found.slice(0, perPage);
  const lastSecond = secondOf(records[records.length - 1]!);
  const cutInside = found.length > perPage && secondOf(found[perPage]!) === lastSecond;
  const oneSecond = secondOf(records[0]!) === lastSecond;
  const extended = cutInside || (oneSecond && found.length > perPage);
  if (extended) records = read(Number.MAX_SAFE_INTEGER, lastSecond);
  const more = after(lastSecond);
  // The last page of the stream ends after its last second too, so that asking again from its
  // end_time returns nothing new rather than the same records.
  const endTime = extended || (oneSecond && !more) ? lastSecond + 1 : lastSecond;
  return { records, endTime, endOfStream: !more };
}

function nextPage(
  context: RequestContext,
  path: string,
  endTime: number,
  perPage: number | null,
  wanted: Set<string>,
): string {
  const next = new URL(path, context.origin);
  if (perPage !== null && context.url.searchParams.has('per_page')) next.searchParams.set('per_page', String(perPage));
  next.searchParams.set('start_time', String(endTime));
  if (wanted.size > 0) next.searchParams.set('include', [...wanted].join(','));
  return next.toString();
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
 * with the metric_sets sideload; ticket events (with `include=comment_events`) and ticket metric
 * events, time-based; `start_time` at least a minute old.
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
        const from = { timestamp: start - 1, id: Number.MAX_SAFE_INTEGER };
        const window = timeBasedWindow(
          start,
          perPage,
          (limit, last) => data.changedTickets(from, last ?? until, limit),
          (second) => data.changedTickets({ timestamp: second, id: Number.MAX_SAFE_INTEGER }, until, 1).length > 0,
          (version) => version.generatedTimestamp,
        );
        const wanted = includes(context.url);
        const withMetrics = wanted.has('metric_sets');
        const page = window.records;
        return {
          // With metric_sets, each ticket also carries its own (recorded/embulk/ticket_metrics.json).
          tickets: page.map((version) =>
            withMetrics && version.metricSet ? { ...version.ticket, metric_set: version.metricSet } : version.ticket,
          ),
          ...(withMetrics ? { metric_sets: page.map((version) => version.metricSet).filter(Boolean) } : {}),
          next_page: nextPage(context, '/api/v2/incremental/tickets.json', window.endTime, perPage, wanted),
          count: page.length,
          end_of_stream: window.endOfStream,
          end_time: window.endTime,
        };
      },
    ],
    [
      /^\/api\/v2\/incremental\/ticket_events(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const start = incrementalStart(context);
        const perPage = integerParam(context.url, 'per_page', 1000, 1, 1000);
        const until = exportUntil(context);
        const wanted = includes(context.url);
        const withComments = wanted.has('comment_events');
        const window = timeBasedWindow(
          start,
          perPage,
          (limit, last) => data.ticketEvents(start, last ?? until, limit, withComments),
          (second) => data.ticketEvents(second + 1, until, 1, false).length > 0,
          (record) => Math.floor(record.at / 1000),
        );
        return {
          ticket_events: window.records.map((record) => record.json),
          next_page: nextPage(context, '/api/v2/incremental/ticket_events.json', window.endTime, perPage, wanted),
          count: window.records.length,
          end_of_stream: window.endOfStream,
          end_time: window.endTime,
        };
      },
    ],
    [
      /^\/api\/v2\/incremental\/ticket_metric_events(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const start = incrementalStart(context);
        const until = exportUntil(context);
        // Zendesk pages this export by time at 1000 events, without a per_page of its own.
        const window = timeBasedWindow(
          start,
          1000,
          (limit, last) => data.metricEventStream(start * 1000, (last ?? until) * 1000 + 999, limit),
          (second) => data.metricEventStream((second + 1) * 1000, until * 1000 + 999, 1).length > 0,
          (record) => Math.floor(record.at / 1000),
        );
        return {
          ticket_metric_events: window.records.map((record) => record.json),
          next_page: nextPage(
            context,
            '/api/v2/incremental/ticket_metric_events.json',
            window.endTime,
            null,
            new Set(),
          ),
          count: window.records.length,
          end_of_stream: window.endOfStream,
          end_time: window.endTime,
        };
      },
    ],
  ];
}
