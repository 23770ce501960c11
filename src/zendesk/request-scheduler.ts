import { describeHttpFailure, ZendeskApiError } from './api-errors';
import { AbortedError, systemClock, type Clock } from './clock';
import { header, TransportError, type HttpMethod, type Transport, type TransportResponse } from './transport';

/**
 * Sends every request through Zendesk's rate limits instead of into them: a sliding one-minute
 * window per limit, the account limit learnt from response headers, `Retry-After` honoured on 429,
 * and bounded, jittered exponential backoff on 5xx, timeouts and dropped connections.
 *
 * Documented limits (https://developer.zendesk.com/api-reference/introduction/rate-limits/):
 * - account-wide, by plan: 200 (Team), 400 (Growth, Professional), 700 (Enterprise), 2500 (High
 *   Volume API add-on) requests a minute. The plan is unknown until the first response, so the
 *   scheduler starts at the lowest (200) and then uses `X-Rate-Limit` / `ratelimit-limit`.
 * - incremental exports: 10 requests a minute (30 with the High Volume add-on; 10 is assumed,
 *   the less convenient, unless a `zendesk-ratelimit-incremental-exports` header says otherwise),
 *   counted for each export endpoint on its own: the ticket export, the ticket events and the
 *   ticket metric events each have ten a minute, so reading them side by side is not three times
 *   slower (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/,
 *   "Rate limits": "up to 10 requests per minute to these endpoints"; the Ticket Metric Events
 *   reference gives that endpoint its own 10). The header each answer carries is its endpoint's.
 * - search export: 100 requests a minute, counted against the account limit too;
 * - users cursor export: 20 a minute (`Zendesk-RateLimit-incremental-exports-cursor`);
 * - apps (ZAF `client.request`): 100 requests a minute per user per app, and 700 per 5 minutes
 *   (https://developer.zendesk.com/api-reference/apps/introduction, "Rate limits"): `appRules()`.
 * - 429 carries `Retry-After` in seconds; waiting it out is the documented recovery.
 */

export interface RateLimitRule {
  name: string;
  /** Requests allowed per window (a minute unless `windowMs` says otherwise). */
  perMinute: number;
  windowMs?: number;
  /** Which paths count against this limit; the account rule matches all. */
  applies(path: string): boolean;
  /** The `zendesk-ratelimit-*` header that reports this limit's state, if Zendesk sends one. */
  header?: string;
  /**
   * For a limit Zendesk counts per endpoint: the budget a path counts against, each with its own
   * window (and its own header state). Absent: one budget for every path the rule applies to.
   */
  budget?(path: string): string;
}

/** A path's endpoint: no query, no `.json` (`/api/v2/incremental/ticket_events`). */
export function endpointOf(path: string): string {
  return path.split('?')[0]!.replace(/\.json$/, '');
}

export const ACCOUNT_RULE_NAME = 'account';
export const LOWEST_PLAN_LIMIT = 200;

export function defaultRules(): RateLimitRule[] {
  return [
    { name: ACCOUNT_RULE_NAME, perMinute: LOWEST_PLAN_LIMIT, applies: () => true },
    {
      name: 'incremental exports',
      perMinute: 10,
      applies: (path) => path.startsWith('/api/v2/incremental/'),
      header: 'zendesk-ratelimit-incremental-exports',
      budget: endpointOf,
    },
    { name: 'search export', perMinute: 100, applies: (path) => path.startsWith('/api/v2/search/export') },
    {
      name: 'users cursor export',
      perMinute: 20,
      applies: (path) => path.startsWith('/api/v2/incremental/users/cursor'),
      header: 'zendesk-ratelimit-incremental-exports-cursor',
    },
  ];
}

/** The limits Zendesk puts on an app's requests, on top of the account's. */
export function appRules(): RateLimitRule[] {
  return [
    ...defaultRules(),
    { name: 'app per user', perMinute: 100, applies: () => true },
    { name: 'app per user, 5 minutes', perMinute: 700, windowMs: 5 * MINUTE, applies: () => true },
  ];
}

/**
 * Why a request waits, in the terms a person is told: a rate limit (the scheduler's own window,
 * or a 429's Retry-After), a server error being retried (5xx, a body cut off), or no connection
 * (no answer at all: the network failed or the request timed out).
 */
export type WaitCause = 'rate-limit' | 'server-error' | 'no-connection';

/**
 * What a wait is for, as facts a display words itself: the limit whose window is full, the HTTP
 * status or transport failure that is being retried, and which attempt comes after the wait.
 */
