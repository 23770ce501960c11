import { Progress } from '@zendeskgarden/react-loaders';
import type { PullProgress } from '../../zendesk/account-pull';
import { useAppText } from './app-context';

/** Requests, tickets and time left while the data is read; a wait for Zendesk's limits is said out loud. */
export function PullProgressBar({ progress }: { progress: PullProgress | null }) {
  const { t, format } = useAppText();
  const share = progress?.fraction ?? null;
  const parts = progress
    ? [
        t('progress.requests', { count: progress.requests }),
        t('progress.tickets', { count: progress.tickets }),
        ...(progress.estimatedMsLeft !== null && progress.estimatedMsLeft > 0
          ? [t('progress.left', { time: format.wait(progress.estimatedMsLeft) })]
          : []),
      ]
    : [t('progress.starting')];
  return (
    <div className="pull-progress" role="status" aria-live="polite">
      <Progress value={share === null ? 5 : Math.max(5, Math.round(share * 100))} aria-label={t('progress.label')} />
      <span>{parts.join(' · ')}</span>
      {progress?.phase === 'history' && <span>{t('progress.history')}</span>}
      {progress?.waiting && (
        <span className="waiting">{t('progress.waiting', { time: format.wait(progress.waiting.ms) })}</span>
      )}
    </div>
  );
}
