import { append, h, icon, ICONS, replaceChildren } from './host-dom';
import {
  LOCALES,
  parseWorkspacePath,
  workspacePath,
  type WorkspaceConfig,
  type WorkspaceRoute,
  type WorkspaceStaff,
} from './workspace-config';
import {
  eventMessage,
  handleClientMessage,
  parseClientMessage,
  ticketChangeEvents,
  zafTicketFromApi,
  zafUserFromApi,
  type ColorScheme,
  type FetchLike,
  type ZafHostActions,
  type ZafHostState,
  type ZafInstance,
  type ZafLocation,
  type ZafPerson,
  type ZafTicket,
} from './zaf-host';

/**
 * The local Zendesk's agent workspace: a top bar (who is signed in, locale, light or dark), a left
 * nav (tickets, the app's nav-bar entry), ticket tabs with the app in their sidebar, and the app's
 * nav-bar page. The app runs in iframes from another origin and talks to this page through the
 * real ZAF SDK; zaf-host.ts answers it.
 */

type Json = Record<string, unknown>;

const config = JSON.parse(document.getElementById('workspace-config')!.textContent!) as WorkspaceConfig;
/** api-server.ts's SESSION_COOKIE, spelled out: that module is Node's and stays out of this bundle. */
const SESSION_COOKIE = 'zd_emulator_user';
const STORAGE = { locale: 'zd-emulator.locale', scheme: 'zd-emulator.color-scheme', settings: 'zd-emulator.settings' };
const PAGE_SIZE = 25;

// ---------------------------------------------------------------- preferences

