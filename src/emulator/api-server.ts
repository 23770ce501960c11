import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { AccountData, StaffRecord, StreamPosition, TicketVersion } from './account-data';
import type { EmulatorClock } from './emulator-clock';
import { faultRuleSchema, FaultInjector } from './faults';
import { paginate, PaginationError } from './list-pagination';
import { PLAN_LIMITS, RateLimiter, type LimitClass, type Plan } from './rate-limits';
import { parseSearchQuery, SearchSyntaxError, type SearchTicket } from './search-query';
import { RequestLog } from './request-log';

/**
 * The emulated Zendesk API: the endpoints the app and the CLI use, with Zendesk's pagination,
 * permissions, rate limits and error bodies, served from an AccountData as of the emulator's
 * Zendesk time. `/__emulator/*` is the test-only control surface.
 */

export interface EmulatorOptions {
  data: AccountData;
  clock: EmulatorClock;
  plan?: Plan;
  /** The API token every staff member's email works with (Basic `{email}/token:{token}`). */
  apiToken: string;
  faults?: FaultInjector;
  /** Served before the API: the agent workspace page and the app's files, on the same origin. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
  log?: (line: string) => void;
}

export interface RunningEmulator {
  url: string;
  server: Server;
  faults: FaultInjector;
  /** The latest requests answered, for tests that count what a client cost (bounded: request-log.ts). */
  requestLog: RequestLog;
  close(): Promise<void>;
}

/** The OAuth token the emulator accepts for a user (Bearer). */
export function oauthTokenFor(userId: number, apiToken: string): string {
  return `oauth-${userId}-${apiToken}`;
}

export const SESSION_COOKIE = 'zd_emulator_user';
const FORBIDDEN = {
  error: 'Forbidden',
  description:
    'You do not have access to this page. Please contact the account owner of this help desk for further help.',
};
const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };
const MINUTE = 60_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

interface RequestContext {
  user: StaffRecord;
  url: URL;
  origin: string;
  /** Zendesk time of the request, epoch ms. */
  now: number;
  viaApp: boolean;
}

const encodeCursor = (position: StreamPosition) =>
  Buffer.from(`${position.timestamp}.0||${position.id}|`).toString('base64');

function decodeCursor(cursor: string): StreamPosition {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^(\d+)(?:\.\d+)?\|\|(\d+)\|$/.exec(text);
  if (!match)
    throw new HttpError(400, { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });
  return { timestamp: Number(match[1]), id: Number(match[2]) };
}

function searchable(version: TicketVersion): SearchTicket {
  const ticket = version.ticket as Record<string, unknown> & { via?: { channel?: string } };
  const solvedAt = version.metricSet?.['solved_at'];
  return {
    status: String(ticket['status']),
    priority: (ticket['priority'] as string | null) ?? null,
    type: (ticket['type'] as string | null) ?? null,
    groupId: (ticket['group_id'] as number | null) ?? null,
    assigneeId: (ticket['assignee_id'] as number | null) ?? null,
    brandId: (ticket['brand_id'] as number | null) ?? null,
    tags: (ticket['tags'] as string[]) ?? [],
    channel: ticket.via?.channel ?? null,
    createdAt: Date.parse(String(ticket['created_at'])),
    updatedAt: Date.parse(String(ticket['updated_at'])),
    solvedAt: typeof solvedAt === 'string' ? Date.parse(solvedAt) : null,
  };
}

function integerParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: `${name} must be a whole number from ${min} to ${max}`,
    });
  }
  return value;
}

const TICKET_SORT_FIELDS = ['id', 'created_at', 'updated_at', 'status'] as const;

/**
 * List Tickets' ordering: `sort=-updated_at` with cursor pagination, `sort_by` + `sort_order` with
 * offset pagination, as Zendesk documents them (a subset of the fields). The agent workspace lists
 * newest tickets first with it; without either parameter the order stays by id.
 */
