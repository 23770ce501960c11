/** Time, injectable: tests and the time-scaled emulator run the scheduler on a clock of their own. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class AbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('the request was cancelled');
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError());
        return;
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when someone sleeps on it: a pull that would wait minutes for Zendesk's
 * rate limits runs in milliseconds in a test, and the waits it made can be read back.
 */
export class VirtualClock implements Clock {
  private time: number;
  readonly sleeps: number[] = [];

  constructor(start = Date.parse('2026-11-01T00:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AbortedError();
    const wait = Math.max(0, ms);
    this.sleeps.push(wait);
    this.time += wait;
    await Promise.resolve();
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

/**
 * Zendesk time running `scale` times faster than the wall clock, from `start`: a client paired
 * with the time-scaled local Zendesk keeps its rate limits in the same time as the server.
 */
export class ScaledClock implements Clock {
  private readonly wallStart = Date.now();

  constructor(
    private readonly start: number,
    readonly scale: number,
  ) {}

  now(): number {
    return this.start + (Date.now() - this.wallStart) * this.scale;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms / this.scale, signal);
  }
}