function readCookieUser(): WorkspaceStaff {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=(\\d+)`).exec(document.cookie);
  return config.staff.find((member) => member.id === Number(match?.[1])) ?? config.staff[0]!;
}

function signInAs(member: WorkspaceStaff): void {
  // The emulator's API reads this cookie as the session; the host page's own requests send it.
  document.cookie = `${SESSION_COOKIE}=${member.id}; path=/; SameSite=Lax`;
}

function storedSettingsOverride(): Json | null {
  // ?settings= on the page wins, so a link can carry a configuration; else the settings panel's.
  const fromQuery = new URLSearchParams(location.search).get('settings');
  for (const raw of [fromQuery, localStorage.getItem(STORAGE.settings)]) {
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      toast(`Ignored settings that are not a JSON object: ${raw}`, 'error');
    }
  }
  return null;
}

const state = {
  user: readCookieUser(),
  locale: LOCALES.find((locale) => locale.code === localStorage.getItem(STORAGE.locale))?.code ?? 'en-US',
  scheme: (localStorage.getItem(STORAGE.scheme) ??
    (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) as ColorScheme,
  settings: { ...config.app.settings } as Json,
  view: { view: 'tickets' } as WorkspaceRoute,
};

// ---------------------------------------------------------------- API access (as the signed-in user)

async function api(path: string): Promise<Json> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as Json;
  if (!response.ok)
    throw new Error(`${response.status} ${String(body['description'] ?? body['error'] ?? response.statusText)}`);
  return body;
}

/** A link the API returned, as a path on this origin. */
const samePath = (link: string) => {
  const url = new URL(link, location.origin);
  return `${url.pathname}${url.search}`;
};

const people = new Map<number, ZafPerson>();
const groups = new Map<number, string>();

async function loadPeople(ids: Iterable<unknown>): Promise<void> {
  const missing = [...new Set([...ids].filter((id): id is number => typeof id === 'number' && !people.has(id)))];
  for (let i = 0; i < missing.length; i += 100) {
    const body = await api(`/api/v2/users/show_many.json?ids=${missing.slice(i, i + 100).join(',')}`);
    for (const user of (body['users'] as Json[]) ?? [])
      people.set(Number(user['id']), {
        id: Number(user['id']),
        name: String(user['name']),
        email: String(user['email']),
      });
  }
}

async function loadGroups(): Promise<void> {
  let path: string | null = '/api/v2/groups.json';
  while (path) {
    const body: Json = await api(path);
    for (const group of (body['groups'] as Json[]) ?? []) groups.set(Number(group['id']), String(group['name']));
    path = typeof body['next_page'] === 'string' ? samePath(body['next_page']) : null;
  }
}

const personName = (id: unknown) => (typeof id === 'number' ? (people.get(id)?.name ?? `User ${id}`) : '—');
const groupName = (id: unknown) => (typeof id === 'number' ? (groups.get(id) ?? `Group ${id}`) : '—');

function formatTime(iso: unknown): string {
  if (typeof iso !== 'string') return '—';
  const timeZone = String(state.user.user['iana_time_zone'] ?? 'UTC');
  return new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

// ---------------------------------------------------------------- app instances

interface HostInstance extends ZafInstance {
  iframe: HTMLIFrameElement;
  registered: boolean;
  visible: boolean;
  activatedOnce: boolean;
}

const instances = new Map<string, HostInstance>();

function frameSrc(where: ZafLocation, guid: string): string {
  const page = where === 'ticket_sidebar' ? config.app.pages.ticket_sidebar : config.app.pages.nav_bar;
  // The SDK reads exactly these two parameters; origin must equal this page's origin.
  return `${config.appOrigin}/${page}?origin=${encodeURIComponent(location.origin)}&app_guid=${guid}`;
}

function createInstance(where: ZafLocation, ticketId: number | null, container: HTMLElement): HostInstance {
  const guid = crypto.randomUUID();
  const iframe = h('iframe', {
    class: `app-frame app-frame--${where}`,
    title: config.app.name,
    src: frameSrc(where, guid),
    'data-app-guid': guid,
    'data-location': where,
    // As in Zendesk: scripts and same-origin storage, forms, popups and downloads (CSV exports).
    sandbox:
      'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals',
  });
  const instance: HostInstance = {
    guid,
    location: where,
    ticketId,
    iframe,
    registered: false,
    visible: isVisible(where, ticketId),
    activatedOnce: false,
  };
  instances.set(guid, instance);
  container.appendChild(iframe);
  return instance;
}

function destroyInstance(instance: HostInstance): void {
  if (instance.registered) post(instance, eventMessage('app.willDestroy'));
  instances.delete(instance.guid);
  instance.iframe.remove();
}

/** A fresh iframe with a new guid in the same place, as Zendesk's "reload all apps" does. */
function reloadInstance(instance: HostInstance): HostInstance {
  const container = instance.iframe.parentElement!;
  destroyInstance(instance);
  return createInstance(instance.location, instance.ticketId, container);
}

function post(instance: HostInstance, message: Json): void {
  instance.iframe.contentWindow?.postMessage(JSON.stringify(message), config.appOrigin);
}

function broadcast(message: Json, filter: (instance: HostInstance) => boolean = () => true): void {
  for (const instance of instances.values()) if (instance.registered && filter(instance)) post(instance, message);
}

function isVisible(where: ZafLocation, ticketId: number | null): boolean {
  return where === 'nav_bar' ? state.view.view === 'app' : state.view.view === 'ticket' && state.view.id === ticketId;
}

function activate(instance: HostInstance): void {
  const firstLoad = !instance.activatedOnce;
  instance.activatedOnce = true;
  post(instance, eventMessage('app.activated', { firstLoad }));
  post(instance, eventMessage('pane.activated', { firstLoad }));
}

/** After a view change: apps that came into view are activated, those that left are deactivated. */
function updateActivation(): void {
  for (const instance of instances.values()) {
    const visible = isVisible(instance.location, instance.ticketId);
    if (visible === instance.visible) continue;
    instance.visible = visible;
    if (!instance.registered) continue; // activated once registered
    if (visible) activate(instance);
    else {
      post(instance, eventMessage('app.deactivated'));
      post(instance, eventMessage('pane.deactivated'));
    }
  }
}

function hostState(): ZafHostState {
  return {
    metadata: {
      appId: 1,
      installationId: 1001,
      name: config.app.name,
      version: config.app.version,
      settings: state.settings,
      plan: { name: 'emulator' },
    },
    subdomain: config.subdomain,
    currentUser: zafUserFromApi(state.user.user, {
      locale: state.locale,
      groups: state.user.groups,
      customRoleId: state.user.customRole?.id ?? null,
    }),
    colorScheme: state.scheme,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    instances: [...instances.values()].map(({ guid, location: where, ticketId }) => ({
      guid,
      location: where,
      ticketId,
    })),
    ticket: (id) => tabs.get(id)?.zafTicket ?? null,
  };
}

const actions: ZafHostActions = {
  resize(target, size) {
    const instance = instances.get(target.guid);
    // The sidebar's width is the apps tray's (a "flexible" app); the nav-bar page fills the view.
    if (instance?.location === 'ticket_sidebar' && size.height) instance.iframe.style.height = size.height;
  },
  routeTo(target, id) {
    if (target === 'ticket') {
      if (id === null || !/^\d+$/.test(id)) return 'routeTo "ticket" needs a ticket id';
      navigate({ view: 'ticket', id: Number(id) });
      return null;
    }
    if (target === 'nav_bar') {
      const ours = [config.app.slug, config.app.name, '1', '1001'];
      if (id !== null && !ours.includes(id)) return `no nav-bar app "${id}" is installed in the local Zendesk`;
      navigate({ view: 'app', slug: config.app.slug });
      return null;
    }
    if (target === 'views' || target === 'tickets') {
      navigate({ view: 'tickets' });
      return null;
    }
    return `routeTo "${target}" is not available in the local Zendesk (it has tickets and this app's nav-bar page)`;
  },
  notify(message, kind, durationMs) {
    toast(message, kind, durationMs);
  },
};

