import { oauthTokenFor, startEmulator, type RunningEmulator } from '../../src/emulator/api-server';
import type { AccountData } from '../../src/emulator/account-data';
import { EmulatorClock } from '../../src/emulator/emulator-clock';
import type { FaultInjector } from '../../src/emulator/faults';
import type { Plan } from '../../src/emulator/rate-limits';
import { seedAccount, type SeedAccount, type StaffMember } from '../../src/emulator/seed-account';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import { AbortedError, type Clock } from '../../src/zendesk/clock';

/** Shared fixtures for the emulator tests: a small seeded account and an emulator on port 0. */

export const NOW = Date.parse('2026-11-22T12:00:00Z');
export const API_TOKEN = 'test-api-token';
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type Json = Record<string, unknown>;

export function smallAccount(seed = 3): SeedAccount {
  return seedAccount({ seed, tickets: 600, days: 30, now: NOW });
}

const cache = new Map<number, { account: SeedAccount; data: SimulatedAccountData }>();

/** One small account per seed and test file (rendered versions are cached inside the data). */
export function smallData(seed = 3): { account: SeedAccount; data: SimulatedAccountData } {
  let entry = cache.get(seed);
  if (!entry) {
    const account = smallAccount(seed);
    entry = { account, data: new SimulatedAccountData(account) };
    cache.set(seed, entry);
  }
  return entry;
}

/** Zendesk time that only moves when the test calls `advance`. */
export function frozenClock(start = NOW): EmulatorClock {
  return new EmulatorClock(start, 1, () => 0);
}

/**
 * A client clock on a frozen Zendesk clock: a pull's waits (for the export limits, for retries)
 * move Zendesk's time on instead of the test's.
 */
export function clientClockOn(zendeskTime: EmulatorClock): Clock {
  return {
    now: () => zendeskTime.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new AbortedError();
      zendeskTime.advance(ms);
      await Promise.resolve();
    },
  };
}

export function basicAuth(email: string, token = API_TOKEN): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  body: Json;
}

export interface TestEmulator {
  emulator: RunningEmulator;
  clock: EmulatorClock;
  url: string;
  /** GET a path (or an absolute link the emulator gave) as an authorization header value, default the admin. */
  get(
    pathOrUrl: string,
    options?: { auth?: string | null; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Reply>;
  control(method: 'POST' | 'DELETE' | 'GET', path: string, body?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

export async function startTestEmulator(options: {
  data: AccountData;
  adminEmail: string;
  clock?: EmulatorClock;
  plan?: Plan;
  faults?: FaultInjector;
}): Promise<TestEmulator> {
  const clock = options.clock ?? frozenClock();
  const emulator = await startEmulator({
    data: options.data,
    clock,
    apiToken: API_TOKEN,
    port: 0,
    ...(options.plan ? { plan: options.plan } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const read = async (response: Response): Promise<Reply> => {
    const text = await response.text();
    let body: Json = undefined as unknown as Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      // not JSON: left undefined, the text is there
    }
    return { status: response.status, headers: response.headers, text, body };
  };
  return {
    emulator,
    clock,
    url: emulator.url,
    async get(pathOrUrl, { auth = basicAuth(options.adminEmail), headers = {}, signal } = {}) {
      const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${emulator.url}${pathOrUrl}`;
      const response = await fetch(url, {
        headers: { ...(auth === null ? {} : { authorization: auth }), ...headers },
        ...(signal ? { signal } : {}),
      });
      return read(response);
    },
    async control(method, path, body) {
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return read(response);
    },
    close: () => emulator.close(),
  };
}

export function adminOf(account: SeedAccount): StaffMember {
  return account.staff.find((member) => member.role === 'admin')!;
}

/** A plain agent: no custom role. */
export function agentOf(account: SeedAccount): StaffMember {
  return account.staff.find((member) => member.role === 'agent' && member.customRole === null)!;
}

export function bearer(userId: number): string {
  return `Bearer ${oauthTokenFor(userId, API_TOKEN)}`;
}

/** Query string with Zendesk's bracketed names left readable. */
export function query(params: Record<string, string | number | readonly string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) search.append(name, item);
    else search.append(name, String(value));
  }
  return `?${search.toString()}`;
}

export const ids = (records: readonly unknown[]): number[] => records.map((record) => (record as { id: number }).id);

export const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
