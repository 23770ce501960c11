import { LOCALES } from '../workspace-config';
import { eventMessage } from '../zaf-host';
import { broadcast, instances, reloadInstance } from './app-frames';
import { config, STORAGE, type Json } from './config';
import { icon, ICONS, replaceChildren } from './dom';
import {
  localeSelect,
  schemeButton,
  settingsApply,
  settingsButton,
  settingsDialog,
  settingsError,
  settingsReset,
  settingsText,
  userSelect,
} from './layout';
import { navBarApp } from './routing';
import { signInAs, state } from './session';
import { renderList } from './ticket-list';
import { loadTicket, renderTicket, tabs } from './ticket-tabs';

/** The top bar's controls: who is signed in, the language, light or dark, and the app's settings. */

export function applyLocale(): void {
  const locale = LOCALES.find((candidate) => candidate.code === state.locale)!;
  document.documentElement.lang = locale.code;
  document.documentElement.dir = locale.dir;
}

export function applyScheme(): void {
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
    if (navBarApp.instance === instance) navBarApp.instance = fresh;
  }
}

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

export function listenToSwitchers(): void {
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
  settingsReset.addEventListener('click', () => applySettings(null));
  settingsApply.addEventListener('click', () => applySettings(settingsText.value));
}
