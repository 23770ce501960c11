import ZAFClient from 'zendesk_app_framework_sdk';
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../components/app-context';
import { loadCatalog, resolveLocale } from '../i18n/translator';
import { openZafSession, type ZafSession } from '../zaf/zaf-session';
import './app.css';

const CATALOG_WAIT_MS = 3000;

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
        const loaded = await Promise.race([
          loadCatalog(resolveLocale(opened.user.locale)).then(
            () => true,
            () => false,
          ),
          new Promise<false>((resolve) => setTimeout(() => resolve(false), CATALOG_WAIT_MS)),
        ]);
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
  }, []);
  if (failure) return <p role="alert">{failure}</p>;
  if (!session) return null;
  document.documentElement.dataset['colorScheme'] = session.colorScheme;
  return (
    <AppProviders zendeskLocale={session.user.locale} colorScheme={session.colorScheme}>
      {render(session)}
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
