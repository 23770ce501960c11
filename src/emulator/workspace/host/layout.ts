import { LOCALES, workspacePath, type WorkspaceStaff } from '../workspace-config';
import { config } from './config';
import { append, h, icon, ICONS } from './dom';
import { state } from './session';

/**
 * The page's frame: the top bar (who is signed in, locale, light or dark, settings), the left nav,
 * the views, the settings dialog and the toasts. Built once; the other modules fill it in.
 */

export const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });

export function toast(message: string, kind = 'notice', durationMs: number | null = null): void {
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

export const userSelect = h('select', { id: 'user-switcher', 'aria-label': 'Signed in as' });
{
  const option = (member: WorkspaceStaff) =>
    h('option', { value: String(member.id) }, `${member.name} (${member.label})`);
  const restricted = config.staff.slice(3).filter((member) => member.restriction !== null);
  const others = config.staff.slice(3).filter((member) => member.restriction === null);
  append(userSelect, config.staff.slice(0, 3).map(option));
  if (restricted.length > 0)
    userSelect.appendChild(h('optgroup', { label: 'Restricted agents' }, ...restricted.map(option)));
  if (others.length > 0) userSelect.appendChild(h('optgroup', { label: 'Everyone else' }, ...others.map(option)));
  userSelect.value = String(state.user.id);
}

export const localeSelect = h(
  'select',
  { id: 'locale-switcher', 'aria-label': 'Language' },
  ...LOCALES.map((locale) => h('option', { value: locale.code, lang: locale.code }, locale.name)),
);
localeSelect.value = state.locale;

export const schemeButton = h('button', { id: 'color-scheme-switcher', class: 'icon-button', type: 'button' });
export const settingsButton = h(
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

export const navTickets = h(
  'a',
  { class: 'nav-item', href: '/agent/', 'data-nav': 'tickets' },
  icon(ICONS.tickets),
  h('span', {}, 'Tickets'),
);
const navIcon = config.app.navIcon
  ? h('img', { src: config.app.navIcon, alt: '', width: '22', height: '22' })
  : icon(ICONS.chart);
export const navApp = h(
  'a',
  { class: 'nav-item', href: workspacePath({ view: 'app', slug: config.app.slug }), 'data-nav': 'app' },
  navIcon,
  h('span', {}, config.app.name),
);
const nav = h('nav', { class: 'leftnav', 'aria-label': 'Workspace' }, navTickets, navApp);

export const tabStrip = h('div', { class: 'tabstrip', role: 'tablist', 'aria-label': 'Open tickets' });
export const listView = h('section', { class: 'view list-view', 'aria-label': 'Tickets' });
export const ticketViews = h('div', { class: 'ticket-views' });
export const appView = h('section', { class: 'view app-view', 'aria-label': config.app.name });
const main = h('main', { class: 'main' }, tabStrip, listView, ticketViews, appView);

export const settingsText = h('textarea', {
  id: 'settings-json',
  rows: '10',
  spellcheck: 'false',
  'aria-label': 'Settings as JSON',
});
export const settingsError = h('p', { class: 'error-text', role: 'alert' });
export const settingsReset = h('button', { type: 'button', class: 'button' }, 'Reset to defaults');
export const settingsApply = h('button', { type: 'button', class: 'button button--primary' }, 'Apply');
export const settingsDialog = h(
  'dialog',
  { class: 'settings-dialog', 'aria-label': 'App settings' },
  h('h2', {}, `${config.app.name} settings`),
  h('p', { class: 'muted' }, 'The installation settings apps read from metadata. Applying reloads the app.'),
  settingsText,
  settingsError,
  h(
    'div',
    { class: 'dialog-buttons' },
    settingsReset,
    h('button', { type: 'button', class: 'button', onclick: () => settingsDialog.close() }, 'Cancel'),
    settingsApply,
  ),
);

export function mountLayout(): void {
  document.body.replaceChildren(topbar, nav, main, toasts, settingsDialog);
}