const fetchForApps: FetchLike = (url, init) => fetch(url, init);

window.addEventListener('message', (event) => {
  // Only our iframes, and only while they show the app's origin (not a page it navigated to).
  if (event.origin !== config.appOrigin) return;
  const instance = [...instances.values()].find((candidate) => candidate.iframe.contentWindow === event.source);
  if (!instance) return;
  const message = parseClientMessage(event.data);
  if (!message) return;
  void handleClientMessage(message, instance, hostState(), actions, fetchForApps, location.origin).then((handled) => {
    if (!instances.has(instance.guid)) return; // reloaded or closed meanwhile
    for (const out of handled.outgoing) {
      const to = instances.get(out.to);
      if (to) post(to, out.message);
    }
    if (handled.registered && !instance.registered) {
      instance.registered = true;
      if (instance.visible) activate(instance);
    }
  });
});

// ---------------------------------------------------------------- layout

const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });

function toast(message: string, kind = 'notice', durationMs: number | null = null): void {
  const close = h('button', { class: 'icon-button', type: 'button', 'aria-label': 'Dismiss' }, icon(ICONS.close));
  const item = h(
    'div',
    { class: `toast toast--${['notice', 'alert', 'error', 'success'].includes(kind) ? kind : 'notice'}` },
    h('span', { dir: 'auto' }, message),
    close,
  );
  close.addEventListener('click', () => item.remove());
  toasts.appendChild(item);
  const wait = durationMs ?? 5000;
  if (Number.isFinite(wait)) setTimeout(() => item.remove(), wait);
}

const userSelect = h('select', { id: 'user-switcher', 'aria-label': 'Signed in as' });
{
  const option = (member: WorkspaceStaff) =>
    h('option', { value: String(member.id) }, `${member.name} (${member.label})`);
  append(userSelect, config.staff.slice(0, 3).map(option));
  if (config.staff.length > 3)
    userSelect.appendChild(h('optgroup', { label: 'Everyone else' }, ...config.staff.slice(3).map(option)));
  userSelect.value = String(state.user.id);
}

const localeSelect = h(
  'select',
  { id: 'locale-switcher', 'aria-label': 'Language' },
  ...LOCALES.map((locale) => h('option', { value: locale.code, lang: locale.code }, locale.name)),
);
localeSelect.value = state.locale;

const schemeButton = h('button', { id: 'color-scheme-switcher', class: 'icon-button', type: 'button' });
const settingsButton = h(
  'button',
  { id: 'settings-button', class: 'icon-button', type: 'button', 'aria-label': 'App settings', title: 'App settings' },
  icon(ICONS.settings),
);

const topbar = h(
  'header',
  { class: 'topbar' },
  h('div', { class: 'brand' }, h('strong', {}, config.subdomain), h('span', { class: 'muted' }, ' · local Zendesk')),
  h(
    'div',
    { class: 'topbar-tools' },
    h('label', { class: 'field' }, h('span', { class: 'muted' }, 'Signed in as'), userSelect),
    localeSelect,
    schemeButton,
    settingsButton,
  ),
);

