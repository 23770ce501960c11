import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { useAppText } from './app-context';

function RenderFailure({ detail, onRetry }: { detail: string; onRetry: () => void }) {
  const { t } = useAppText();
  return (
    <Alert type="error" role="alert">
      <Alert.Title>{t('errors.render.title')}</Alert.Title>
      <p>{t('errors.render.body')}</p>
      <details>
        <summary>{t('errors.details')}</summary>
        <code>{detail}</code>
      </details>
      <Button size="small" onClick={onRetry}>
        {t('errors.retry')}
      </Button>
    </Alert>
  );
}

/**
 * Around each location, inside its providers: an error while rendering would otherwise unmount the
 * whole tree and leave Zendesk showing an empty iframe. Try again renders the location afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null; attempt: number }> {
  override state = { error: null as Error | null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('support-kpis: a location failed to render', error, info.componentStack);
  }

  private readonly retry = () => this.setState(({ attempt }) => ({ error: null, attempt: attempt + 1 }));

  override render(): ReactNode {
    if (this.state.error) return <RenderFailure detail={this.state.error.message} onRetry={this.retry} />;
    // A new key on retry: the location mounts again from scratch rather than from the state that failed.
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}
