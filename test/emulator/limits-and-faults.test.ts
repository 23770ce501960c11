import { afterEach, describe, expect, it } from 'vitest';
import { faultRuleSchema, FaultInjector, parseFaultFlag } from '../../src/emulator/faults';
import { incrementalExportLimit, PLAN_LIMITS, RateLimiter } from '../../src/emulator/rate-limits';
import { Random } from '../../src/emulator/random';
import { adminOf, agentOf, bearer, MINUTE, NOW, smallData, startTestEmulator, type TestEmulator } from './support';

/** Rate limits (in Zendesk time) and injected faults, through the HTTP API and directly. */

const { account, data } = smallData(3);
const admin = adminOf(account);
const agent = agentOf(account);
const incrementalPath = `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(NOW / 1000) - 3 * 86_400}&per_page=1`;

let env: TestEmulator | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

async function start(
  options: { plan?: 'team' | 'enterprise' | 'high-volume'; faults?: FaultInjector } = {},
): Promise<TestEmulator> {
  env = await startTestEmulator({ data, adminEmail: admin.email, ...options });
  return env;
}

describe('rate limits', () => {
  it('reports the plan’s account limit on every 200', async () => {
    const api = await start({ plan: 'team' });
    const first = await api.get('/api/v2/groups.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-rate-limit')).toBe('200');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('199');
    expect(first.headers.get('ratelimit-limit')).toBe('200');
    expect(first.headers.get('ratelimit-remaining')).toBe('199');
    expect(first.headers.get('ratelimit-reset')).toBe('60');
    api.clock.advance(15_000);
    const second = await api.get('/api/v2/users/me.json');
    expect(second.headers.get('x-rate-limit-remaining')).toBe('198');
    // The window frees its first slot 45 s later.
    expect(second.headers.get('ratelimit-reset')).toBe('45');
  });

  it('defaults to the enterprise plan (700 a minute)', async () => {
    const api = await start();
    expect((await api.get('/api/v2/groups.json')).headers.get('x-rate-limit')).toBe(String(PLAN_LIMITS.enterprise));
    expect(PLAN_LIMITS).toEqual({ team: 200, growth: 400, professional: 400, enterprise: 700, 'high-volume': 2500 });
  });

  it('refuses the 201st request in a minute on the team plan', async () => {
    const api = await start({ plan: 'team' });
    for (let i = 0; i < 200; i++) {
      const reply = await api.get('/api/v2/groups.json');
      expect(reply.status).toBe(200);
    }
    const refused = await api.get('/api/v2/groups.json');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'APIRateLimitExceeded',
      description: 'Number of allowed API requests per minute exceeded',
    });
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
  });

  it('allows 10 incremental exports a minute: the 11th gets 429 with Retry-After, and a minute later it is allowed again', async () => {
    const api = await start({ plan: 'team' });
    for (let i = 0; i < 10; i++) {
      const reply = await api.get(incrementalPath);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get('zendesk-ratelimit-incremental-exports')).toBe(
        `total=10; remaining=${9 - i}; resets=60`,
      );
      expect(reply.headers.get('x-rate-limit')).toBe('200');
    }
    const refused = await api.get(incrementalPath);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('zendesk-ratelimit-incremental-exports')).toBe('total=10; remaining=0; resets=60');
    // Other endpoints are still open.
    expect((await api.get('/api/v2/groups.json')).status).toBe(200);
    // A sliding window: 59 s later still refused, with 1 s to wait; 60 s later allowed.
    api.clock.advance(59_000);
    const stillRefused = await api.get(incrementalPath);
    expect(stillRefused.status).toBe(429);
    expect(stillRefused.headers.get('retry-after')).toBe('1');
    api.clock.advance(1_000);
    const allowed = await api.get(incrementalPath);
    expect(allowed.status).toBe(200);
  });

  it('DELETE /__emulator/limits forgets what was counted: the 11th export in a minute is allowed after it', async () => {
    const api = await start();
    for (let i = 0; i < 10; i++) expect((await api.get(incrementalPath)).status).toBe(200);
    expect((await api.get(incrementalPath)).status).toBe(429);
    expect((await api.control('DELETE', '/__emulator/limits')).status).toBe(200);
    const allowed = await api.get(incrementalPath);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('zendesk-ratelimit-incremental-exports')).toBe('total=10; remaining=9; resets=60');
  });

  it('counts requests made through an app (x-zendesk-app: 1) at 100 a minute per user', async () => {
    const api = await start();
    const viaApp = { 'x-zendesk-app': '1' };
    for (let i = 0; i < 100; i++) {
      const reply = await api.get('/api/v2/groups.json', { headers: viaApp, auth: bearer(agent.id) });
      expect(reply.status).toBe(200);
    }
    const refused = await api.get('/api/v2/groups.json', { headers: viaApp, auth: bearer(agent.id) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    // Another user's app, and the same user outside the app, are not limited.
    expect((await api.get('/api/v2/groups.json', { headers: viaApp })).status).toBe(200);
    expect((await api.get('/api/v2/groups.json', { auth: bearer(agent.id) })).status).toBe(200);
    api.clock.advance(MINUTE);
    expect((await api.get('/api/v2/groups.json', { headers: viaApp, auth: bearer(agent.id) })).status).toBe(200);
  });

  it('RateLimiter counts a refused request against no class', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const classes = [
      { name: 'account', perWindow: 3, windowMs: 60_000, key: 'account' },
      {
        name: 'incremental',
        perWindow: 1,
        windowMs: 60_000,
        key: 'account',
        header: 'zendesk-ratelimit-incremental-exports',
      },
    ];
    expect(limiter.check(classes).allowed).toBe(true);
    const refused = limiter.check(classes);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(60);
    // The refused one did not use up an account slot: two are left.
    expect(refused.headers['x-rate-limit-remaining']).toBe('2');
    now = 30_000;
    expect(limiter.check([classes[0]!]).headers['x-rate-limit-remaining']).toBe('1');
  });

  it('limits each incremental export endpoint on its own: 10 a minute, 30 with High Volume; other paths not at all', () => {
    const events = incrementalExportLimit('/api/v2/incremental/ticket_events.json', 'enterprise')!;
    const sameEvents = incrementalExportLimit('/api/v2/incremental/ticket_events', 'enterprise')!;
    const metricEvents = incrementalExportLimit('/api/v2/incremental/ticket_metric_events.json', 'enterprise')!;
    const cursor = incrementalExportLimit('/api/v2/incremental/tickets/cursor.json', 'enterprise')!;
    expect(events.perWindow).toBe(10);
    expect(incrementalExportLimit('/api/v2/incremental/ticket_events.json', 'high-volume')!.perWindow).toBe(30);
    expect(sameEvents.key).toBe(events.key);
    expect(new Set([events.key, metricEvents.key, cursor.key]).size).toBe(3);
    expect(incrementalExportLimit('/api/v2/satisfaction_ratings.json', 'enterprise')).toBeNull();
  });
});