export interface WaitFacts {
  /** The rate limit whose window is full: its name ("incremental exports"), requests allowed a window. */
  limit?: { name: string; allowed: number; windowMs: number };
  /** The status of the response that caused the wait (429, 5xx). */
  status?: number;
  /** The transport's failure, for a request that got no whole answer. */
  failure?: string;
  /** The attempt the wait comes before, of the most this request gets. */
  attempt?: { next: number; of: number };
}

export type SchedulerEvent =
  | { type: 'request'; path: string; attempt: number }
  | { type: 'response'; path: string; status: number; ms: number }
  | ({
      type: 'wait';
      path: string;
      reason: 'rate-limit' | 'retry-after' | 'backoff';
      cause: WaitCause;
      ms: number;
      /** The clock's time when the wait ends, so a display can count down to it. */
      until: number;
      detail: string;
    } & WaitFacts);

export interface SchedulerOptions {
  clock?: Clock;
  /** In [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  rules?: RateLimitRule[];
  /** Retries after a 5xx, a timeout, a dropped connection or a cut-off body. */
  maxRetries?: number;
  /** 429s in a row on one request before giving up. */
  maxRateLimitRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /**
   * The longest wait for a rate limit (default 15 minutes): a `Retry-After` of hours is not
   * waited out in silence, the request fails saying when to come back, and a pull resumes then.
   */
  maxWaitMs?: number;
  onEvent?: (event: SchedulerEvent) => void;
}

const MINUTE = 60_000;

/** The requests sent in one rolling window, and a stop Zendesk asked for. */
class SlidingWindow {
  private readonly sent: number[] = [];
  blockedUntil = 0;

  constructor(private readonly windowMs: number) {}

  private prune(now: number): void {
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
  }

  /** How long to wait before one more request may go, at time `now`, `limit` being allowed per window. */
  waitFor(now: number, limit: number): number {
    this.prune(now);
    const byWindow = this.sent.length < limit ? 0 : this.sent[this.sent.length - limit]! + this.windowMs - now;
    return Math.max(byWindow, this.blockedUntil - now, 0);
  }

  /** How long from `now` until `count` more requests have all been let through, sent as early as allowed. */
  timeFor(now: number, count: number, limit: number): number {
    this.prune(now);
    const times = [...this.sent];
    let last = now;
    for (let index = 0; index < count; index++) {
      const byWindow = times.length < limit ? now : times[times.length - limit]! + this.windowMs;
      last = Math.max(now, byWindow, this.blockedUntil);
      times.push(last);
    }
    return last - now;
  }

  record(now: number): void {
    this.sent.push(now);
  }
}

/** One limit: how many it allows (learnt from Zendesk's headers), and a window per budget it counts. */
class Limit {
  perMinute: number;
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(readonly rule: RateLimitRule) {
    this.perMinute = rule.perMinute;
  }

  window(path: string): SlidingWindow {
    const key = this.rule.budget?.(path) ?? '';
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.rule.windowMs ?? MINUTE);
      this.windows.set(key, window);
    }
    return window;
  }
}

