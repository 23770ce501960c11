import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { AccountData, StaffRecord } from './account-data';
import { brandRoutes } from './api/brand-routes';
import { deletedTicketRoutes } from './api/deleted-ticket-routes';
import { CustomObjectStore } from './custom-objects';
import { groupRoutes } from './api/group-routes';
import { incrementalRoutes } from './api/incremental-routes';
import { HttpError, MINUTE, NOT_FOUND, type RequestContext, type Route } from './api/route';
import { satisfactionRatingRoutes } from './api/satisfaction-rating-routes';
import { searchRoutes } from './api/search-routes';
import { ticketFieldRoutes } from './api/ticket-field-routes';
import { ticketMetricRoutes } from './api/ticket-metric-routes';
import { ticketRoutes } from './api/ticket-routes';
import { userRoutes } from './api/user-routes';
import type { EmulatorClock } from './emulator-clock';
import { faultRuleSchema, FaultInjector } from './faults';
import { PaginationError } from './list-pagination';
import { incrementalExportLimit, PLAN_LIMITS, RateLimiter, type LimitClass, type Plan } from './rate-limits';
import { RequestLog } from './request-log';

/**
 * The emulated Zendesk API: the endpoints the app and the CLI use, with Zendesk's pagination,
 * permissions, rate limits and error bodies, served from an AccountData as of the emulator's
 * Zendesk time. `/__emulator/*` is the test-only control surface. Each resource's routes are in
 * api/, one table per resource; this file authenticates, rate-limits, injects faults and dispatches.
 */

export interface EmulatorOptions {
  data: AccountData;
  clock: EmulatorClock;
  plan?: Plan;
  /** The API token every staff member's email works with (Basic `{email}/token:{token}`). */
  apiToken: string;
  faults?: FaultInjector;
  /** False to model an account whose plan has no custom objects (they answer 403). */
  customObjects?: boolean;
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

export function createApiHandler(options: EmulatorOptions, requestLog = new RequestLog()) {
  const { data, clock, apiToken } = options;
  const plan = options.plan ?? 'enterprise';
  const faults = options.faults ?? new FaultInjector();
  const limiter = new RateLimiter(() => clock.now());
  const customObjects = new CustomObjectStore(plan, options.customObjects ?? true);
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
    const incremental = incrementalExportLimit(path, plan);
    if (incremental) classes.push(incremental);
    if (path.startsWith('/api/v2/search/export'))
      classes.push({ name: 'search-export', perWindow: 100, windowMs: MINUTE, key: 'account' });
    // List Deleted Tickets: 10 requests a minute (its API reference).
    if (path.startsWith('/api/v2/deleted_tickets'))
      classes.push({ name: 'deleted-tickets', perWindow: 10, windowMs: MINUTE, key: 'account' });
    if (context.viaApp) {
      classes.push({ name: 'app', perWindow: 100, windowMs: MINUTE, key: String(context.user.id) });
      classes.push({ name: 'app-5min', perWindow: 700, windowMs: 5 * MINUTE, key: String(context.user.id) });
    }
    return classes;
  };

  const routes: Route[] = [
    ...userRoutes(data),
    ...groupRoutes(data),
    ...brandRoutes(data),
    ...ticketFieldRoutes(data),
    ...incrementalRoutes(data),
    ...ticketRoutes(data),
    ...ticketMetricRoutes(data),
    ...deletedTicketRoutes(data),
    ...searchRoutes(data),
    ...satisfactionRatingRoutes(data),
  ];

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
    // Zendesk's own time, as a real account's `Date` says it: clients take refresh windows from
    // it, and the emulator's clock may run ahead of the host's or faster than it.
    response.setHeader('date', new Date(clock.now()).toUTCString());
    try {
      if (options.extraRoutes && (await options.extraRoutes(request, response, url))) return;
      if (url.pathname.startsWith('/__emulator/')) return await control(request, response, url);
      if (url.pathname !== '/api' && !url.pathname.startsWith('/api/'))
        return sendPersonOn(response, url, options.extraRoutes !== undefined);
      if (!url.pathname.startsWith('/api/v2/')) return send(response, 404, NOT_FOUND);
      if (request.method !== 'GET' && !CustomObjectStore.handles(url.pathname))
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

      if (CustomObjectStore.handles(url.pathname)) {
        const method = request.method ?? 'GET';
        const answer = customObjects.handle(context, method, method === 'GET' ? undefined : await readJson(request));
        log(answer.status);
        return send(response, answer.status, answer.body, verdict.headers);
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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A page a person typed (the root URL, a path that is not the API): a redirect to the agent
 * workspace, with a small page linking to it for clients that do not follow redirects. Under
 * `/agent` itself, which the workspace did not serve, a 404 page saying so, so that the redirect
 * can never loop.
 */
function sendPersonOn(response: ServerResponse, url: URL, hasWorkspace: boolean): void {
  const page = (title: string, text: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><h1>${title}</h1><p>${text}</p></body></html>`;
  const headers = { 'content-type': 'text/html; charset=utf-8' };
  if (url.pathname === '/agent' || url.pathname.startsWith('/agent/')) {
    response.writeHead(404, headers);
    response.end(
      hasWorkspace
        ? page(
            'Page not found',
            `The agent workspace has no page ${escapeHtml(url.pathname)}. <a href="/agent/">Open the agent workspace</a>.`,
          )
        : page(
            'No agent workspace here',
            'This local Zendesk was started without its agent workspace: it serves the API under <code>/api/v2/</code> only.',
          ),
    );
    return;
  }
  response.writeHead(302, { ...headers, location: '/agent/' });
  response.end(page('Local Zendesk', 'The agent workspace is at <a href="/agent/">/agent/</a>.'));
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
