import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import type { Problem } from '../data/app-errors';
import { useAppText } from './app-context';

/** A problem in words, with a way to try again; never a blank pane or a stack trace. */
export function ProblemNotice({
  problem,
  onRetry,
  hasData,
}: {
  problem: Problem;
  onRetry: () => void;
  hasData: boolean;
}) {
  const { t } = useAppText();
  return (
    <Alert type={problem.kind === 'rate-limit' ? 'warning' : 'error'} role="alert">
      <Alert.Title>{t(`errors.${problem.kind}.title`)}</Alert.Title>
      <p>{t(`errors.${problem.kind}.body`)}</p>
      {hasData && <p>{t('errors.showing_cached')}</p>}
      <details>
        <summary>{t('errors.details')}</summary>
        <code>{problem.detail}</code>
      </details>
      <Button size="small" onClick={onRetry}>
        {t('errors.retry')}
      </Button>
    </Alert>
  );
}
