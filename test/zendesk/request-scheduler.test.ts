import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZendeskApiError } from '../../src/zendesk/api-errors';
import { AbortedError, VirtualClock, type Clock } from '../../src/zendesk/clock';
import {
  appRules,
  defaultRules,
  parseLimitHeader,
  RequestScheduler,
  type RateLimitRule,
  type SchedulerEvent,
  type SchedulerOptions,
} from '../../src/zendesk/request-scheduler';
import {
  TransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../../src/zendesk/transport';

const MINUTE = 60_000;
const START = Date.parse('2026-11-01T00:00:00Z');
const INCREMENTAL = '/api/v2/incremental/tickets/cursor.json';
const SEARCH = '/api/v2/search/export.json?query=type:ticket';
const GROUPS = '/api/v2/groups.json';
const TICKET_EVENTS = '/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events';
const METRIC_EVENTS = '/api/v2/incremental/ticket_metric_events.json?start_time=0';

type Reply = TransportResponse | TransportError | Error;

function response(status: number, headers: Record<string, string> = {}, body: unknown = {}): TransportResponse {
  return { status, headers, body };
}

const ok = (headers: Record<string, string> = {}) => response(200, headers, { tickets: [] });

/**
 * Answers from a script (then 200s), and notes the virtual time of every call, which is what
 * Zendesk would count against its limits.
 */
class ScriptedTransport implements Transport {
  readonly accountKey = 'https://acme.zendesk.com|agent@example.com';
  readonly calls: { path: string; at: number }[] = [];

  constructor(
    private readonly clock: VirtualClock,
    private readonly script: Reply[] = [],
    private readonly latencyMs = 0,
  ) {}

  async request({ path }: TransportRequest): Promise<TransportResponse> {
    this.calls.push({ path, at: this.clock.now() - START });
    if (this.latencyMs > 0) this.clock.advance(this.latencyMs);
    const next = this.script.shift() ?? ok();
    if (next instanceof Error) throw next;
    return next;
  }

  get times(): number[] {
    return this.calls.map((call) => call.at);
  }
}

/** Returns the values in turn, so every backoff's jitter is known in advance. */
function randomSequence(...values: number[]): () => number {
  let index = 0;
  return () => {
    if (index >= values.length) throw new Error('the test gave too few random values');
    return values[index++]!;
  };
}

function setup(script: Reply[] = [], options: SchedulerOptions = {}, latencyMs = 0) {
  const clock = new VirtualClock(START);
  const transport = new ScriptedTransport(clock, script, latencyMs);
  const events: SchedulerEvent[] = [];
  const scheduler = new RequestScheduler(transport, {
    clock,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { clock, transport, scheduler, events };
}

async function sendSequentially(scheduler: RequestScheduler, path: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await scheduler.get(path);
}

/**
 * The most requests in any window (t - windowMs, t]: a request exactly one window after another
 * falls in a new window, as the scheduler counts it.
 */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let max = 0;
  for (const end of times) {
    const count = times.filter((time) => time > end - windowMs && time <= end).length;
    max = Math.max(max, count);
  }
  return max;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Lets pending promise callbacks and timers of zero run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock for requests in flight together. VirtualClock moves time forward by every sleep as it
 * is called, so two requests sleeping at once add their waits; here sleepers wake in time order,
 * and time moves on only when every request is waiting, as it would for real.
 */
class SimulatedClock implements Clock {
  private time = START;
  private sequence = 0;
  private readonly timers: { at: number; sequence: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), sequence: this.sequence++, wake: resolve });
    });
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let finished = false;
    work.then(
      () => (finished = true),
      () => (finished = true),
    );
    for (;;) {
      await settle();
      if (finished) return work;
      const next = this.timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence).shift();
      if (!next) throw new Error('every request is stuck with no timer to wake it');
      this.time = next.at;
      next.wake();
    }
  }
}

