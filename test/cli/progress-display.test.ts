import { describe, expect, it } from 'vitest';
import { describeWait, ProgressDisplay, type Ticker } from '../../src/cli/progress-display';
import type { PullProgress } from '../../src/zendesk/account-pull';

type Wait = NonNullable<PullProgress['waiting']>;

const START = Date.parse('2026-12-01T09:00:00Z');

function progress(waiting: Wait | null, phase: PullProgress['phase'] = 'tickets'): PullProgress {
  return {
    phase,
    requests: 3,
    tickets: 2000,
    fraction: 0.25,
    estimatedMsLeft: null,
    waiting,
    coveredFrom: null,
  };
}

const exportLimit: Wait = {
  reason: 'incremental exports limit',
  cause: 'rate-limit',
  ms: 42_000,
  until: START + 42_000,
  limit: { name: 'incremental exports', allowed: 10, windowMs: 60_000 },
};

describe('describeWait', () => {
  it('names the rate limit whose window is full, with its size', () => {
    expect(describeWait(exportLimit, 42_000)).toBe(
      "waiting 42 s for Zendesk's incremental exports rate limit (10 requests a minute)",
    );
    const fiveMinutes = { ...exportLimit, limit: { name: 'app per user, 5 minutes', allowed: 700, windowMs: 300_000 } };
    expect(describeWait(fiveMinutes, 90_000)).toBe(
      "waiting 1 min 30 s for Zendesk's app per user, 5 minutes rate limit (700 requests in 5 min 00 s)",
    );
  });

  it("says a 429's wait is Zendesk's own, and which try follows it", () => {
    const wait: Wait = {
      reason: 'HTTP 429, waiting as Retry-After says',
      cause: 'rate-limit',
      ms: 60_000,
      until: START + 60_000,
      status: 429,
      attempt: { next: 2, of: 11 },
    };
    expect(describeWait(wait, 60_000)).toBe(
      "rate limited (HTTP 429): waiting 1 min 00 s as Zendesk's Retry-After says, then try 2 of 11",
    );
  });

  it('tells a server error from a cut-off answer and from no answer at all', () => {
    const base = { reason: '', ms: 4000, until: START + 4000, attempt: { next: 3, of: 6 } };
    expect(describeWait({ ...base, cause: 'server-error', status: 503 }, 4000)).toBe(
      'Zendesk answered HTTP 503: try 3 of 6 in 4 s',
    );
    expect(describeWait({ ...base, cause: 'server-error', failure: 'the body ended early' }, 4000)).toBe(
      'the answer was cut off (the body ended early): try 3 of 6 in 4 s',
    );
    expect(describeWait({ ...base, cause: 'no-connection', failure: 'connect ECONNREFUSED 127.0.0.1:443' }, 4000)).toBe(
      'no answer from Zendesk (connect ECONNREFUSED 127.0.0.1:443): try 3 of 6 in 4 s',
    );
  });
});

/** A ticker the test moves by hand, and a clock it sets. */
function manualTime() {
  let now = START;
  const ticks: (() => void)[] = [];
  const ticker: Ticker = (tick) => {
    ticks.push(tick);
    return () => ticks.splice(ticks.indexOf(tick), 1);
  };
  return {
    ticker,
    now: () => now,
    advance(ms: number) {
      now += ms;
      for (const tick of [...ticks]) tick();
    },
    running: () => ticks.length,
  };
}

describe('ProgressDisplay', () => {
  it('not on a terminal: one line per long rate-limit wait, every retry, and no countdown', () => {
    const out: string[] = [];
    const time = manualTime();
    const display = new ProgressDisplay((text) => out.push(text), false, time.now, 100, time.ticker);
    display.update(progress(null));
    display.update(progress(exportLimit));
    // The same wait reported again (another progress event) is not a second line.
    display.update(progress(exportLimit));
    const short = { ...exportLimit, ms: 900, until: START + 900 };
    display.update(progress(short));
    const retry: Wait = {
      reason: 'HTTP 502, retry 1 of 5',
      cause: 'server-error',
      ms: 700,
      until: START + 700,
      status: 502,
      attempt: { next: 2, of: 6 },
    };
    display.update(progress(retry));
    time.advance(5000);
    expect(time.running()).toBe(0);
    expect(out.filter((line) => !line.startsWith('reading'))).toEqual([
      "waiting 42 s for Zendesk's incremental exports rate limit (10 requests a minute)\n",
      'Zendesk answered HTTP 502: try 2 of 6 in 1 s\n',
    ]);
  });

  it('on a terminal: the bar counts the wait down every second, and the count stops with the wait', () => {
    const out: string[] = [];
    const time = manualTime();
    const display = new ProgressDisplay((text) => out.push(text), true, time.now, 200, time.ticker);
    display.update(progress(exportLimit));
    expect(out[0]).toBe("waiting 42 s for Zendesk's incremental exports rate limit (10 requests a minute)\n");
    expect(out.at(-1)).toContain('waiting 42 s for');
    time.advance(1000);
    expect(out.at(-1)).toContain('waiting 41 s for');
    time.advance(1000);
    expect(out.at(-1)).toBe(
      "\r\x1b[2K[#####...............] reading tickets · 3 requests · 2,000 tickets · waiting 40 s for Zendesk's incremental exports rate limit (10 requests a minute)",
    );
    display.update(progress(null));
    expect(time.running()).toBe(0);
    expect(out.at(-1)).not.toContain('waiting');
    display.update(progress(null, 'done'));
    expect(out.at(-1)).toBe('\n');
  });

  it('finish() stops a countdown that is still running, as when the pull fails mid-wait', () => {
    const time = manualTime();
    const display = new ProgressDisplay(() => {}, true, time.now, 100, time.ticker);
    display.update(progress(exportLimit));
    expect(time.running()).toBe(1);
    display.finish();
    expect(time.running()).toBe(0);
  });
});
