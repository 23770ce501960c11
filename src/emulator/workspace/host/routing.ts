import { parseWorkspacePath, workspacePath, type WorkspaceRoute } from '../workspace-config';
import { createInstance, updateActivation, type HostInstance } from './app-frames';
import { config } from './config';
import { appView, listView, navApp, navTickets, ticketViews, toast } from './layout';
import { state } from './session';
import { openTab, removeTab, tabs, type TicketTab } from './ticket-tabs';

/** Which view is shown (ticket list, a ticket tab, the app's nav-bar page), kept in the address. */

/** The nav-bar app, once it has been opened: it loads the first time, as in Zendesk. */
export const navBarApp: { instance: HostInstance | null } = { instance: null };

export function navigate(route: WorkspaceRoute, push = true): void {
  if (route.view === 'app' && (route.slug !== config.app.slug || !config.app.pages.nav_bar)) {
    toast(`No app at /agent/apps/${route.slug}`, 'error');
    route = { view: 'tickets' };
  }
  const path = `${workspacePath(route)}${location.search}`;
  if (push && `${location.pathname}${location.search}` !== path) history.pushState(null, '', path);
  else if (!push) history.replaceState(null, '', path);
  state.view = route;
  render();
}

function closeTab(tab: TicketTab): void {
  removeTab(tab);
  if (state.view.view === 'ticket' && state.view.id === tab.id) {
    const next = [...tabs.keys()].pop();
    navigate(next === undefined ? { view: 'tickets' } : { view: 'ticket', id: next });
  }
}

function render(): void {
  const route = state.view;
  for (const [item, current] of [
    [navTickets, route.view !== 'app'],
    [navApp, route.view === 'app'],
  ] as const) {
    if (current) item.setAttribute('aria-current', 'page');
    else item.removeAttribute('aria-current');
  }
  listView.hidden = route.view !== 'tickets';
  appView.hidden = route.view !== 'app';
  ticketViews.hidden = route.view !== 'ticket';
  if (route.view === 'ticket') openTab(route.id, closeTab);
  for (const tab of tabs.values()) {
    const active = route.view === 'ticket' && route.id === tab.id;
    tab.root.hidden = !active;
    tab.button.setAttribute('aria-selected', String(active));
  }
  if (route.view === 'app' && !navBarApp.instance) navBarApp.instance = createInstance('nav_bar', null, appView);
  document.title =
    route.view === 'app'
      ? `${config.app.name} – local Zendesk`
      : route.view === 'ticket'
        ? `#${route.id} – local Zendesk`
        : 'Tickets – local Zendesk';
  updateActivation();
}

/** Back and forward, and same-origin links to workspace paths, navigate in place. */
export function listenToNavigation(): void {
  window.addEventListener('popstate', () =>
    navigate(parseWorkspacePath(location.pathname) ?? { view: 'tickets' }, false),
  );
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (
      !(link instanceof HTMLAnchorElement) ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    const url = new URL(link.href);
    const route = url.origin === location.origin ? parseWorkspacePath(url.pathname) : null;
    if (!route) return;
    event.preventDefault();
    navigate(route);
  });
}