describe('rate-limit windows', () => {
  it('keeps incremental exports to 10 a rolling minute, and no slower than that', async () => {
    const { scheduler, transport } = setup();
    await sendSequentially(scheduler, INCREMENTAL, 35);

    const times = transport.times;
    expect(times).toHaveLength(35);
    expect(maxInWindow(times, MINUTE)).toBe(10);
    // Ten at each whole minute: the 31st..35th go at exactly 180 s, not later.
    expect(times.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(times.slice(10, 20)).toEqual(Array(10).fill(60_000));
    expect(times.slice(20, 30)).toEqual(Array(10).fill(120_000));
    expect(times.slice(30)).toEqual(Array(5).fill(180_000));
    expect(scheduler.waitedMs).toBe(180_000);
    expect(scheduler.requests).toBe(35);
  });

  it('counts the window from when each request started, when requests take time', async () => {
    const { scheduler, transport } = setup([], {}, 250);
    await sendSequentially(scheduler, INCREMENTAL, 21);

    const times = transport.times;
    expect(maxInWindow(times, MINUTE)).toBe(10);
    expect(times.slice(0, 10)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250]);
    // The 11th waits for the 1st to leave the window; the 12th for the 2nd, already gone by then.
    expect(times[10]).toBe(60_000);
    expect(times[11]).toBe(60_250);
    expect(times[20]).toBe(120_000);
  });

  it('keeps to the incremental limit with requests in flight together', async () => {
    const clock = new SimulatedClock();
    const times: number[] = [];
    const transport: Transport = {
      accountKey: 'k',
      async request() {
        times.push(clock.now() - START);
        return ok();
      },
    };
    const scheduler = new RequestScheduler(transport, { clock, concurrency: 4 });
    await clock.run(Promise.all(Array.from({ length: 35 }, () => scheduler.get(INCREMENTAL))));

    expect(times).toHaveLength(35);
    expect(maxInWindow(times, MINUTE)).toBe(10);
    expect(times.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(times.slice(30)).toEqual(Array(5).fill(180_000));
  });

  it('does not hold other endpoints to the incremental limit', async () => {
    const { scheduler, transport } = setup();
    await sendSequentially(scheduler, INCREMENTAL, 10);
    await sendSequentially(scheduler, GROUPS, 50);
    expect(transport.times.every((time) => time === 0)).toBe(true);
  });

  it('gives each incremental export endpoint its own 10 a minute, as Zendesk counts them', async () => {
    const exports = [INCREMENTAL, TICKET_EVENTS, METRIC_EVENTS, '/api/v2/incremental/tickets.json?start_time=0'];
    for (const rules of [defaultRules(), appRules()]) {
      const { scheduler, transport } = setup([], { rules });
      for (const path of exports) await sendSequentially(scheduler, path, 10);
      // Forty requests to four exports in the first instant: none waited for another's budget.
      expect(transport.times).toEqual(Array(40).fill(0));
      await scheduler.get(TICKET_EVENTS.replace('start_time=0', 'start_time=100'));
      // The eleventh to one endpoint waits for its own window, whatever its query.
      expect(transport.times.at(-1)).toBe(60_000);
    }
  });

  it('holds back only the export whose header says none remain, not the other exports', async () => {
    const { scheduler, transport } = setup([
      ok({ 'zendesk-ratelimit-incremental-exports': 'total=10; remaining=0; resets=20' }),
    ]);
    await scheduler.get(TICKET_EVENTS);
    await scheduler.get(INCREMENTAL);
    await scheduler.get(METRIC_EVENTS);
    await scheduler.get(TICKET_EVENTS);
    expect(transport.calls).toEqual([
      { path: TICKET_EVENTS, at: 0 },
      { path: INCREMENTAL, at: 0 },
      { path: METRIC_EVENTS, at: 0 },
      { path: TICKET_EVENTS, at: 20_000 },
    ]);
  });

  it('keeps the account-wide limit over all the exports together', async () => {
    const rules: RateLimitRule[] = defaultRules().map((rule) =>
      rule.name === 'account' ? { ...rule, perMinute: 15 } : rule,
    );
    const { scheduler, transport } = setup([], { rules });
    await sendSequentially(scheduler, INCREMENTAL, 10);
    await sendSequentially(scheduler, TICKET_EVENTS, 10);
    // Each export has budget left, but the account allows 15 a minute in all.
    expect(transport.times.filter((time) => time === 0)).toHaveLength(15);
    expect(transport.times.slice(15)).toEqual(Array(5).fill(60_000));
  });

  it('tells how long the rate limits take to let a number of requests through, as sending them does', async () => {
    for (const [path, already, more, rules] of [
      [INCREMENTAL, 0, 25, defaultRules()],
      [INCREMENTAL, 10, 25, defaultRules()],
      [GROUPS, 0, 250, appRules()],
      [GROUPS, 40, 1, appRules()],
    ] as const) {
      const { scheduler, transport, clock } = setup([], { rules: [...rules] });
      await sendSequentially(scheduler, path, already);
      const bound = scheduler.msToSend(path, more);
      const before = clock.now() - START;
      await sendSequentially(scheduler, path, more);
      expect(bound).toBe(transport.times.at(-1)! - before);
    }
    const { scheduler } = setup();
    await sendSequentially(scheduler, INCREMENTAL, 10);
    // Ten sent at once: 25 more go at 1, 2 and 3 minutes; another export's budget is untouched.
    expect(scheduler.msToSend(INCREMENTAL, 25)).toBe(180_000);
    expect(scheduler.msToSend(TICKET_EVENTS, 10)).toBe(0);
    expect(scheduler.msToSend(INCREMENTAL, 0)).toBe(0);
  });

  it('counts a stop Zendesk asked for in the time requests take', async () => {
    const { scheduler } = setup([
      ok({ 'ratelimit-limit': '700', 'ratelimit-remaining': '0', 'ratelimit-reset': '30' }),
    ]);
    await scheduler.get(GROUPS);
    expect(scheduler.msToSend(GROUPS, 1)).toBe(30_000);
    expect(scheduler.msToSend(INCREMENTAL, 11)).toBe(60_000);
  });

  it('limits the search export to 100 a minute', async () => {
    const { scheduler, transport } = setup();
    await sendSequentially(scheduler, SEARCH, 150);

    expect(maxInWindow(transport.times, MINUTE)).toBe(100);
    expect(transport.times[99]).toBe(0);
    expect(transport.times[100]).toBe(60_000);
    expect(transport.times[149]).toBe(60_000);
  });

  it('starts at the lowest plan limit, 200 a minute', async () => {
    const { scheduler, transport } = setup();
    expect(scheduler.accountLimit).toBe(200);
    await sendSequentially(scheduler, GROUPS, 201);

    expect(transport.times[199]).toBe(0);
    expect(transport.times[200]).toBe(60_000);
  });

  it('adopts the account limit from x-rate-limit', async () => {
    const { scheduler, transport } = setup([ok({ 'x-rate-limit': '700', 'x-rate-limit-remaining': '699' })]);
    await sendSequentially(scheduler, GROUPS, 701);

    expect(scheduler.accountLimit).toBe(700);
    expect(maxInWindow(transport.times, MINUTE)).toBe(700);
    expect(transport.times[699]).toBe(0);
    expect(transport.times[700]).toBe(60_000);
  });

  it('adopts the account limit from ratelimit-limit', async () => {
    const { scheduler } = setup([
      ok({ 'ratelimit-limit': '400', 'ratelimit-remaining': '399', 'ratelimit-reset': '59' }),
    ]);
    await scheduler.get(GROUPS);
    expect(scheduler.accountLimit).toBe(400);
  });

  it('reads the limit from the headers of a real recorded Zendesk response', async () => {
    const recorded = JSON.parse(
      readFileSync(new URL('../fixtures/zendesk/local/recorded/paging-00.json', import.meta.url), 'utf8'),
    ) as { response: { status: number; headers: Record<string, string>; body: unknown } };
    const { scheduler, clock } = setup([recorded.response]);
    await scheduler.get(INCREMENTAL);
    await scheduler.get(GROUPS);

    expect(scheduler.accountLimit).toBe(700);
    expect(clock.sleeps).toEqual([]);
  });

  it('ignores a limit header that is not a positive whole number', async () => {
    const { scheduler } = setup([
      ok({ 'x-rate-limit': 'lots' }),
      ok({ 'x-rate-limit': '0' }),
      ok({ 'x-rate-limit': '2.5' }),
    ]);
    await sendSequentially(scheduler, GROUPS, 3);
    expect(scheduler.accountLimit).toBe(200);
  });

  it('stops for ratelimit-reset seconds when ratelimit-remaining is 0', async () => {
    const { scheduler, transport, events } = setup([
      ok({ 'ratelimit-limit': '700', 'ratelimit-remaining': '0', 'ratelimit-reset': '30' }),
    ]);
    await scheduler.get(GROUPS);
    await scheduler.get(INCREMENTAL);

    expect(transport.times).toEqual([0, 30_000]);
    expect(events).toContainEqual({
      type: 'wait',
      path: INCREMENTAL,
      reason: 'rate-limit',
      cause: 'rate-limit',
      ms: 30_000,
      until: START + 30_000,
      detail: 'account limit',
      limit: { name: 'account', allowed: 700, windowMs: MINUTE },
    });
  });

  it('does not stop while requests remain', async () => {
    const { scheduler, transport } = setup([ok({ 'ratelimit-remaining': '1', 'ratelimit-reset': '30' })]);
    await sendSequentially(scheduler, GROUPS, 2);
    expect(transport.times).toEqual([0, 0]);
  });

  it('stops incremental exports for `resets` seconds when the export header says none remain', async () => {
    const { scheduler, transport, events } = setup([
      ok({ 'zendesk-ratelimit-incremental-exports': 'total=10; remaining=0; resets=20' }),
    ]);
    await scheduler.get(INCREMENTAL);
    await scheduler.get(GROUPS);
    await scheduler.get(INCREMENTAL);

    // Only the export is held back; the rest of the API is not.
    expect(transport.calls).toEqual([
      { path: INCREMENTAL, at: 0 },
      { path: GROUPS, at: 0 },
      { path: INCREMENTAL, at: 20_000 },
    ]);
    expect(events).toContainEqual({
      type: 'wait',
      path: INCREMENTAL,
      reason: 'rate-limit',
      cause: 'rate-limit',
      ms: 20_000,
      until: START + 20_000,
      detail: 'incremental exports limit',
      limit: { name: 'incremental exports', allowed: 10, windowMs: MINUTE },
    });
  });

  it('raises the incremental limit when the export header reports a larger total', async () => {
    const { scheduler, transport } = setup([
      ok({ 'zendesk-ratelimit-incremental-exports': 'total=30; remaining=29; resets=59' }),
    ]);
    await sendSequentially(scheduler, INCREMENTAL, 31);

    expect(transport.times[29]).toBe(0);
    expect(transport.times[30]).toBe(60_000);
  });

  it('parses the zendesk-ratelimit-* header', () => {
    expect(parseLimitHeader('total=10; remaining=0; resets=20')).toEqual({ total: 10, remaining: 0, resets: 20 });
    expect(parseLimitHeader('total=700, remaining=12, resets=3')).toEqual({ total: 700, remaining: 12, resets: 3 });
    expect(parseLimitHeader('total=ten; remaining=4')).toEqual({ remaining: 4 });
    expect(parseLimitHeader(undefined)).toBeNull();
    expect(parseLimitHeader('')).toBeNull();
  });

  it('appRules() adds 100 a minute per user and 700 per 5 minutes on every path', () => {
    const base = defaultRules().map((rule) => rule.name);
    const rules = appRules();
    expect(rules.map((rule) => rule.name)).toEqual([...base, 'app per user', 'app per user, 5 minutes']);
    const perMinute = rules.find((rule) => rule.name === 'app per user')!;
    const perFive = rules.find((rule) => rule.name === 'app per user, 5 minutes')!;
    expect(perMinute).toMatchObject({ perMinute: 100 });
    expect(perMinute.windowMs ?? MINUTE).toBe(MINUTE);
    expect(perFive).toMatchObject({ perMinute: 700, windowMs: 5 * MINUTE });
    for (const path of [GROUPS, INCREMENTAL, SEARCH, '/api/v2/tickets/1/metrics.json']) {
      expect(perMinute.applies(path)).toBe(true);
      expect(perFive.applies(path)).toBe(true);
    }
  });

  it('appRules() holds an app to 100 requests a minute even when the account allows 700', async () => {
    const { scheduler, transport } = setup([ok({ 'x-rate-limit': '700' })], { rules: appRules() });
    await sendSequentially(scheduler, GROUPS, 101);

    expect(transport.times[99]).toBe(0);
    expect(transport.times[100]).toBe(60_000);
  });

  it('honours a rule with a window longer than a minute', async () => {
    const fivePerFive: RateLimitRule = {
      name: 'five per five',
      perMinute: 5,
      windowMs: 5 * MINUTE,
      applies: () => true,
    };
    const { scheduler, transport } = setup([], { rules: [fivePerFive] }, 1000);
    await sendSequentially(scheduler, GROUPS, 11);

    expect(maxInWindow(transport.times, 5 * MINUTE)).toBe(5);
    expect(transport.times).toEqual([0, 1000, 2000, 3000, 4000, 300_000, 301_000, 302_000, 303_000, 304_000, 600_000]);
  });
});

describe('429 Too Many Requests', () => {
  it('waits Retry-After seconds, then retries and succeeds', async () => {
    const { scheduler, transport, clock, events } = setup([response(429, { 'retry-after': '7' })]);
    const result = await scheduler.get(GROUPS);

    expect(result.status).toBe(200);
    expect(transport.times).toEqual([0, 7000]);
    expect(clock.sleeps).toEqual([7000]);
    expect(scheduler.requests).toBe(2);
    expect(scheduler.waitedMs).toBe(7000);
    expect(events).toContainEqual({
      type: 'wait',
      path: GROUPS,
      reason: 'retry-after',
      cause: 'rate-limit',
      ms: 7000,
      until: START + 7000,
      detail: 'HTTP 429, waiting as Retry-After says',
      status: 429,
      attempt: { next: 2, of: 11 },
    });
  });

  it('does not wait out a Retry-After of a day: fails at once, saying when to come back', async () => {
    const { scheduler, clock } = setup([response(429, { 'retry-after': '86400' })]);
    const error = (await scheduler.get(GROUPS).catch((caught: unknown) => caught)) as ZendeskApiError;

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error.message).toBe(
      `GET ${GROUPS}: HTTP 429 with Retry-After asks to wait 1,440 min, longer than the 15 min waited at most; try again after 2026-11-02T00:00:00.000Z`,
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('waits out a Retry-After up to the bound it is given', async () => {
    const { scheduler, clock } = setup([response(429, { 'retry-after': '900' })]);
    expect((await scheduler.get(GROUPS)).status).toBe(200);
    expect(clock.sleeps).toEqual([900_000]);
    const short = setup([response(429, { 'retry-after': '901' })], { maxWaitMs: 900_000 });
    await expect(short.scheduler.get(GROUPS)).rejects.toThrow(/longer than the 15 min waited at most/);
  });

  it('rides out a storm of 429s', async () => {
    const storm = Array.from({ length: 5 }, () => response(429, { 'retry-after': '3' }));
    const { scheduler, transport, clock } = setup(storm);
    const result = await scheduler.get(INCREMENTAL);

    expect(result.status).toBe(200);
    expect(transport.times).toEqual([0, 3000, 6000, 9000, 12_000, 15_000]);
    expect(clock.sleeps).toEqual([3000, 3000, 3000, 3000, 3000]);
    expect(scheduler.requests).toBe(6);
    expect(scheduler.waitedMs).toBe(15_000);
  });

  it('gives up after maxRateLimitRetries 429s in a row, naming the path and the status', async () => {
    const storm = Array.from({ length: 10 }, () => response(429, { 'retry-after': '3' }));
    const { scheduler, transport } = setup(storm, { maxRateLimitRetries: 3 });
    const error = await rejection(scheduler.get(GROUPS));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error).toMatchObject({ status: 429, path: GROUPS });
    expect((error as Error).message).toContain(`GET ${GROUPS}`);
    expect((error as Error).message).toContain('HTTP 429');
    expect((error as Error).message).toContain('4 times in a row');
    expect(transport.calls).toHaveLength(4);
  });

  it('allows 10 rate-limit retries by default', async () => {
    const storm = Array.from({ length: 10 }, () => response(429, { 'retry-after': '1' }));
    const { scheduler, transport } = setup(storm);
    await expect(scheduler.get(GROUPS)).resolves.toMatchObject({ status: 200 });
    expect(transport.calls).toHaveLength(11);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const { scheduler, transport } = setup([response(429, { 'retry-after': 'Sun, 01 Nov 2026 00:00:45 GMT' })]);
    await scheduler.get(GROUPS);
    expect(transport.times).toEqual([0, 45_000]);
  });

  it('retries at once for an HTTP date already past', async () => {
    const { scheduler, transport } = setup([response(429, { 'retry-after': 'Sat, 31 Oct 2026 23:59:00 GMT' })]);
    await scheduler.get(GROUPS);
    expect(transport.times).toEqual([0, 0]);
  });

  it('rounds a fractional Retry-After up to the millisecond', async () => {
    const { scheduler, transport } = setup([response(429, { 'retry-after': '1.5' })]);
    await scheduler.get(GROUPS);
    expect(transport.times).toEqual([0, 1500]);
  });

  it('waits a minute when a 429 says nothing about how long', async () => {
    const { scheduler, transport } = setup([response(429), response(429, { 'retry-after': 'soon' })]);
    await scheduler.get(GROUPS);
    expect(transport.times).toEqual([0, 60_000, 120_000]);
  });

  it('holds back every request to the account until the Retry-After has passed', async () => {
    const clock = new SimulatedClock();
    const calls: { path: string; at: number }[] = [];
    let first = true;
    const transport: Transport = {
      accountKey: 'k',
      async request({ path }) {
        calls.push({ path, at: clock.now() - START });
        if (path === INCREMENTAL && first) {
          first = false;
          return response(429, { 'retry-after': '7' });
        }
        return ok();
      },
    };
    const scheduler = new RequestScheduler(transport, { clock, concurrency: 2 });
    const users = '/api/v2/users.json';
    await clock.run(Promise.all([scheduler.get(INCREMENTAL), scheduler.get(GROUPS), scheduler.get(users)]));

    // Groups went before the 429 was known; users, sent after it, waits like the retry.
    expect(calls.filter((call) => call.path === INCREMENTAL).map((call) => call.at)).toEqual([0, 7000]);
    expect(calls.find((call) => call.path === GROUPS)?.at).toBe(0);
    expect(calls.find((call) => call.path === users)?.at).toBe(7000);
  });

  it('does not count 429s against the retries for failures', async () => {
    const storm = Array.from({ length: 8 }, () => response(429, { 'retry-after': '1' }));
    const { scheduler } = setup(storm, { maxRetries: 1 });
    await expect(scheduler.get(GROUPS)).resolves.toMatchObject({ status: 200 });
  });
});

describe('5xx, timeouts and dropped connections', () => {
  it('backs off exponentially with equal jitter, capped, then succeeds', async () => {
    const failures = [500, 502, 503, 504, 500, 502, 503].map((status) => response(status, {}, '<html>down</html>'));
    const random = randomSequence(0, 0.25, 0.5, 0.75, 0.5, 0.5, 0.9);
    const { scheduler, transport, clock, events } = setup(failures, { maxRetries: 7, random });
    const result = await scheduler.get(GROUPS);

    expect(result.status).toBe(200);
    // Ceilings 1, 2, 4, 8, 16, 30 (not 32), 30 s; each wait is ceiling/2 + random * ceiling/2.
    expect(clock.sleeps).toEqual([500, 1250, 3000, 7000, 12_000, 22_500, 28_500]);
    expect(transport.calls).toHaveLength(8);
    expect(scheduler.waitedMs).toBe(74_750);
    const backoffs = events.filter((event) => event.type === 'wait');
    expect(backoffs.map((event) => event.type === 'wait' && event.reason)).toEqual(Array(7).fill('backoff'));
    expect(backoffs[0]).toEqual({
      type: 'wait',
      path: GROUPS,
      reason: 'backoff',
      cause: 'server-error',
      ms: 500,
      until: START + 500,
      detail: 'HTTP 500, retry 1 of 7',
      status: 500,
      attempt: { next: 2, of: 8 },
    });
  });

  it('keeps every backoff within [ceiling/2, ceiling]', async () => {
    for (const pinned of [0, 0.999_999]) {
      const failures = Array.from({ length: 6 }, () => response(503));
      const { scheduler, clock } = setup(failures, { maxRetries: 6, random: () => pinned });
      await scheduler.get(GROUPS);
      const ceilings = [1000, 2000, 4000, 8000, 16_000, 30_000];
      expect(clock.sleeps).toEqual(ceilings.map((ceiling) => (pinned === 0 ? ceiling / 2 : ceiling)));
    }
  });

  it('uses the configured base and cap', async () => {
    const failures = Array.from({ length: 4 }, () => response(500));
    const { scheduler, clock } = setup(failures, { backoffBaseMs: 200, backoffCapMs: 1000, random: () => 0 });
    await scheduler.get(GROUPS);
    expect(clock.sleeps).toEqual([100, 200, 400, 500]);
  });

  it('honours Retry-After on a 503 instead of backing off', async () => {
    const { scheduler, transport, clock, events } = setup([response(503, { 'retry-after': '12' }), response(500)], {
      random: randomSequence(0.5),
    });
    await scheduler.get(GROUPS);

    // The 503 was the first failure, so the 500 after it backs off from a ceiling of 2 s.
    expect(clock.sleeps).toEqual([12_000, 1500]);
    expect(transport.times).toEqual([0, 12_000, 13_500]);
    expect(events).toContainEqual({
      type: 'wait',
      path: GROUPS,
      reason: 'retry-after',
      cause: 'server-error',
      ms: 12_000,
      until: START + 12_000,
      detail: 'HTTP 503, retry 1 of 5',
      status: 503,
      attempt: { next: 2, of: 6 },
    });
  });

  it('gives up after maxRetries, naming the path, the status and the attempts', async () => {
    const failures = Array.from({ length: 10 }, () =>
      response(502, { 'content-type': 'text/html' }, '<html>Bad gateway</html>'),
    );
    const { scheduler, transport, clock } = setup(failures);
    const error = await rejection(scheduler.get(GROUPS));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error).toMatchObject({ status: 502, path: GROUPS });
    expect((error as Error).message).toBe(`GET ${GROUPS} failed with HTTP 502; gave up after 6 attempts`);
    expect(transport.calls).toHaveLength(6);
    expect(clock.sleeps).toEqual([750, 1500, 3000, 6000, 12_000]);
  });

  it.each([
    ['timeout', 'no-connection'],
    ['network', 'no-connection'],
    ['malformed-body', 'server-error'],
  ] as const)('retries a %s with the same backoff, as a wait for %s', async (failure, cause) => {
    const error = new TransportError(failure, `GET ${GROUPS} went wrong (${failure})`);
    const { scheduler, transport, clock, events } = setup([error, error, error], {
      random: randomSequence(0, 0.5, 1 - 2 ** -20),
    });
    const result = await scheduler.get(GROUPS);

    expect(result.status).toBe(200);
    expect(transport.calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([500, 1500, 4000]);
    expect(events).toContainEqual({
      type: 'wait',
      path: GROUPS,
      reason: 'backoff',
      cause,
      ms: 500,
      until: START + 500,
      detail: `GET ${GROUPS} went wrong (${failure}), retry 1 of 5`,
      failure: `GET ${GROUPS} went wrong (${failure})`,
      attempt: { next: 2, of: 6 },
    });
  });

  it('gives up on transport failures after maxRetries, saying how many times it tried', async () => {
    const timeouts = Array.from(
      { length: 5 },
      () => new TransportError('timeout', `GET ${GROUPS} got no answer within 60 s`),
    );
    const { scheduler, transport } = setup(timeouts, { maxRetries: 2 });
    const error = await rejection(scheduler.get(GROUPS));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error).toMatchObject({ status: null, path: GROUPS });
    expect((error as Error).message).toBe(`GET ${GROUPS} failed 3 times: GET ${GROUPS} got no answer within 60 s`);
    expect(transport.calls).toHaveLength(3);
  });

  it('counts 5xx and transport failures together against maxRetries', async () => {
    const { scheduler, transport } = setup([response(500), new TransportError('network', 'reset'), response(504)], {
      maxRetries: 2,
    });
    await expect(scheduler.get(GROUPS)).rejects.toThrow(`GET ${GROUPS} failed with HTTP 504; gave up after 3 attempts`);
    expect(transport.calls).toHaveLength(3);
  });

  it('passes on an error that is not a TransportError without retrying', async () => {
    const bug = new TypeError('a bug in the transport');
    const { scheduler, transport } = setup([bug]);
    await expect(scheduler.get(GROUPS)).rejects.toBe(bug);
    expect(transport.calls).toHaveLength(1);
  });
});

describe('cancelling', () => {
  it("stops at once on a TransportError('aborted')", async () => {
    const { scheduler, transport, clock } = setup([new TransportError('aborted', 'cancelled')]);
    await expect(scheduler.get(GROUPS)).rejects.toBeInstanceOf(AbortedError);
    expect(transport.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('sends nothing for a signal already aborted', async () => {
    const { scheduler, transport } = setup();
    await expect(scheduler.get(GROUPS, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
    expect(transport.calls).toHaveLength(0);
    expect(scheduler.requests).toBe(0);
  });

  it('stops instead of retrying when the signal is aborted during a failing request', async () => {
    const controller = new AbortController();
    const clock = new VirtualClock(START);
    let calls = 0;
    const transport: Transport = {
      accountKey: 'k',
      async request() {
        calls++;
        controller.abort();
        throw new TransportError('network', 'socket hang up');
      },
    };
    const scheduler = new RequestScheduler(transport, { clock, random: () => 0.5 });
    await expect(scheduler.get(GROUPS, controller.signal)).rejects.toBeInstanceOf(AbortedError);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops during a backoff when the signal is aborted', async () => {
    const controller = new AbortController();
    const { scheduler, transport } = setup([response(500), response(500)], {
      onEvent: (event) => {
        if (event.type === 'wait') controller.abort();
      },
    });
    await expect(scheduler.get(GROUPS, controller.signal)).rejects.toBeInstanceOf(AbortedError);
    expect(transport.calls).toHaveLength(1);
  });

  it('stops during a rate-limit wait when the signal is aborted', async () => {
    const controller = new AbortController();
    const { scheduler, transport } = setup([], {
      onEvent: (event) => {
        if (event.type === 'wait' && event.reason === 'rate-limit') controller.abort();
      },
    });
    await sendSequentially(scheduler, INCREMENTAL, 10);
    await expect(scheduler.get(INCREMENTAL, controller.signal)).rejects.toBeInstanceOf(AbortedError);
    expect(transport.calls).toHaveLength(10);
  });
});

describe('4xx', () => {
  const cases = [
    {
      status: 401,
      body: { error: "Couldn't authenticate you" },
      text: `GET ${GROUPS} failed with HTTP 401: the credentials were refused (check ZENDESK_EMAIL with ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN) (Zendesk says: Couldn't authenticate you)`,
    },
    {
      status: 403,
      body: { error: 'Forbidden', description: 'You do not have access' },
      text: `GET ${GROUPS} failed with HTTP 403: this user may not call this endpoint (it may need an admin) (Zendesk says: Forbidden: You do not have access)`,
    },
    {
      status: 404,
      body: { error: 'RecordNotFound', description: 'Not found' },
      text: `GET ${GROUPS} failed with HTTP 404: not found (check the subdomain or URL) (Zendesk says: RecordNotFound: Not found)`,
    },
    {
      status: 422,
      body: { error: 'InvalidPaginationParameter', description: 'cursor pagination does not support offset' },
      text: `GET ${GROUPS} failed with HTTP 422 (Zendesk says: InvalidPaginationParameter: cursor pagination does not support offset)`,
    },
  ];

  it.each(cases)('fails at once on $status, with the hint and what Zendesk said', async ({ status, body, text }) => {
    const { scheduler, transport, clock } = setup([response(status, {}, body)]);
    const error = await rejection(scheduler.get(GROUPS));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error).toMatchObject({ status, path: GROUPS, message: text });
    expect(transport.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(scheduler.requests).toBe(1);
  });

  it('quotes an error body in the {error: {title, message}} shape', async () => {
    const { scheduler } = setup([
      response(403, {}, { error: { title: 'Forbidden', message: 'Only admins may export' } }),
    ]);
    await expect(scheduler.get(INCREMENTAL)).rejects.toThrow('(Zendesk says: Forbidden: Only admins may export)');
  });

  it('learns the account limit even from a refused request', async () => {
    const { scheduler } = setup([response(403, { 'x-rate-limit': '400' }, { error: 'Forbidden' })]);
    await rejection(scheduler.get(GROUPS));
    expect(scheduler.accountLimit).toBe(400);
  });
});

describe('counters, events and concurrency', () => {
  it('counts requests with retries, and all waiting time', async () => {
    const { scheduler } = setup([response(500), response(429, { 'retry-after': '2' })]);
    await scheduler.get(INCREMENTAL);
    expect(scheduler.requests).toBe(3);
    expect(scheduler.waitedMs).toBe(750 + 2000);

    // Retries use up the export's window too: these 7 make 10, and the next waits for the first to age out.
    await sendSequentially(scheduler, INCREMENTAL, 7);
    expect(scheduler.requests).toBe(10);
    expect(scheduler.waitedMs).toBe(2750);
    await scheduler.get(INCREMENTAL);
    expect(scheduler.requests).toBe(11);
    expect(scheduler.waitedMs).toBe(60_000);
  });

  it('tells subscribers of every request, response and wait, in order', async () => {
    const { scheduler } = setup([response(500)], { onEvent: undefined }, 120);
    const seen: SchedulerEvent[] = [];
    const stop = scheduler.subscribe((event) => seen.push(event));
    await scheduler.get(GROUPS);

    expect(seen).toEqual([
      { type: 'request', path: GROUPS, attempt: 1 },
      { type: 'response', path: GROUPS, status: 500, ms: 120 },
      {
        type: 'wait',
        path: GROUPS,
        reason: 'backoff',
        cause: 'server-error',
        ms: 750,
        until: START + 120 + 750,
        detail: 'HTTP 500, retry 1 of 5',
        status: 500,
        attempt: { next: 2, of: 6 },
      },
      { type: 'request', path: GROUPS, attempt: 2 },
      { type: 'response', path: GROUPS, status: 200, ms: 120 },
    ]);

    stop();
    await scheduler.get(GROUPS);
    expect(seen).toHaveLength(5);
  });

  it('reports a rate-limit wait with the limit that caused it', async () => {
    const { scheduler, events } = setup();
    await sendSequentially(scheduler, INCREMENTAL, 11);
    expect(events.filter((event) => event.type === 'wait')).toEqual([
      {
        type: 'wait',
        path: INCREMENTAL,
        reason: 'rate-limit',
        cause: 'rate-limit',
        ms: 60_000,
        until: START + 60_000,
        detail: 'incremental exports limit',
        limit: { name: 'incremental exports', allowed: 10, windowMs: MINUTE },
      },
    ]);
  });

  it('emits no response event for a request that got no answer', async () => {
    const { scheduler, events } = setup([new TransportError('timeout', 'no answer')]);
    await scheduler.get(GROUPS);
    expect(events.map((event) => event.type)).toEqual(['request', 'wait', 'request', 'response']);
  });

  /** A transport whose answers the test releases one by one. */
  function gatedTransport() {
    const pending: (() => void)[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    const transport: Transport = {
      accountKey: 'k',
      request: () =>
        new Promise<TransportResponse>((resolve) => {
          calls++;
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          pending.push(() => {
            inFlight--;
            resolve(ok());
          });
        }),
    };
    return {
      transport,
      release: () => pending.shift()?.(),
      get inFlight() {
        return inFlight;
      },
      get maxInFlight() {
        return maxInFlight;
      },
      get calls() {
        return calls;
      },
    };
  }

  it.each([
    [1, 1],
    [2, 2],
    [undefined, 4],
    [0, 1],
  ])('with concurrency %s keeps at most %i requests in flight', async (concurrency, cap) => {
    const gate = gatedTransport();
    const scheduler = new RequestScheduler(gate.transport, { clock: new VirtualClock(START), concurrency });
    const all = Promise.all(Array.from({ length: 9 }, () => scheduler.get(GROUPS)));

    await settle();
    expect(gate.inFlight).toBe(cap);
    for (let released = 0; released < 9; released++) {
      gate.release();
      await settle();
      expect(gate.inFlight).toBeLessThanOrEqual(cap);
    }
    await all;
    expect(gate.calls).toBe(9);
    expect(gate.maxInFlight).toBe(cap);
  });

  it('rejects a queued request when its signal is aborted, and frees no slot it never took', async () => {
    const gate = gatedTransport();
    const scheduler = new RequestScheduler(gate.transport, { clock: new VirtualClock(START), concurrency: 1 });
    const first = scheduler.get(GROUPS);
    const controller = new AbortController();
    const queued = scheduler.get(GROUPS, controller.signal);
    await settle();

    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(AbortedError);
    expect(gate.calls).toBe(1);

    gate.release();
    await first;

    // The cancelled request must not keep the only slot: a later request still goes out.
    const later = scheduler.get(GROUPS);
    await settle();
    expect(gate.calls).toBe(2);
    gate.release();
    await expect(later).resolves.toMatchObject({ status: 200 });
  });

  it('rejects at once a request queued with a signal that is already aborted', async () => {
    const gate = gatedTransport();
    const scheduler = new RequestScheduler(gate.transport, { clock: new VirtualClock(START), concurrency: 1 });
    const first = scheduler.get(GROUPS);
    const queued = scheduler.get(GROUPS, AbortSignal.abort());
    // The only slot stays taken until the gate opens: a request that waited for it would never settle.
    await expect(queued).rejects.toBeInstanceOf(AbortedError);
    expect(gate.calls).toBe(1);
    gate.release();
    await first;
  });
});