function ticketListOrder(url: URL): ((a: TicketVersion, b: TicketVersion) => number) | null {
  const sort = url.searchParams.get('sort');
  const sortBy = url.searchParams.get('sort_by');
  if (sort === null && sortBy === null) return null;
  const field = sort !== null ? sort.replace(/^-/, '') : sortBy!;
  const descending = sort !== null ? sort.startsWith('-') : url.searchParams.get('sort_order') === 'desc';
  if (!(TICKET_SORT_FIELDS as readonly string[]).includes(field)) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: `sort must be one of ${TICKET_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
    });
  }
  const key = (version: TicketVersion): string | number => {
    if (field === 'id') return version.id;
    if (field === 'status') return String(version.ticket['status']);
    return Date.parse(String(version.ticket[field]));
  };
  return (a, b) => {
    const left = key(a);
    const right = key(b);
    const byField = left < right ? -1 : left > right ? 1 : 0;
    return (descending ? -byField : byField) || (descending ? b.id - a.id : a.id - b.id);
  };
}

function includes(url: URL): Set<string> {
  return new Set(
    (url.searchParams.get('include') ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
}

export function createApiHandler(options: EmulatorOptions, requestLog = new RequestLog()) {
  const { data, clock, apiToken } = options;
  const plan = options.plan ?? 'enterprise';
  const faults = options.faults ?? new FaultInjector();
  const limiter = new RateLimiter(() => clock.now());
  const users = () => data.users();
  const staffByEmail = () =>
    new Map(
      users()
        .filter((user) => user.role !== 'end-user')
        .map((user) => [user.email.toLowerCase(), user]),
    );

  const authenticate = (request: IncomingMessage): StaffRecord | null => {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const match = /^(.+)\/token:(.+)$/.exec(decoded);
      if (!match || match[2] !== apiToken) return null;
      return staffByEmail().get(match[1]!.toLowerCase()) ?? null;
    }
    if (header.startsWith('Bearer ')) {
      const token = header.slice(7);
      return users().find((user) => user.role !== 'end-user' && oauthTokenFor(user.id, apiToken) === token) ?? null;
    }
    const cookie = /(?:^|;\s*)zd_emulator_user=(\d+)/.exec(request.headers.cookie ?? '');
    if (cookie) return users().find((user) => user.id === Number(cookie[1]) && user.role !== 'end-user') ?? null;
    return null;
  };

  const limitsFor = (context: RequestContext): (LimitClass & { key: string })[] => {
    const path = context.url.pathname;
    const classes: (LimitClass & { key: string })[] = [
      { name: 'account', perWindow: PLAN_LIMITS[plan], windowMs: MINUTE, key: 'account' },
    ];
    if (path.startsWith('/api/v2/incremental/')) {
      classes.push({
        name: 'incremental',
        perWindow: plan === 'high-volume' ? 30 : 10,
        windowMs: MINUTE,
        key: 'account',
        header: 'zendesk-ratelimit-incremental-exports',
      });
    }
    if (path.startsWith('/api/v2/search/export'))
      classes.push({ name: 'search-export', perWindow: 100, windowMs: MINUTE, key: 'account' });
    if (context.viaApp) {
      classes.push({ name: 'app', perWindow: 100, windowMs: MINUTE, key: String(context.user.id) });
      classes.push({ name: 'app-5min', perWindow: 700, windowMs: 5 * MINUTE, key: String(context.user.id) });
    }
    return classes;
  };

  const requireAdmin = (context: RequestContext) => {
    if (context.user.role !== 'admin') throw new HttpError(403, FORBIDDEN);
  };

  const ticketJson = (version: TicketVersion, wanted: Set<string>, context: RequestContext) => {
    const ticket: Record<string, unknown> = { ...version.ticket };
    if (wanted.has('slas')) ticket['slas'] = data.slas(version.id, context.now) ?? { policy_metrics: [] };
    if (wanted.has('metric_events')) {
      const grouped: Record<string, unknown[]> = {};
      for (const event of data.metricEvents(version.id, context.now) ?? []) {
        const metric = String((event as { metric: unknown }).metric);
        (grouped[metric] ??= []).push(event);
      }
      ticket['metric_events'] = grouped;
    }
    return ticket;
  };

  const exportUntil = (context: RequestContext) => Math.floor((context.now - MINUTE) / 1000);

  const incrementalStart = (context: RequestContext): number => {
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
  };

  const routes: [RegExp, (context: RequestContext, match: RegExpExecArray) => unknown][] = [
    [/^\/api\/v2\/users\/me(?:\.json)?$/, (context) => ({ user: context.user.json })],
    [
      /^\/api\/v2\/users\/show_many(?:\.json)?$/,
      (context) => {
        const ids = new Set((context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number));
        if (ids.size > 100) throw new HttpError(400, { error: 'InvalidValue', description: 'at most 100 ids' });
        return {
          users: users()
            .filter((user) => ids.has(user.id))
            .map((user) => user.json),
        };
      },
    ],
    [
      /^\/api\/v2\/users\/(\d+)(?:\.json)?$/,
      (_context, match) => {
        const user = users().find((candidate) => candidate.id === Number(match[1]));
        if (!user) throw new HttpError(404, NOT_FOUND);
        return { user: user.json };
      },
    ],
    [
      /^\/api\/v2\/users(?:\.json)?$/,
      (context) => {
        const roles = [...context.url.searchParams.getAll('role'), ...context.url.searchParams.getAll('role[]')];
        const list = users().filter((user) => roles.length === 0 || roles.includes(user.role));
        return paginate(list, context.url, 'users', (user) => user.json, context.origin).body;
      },
    ],
    [
      /^\/api\/v2\/groups(?:\.json)?$/,
      (context) => paginate(data.groups(), context.url, 'groups', (group) => group, context.origin).body,
    ],
    [
      /^\/api\/v2\/brands(?:\.json)?$/,
      (context) => paginate(data.brands(), context.url, 'brands', (brand) => brand, context.origin).body,
    ],
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
            const time = Date.parse(String((event as { time: unknown }).time));
            return time >= start && time <= until;
          })
          .sort((a, b) => String((a as { time: string }).time).localeCompare(String((b as { time: string }).time)));
        const page = events.slice(0, 1000);
        const endTime =
          page.length > 0
            ? Math.floor(Date.parse(String((page[page.length - 1] as { time: string }).time)) / 1000)
            : start / 1000;
        return {
          ticket_metric_events: page,
          next_page: `${context.origin}/api/v2/incremental/ticket_metric_events.json?start_time=${endTime}`,
          count: page.length,
          end_of_stream: events.length <= 1000,
          end_time: endTime,
        };
      },
    ],
    [
      /^\/api\/v2\/tickets\/show_many(?:\.json)?$/,
      (context) => {
        const ids = (context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);
        if (ids.length > 100)
          throw new HttpError(400, { error: 'InvalidValue', description: 'show_many takes at most 100 ids' });
        const wanted = includes(context.url);
        const versions = ids
          .map((id) => data.ticket(id, context.now))
          .filter((version): version is TicketVersion => version !== null && version.ticket['status'] !== 'deleted');
        return {
          tickets: versions.map((version) => ticketJson(version, new Set(), context)),
          ...(wanted.has('metric_sets')
            ? { metric_sets: versions.map((version) => version.metricSet).filter(Boolean) }
            : {}),
        };
      },
    ],
    [
      /^\/api\/v2\/tickets\/(\d+)\/metrics(?:\.json)?$/,
      (context, match) => {
        const version = data.ticket(Number(match[1]), context.now);
        if (!version || !version.metricSet || version.ticket['status'] === 'deleted')
          throw new HttpError(404, NOT_FOUND);
        return { ticket_metric: version.metricSet };
      },
    ],
    [
      /^\/api\/v2\/tickets\/(\d+)\/audits(?:\.json)?$/,
      (context, match) => {
        const audits = data.audits(Number(match[1]), context.now);
        if (!audits) throw new HttpError(404, NOT_FOUND);
        return paginate(audits, context.url, 'audits', (audit) => audit, context.origin).body;
      },
    ],
    [
      /^\/api\/v2\/tickets\/(\d+)(?:\.json)?$/,
      (context, match) => {
        const version = data.ticket(Number(match[1]), context.now);
        if (!version || version.ticket['status'] === 'deleted') throw new HttpError(404, NOT_FOUND);
        const wanted = includes(context.url);
        return {
          ticket: ticketJson(version, wanted, context),
          ...(wanted.has('metric_sets') && version.metricSet ? { metric_sets: [version.metricSet] } : {}),
        };
      },
    ],
    [
      /^\/api\/v2\/tickets(?:\.json)?$/,
      (context) => {
        const list = data.allTickets(context.now).filter((version) => version.ticket['status'] !== 'deleted');
        const order = ticketListOrder(context.url);
        if (order) list.sort(order);
        return paginate(list, context.url, 'tickets', (version) => version.ticket, context.origin).body;
      },
    ],
    [
      /^\/api\/v2\/ticket_metrics(?:\.json)?$/,
      (context) => {
        const list = data
          .allTickets(context.now)
          .filter((version) => version.metricSet && version.ticket['status'] !== 'deleted');
        return paginate(list, context.url, 'ticket_metrics', (version) => version.metricSet, context.origin).body;
      },
    ],
    [
      /^\/api\/v2\/search\/export(?:\.json)?$/,
      (context) => {
        if (context.url.searchParams.get('filter[type]') !== 'ticket') {
          throw new HttpError(400, {
            error: 'InvalidSearch',
            description: 'filter[type] is required: the emulator exports tickets (filter[type]=ticket)',
          });
        }
        const query = context.url.searchParams.get('query') ?? '';
        if (/(^|\s)type:/.test(query))
          throw new HttpError(400, { error: 'InvalidSearch', description: 'use filter[type], not type: in the query' });
        const size = integerParam(context.url, 'page[size]', 100, 1, 1000);
        const matches = search(context, query);
        const afterParam = context.url.searchParams.get('page[after]');
        let offset = 0;
        if (afterParam) {
          const [issuedAt, at] = Buffer.from(afterParam, 'base64url').toString('utf8').split(':').map(Number);
          if (issuedAt === undefined || at === undefined || Number.isNaN(issuedAt) || Number.isNaN(at)) {
            throw new HttpError(400, {
              error: 'InvalidPaginationParameter',
              description: 'page[after] is not a cursor from this search',
            });
          }
          // The search export's cursor expires after one hour (Search API reference).
          if (context.now - issuedAt > 60 * MINUTE)
            throw new HttpError(400, { error: 'InvalidPaginationParameter', description: 'cursor has expired' });
          offset = at;
        }
        const page = matches.slice(offset, offset + size);
        const end = offset + page.length;
        const hasMore = end < matches.length;
        const cursor = Buffer.from(
          `${afterParam ? Number(Buffer.from(afterParam, 'base64url').toString('utf8').split(':')[0]) : context.now}:${end}`,
        ).toString('base64url');
        const next = new URL('/api/v2/search/export.json', context.origin);
        next.searchParams.set('query', query);
        next.searchParams.set('filter[type]', 'ticket');
        next.searchParams.set('page[size]', String(size));
        next.searchParams.set('page[after]', cursor);
        return {
          results: page.map((version) => ({ ...version.ticket, result_type: 'ticket' })),
          facets: null,
          meta: { has_more: hasMore, after_cursor: hasMore ? cursor : null, before_cursor: null },
          links: { prev: null, next: hasMore ? next.toString() : null },
        };
      },
    ],
    [
      /^\/api\/v2\/search(?:\.json)?$/,
      (context) => {
        const query = context.url.searchParams.get('query') ?? '';
        const perPage = integerParam(context.url, 'per_page', 100, 1, 100);
        const page = integerParam(context.url, 'page', 1, 1, 10_000);
        if ((page - 1) * perPage >= 1000) {
          throw new HttpError(422, {
            error: 'InsufficientResourceError',
            description: 'Search results are limited to the first 1,000: use the search export',
          });
        }
        const matches = search(context, query);
        const start = (page - 1) * perPage;
        const slice = matches.slice(start, Math.min(start + perPage, 1000));
        const next = new URL('/api/v2/search.json', context.origin);
        next.searchParams.set('query', query);
        next.searchParams.set('per_page', String(perPage));
        next.searchParams.set('page', String(page + 1));
        return {
          results: slice.map((version) => ({ ...version.ticket, result_type: 'ticket' })),
          facets: null,
          next_page: start + perPage < Math.min(matches.length, 1000) ? next.toString() : null,
          previous_page: null,
          count: matches.length,
        };
      },
    ],
    [
      /^\/api\/v2\/satisfaction_ratings(?:\.json)?$/,
      (context) => {
        requireAdmin(context);
        const ratings = data
          .allTickets(context.now)
          .filter((version) => {
            const rating = version.ticket['satisfaction_rating'] as { score?: string } | null;
            return rating?.score === 'good' || rating?.score === 'bad' || rating?.score === 'offered';
          })
          .map((version) => ({
            ...(version.ticket['satisfaction_rating'] as object),
            ticket_id: version.id,
            assignee_id: version.ticket['assignee_id'],
            group_id: version.ticket['group_id'],
            requester_id: version.ticket['requester_id'],
            created_at: version.ticket['updated_at'],
            updated_at: version.ticket['updated_at'],
          }));
        return paginate(ratings, context.url, 'satisfaction_ratings', (rating) => rating, context.origin).body;
      },
    ],
  ];

  function search(context: RequestContext, query: string): TicketVersion[] {
    let predicate;
    try {
      predicate = parseSearchQuery(query, context.user.id);
    } catch (error) {
      if (error instanceof SearchSyntaxError)
        throw new HttpError(400, { error: 'InvalidSearch', description: error.message });
      throw error;
    }
    return data
      .allTickets(context.now)
      .filter((version) => version.ticket['status'] !== 'deleted' && predicate(searchable(version)))
      .sort((a, b) => a.id - b.id);
  }

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    truncate = false,
  ) => {
    let text = body === undefined ? '' : JSON.stringify(body);
    if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(text);
  };

  const control = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const body = request.method === 'POST' ? await readJson(request) : undefined;
    if (url.pathname === '/__emulator/faults') {
      if (request.method === 'POST') {
        const rules = z.array(faultRuleSchema).safeParse(Array.isArray(body) ? body : [body]);
        if (!rules.success) return send(response, 400, { error: 'InvalidFault', description: rules.error.message });
        faults.set(rules.data);
      } else if (request.method === 'DELETE') {
        faults.set([]);
      }
      return send(response, 200, { faults: faults.list() });
    }
    if (url.pathname === '/__emulator/clock') {
      if (request.method === 'POST') {
        const advance = z.object({ advanceMinutes: z.number() }).safeParse(body);
        if (!advance.success)
          return send(response, 400, { error: 'InvalidValue', description: 'expected {"advanceMinutes": N}' });
        clock.advance(advance.data.advanceMinutes * MINUTE);
      }
      return send(response, 200, { now: new Date(clock.now()).toISOString(), scale: clock.scale });
    }
    if (url.pathname === '/__emulator/limits') {
      // Tests that run Zendesk's clock slowly (so the account holds still) would otherwise share
      // one rate-limit window between every test in a file.
      if (request.method === 'DELETE') limiter.reset();
      return send(response, 200, { reset: request.method === 'DELETE' });
    }
    if (url.pathname === '/__emulator/requests') {
      if (request.method === 'DELETE') requestLog.clear();
      return send(response, 200, { requests: requestLog });
    }
    return send(response, 404, NOT_FOUND);
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = request.headers.host ?? 'localhost';
    const origin = `http://${host}`;
    const url = new URL(request.url ?? '/', origin);
    try {
      if (options.extraRoutes && (await options.extraRoutes(request, response, url))) return;
      if (url.pathname.startsWith('/__emulator/')) return await control(request, response, url);
      if (!url.pathname.startsWith('/api/v2/')) return send(response, 404, NOT_FOUND);
      if (request.method !== 'GET')
        return send(response, 405, { error: 'MethodNotAllowed', description: 'the emulator serves reads only' });

      const user = authenticate(request);
      if (!user) {
        requestLog.push({ path: url.pathname, status: 401, userId: null, at: clock.now() });
        return send(response, 401, { error: "Couldn't authenticate you" });
      }
      const context: RequestContext = {
        user,
        url,
        origin,
        now: clock.now(),
        viaApp: request.headers['x-zendesk-app'] === '1',
      };
      const log = (status: number) => requestLog.push({ path: url.pathname, status, userId: user.id, at: context.now });

      const verdict = limiter.check(limitsFor(context));
      if (!verdict.allowed) {
        log(429);
        return send(
          response,
          429,
          { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
          {
            ...verdict.headers,
            'retry-after': String(verdict.retryAfterSeconds),
          },
        );
      }

      const decision = faults.decide(
        url.pathname,
        url.searchParams.has('cursor') || url.searchParams.has('page[after]'),
      );
      if (decision.kind === 'hang') return; // never answered: the client's timeout is what is tested
      if (decision.latencyMs > 0)
        await new Promise((resolve) => setTimeout(resolve, clock.toWallMs(decision.latencyMs)));
      if (decision.kind === 'rate-limit') {
        log(429);
        return send(
          response,
          429,
          { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
          {
            ...verdict.headers,
            'retry-after': String(decision.retryAfterSeconds),
          },
        );
      }
      if (decision.kind === 'error') {
        log(decision.status);
        return send(
          response,
          decision.status,
          decision.status === 503
            ? { error: 'DatabaseTimeout', description: 'Please retry' }
            : { error: 'InternalServerError' },
          { ...verdict.headers, ...(decision.status === 503 ? { 'retry-after': '1' } : {}) },
        );
      }
      if (decision.kind === 'expired-cursor') {
        log(400);
        return send(
          response,
          400,
          { error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' },
          verdict.headers,
        );
      }

      for (const [pattern, handler] of routes) {
        const match = pattern.exec(url.pathname);
        if (!match) continue;
        const body = handler(context, match);
        log(200);
        return send(response, 200, body, verdict.headers, decision.truncate);
      }
      log(404);
      return send(response, 404, NOT_FOUND, verdict.headers);
    } catch (error) {
      if (error instanceof HttpError) return send(response, error.status, error.body);
      if (error instanceof PaginationError)
        return send(response, 400, { error: 'InvalidPaginationParameter', description: error.message });
      options.log?.(`emulator error on ${url.pathname}: ${error instanceof Error ? error.stack : String(error)}`);
      return send(response, 500, { error: 'InternalServerError' });
    }
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startEmulator(
  options: EmulatorOptions & { port?: number; host?: string },
): Promise<RunningEmulator> {
  const requestLog = new RequestLog();
  const faults = options.faults ?? new FaultInjector();
  const handler = createApiHandler({ ...options, faults }, requestLog);
  const server = createServer((request, response) => {
    void handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    server,
    faults,
    requestLog,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