const navTickets = h(
  'a',
  { class: 'nav-item', href: '/agent/', 'data-nav': 'tickets' },
  icon(ICONS.tickets),
  h('span', {}, 'Tickets'),
);
const navIcon = config.app.navIcon
  ? h('img', { src: config.app.navIcon, alt: '', width: '22', height: '22' })
  : icon(ICONS.chart);
const navApp = h(
  'a',
  { class: 'nav-item', href: workspacePath({ view: 'app', slug: config.app.slug }), 'data-nav': 'app' },
  navIcon,
  h('span', {}, config.app.name),
);
const nav = h('nav', { class: 'leftnav', 'aria-label': 'Workspace' }, navTickets, navApp);

const tabStrip = h('div', { class: 'tabstrip', role: 'tablist', 'aria-label': 'Open tickets' });
const listView = h('section', { class: 'view list-view', 'aria-label': 'Tickets' });
const ticketViews = h('div', { class: 'ticket-views' });
const appView = h('section', { class: 'view app-view', 'aria-label': config.app.name });
const main = h('main', { class: 'main' }, tabStrip, listView, ticketViews, appView);

const settingsText = h('textarea', {
  id: 'settings-json',
  rows: '10',
  spellcheck: 'false',
  'aria-label': 'Settings as JSON',
});
const settingsError = h('p', { class: 'error-text', role: 'alert' });
const settingsDialog = h(
  'dialog',
  { class: 'settings-dialog', 'aria-label': 'App settings' },
  h('h2', {}, `${config.app.name} settings`),
  h('p', { class: 'muted' }, 'The installation settings apps read from metadata. Applying reloads the app.'),
  settingsText,
  settingsError,
  h(
    'div',
    { class: 'dialog-buttons' },
    h('button', { type: 'button', class: 'button', onclick: () => applySettings(null) }, 'Reset to defaults'),
    h('button', { type: 'button', class: 'button', onclick: () => settingsDialog.close() }, 'Cancel'),
    h(
      'button',
      { type: 'button', class: 'button button--primary', onclick: () => applySettings(settingsText.value) },
      'Apply',
    ),
  ),
);

document.body.replaceChildren(topbar, nav, main, toasts, settingsDialog);

// ---------------------------------------------------------------- switchers

function applyLocale(): void {
  const locale = LOCALES.find((candidate) => candidate.code === state.locale)!;
  document.documentElement.lang = locale.code;
  document.documentElement.dir = locale.dir;
}

function applyScheme(): void {
  document.documentElement.dataset['colorScheme'] = state.scheme;
  const next = state.scheme === 'dark' ? 'light' : 'dark';
  replaceChildren(schemeButton, icon(state.scheme === 'dark' ? ICONS.sun : ICONS.moon));
  schemeButton.setAttribute('aria-label', `Switch to ${next} mode`);
  schemeButton.title = `Switch to ${next} mode`;
  schemeButton.setAttribute('aria-pressed', String(state.scheme === 'dark'));
}

function reloadApps(): void {
  for (const instance of [...instances.values()]) {
    const fresh = reloadInstance(instance);
    for (const tab of tabs.values()) if (tab.sidebar === instance) tab.sidebar = fresh;
    if (report === instance) report = fresh;
  }
}

userSelect.addEventListener('change', () => {
  state.user = config.staff.find((member) => member.id === Number(userSelect.value)) ?? state.user;
  signInAs(state.user);
  // What the API shows can depend on who asks; the app starts again as the new user.
  reloadApps();
  void renderList();
  for (const tab of tabs.values()) void loadTicket(tab, 'never');
});

localeSelect.addEventListener('change', () => {
  state.locale = localeSelect.value as typeof state.locale;
  localStorage.setItem(STORAGE.locale, state.locale);
  applyLocale();
  // Zendesk reloads on a language change; apps read currentUser.locale when they start.
  reloadApps();
  void renderList();
  for (const tab of tabs.values()) renderTicket(tab);
});

schemeButton.addEventListener('click', () => {
  state.scheme = state.scheme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(STORAGE.scheme, state.scheme);
  applyScheme();
  broadcast(eventMessage('colorScheme.changed', state.scheme));
});

settingsButton.addEventListener('click', () => {
  settingsText.value = JSON.stringify(state.settings, null, 2);
  settingsError.textContent = '';
  settingsDialog.showModal();
});