export class RequestScheduler {
  readonly transport: Transport;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly limits: Limit[];
  private readonly maxRetries: number;
  private readonly maxRateLimitRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly concurrency: number;
  private readonly maxWaitMs: number;
  private readonly listeners = new Set<(event: SchedulerEvent) => void>();
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];

  /** Requests sent, retries included. */
  requests = 0;
  /** Time spent waiting for limits and backoff, in clock ms. */
  waitedMs = 0;

  constructor(transport: Transport, options: SchedulerOptions = {}) {
    this.transport = transport;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.limits = (options.rules ?? defaultRules()).map((rule) => new Limit(rule));
    this.maxRetries = options.maxRetries ?? 5;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? 10;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
    this.backoffCapMs = options.backoffCapMs ?? 30_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxWaitMs = options.maxWaitMs ?? 15 * MINUTE;
    if (options.onEvent) this.listeners.add(options.onEvent);
  }

  /** Listens to requests, responses and waits; returns the function that stops listening. */
  subscribe(listener: (event: SchedulerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onEvent(event: SchedulerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The account-wide limit in force: the lowest plan's until Zendesk has said otherwise. */
  get accountLimit(): number {
    return this.limits.find(({ rule }) => rule.name === ACCOUNT_RULE_NAME)?.perMinute ?? LOWEST_PLAN_LIMIT;
  }

  /**
   * The least time in which `count` more requests to `path` can be sent under every limit in play
   * (the windows as they stand, and any stop Zendesk asked for): the real bound on how long a pull
   * with that many requests left takes, whatever its requests so far suggest.
   */
  msToSend(path: string, count: number): number {
    if (count <= 0) return 0;
    const now = this.clock.now();
    let longest = 0;
    for (const limit of this.limits) {
      if (!limit.rule.applies(path)) continue;
      longest = Math.max(longest, limit.window(path).timeFor(now, count, limit.perMinute));
    }
    return longest;
  }

  /** GET `path`; resolves with a 2xx response or rejects with a ZendeskApiError that says why. */
  get(path: string, signal?: AbortSignal): Promise<TransportResponse> {
    return this.send({ method: 'GET', path }, signal);
  }

  /**
   * Any request, under the same limits and retries as a GET. Only idempotent writes belong here
   * (an upsert by external id, a create that answers a conflict when it was done already): a
   * request that timed out may have been done, and is sent again.
   */
  async send(
    request: { method: HttpMethod; path: string; body?: unknown },
    signal?: AbortSignal,
  ): Promise<TransportResponse> {
    await this.acquireSlot(signal);
    try {
      return await this.sendWithRetries(request, signal);
    } finally {
      this.releaseSlot();
    }
  }

  private async acquireSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AbortedError();
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.inFlight++;
        resolve();
      };
      // A request cancelled while queued leaves the queue, so it never takes a slot.
      const onAbort = () => {
        const index = this.queue.indexOf(grant);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
  }

  private releaseSlot(): void {
    this.inFlight--;
    this.queue.shift()?.();
  }

  private async sendWithRetries(
    { method, path, body }: { method: HttpMethod; path: string; body?: unknown },
    signal?: AbortSignal,
  ): Promise<TransportResponse> {
    let failures = 0;
    let rateLimited = 0;
    for (let attempt = 1; ; attempt++) {
      await this.waitForLimits(path, signal);
      if (signal?.aborted) throw new AbortedError();
      this.requests++;
      this.onEvent({ type: 'request', path, attempt });
      const started = this.clock.now();
      let response: TransportResponse;
      try {
        response = await this.transport.request(method === 'GET' ? { path, signal } : { path, signal, method, body });
      } catch (error) {
        if (error instanceof AbortedError || signal?.aborted) throw new AbortedError();
        if (!(error instanceof TransportError)) throw error;
        if (error.failure === 'aborted') throw new AbortedError();
        failures++;
        if (failures > this.maxRetries) {
          throw new ZendeskApiError(`${method} ${path} failed ${failures} times: ${error.message}`, null, path);
        }
        // A body cut off came from a server that answered; no answer at all is no connection.
        const cause = error.failure === 'malformed-body' ? 'server-error' : 'no-connection';
        await this.backoff(path, failures, cause, `${error.message}, retry ${failures} of ${this.maxRetries}`, signal, {
          failure: error.message,
          attempt: { next: attempt + 1, of: this.maxRetries + 1 },
        });
        continue;
      }
      this.onEvent({ type: 'response', path, status: response.status, ms: this.clock.now() - started });
      this.learnLimits(path, response);

      if (response.status >= 200 && response.status < 300) return response;
      if (response.status === 429) {
        rateLimited++;
        if (rateLimited > this.maxRateLimitRetries) {
          throw new ZendeskApiError(
            `${method} ${path} was rate limited (HTTP 429) ${rateLimited} times in a row; another client may be using up the account's limit`,
            429,
            path,
          );
        }
        const wait = this.retryAfterMs(response) ?? MINUTE;
        this.refuseLongWait(path, wait, 'HTTP 429 with Retry-After');
        this.blockRules(path, this.clock.now() + wait);
        await this.wait(path, 'retry-after', 'rate-limit', wait, 'HTTP 429, waiting as Retry-After says', signal, {
          status: 429,
          attempt: { next: rateLimited + 1, of: this.maxRateLimitRetries + 1 },
        });
        continue;
      }
      if (response.status >= 500) {
        failures++;
        if (failures > this.maxRetries) {
          throw new ZendeskApiError(
            `${describeHttpFailure(path, response.status, response.body)}; gave up after ${failures} attempts`,
            response.status,
            path,
          );
        }
        const retryAfter = response.status === 503 ? this.retryAfterMs(response) : null;
        const retried = { status: response.status, attempt: { next: failures + 1, of: this.maxRetries + 1 } };
        if (retryAfter !== null) {
          this.refuseLongWait(path, retryAfter, 'HTTP 503 with Retry-After');
          const detail = `HTTP 503, retry ${failures} of ${this.maxRetries}`;
          await this.wait(path, 'retry-after', 'server-error', retryAfter, detail, signal, retried);
        } else {
          const detail = `HTTP ${response.status}, retry ${failures} of ${this.maxRetries}`;
          await this.backoff(path, failures, 'server-error', detail, signal, retried);
        }
        continue;
      }
      throw new ZendeskApiError(describeHttpFailure(path, response.status, response.body), response.status, path);
    }
  }

  private async waitForLimits(path: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      let wait = 0;
      let limiting: Limit | null = null;
      const applying = this.limits.filter((limit) => limit.rule.applies(path));
      for (const limit of applying) {
        const ruleWait = limit.window(path).waitFor(now, limit.perMinute);
        if (ruleWait > wait) {
          wait = ruleWait;
          limiting = limit;
        }
      }
      if (wait <= 0) {
        for (const limit of applying) limit.window(path).record(now);
        return;
      }
      const { name, windowMs = MINUTE } = limiting!.rule;
      this.refuseLongWait(path, wait, `the ${name} limit`);
      await this.wait(path, 'rate-limit', 'rate-limit', wait, `${name} limit`, signal, {
        limit: { name, allowed: limiting!.perMinute, windowMs },
      });
    }
  }

  /** "Equal jitter": between half and all of base·2^(n-1), capped, so that clients retrying together spread out (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
  private async backoff(
    path: string,
    failure: number,
    cause: WaitCause,
    detail: string,
    signal: AbortSignal | undefined,
    facts: WaitFacts,
  ): Promise<void> {
    const ceiling = Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** (failure - 1));
    const wait = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    await this.wait(path, 'backoff', cause, wait, detail, signal, facts);
  }

  /** Waits `ms`, telling listeners why and until when. */
  private async wait(
    path: string,
    reason: 'rate-limit' | 'retry-after' | 'backoff',
    cause: WaitCause,
    ms: number,
    detail: string,
    signal: AbortSignal | undefined,
    facts: WaitFacts,
  ): Promise<void> {
    this.waitedMs += ms;
    this.onEvent({ type: 'wait', path, reason, cause, ms, until: this.clock.now() + ms, detail, ...facts });
    await this.clock.sleep(ms, signal);
  }

  private refuseLongWait(path: string, wait: number, cause: string): void {
    if (wait <= this.maxWaitMs) return;
    const minutes = (ms: number) => `${Math.ceil(ms / MINUTE).toLocaleString('en-US')} min`;
    throw new ZendeskApiError(
      `GET ${path}: ${cause} asks to wait ${minutes(wait)}, longer than the ${minutes(this.maxWaitMs)} waited at most; try again after ${new Date(this.clock.now() + wait).toISOString()}`,
      429,
      path,
    );
  }

  private retryAfterMs(response: TransportResponse): number | null {
    const value = header(response.headers, 'retry-after');
    if (value === undefined) return null;
    if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, date - this.clock.now());
  }

  private blockRules(path: string, until: number): void {
    for (const limit of this.limits) {
      if (!limit.rule.applies(path)) continue;
      const window = limit.window(path);
      window.blockedUntil = Math.max(window.blockedUntil, until);
    }
  }

  /** Adopts the limits Zendesk reports, and stops sending when a limit says nothing is left. */
  private learnLimits(path: string, response: TransportResponse): void {
    const headers = response.headers;
    const account = this.limits.find(({ rule }) => rule.name === ACCOUNT_RULE_NAME);
    if (account) {
      const limit = Number(header(headers, 'x-rate-limit') ?? header(headers, 'ratelimit-limit'));
      if (Number.isInteger(limit) && limit > 0) account.perMinute = limit;
      const window = account.window(path);
      const remaining = Number(
        header(headers, 'x-rate-limit-remaining') ?? header(headers, 'ratelimit-remaining') ?? NaN,
      );
      const reset = Number(header(headers, 'ratelimit-reset') ?? NaN);
      if (remaining === 0 && Number.isFinite(reset)) {
        window.blockedUntil = Math.max(window.blockedUntil, this.clock.now() + reset * 1000);
      }
    }
    for (const limit of this.limits) {
      const { rule } = limit;
      if (!rule.header || !rule.applies(path)) continue;
      const state = parseLimitHeader(header(headers, rule.header));
      if (!state) continue;
      // The plan sets the total for every budget of the limit; `remaining` is this path's budget's.
      if (state.total !== undefined && state.total > 0) limit.perMinute = state.total;
      const window = limit.window(path);
      if (state.remaining === 0 && state.resets !== undefined) {
        window.blockedUntil = Math.max(window.blockedUntil, this.clock.now() + state.resets * 1000);
      }
    }
  }
}

/** `total=10; remaining=9; resets=49` → its numbers. */
export function parseLimitHeader(
  value: string | undefined,
): { total?: number; remaining?: number; resets?: number } | null {
  if (!value) return null;
  const state: { total?: number; remaining?: number; resets?: number } = {};
  for (const part of value.split(/[;,]/)) {
    const [key, raw] = part.split('=').map((item) => item.trim());
    const number = Number(raw);
    if (!Number.isFinite(number)) continue;
    if (key === 'total') state.total = number;
    else if (key === 'remaining') state.remaining = number;
    else if (key === 'resets') state.resets = number;
  }
  return state;
}
