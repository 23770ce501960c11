/**
 * Zendesk's rate limits as the emulator enforces them, per account and per endpoint class, in
 * Zendesk time (https://developer.zendesk.com/api-reference/introduction/rate-limits/).
 */

export const PLAN_LIMITS = {
  team: 200,
  growth: 400,
  professional: 400,
  enterprise: 700,
  'high-volume': 2500,
} as const;
export type Plan = keyof typeof PLAN_LIMITS;

export interface LimitClass {
  name: string;
  perWindow: number;
  windowMs: number;
  /** The `zendesk-ratelimit-*` header that reports it. */
  header?: string;
}

export interface LimitVerdict {
  allowed: boolean;
  /** Seconds until the limit that refused (or the account limit) frees a slot. */
  retryAfterSeconds: number;
  headers: Record<string, string>;
}

/** A sliding window per class and key: stricter than a fixed window, so clients that pass it pass Zendesk. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Forgets every request counted so far, as if their windows had all passed. */
  reset(): void {
    this.windows.clear();
  }

  private times(key: string, windowMs: number): number[] {
    let times = this.windows.get(key);
    if (!times) {
      times = [];
      this.windows.set(key, times);
    }
    const cutoff = this.now() - windowMs;
    while (times.length > 0 && times[0]! <= cutoff) times.shift();
    return times;
  }

  /** Counts the request against every class when all allow it; otherwise against none. */
  check(classes: readonly (LimitClass & { key: string })[]): LimitVerdict {
    const now = this.now();
    const headers: Record<string, string> = {};
    let refusedWait = 0;
    const windows = classes.map((limit) => ({
      limit,
      times: this.times(`${limit.name}|${limit.key}`, limit.windowMs),
    }));
    for (const { limit, times } of windows) {
      if (times.length >= limit.perWindow) {
        const wait = times[times.length - limit.perWindow]! + limit.windowMs - now;
        refusedWait = Math.max(refusedWait, wait);
      }
    }
    const allowed = refusedWait === 0;
    if (allowed) for (const { times } of windows) times.push(now);
    for (const { limit, times } of windows) {
      const remaining = Math.max(0, limit.perWindow - times.length);
      const resets =
        times.length === 0
          ? Math.ceil(limit.windowMs / 1000)
          : Math.max(1, Math.ceil((times[0]! + limit.windowMs - now) / 1000));
      if (limit.name === 'account') {
        headers['x-rate-limit'] = String(limit.perWindow);
        headers['x-rate-limit-remaining'] = String(remaining);
        headers['ratelimit-limit'] = String(limit.perWindow);
        headers['ratelimit-remaining'] = String(remaining);
        headers['ratelimit-reset'] = String(resets);
      } else if (limit.header) {
        headers[limit.header] = `total=${limit.perWindow}; remaining=${remaining}; resets=${resets}`;
      }
    }
    return { allowed, retryAfterSeconds: Math.max(1, Math.ceil(refusedWait / 1000)), headers };
  }
}

/**
 * The incremental exports' limit: 10 requests a minute for each export endpoint, 30 with the
 * High Volume add-on (https://developer.zendesk.com/api-reference/introduction/rate-limits/).
 * Counted per endpoint, the time-based and cursor-based ticket exports being two.
 */
export function incrementalExportLimit(path: string, plan: Plan): (LimitClass & { key: string }) | null {
  if (!path.startsWith('/api/v2/incremental/')) return null;
  return {
    name: 'incremental',
    perWindow: plan === 'high-volume' ? 30 : 10,
    windowMs: 60_000,
    key: path.replace(/\.json$/, ''),
    header: 'zendesk-ratelimit-incremental-exports',
  };
}
