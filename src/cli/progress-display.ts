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

export function describeProgress(progress: PullProgress): string {
  const parts = [
    PHASES[progress.phase],
    `${progress.requests.toLocaleString('en-US')} requests`,
    `${progress.tickets.toLocaleString('en-US')} tickets`,
  ];
  if (progress.estimatedMsLeft !== null && progress.phase !== 'done')
    parts.push(`about ${formatDuration(progress.estimatedMsLeft)} left`);
  if (progress.waiting) parts.push(`waiting ${formatDuration(progress.waiting.ms)} (${progress.waiting.reason})`);
  return parts.join(' · ');
}

/** Waits at least this long get a line of their own, so a long pause never looks like a hang. */
const NOTED_WAIT_MS = 5000;

export class ProgressDisplay {
  private lastWait: PullProgress['waiting'] = null;
  private lastLine = '';
  private lastPhase: PullProgress['phase'] | null = null;
  private lastPrinted = 0;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly isTerminal: boolean,
    private readonly now: () => number = Date.now,
    private readonly columns = 100,
  ) {}

  update(progress: PullProgress): void {
    const { waiting } = progress;
    if (waiting && waiting !== this.lastWait && waiting.ms >= NOTED_WAIT_MS) {
      this.finish();
      this.write(`waiting ${formatDuration(waiting.ms)} (${waiting.reason})\n`);
      this.lastLine = '';
    }
    this.lastWait = waiting;
    const line = describeProgress(progress);
    if (this.isTerminal) {
      if (line === this.lastLine) return;
      const bar = progressBar(progress);
      const text = `${bar} ${line}`.slice(0, this.columns - 1);
      this.write(`\r\x1b[2K${text}`);
      this.drawn = true;
      this.lastLine = line;
      if (progress.phase === 'done') this.finish();
      return;
    }
    const phaseChanged = progress.phase !== this.lastPhase;
    if (phaseChanged || this.now() - this.lastPrinted >= 10_000) {
      this.write(`${line}\n`);
      this.lastPrinted = this.now();
      this.lastPhase = progress.phase;
    }
  }

  /** Ends the bar's line, so what follows starts on a line of its own. */
  finish(): void {
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