describe('faults through the control endpoint', () => {
  it('force429: the next N matching requests get 429 with Retry-After, then service is normal', async () => {
    const api = await start();
    const set = await api.control('POST', '/__emulator/faults', {
      path: '/api/v2/groups',
      force429: 2,
      retryAfterSeconds: 5,
    });
    expect(set.status).toBe(200);
    expect(set.body['faults']).toEqual([
      faultRuleSchema.parse({ path: '/api/v2/groups', force429: 2, retryAfterSeconds: 5 }),
    ]);
    for (let i = 0; i < 2; i++) {
      const reply = await api.get('/api/v2/groups.json');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('5');
      expect(reply.body['error']).toBe('APIRateLimitExceeded');
    }
    // Other paths are untouched, and the third groups request is served.
    expect((await api.get('/api/v2/users/me.json')).status).toBe(200);
    expect((await api.get('/api/v2/groups.json')).status).toBe(200);
    expect((await api.control('GET', '/__emulator/faults')).body['faults']).toEqual([
      expect.objectContaining({ force429: 0 }),
    ]);
  });

  it('errorRate 1: every request fails with 500 or 503 (503 with Retry-After)', async () => {
    const api = await start();
    await api.control('POST', '/__emulator/faults', { errorRate: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const reply = await api.get('/api/v2/groups.json');
      statuses.push(reply.status);
      if (reply.status === 503) {
        expect(reply.headers.get('retry-after')).toBe('1');
        expect(reply.body['error']).toBe('DatabaseTimeout');
      } else {
        expect(reply.body).toEqual({ error: 'InternalServerError' });
      }
    }
    expect(statuses).toEqual([500, 503, 500, 503]);
  });

  it('truncateRate 1: a 200 whose body is cut off and does not parse', async () => {
    const api = await start();
    await api.control('POST', '/__emulator/faults', { path: '/api/v2/groups', truncateRate: 1 });
    const reply = await api.get('/api/v2/groups.json');
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
    expect(reply.text.length).toBeGreaterThan(10);
    expect(reply.text.startsWith('{"groups":[')).toBe(true);
  });

  it('expireCursor: the next request that carries a cursor gets 400 InvalidPaginationParameter', async () => {
    const api = await start();
    await api.control('POST', '/__emulator/faults', { path: '/api/v2/incremental/', expireCursor: 1 });
    const first = await api.get(incrementalPath);
    expect(first.status).toBe(200);
    const cursorPath = `/api/v2/incremental/tickets/cursor.json?per_page=1&cursor=${encodeURIComponent(String(first.body['after_cursor']))}`;
    const expired = await api.get(cursorPath);
    expect(expired.status).toBe(400);
    expect(expired.body).toEqual({ error: 'InvalidPaginationParameter', description: 'cursor is invalid or expired' });
    expect((await api.get(cursorPath)).status).toBe(200);
  });

  it('latency delays the answer (in Zendesk time, scaled to the wall clock)', async () => {
    const api = await start();
    await api.control('POST', '/__emulator/faults', [
      { path: '/api/v2/groups', latencyMs: 300 },
      { path: '*', latencyMs: 100 },
    ]);
    let started = performance.now();
    expect((await api.get('/api/v2/groups.json')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    started = performance.now();
    expect((await api.get('/api/v2/users/me.json')).status).toBe(200);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(390);
  });

  it('hangRate 1: the request is never answered', async () => {
    const api = await start();
    await api.control('POST', '/__emulator/faults', { path: '/api/v2/groups', hangRate: 1 });
    await expect(api.get('/api/v2/groups.json', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await api.get('/api/v2/users/me.json')).status).toBe(200);
  });

  it('DELETE clears every fault; a bad rule is refused with 400 and leaves the rules as they were', async () => {
    const api = await start();
    await api.control('POST', '/__emulator/faults', { errorRate: 1 });
    const bad = await api.control('POST', '/__emulator/faults', { errorRate: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toBe('InvalidFault');
    expect((await api.control('GET', '/__emulator/faults')).body['faults']).toEqual([
      expect.objectContaining({ errorRate: 1 }),
    ]);
    const cleared = await api.control('DELETE', '/__emulator/faults');
    expect(cleared.body).toEqual({ faults: [] });
    expect((await api.get('/api/v2/groups.json')).status).toBe(200);
  });

  it('a fault injector passed at start applies from the first request', async () => {
    const faults = new FaultInjector();
    faults.add(parseFaultFlag('users:429=1'));
    const api = await start({ faults });
    expect((await api.get('/api/v2/users/me.json')).status).toBe(429);
    expect((await api.get('/api/v2/users/me.json')).status).toBe(200);
    expect(api.emulator.faults).toBe(faults);
  });
});

describe('FaultInjector', () => {
  it('draws error and truncation rates from its seeded generator (about the share asked)', () => {
    const injector = new FaultInjector(new Random(1));
    injector.set([faultRuleSchema.parse({ path: '/api/v2/incremental/', errorRate: 0.2 })]);
    let errors = 0;
    for (let i = 0; i < 2000; i++)
      if (injector.decide('/api/v2/incremental/tickets/cursor.json', false).kind === 'error') errors++;
    expect(errors / 2000).toBeGreaterThan(0.17);
    expect(errors / 2000).toBeLessThan(0.23);
    expect(injector.decide('/api/v2/groups.json', false)).toEqual({ kind: 'none', latencyMs: 0, truncate: false });
  });

  it('only expires requests that carry a cursor', () => {
    const injector = new FaultInjector();
    injector.set([faultRuleSchema.parse({ expireCursor: 1 })]);
    expect(injector.decide('/api/v2/users.json', false).kind).toBe('none');
    expect(injector.decide('/api/v2/users.json', true).kind).toBe('expired-cursor');
    expect(injector.decide('/api/v2/users.json', true).kind).toBe('none');
  });
});

describe('parseFaultFlag', () => {
  it('parses `incremental:error=0.2,latency=300,429=3`', () => {
    expect(parseFaultFlag('incremental:error=0.2,latency=300,429=3')).toEqual({
      path: '/api/v2/incremental/',
      latencyMs: 300,
      errorRate: 0.2,
      force429: 3,
      retryAfterSeconds: 2,
      truncateRate: 0,
      hangRate: 0,
      expireCursor: 0,
    });
  });

  it('knows the path names and every key, and defaults to all paths', () => {
    expect(parseFaultFlag('all:429=5').path).toBe('*');
    expect(parseFaultFlag('latency=100')).toEqual(expect.objectContaining({ path: '*', latencyMs: 100 }));
    expect(parseFaultFlag('search:truncate=1').path).toBe('/api/v2/search');
    expect(parseFaultFlag('tickets:hang=0.5')).toEqual(
      expect.objectContaining({ path: '/api/v2/tickets', hangRate: 0.5 }),
    );
    expect(parseFaultFlag('users:expire-cursor=2,retry-after=9,429=1')).toEqual(
      expect.objectContaining({ path: '/api/v2/users', expireCursor: 2, retryAfterSeconds: 9, force429: 1 }),
    );
    expect(parseFaultFlag('/api/v2/groups:error=1').path).toBe('/api/v2/groups');
  });

  it('rejects unknown keys and missing or non-numeric values, naming the part and the keys', () => {
    expect(() => parseFaultFlag('incremental:bogus=1')).toThrow(
      '--fault: "bogus=1" is not one of 429=N, latency=N, error=N, retry-after=N, truncate=N, hang=N, expire-cursor=N',
    );
    expect(() => parseFaultFlag('incremental:error')).toThrow(/--fault: "error" is not one of/);
    expect(() => parseFaultFlag('incremental:error=lots')).toThrow(/--fault: "error=lots"/);
  });

  it('rejects out-of-range values with a clear --fault message, not a raw schema dump', () => {
    for (const spec of ['incremental:error=2', 'all:429=1.5', 'all:latency=-5']) {
      let message = '';
      try {
        parseFaultFlag(spec);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, spec).toMatch(/^--fault: /);
      expect(message, spec).not.toMatch(/^\s*\[/);
    }
  });

  it('rejects a path that is neither a known name nor an API path (a typo would match nothing)', () => {
    expect(() => parseFaultFlag('incremntal:error=0.5')).toThrow(/--fault/);
  });
});
