import type { AccountDataState } from '../data/use-account-data';
import { useAppText } from '../components/app-context';

/**
 * One line on what the event streams add and whether the report has it: being read in the
 * background (an admin's first pull), or not readable by this user, in which case the numbers
 * stand per METRICS.md's fallback (credited to the current assignee, no SLA numbers).
 */
export function StreamNotice({ data }: { data: Pick<AccountDataState, 'streams' | 'dataset'> }) {
  const { t } = useAppText();
  if (data.dataset === null) return null;
  const readings = Object.values(data.streams);
  const text = readings.some((reading) => reading.status === 'unreadable' && reading.reason === 'role')
    ? t('report.streams.admin_only')
    : readings.some((reading) => reading.status === 'unreadable')
      ? t('report.streams.refused')
      : readings.some((reading) => reading.status === 'loading')
        ? t('report.streams.loading')
        : null;
  if (text === null) return null;
  return (
    <p className="stream-notice" aria-live="polite" data-testid="stream-notice">
      {text}
    </p>
  );
}
