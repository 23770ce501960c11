import { parseWorkspacePath } from './workspace-config';
import { loadGroups } from './host/account-api';
import { broadcast } from './host/app-frames';
import { config } from './host/config';
import { eventMessage } from './zaf-host';
import { mountLayout, toast } from './host/layout';
import { listenToNavigation, navigate } from './host/routing';
import { signInAs, state, storedSettingsOverride } from './host/session';
import { applyLocale, applyScheme, listenToSwitchers } from './host/switchers';
import { renderList } from './host/ticket-list';
import { pollTickets } from './host/ticket-tabs';
import { listenToApps } from './host/zaf-bridge';

/**
 * The local Zendesk's agent workspace: a top bar (who is signed in, locale, light or dark), a left
 * nav (tickets, the app's nav-bar entry), ticket tabs with the app in their sidebar, and the app's
 * nav-bar page. The app runs in iframes from another origin and talks to this page through the
 * real ZAF SDK; zaf-host.ts answers it. Each part is a module of host/; this one starts them.
 */

function listenToResize(): void {
  // ZAF debounces window events; apps should not count on every intermediate size.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(
      () => broadcast(eventMessage('window.resize', { width: window.innerWidth, height: window.innerHeight })),
      100,
    );
  });
}

async function start(): Promise<void> {
  mountLayout();
  listenToApps();
  listenToNavigation();
  listenToSwitchers();
  listenToResize();
  signInAs(state.user);
  state.settings = { ...config.app.settings, ...(storedSettingsOverride((message) => toast(message, 'error')) ?? {}) };
  applyLocale();
  applyScheme();
  await loadGroups().catch((error: unknown) =>
    toast(`Could not load groups: ${error instanceof Error ? error.message : String(error)}`, 'error'),
  );
  navigate(parseWorkspacePath(location.pathname) ?? { view: 'tickets' }, false);
  void renderList();
  setInterval(() => void pollTickets(), config.pollSeconds * 1000);
}

void start();
