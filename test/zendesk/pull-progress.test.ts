import { describe, expect, it } from 'vitest';
import { pullAccount, type PullProgress } from '../../src/zendesk/account-pull';
import { VirtualClock } from '../../src/zendesk/clock';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import {
  TransportError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../../src/zendesk/transport';

/**
 * What a pull tells a person while it runs (PullSession): a share that only grows and is never
 * full before the end, a time left that holds to the rate limits' real bound, and waits that say
 * what they are. The account: `pages` export pages of ten tickets each, one an hour, the last an
 * hour before the clock's start; one page of staff, one of groups. The virtual clock moves on by
 * each wait as it begins (the export asks for the next page while the last is read), so "the
 * truth" below is within a window of when each page was read.
 */

const HOUR = 3600;
const PER_PAGE = 10;
const START_SECONDS = Date.parse('2026-11-01T00:00:00Z') / 1000;

const cursorFor = (seconds: number, id: number) =>
  Buffer.from(`${seconds}.000000||${id}|`, 'latin1').toString('base64');

class HourlyAccount implements Transport {
  readonly accountKey = 'https://acme.zendesk.com|admin@example.com';
  readonly paths: string[] = [];
  /** Answers to give, in order, before the normal ones: failures the test injects. */
  readonly script: (TransportResponse | TransportError)[] = [];

  constructor(private readonly pages: number) {}

  /** Epoch seconds of ticket `index` (0-based): one an hour, the last an hour before the start. */
  private time(index: number): number {
    return START_SECONDS - (this.pages * PER_PAGE - index) * HOUR;
  }

  async request({ path }: TransportRequest): Promise<TransportResponse> {
    this.paths.push(path);
    const scripted = this.script.shift();
    if (scripted instanceof TransportError) throw scripted;
    if (scripted) return scripted;
    const url = new URL(path, 'https://acme.zendesk.com');
    if (url.pathname.startsWith('/api/v2/incremental/tickets/cursor')) {
      const cursor = url.searchParams.get('cursor');
      const page = cursor === null ? 0 : this.pageAfter(cursor);
      const tickets = Array.from({ length: PER_PAGE }, (_, offset) => {
        const index = page * PER_PAGE + offset;
        const at = new Date(this.time(index) * 1000).toISOString();
        return {
          id: index + 1,
          created_at: at,
          updated_at: at,
          generated_timestamp: this.time(index),
          status: 'open',
          assignee_id: null,
          group_id: null,
          brand_id: null,
        };
      });
      const last = (page + 1) * PER_PAGE - 1;
      return {
        status: 200,
        headers: {},
        body: {
          tickets,
          metric_sets: [],
          after_cursor: cursorFor(this.time(last), last + 1),
          end_of_stream: page === this.pages - 1,
        },
      };
    }
    const key = url.pathname.includes('users') ? 'users' : url.pathname.includes('groups') ? 'groups' : 'brands';
    return { status: 200, headers: {}, body: { [key]: [], meta: { has_more: false }, links: {} } };
  }

  /** The page after the one whose last ticket the cursor names. */
  private pageAfter(cursor: string): number {
    const id = Number(Buffer.from(cursor, 'base64').toString('latin1').split('||')[1]!.replace('|', ''));
    return id / PER_PAGE;
  }
}

async function run(pages: number, script: (TransportResponse | TransportError)[] = []) {
  const clock = new VirtualClock(START_SECONDS * 1000);
  const account = new HourlyAccount(pages);
  account.script.push(...script);
  const scheduler = new RequestScheduler(account, { clock, random: () => 0.5, concurrency: 2 });
  const events: { at: number; progress: PullProgress }[] = [];
  await pullAccount({
    scheduler,
    mode: 'admin',
    streams: [],
    clock,
    onProgress: (progress) => events.push({ at: clock.now(), progress: structuredClone(progress) }),
  });
  return { events, end: clock.now(), account };
}

describe('pull progress', () => {
  it('tells the time left by the export limit: within a window of the truth from the first pages on', async () => {
    // 35 pages at ten a minute: the first ten go at once, the rest take three more minutes.
    const { events, end } = await run(35);
    const timed = events.filter(({ progress }) => progress.estimatedMsLeft !== null && progress.phase === 'tickets');
    expect(timed.length).toBeGreaterThan(20);
    for (const { at, progress } of timed) {
      const truth = end - at;
      expect(Math.abs(progress.estimatedMsLeft! - truth)).toBeLessThanOrEqual(60_000);
    }
    // After the first burst of ten the truth is minutes, and so is what is said.
    const early = timed.find(({ progress }) => progress.tickets === 5 * PER_PAGE)!;
    expect(early.progress.estimatedMsLeft).toBeGreaterThanOrEqual(2 * 60_000);
  });

  it('moves the bar only forward, never full before the end, not while waiting', async () => {
    const { events } = await run(35);
    const shares = events.map(({ progress }) => progress.fraction ?? 0);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    for (const { progress } of events) {
      if (progress.phase !== 'done') expect(progress.fraction ?? 0).toBeLessThan(1);
      if (progress.waiting) expect(progress.fraction ?? 0).toBeLessThan(1);
    }
    expect(events.at(-1)!.progress).toMatchObject({ phase: 'done', fraction: 1 });
    expect(events.some(({ progress }) => progress.waiting?.cause === 'rate-limit')).toBe(true);
  });

  it('names each wait from its first second: rate limit, server error, no connection', async () => {
    const { events } = await run(3, [
      { status: 503, headers: {}, body: { error: 'Unavailable' } },
      new TransportError(
        'network',
        'GET /api/v2/incremental/tickets/cursor.json failed: net::ERR_INTERNET_DISCONNECTED',
      ),
      { status: 429, headers: { 'retry-after': '7' }, body: { error: 'TooManyRequests' } },
    ]);
    const waits = events.flatMap(({ at, progress }) => (progress.waiting ? [{ at, ...progress.waiting }] : []));
    const causes = waits.map((wait) => wait.cause).filter((cause, index, all) => all[index - 1] !== cause);
    expect(causes).toEqual(['server-error', 'no-connection', 'rate-limit']);
    // Each says until when, so a display counts down to it.
    const retryAfter = waits.find((wait) => wait.cause === 'rate-limit')!;
    expect(retryAfter.ms).toBe(7000);
    expect(retryAfter.until - retryAfter.at).toBe(7000);
  });
});
