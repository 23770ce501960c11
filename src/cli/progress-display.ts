import type { PullProgress } from '../zendesk/account-pull';

/**
 * Pull progress on stderr: one bar redrawn in place on a terminal, plain lines otherwise (a log
 * file or CI gets a line per phase and at most one every ten seconds).
 */

const PHASES: Record<PullProgress['phase'], string> = {
  tickets: 'reading tickets',
  history: 'reading older tickets',
  metrics: 'reading ticket metrics',
  directory: 'reading agents and groups',
  done: 'done',
};

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

type Wait = NonNullable<PullProgress['waiting']>;

function describeLimit({ name, allowed, windowMs }: NonNullable<Wait['limit']>): string {
  const window = windowMs === 60_000 ? 'a minute' : `in ${formatDuration(windowMs)}`;
  return `Zendesk's ${name} rate limit (${allowed.toLocaleString('en-US')} requests ${window})`;
}

/**
 * A wait in words: what it is for (a rate limit by name, the HTTP status or the failure being
 * retried), how long is left of it, and which attempt follows, so a log says why a pull paused.
 */
export function describeWait(wait: Wait, leftMs: number): string {
  const left = formatDuration(leftMs);
  const next = wait.attempt ? `try ${wait.attempt.next} of ${wait.attempt.of}` : 'trying again';
  if (wait.cause === 'rate-limit') {
    if (wait.limit) return `waiting ${left} for ${describeLimit(wait.limit)}`;
    return `rate limited (HTTP ${wait.status ?? 429}): waiting ${left} as Zendesk's Retry-After says, then ${next}`;
  }
  if (wait.cause === 'server-error') {
    const what =
      wait.status !== undefined
        ? `Zendesk answered HTTP ${wait.status}`
        : `the answer was cut off (${wait.failure ?? 'no detail'})`;
    return `${what}: ${next} in ${left}`;
  }
  return `no answer from Zendesk (${wait.failure ?? 'no detail'}): ${next} in ${left}`;
}

export function describeProgress(progress: PullProgress, now?: number): string {
  const parts = [
    PHASES[progress.phase],
    `${progress.requests.toLocaleString('en-US')} requests`,
    `${progress.tickets.toLocaleString('en-US')} tickets`,
  ];
  if (progress.estimatedMsLeft !== null && progress.phase !== 'done')
    parts.push(`about ${formatDuration(progress.estimatedMsLeft)} left`);
  if (progress.waiting) {
    const left = now === undefined ? progress.waiting.ms : Math.max(0, progress.waiting.until - now);
    parts.push(describeWait(progress.waiting, left));
  }
  return parts.join(' · ');
}

/** Rate-limit waits at least this long get a line of their own, so a long pause never looks like a hang. */
const NOTED_WAIT_MS = 5000;

/** Calls `tick` every `ms` until the returned function is called. */
export type Ticker = (tick: () => void, ms: number) => () => void;

const intervalTicker: Ticker = (tick, ms) => {
  const timer = setInterval(tick, ms);
  // A countdown never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
};

export class ProgressDisplay {
  private lastWait: PullProgress['waiting'] = null;
  private lastProgress: PullProgress | null = null;
  private lastLine = '';
  private lastPhase: PullProgress['phase'] | null = null;
  private lastPrinted = 0;
  private drawn = false;
  private stopCountdown: (() => void) | null = null;

  constructor(
    private readonly write: (text: string) => void,
    private readonly isTerminal: boolean,
    private readonly now: () => number = Date.now,
    private readonly columns = 100,
    private readonly every: Ticker = intervalTicker,
  ) {}

  update(progress: PullProgress): void {
    const { waiting } = progress;
    if (waiting !== this.lastWait) {
      this.stopCountdown?.();
      this.stopCountdown = null;
      // Every retry is worth a line (something failed); a rate-limit wait only when it is long.
      if (waiting && (waiting.cause !== 'rate-limit' || waiting.ms >= NOTED_WAIT_MS)) {
        this.endLine();
        this.write(`${describeWait(waiting, waiting.ms)}\n`);
        this.lastLine = '';
      }
      // On a terminal the bar counts the wait down, a second at a time.
      if (waiting && this.isTerminal && waiting.ms >= 1000) this.stopCountdown = this.every(() => this.draw(), 1000);
    }
    this.lastWait = waiting;
    this.lastProgress = progress;
    if (this.isTerminal) {
      this.draw();
      if (progress.phase === 'done') this.finish();
      return;
    }
    const phaseChanged = progress.phase !== this.lastPhase;
    if (phaseChanged || this.now() - this.lastPrinted >= 10_000) {
      this.write(`${describeProgress(progress)}\n`);
      this.lastPrinted = this.now();
      this.lastPhase = progress.phase;
    }
  }

  private draw(): void {
    const progress = this.lastProgress;
    if (!progress) return;
    const line = describeProgress(progress, this.now());
    if (line === this.lastLine) return;
    const text = `${progressBar(progress)} ${line}`.slice(0, this.columns - 1);
    this.write(`\r\x1b[2K${text}`);
    this.drawn = true;
    this.lastLine = line;
  }

  /** Stops the countdown and ends the bar's line, so what follows starts on a line of its own. */
  finish(): void {
    this.stopCountdown?.();
    this.stopCountdown = null;
    this.endLine();
  }

  private endLine(): void {
    if (this.isTerminal && this.drawn) {
      this.write('\n');
      this.drawn = false;
    }
  }
}

function progressBar(progress: PullProgress): string {
  const width = 20;
  const share = progress.phase === 'done' ? 1 : (progress.fraction ?? 0);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
