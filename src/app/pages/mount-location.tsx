import ZAFClient from 'zendesk_app_framework_sdk';
import { StrictMode, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../components/app-context';
import { ErrorBoundary } from '../components/error-boundary';
import { loadCatalog, resolveLocale } from '../i18n/translator';
import { openZafSession, type ZafSession } from '../zaf/zaf-session';
import './app.css';

const CATALOG_WAIT_MS = 3000;

/** The location as a component of its own, so that what its render function throws reaches the boundary. */
function Rendered({ render, session }: { render: (session: ZafSession) => ReactNode; session: ZafSession }) {
  return render(session);
}

/**
 * Starts a location: connects to Zendesk through the ZAF SDK, reads the session, and renders the
 * location inside the language, direction and colour scheme of the agent's Zendesk. Outside
 * Zendesk (the page opened on its own) it says so instead of showing a blank page.
 */
function Location({
  render,
  onSession,
}: {
  render: (session: ZafSession) => ReactNode;
  onSession?: (session: ZafSession) => void;
}) {
  const [session, setSession] = useState<ZafSession | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    // The SDK calls back on `app.registered`: the moment the benchmark measures the first number from.
    const client = ZAFClient.init(() => performance.mark('support-kpis:registered'));
    if (!client) {
      setFailure('Support KPIs runs inside Zendesk. Open it from the Zendesk agent workspace.');
      return;
    }
    openZafSession(client).then(
      async (opened) => {
        performance.mark('support-kpis:session');
        onSession?.(opened);
        // A language whose catalog cannot be fetched in time leaves the app wholly in English
        // (strings, direction, number formats) rather than blank or half translated.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const loaded = await Promise.race([
          loadCatalog(resolveLocale(opened.user.locale)).then(
            () => true,
            () => false,
          ),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CATALOG_WAIT_MS))),
        ]);
        clearTimeout(timer);
        setSession(loaded ? opened : { ...opened, user: { ...opened.user, locale: 'en' } });
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
    const onScheme = (scheme: unknown) =>
      setSession((previous) =>
        previous ? { ...previous, colorScheme: scheme === 'dark' ? 'dark' : 'light' } : previous,
      );
    client.on('colorScheme.changed', onScheme);
    return () => client.off('colorScheme.changed', onScheme);
  }, [onSession]);
  const colorScheme = session?.colorScheme;
  // The page's own background and scrollbars follow the scheme too, not only the React tree.
  useLayoutEffect(() => {
    if (colorScheme) document.documentElement.dataset['colorScheme'] = colorScheme;
  }, [colorScheme]);
  if (failure) return <p role="alert">{failure}</p>;
  if (!session) return null;
  return (
    <AppProviders zendeskLocale={session.user.locale} colorScheme={session.colorScheme}>
      <ErrorBoundary>
        <Rendered render={render} session={session} />
      </ErrorBoundary>
    </AppProviders>
  );
}

/** `onSession` runs as soon as Zendesk has said who is signed in, before the first render. */
export function mountLocation(
  render: (session: ZafSession) => ReactNode,
  onSession?: (session: ZafSession) => void,
): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Location render={render} {...(onSession ? { onSession } : {})} />
    </StrictMode>,
  );
}
