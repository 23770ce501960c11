import { LOCALES, type WorkspaceRoute, type WorkspaceStaff } from '../workspace-config';
import type { ColorScheme } from '../zaf-host';
import { config, SESSION_COOKIE, STORAGE, type Json } from './config';

/** Who is signed in, in which language and scheme, with which settings, looking at what. */

function readCookieUser(): WorkspaceStaff {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=(\\d+)`).exec(document.cookie);
  return config.staff.find((member) => member.id === Number(match?.[1])) ?? config.staff[0]!;
}

export function signInAs(member: WorkspaceStaff): void {
  // The emulator's API reads this cookie as the session; the host page's own requests send it.
  document.cookie = `${SESSION_COOKIE}=${member.id}; path=/; SameSite=Lax`;
}

/** Settings from ?settings= (which wins, so a link can carry a configuration), else the settings panel's. */
export function storedSettingsOverride(warn: (message: string) => void): Json | null {
  const fromQuery = new URLSearchParams(location.search).get('settings');
  for (const raw of [fromQuery, localStorage.getItem(STORAGE.settings)]) {
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      warn(`Ignored settings that are not a JSON object: ${raw}`);
    }
  }
  return null;
}

export const state = {
  user: readCookieUser(),
  locale: LOCALES.find((locale) => locale.code === localStorage.getItem(STORAGE.locale))?.code ?? 'en-US',
  scheme: (localStorage.getItem(STORAGE.scheme) ??
    (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) as ColorScheme,
  settings: { ...config.app.settings } as Json,
  view: { view: 'tickets' } as WorkspaceRoute,
};
