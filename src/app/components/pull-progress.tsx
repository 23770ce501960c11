import { Progress } from '@zendeskgarden/react-loaders';
import { useEffect, useRef, useState } from 'react';
import type { PullProgress } from '../../zendesk/account-pull';
import { useAppText } from './app-context';

const WAIT_TEXT = {
  'rate-limit': 'progress.wait_rate_limit',
  'server-error': 'progress.wait_server_error',
  'no-connection': 'progress.wait_no_connection',
} as const;

/** Date.now(), again every second while `active`: for a countdown that counts. */
function useSecondTicks(active: boolean, clock: () => number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return;
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), 1000);
    return () => clearInterval(timer);
  }, [active, clock]);
  return now;
}

/**
 * Requests, tickets and time left while the data is read. A wait says what it is from its first
 * second (Zendesk's rate limit, a server error being retried, no connection) and counts down to
 * its end; the time left counts down between reports too. The bar follows the pull's share, which
 * only grows (PullSession), and is never full before the data is in.
 */
export function PullProgressBar({
  progress,
  clock = Date.now,
}: {
  progress: PullProgress | null;
  /** The pull's clock (epoch ms), which `waiting.until` is told in. */
  clock?: () => number;
}) {
  const { t, format } = useAppText();
  const waiting = progress?.waiting ?? null;
  const hasLeft = progress?.estimatedMsLeft != null && progress.estimatedMsLeft > 0;
  const now = useSecondTicks(waiting !== null || hasLeft, clock);
  // When the time left on screen was told, so that it counts down until the next report.
  const told = useRef<{ progress: PullProgress | null; at: number }>({ progress: null, at: 0 });
  if (told.current.progress !== progress) told.current = { progress, at: clock() };
  const share = progress?.fraction ?? null;
  const done = progress?.phase === 'done';
  const percent = share === null ? 5 : Math.max(5, Math.min(done ? 100 : 99, Math.floor(share * 100)));
  const left = hasLeft ? Math.max(0, progress.estimatedMsLeft! - (now - told.current.at)) : 0;
  const parts = progress
    ? [
        t('progress.requests', { count: progress.requests }),
        t('progress.tickets', { count: progress.tickets }),
        ...(left > 0 ? [t('progress.left', { time: format.wait(left) })] : []),
      ]
    : [t('progress.starting')];
  const waitLeft = waiting ? Math.max(0, waiting.until - now) : 0;
  return (
    <div className="pull-progress">
      <Progress value={percent} aria-label={t('progress.label')} aria-valuetext={`${percent}%`} />
      <span role="status">{parts.join(' · ')}</span>
      {progress?.phase === 'history' && <span>{t('progress.history')}</span>}
      {waiting && (
        // Polite, and its own region: a person hears what the wait is, not every second of it.
        <span className={`waiting waiting-${waiting.cause}`} data-testid="pull-wait" aria-live="polite">
          {t(WAIT_TEXT[waiting.cause], { time: format.wait(waitLeft) })}
        </span>
      )}
    </div>
  );
}
