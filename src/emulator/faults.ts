import { z } from 'zod';
import { Random } from './random';

/**
 * Injected faults, per endpoint: latency, errors (500/503), forced 429s, cut-off bodies, hung
 * requests and expired cursors. Set by flag (`--fault`) or by the test-only control endpoint.
 */

export const faultRuleSchema = z.object({
  /** A path prefix such as `/api/v2/incremental/`; `*` or empty matches every path. */
  path: z.string().default('*'),
  latencyMs: z.number().nonnegative().default(0),
  /** Share of requests answered with 500 or 503 (alternating). */
  errorRate: z.number().min(0).max(1).default(0),
  /** The next N matching requests get 429 with Retry-After. */
  force429: z.number().int().nonnegative().default(0),
  retryAfterSeconds: z.number().int().positive().default(2),
  /** Share of 2xx bodies cut off halfway. */
  truncateRate: z.number().min(0).max(1).default(0),
  /** Share of requests that never get an answer. */
  hangRate: z.number().min(0).max(1).default(0),
  /** The next N requests that carry a cursor are told it expired. */
  expireCursor: z.number().int().nonnegative().default(0),
});
export type FaultRule = z.output<typeof faultRuleSchema>;

export type FaultDecision =
  | { kind: 'none'; latencyMs: number; truncate: boolean }
  | { kind: 'error'; status: 500 | 503; latencyMs: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number; latencyMs: number }
  | { kind: 'hang' }
  | { kind: 'expired-cursor'; latencyMs: number };

/** `incremental:error=0.2,latency=200,429=3` → a rule. */
export function parseFaultFlag(text: string): FaultRule {
  const [path, settings = ''] = text.includes(':')
    ? [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)]
    : ['*', text];
  const prefixes: Record<string, string> = {
    incremental: '/api/v2/incremental/',
    search: '/api/v2/search',
    tickets: '/api/v2/tickets',
    users: '/api/v2/users',
    all: '*',
    '*': '*',
  };
  const prefix = prefixes[path] ?? (path.startsWith('/') ? path : null);
  if (prefix === null) {
    throw new Error(`--fault: "${path}" is not ${Object.keys(prefixes).join(', ')} or a path starting with /`);
  }
  const raw: Record<string, unknown> = { path: prefix };
  const keys: Record<string, string> = {
    latency: 'latencyMs',
    error: 'errorRate',
    '429': 'force429',
    'retry-after': 'retryAfterSeconds',
    truncate: 'truncateRate',
    hang: 'hangRate',
    'expire-cursor': 'expireCursor',
  };
  for (const part of settings.split(',').filter(Boolean)) {
    const [key, value] = part.split('=');
    const field = keys[key ?? ''];
    if (!field || value === undefined || !Number.isFinite(Number(value))) {
      throw new Error(
        `--fault: "${part}" is not one of ${Object.keys(keys)
          .map((name) => `${name}=N`)
          .join(', ')}`,
      );
    }
    raw[field] = Number(value);
  }
  const parsed = faultRuleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flagKey = Object.entries(keys).find(([, field]) => field === issue.path[0])?.[0] ?? String(issue.path[0]);
    throw new Error(`--fault: "${flagKey}=${String(raw[String(issue.path[0])])}": ${issue.message}`);
  }
  return parsed.data;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private errorToggle = false;

  constructor(private readonly random: Random = new Random(7)) {}

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule }));
  }

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  decide(path: string, hasCursor: boolean): FaultDecision {
    const matching = this.rules.filter((rule) => rule.path === '*' || rule.path === '' || path.startsWith(rule.path));
    const latencyMs = matching.reduce((sum, rule) => sum + rule.latencyMs, 0);
    for (const rule of matching) {
      if (rule.hangRate > 0 && this.random.chance(rule.hangRate)) return { kind: 'hang' };
      if (rule.force429 > 0) {
        rule.force429--;
        return { kind: 'rate-limit', retryAfterSeconds: rule.retryAfterSeconds, latencyMs };
      }
      if (hasCursor && rule.expireCursor > 0) {
        rule.expireCursor--;
        return { kind: 'expired-cursor', latencyMs };
      }
      if (rule.errorRate > 0 && this.random.chance(rule.errorRate)) {
        this.errorToggle = !this.errorToggle;
        return { kind: 'error', status: this.errorToggle ? 500 : 503, latencyMs };
      }
    }
    const truncate = matching.some((rule) => rule.truncateRate > 0 && this.random.chance(rule.truncateRate));
    return { kind: 'none', latencyMs, truncate };
  }
}