function applySettings(raw: string | null): void {
  let next: Json = { ...config.app.settings };
  if (raw !== null) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('Settings must be a JSON object');
      next = { ...next, ...(parsed as Json) };
    } catch (error) {
      settingsError.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    localStorage.setItem(STORAGE.settings, JSON.stringify(next));
  } else {
    localStorage.removeItem(STORAGE.settings);
  }
  // The panel now decides: drop ?settings= from the address so a reload keeps what was applied.
  const url = new URL(location.href);
  url.searchParams.delete('settings');
  history.replaceState(history.state, '', url);
  state.settings = next;
  settingsDialog.close();
  reloadApps();
}

// ---------------------------------------------------------------- routing

function navigate(route: WorkspaceRoute, push = true): void {
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

window.addEventListener('popstate', () =>
  navigate(parseWorkspacePath(location.pathname) ?? { view: 'tickets' }, false),
);

/** Same-origin links to workspace paths navigate in place. */
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

let report: HostInstance | null = null;

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
  if (route.view === 'ticket') openTab(route.id);
  for (const tab of tabs.values()) {
    const active = route.view === 'ticket' && route.id === tab.id;
    tab.root.hidden = !active;
    tab.button.setAttribute('aria-selected', String(active));
  }
  // The nav-bar app loads the first time it is opened, as in Zendesk.
  if (route.view === 'app' && !report) report = createInstance('nav_bar', null, appView);
  document.title =
    route.view === 'app'
      ? `${config.app.name} – local Zendesk`
      : route.view === 'ticket'
        ? `#${route.id} – local Zendesk`
        : 'Tickets – local Zendesk';
  updateActivation();
}

// ---------------------------------------------------------------- ticket list

let listPath = `/api/v2/tickets.json?page[size]=${PAGE_SIZE}&sort=-id`;

const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  hold: 'On-hold',
  solved: 'Solved',
  closed: 'Closed',
};
const statusPill = (status: unknown) =>
  h('span', { class: `status status--${String(status)}` }, STATUS_LABEL[String(status)] ?? String(status));

