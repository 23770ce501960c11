import type { WorkspaceConfig } from '../workspace-config';

/** What the server embedded in the page (workspace-routes.ts writes it), and the page's own constants. */

export type Json = Record<string, unknown>;

export const config = JSON.parse(document.getElementById('workspace-config')!.textContent!) as WorkspaceConfig;
/** api-server.ts's SESSION_COOKIE, spelled out: that module is Node's and stays out of this bundle. */
export const SESSION_COOKIE = 'zd_emulator_user';
export const STORAGE = {
  locale: 'zd-emulator.locale',
  scheme: 'zd-emulator.color-scheme',
  settings: 'zd-emulator.settings',
};
export const PAGE_SIZE = 25;