async function renderList(path = listPath): Promise<void> {
  const previousPath = listPath;
  listPath = path;
  const refresh = h(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Refresh',
      title: 'Refresh',
      onclick: () => void renderList(),
    },
    icon(ICONS.refresh),
  );
  const heading = h('header', { class: 'view-header' }, h('h1', {}, 'Recent tickets'), refresh);
  try {
    const body = await api(path);
    const tickets = (body['tickets'] as Json[]) ?? [];
    await loadPeople(tickets.flatMap((ticket) => [ticket['requester_id'], ticket['assignee_id']]));
    const links = (body['links'] ?? {}) as { next?: string | null; prev?: string | null };
    const rows = tickets.map((ticket) =>
      h(
        'tr',
        {},
        h('td', { class: 'num' }, `#${String(ticket['id'])}`),
        h(
          'td',
          {},
          h(
            'a',
            { href: `/agent/tickets/${String(ticket['id'])}`, class: 'ticket-link', dir: 'auto' },
            String(ticket['subject'] ?? ''),
          ),
        ),
        h('td', {}, statusPill(ticket['status'])),
        h('td', {}, personName(ticket['requester_id'])),
        h('td', {}, personName(ticket['assignee_id'])),
        h('td', {}, groupName(ticket['group_id'])),
        h('td', {}, formatTime(ticket['updated_at'])),
      ),
    );
    const pager = h(
      'div',
      { class: 'pager' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          disabled: !links.prev,
          onclick: () => links.prev && void renderList(samePath(links.prev)),
        },
        'Newer',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          disabled: !links.next,
          onclick: () => links.next && void renderList(samePath(links.next)),
        },
        'Older',
      ),
    );
    const table = h(
      'table',
      { class: 'ticket-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['ID', 'Subject', 'Status', 'Requester', 'Assignee', 'Group', 'Updated'].map((label) =>
            h('th', { scope: 'col' }, label),
          ),
        ),
      ),
      h('tbody', {}, ...rows),
    );
    replaceChildren(listView, heading, tickets.length ? table : h('p', { class: 'muted' }, 'No tickets yet.'), pager);
    if (path !== previousPath) listView.scrollTop = 0;
  } catch (error) {
    replaceChildren(
      listView,
      heading,
      h(
        'p',
        { class: 'error-text' },
        `Could not load tickets: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
}

// ---------------------------------------------------------------- ticket tabs

interface TicketTab {
  id: number;
  button: HTMLElement;
  root: HTMLElement;
  body: HTMLElement;
  tray: HTMLElement;
  ticket: Json | null;
  zafTicket: ZafTicket | null;
  audits: Json[];
  sidebar: HostInstance | null;
  loading: boolean;
}

const tabs = new Map<number, TicketTab>();

function openTab(id: number): TicketTab {
  const existing = tabs.get(id);
  if (existing) return existing;
  const label = h('a', { class: 'tab-label', href: `/agent/tickets/${id}`, dir: 'auto' }, `#${id}`);
  const close = h(
    'button',
    { type: 'button', class: 'icon-button tab-close', 'aria-label': `Close ticket #${id}` },
    icon(ICONS.close),
  );
  const button = h('div', { class: 'tab', role: 'tab', 'data-ticket-id': String(id) }, label, close);
  const body = h('div', { class: 'ticket-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const tray = h('div', { class: 'app-slot' });
  const root = h(
    'section',
    { class: 'view ticket-view', 'data-ticket-id': String(id), 'aria-label': `Ticket #${id}` },
    body,
    h(
      'aside',
      { class: 'apps-tray', 'aria-label': 'Apps' },
      h('header', { class: 'apps-tray-header' }, h('span', {}, 'Apps')),
      h('div', { class: 'app-card' }, h('div', { class: 'app-card-title' }, config.app.name), tray),
    ),
  );
  const tab: TicketTab = {
    id,
    button,
    root,
    body,
    tray,
    ticket: null,
    zafTicket: null,
    audits: [],
    sidebar: null,
    loading: false,
  };
  tabs.set(id, tab);
  close.addEventListener('click', () => closeTab(tab));
  tabStrip.appendChild(button);
  ticketViews.appendChild(root);
  void loadTicket(tab, 'never');
  return tab;
}

function closeTab(tab: TicketTab): void {
  if (tab.sidebar) destroyInstance(tab.sidebar);
  tab.button.remove();
  tab.root.remove();
  tabs.delete(tab.id);
  if (state.view.view === 'ticket' && state.view.id === tab.id) {
    const next = [...tabs.keys()].pop();
    navigate(next === undefined ? { view: 'tickets' } : { view: 'ticket', id: next });
  }
}

async function loadAudits(id: number): Promise<Json[]> {
  const audits: Json[] = [];
  let path: string | null = `/api/v2/tickets/${id}/audits.json`;
  for (let page = 0; path && page < 10; page++) {
    const body: Json = await api(path);
    audits.push(...((body['audits'] as Json[]) ?? []));
    path = typeof body['next_page'] === 'string' ? samePath(body['next_page']) : null;
  }
  return audits;
}

/**
 * (Re)loads a ticket tab. `emit` says when its sidebar apps hear about it: 'always' for the refresh
 * button, 'if-changed' for the background poll, 'never' for the first load.
 */
async function loadTicket(tab: TicketTab, emit: 'always' | 'if-changed' | 'never'): Promise<void> {
  if (tab.loading) return;
  tab.loading = true;
  try {
    const [body, audits] = await Promise.all([api(`/api/v2/tickets/${tab.id}.json`), loadAudits(tab.id)]);
    const ticket = body['ticket'] as Json;
    await loadPeople([ticket['requester_id'], ticket['assignee_id'], ...audits.map((audit) => audit['author_id'])]);
    const before = tab.zafTicket;
    tab.ticket = ticket;
    tab.audits = audits;
    tab.zafTicket = zafTicketFromApi(ticket, people, groups);
    renderTicket(tab);
    // The app loads once the ticket is there, so its first get('ticket') has an answer.
    if (!tab.sidebar && config.app.pages.ticket_sidebar)
      tab.sidebar = createInstance('ticket_sidebar', tab.id, tab.tray);
    const changed = before !== null && before.updatedAt !== tab.zafTicket.updatedAt;
    if (tab.sidebar && before && (emit === 'always' || (emit === 'if-changed' && changed))) {
      const sidebar = tab.sidebar;
      const lastAuthor = audits.at(-1)?.['author_id'];
      const updater = typeof lastAuthor === 'number' ? (people.get(lastAuthor) ?? null) : null;
      for (const message of ticketChangeEvents(before, tab.zafTicket))
        broadcast(message, (instance) => instance === sidebar);
      // ticket.updated's data is the user who made the update.
      broadcast(eventMessage('ticket.updated', updater), (instance) => instance === sidebar);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    replaceChildren(tab.body, h('p', { class: 'error-text' }, `Could not load ticket #${tab.id}: ${message}`));
  } finally {
    tab.loading = false;
  }
}

function renderTicket(tab: TicketTab): void {
  const ticket = tab.ticket;
  if (!ticket) return;
  const subject = String(ticket['subject'] ?? '');
  const label = tab.button.querySelector('.tab-label')!;
  label.textContent = `#${tab.id} ${subject}`;
  label.setAttribute('title', subject);
  const refresh = h(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Refresh ticket',
      title: 'Refresh ticket',
      onclick: () => void loadTicket(tab, 'always'),
    },
    icon(ICONS.refresh),
  );
  const field = (name: string, value: Node | string) => [h('dt', {}, name), h('dd', {}, value)];
  const tags = (ticket['tags'] as string[] | undefined) ?? [];
  const properties = h(
    'dl',
    { class: 'ticket-properties' },
    ...field('Requester', personName(ticket['requester_id'])),
    ...field('Assignee', personName(ticket['assignee_id'])),
    ...field('Group', groupName(ticket['group_id'])),
    ...field('Status', statusPill(ticket['status'])),
    ...field('Priority', String(ticket['priority'] ?? '—')),
    ...field('Type', String(ticket['type'] ?? '—')),
    ...field('Channel', String((ticket['via'] as Json | undefined)?.['channel'] ?? '—')),
    ...field(
      'Tags',
      tags.length ? h('span', { class: 'tags' }, ...tags.map((tag) => h('span', { class: 'tag' }, tag))) : '—',
    ),
    ...field('Created', formatTime(ticket['created_at'])),
    ...field('Updated', formatTime(ticket['updated_at'])),
  );
  const comments = tab.audits.flatMap((audit) =>
    ((audit['events'] as Json[] | undefined) ?? [])
      .filter((event) => event['type'] === 'Comment')
      .map((event) =>
        h(
          'li',
          { class: `comment${event['public'] === false ? ' comment--internal' : ''}` },
          h(
            'div',
            { class: 'comment-meta' },
            h('strong', {}, personName(event['author_id'] ?? audit['author_id'])),
            event['public'] === false ? h('span', { class: 'badge' }, 'Internal note') : null,
            h('time', { datetime: String(audit['created_at']) }, formatTime(audit['created_at'])),
          ),
          // Comment text is the customer's: rendered as text, never as markup.
          h('div', { class: 'comment-body', dir: 'auto' }, String(event['plain_body'] ?? event['body'] ?? '')),
        ),
      ),
  );
  replaceChildren(
    tab.body,
    h('aside', { class: 'ticket-side', 'aria-label': 'Ticket properties' }, properties),
    h(
      'div',
      { class: 'ticket-main' },
      h(
        'header',
        { class: 'view-header' },
        h('h1', { class: 'ticket-subject', dir: 'auto' }, subject),
        statusPill(ticket['status']),
        h('span', { class: 'muted' }, `#${tab.id}`),
        refresh,
      ),
      comments.length ? h('ol', { class: 'conversation' }, ...comments) : h('p', { class: 'muted' }, 'No comments.'),
    ),
  );
}

/** Tickets change as the emulator's Zendesk clock runs: re-read open ones and tell their apps. */
async function pollTickets(): Promise<void> {
  for (const tab of [...tabs.values()]) {
    if (!tab.zafTicket || tab.loading) continue;
    try {
      const body = await api(`/api/v2/tickets/${tab.id}.json`);
      if ((body['ticket'] as Json)['updated_at'] !== tab.zafTicket.updatedAt) await loadTicket(tab, 'if-changed');
    } catch {
      // The next poll tries again; the tab keeps what it showed.
    }
  }
}

// ---------------------------------------------------------------- start

// ZAF debounces window events; apps should not count on every intermediate size.
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(
    () => broadcast(eventMessage('window.resize', { width: window.innerWidth, height: window.innerHeight })),
    100,
  );
});

async function start(): Promise<void> {
  signInAs(state.user);
  state.settings = { ...config.app.settings, ...(storedSettingsOverride() ?? {}) };
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
