import type { TicketRestriction } from '../ticket-restriction';

/**
 * What the server tells the host page about the account and the app, embedded in the page as JSON
 * (shared by workspace-routes.ts, which writes it, and host.ts, which reads it).
 */

export interface WorkspaceStaff {
  id: number;
  name: string;
  email: string;
  role: 'admin' | 'agent';
  customRole: { id: number; name: string } | null;
  /** How the user switcher labels them: "Manager", "Team lead", "Agent", or their role. */
  label: string;
  groups: { id: number; name: string }[];
  /** Zendesk's ticket_restriction: which tickets they may read; null for every ticket their role allows. */
  restriction: TicketRestriction | null;
  /** The user as the API renders it (time zone, locale, …). */
  user: Record<string, unknown>;
}

export interface WorkspaceConfig {
  /** Where the app's files are served: a different origin from the host page, as in Zendesk. */
  appOrigin: string;
  subdomain: string;
  app: {
    name: string;
    /** The nav-bar entry's path segment: /agent/apps/<slug>. */
    slug: string;
    version: string;
    /** The manifest parameters' defaults, and the app's title, as Zendesk's installation settings. */
    settings: Record<string, unknown>;
    /** Page of each location, relative to appOrigin; null when the manifest has no such location. */
    pages: { ticket_sidebar: string | null; nav_bar: string | null };
    /** The nav-bar icon's URL, when the app ships one. */
    navIcon: string | null;
  };
  /** The user switcher's entries: the manager, the team lead and an agent first, then everyone else. */
  staff: WorkspaceStaff[];
  /** How often open tickets are re-read to notice changes, in seconds of real time. */
  pollSeconds: number;
}

export const LOCALES = [
  { code: 'en-US', name: 'English', dir: 'ltr' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'sw', name: 'Kiswahili', dir: 'ltr' },
  { code: 'ms', name: 'Bahasa Melayu', dir: 'ltr' },
  // The app's pseudo-locale: every string stretched and bracketed, to spot cut-off and untranslated text.
  { code: 'en-x-pseudo', name: 'Pseudo (testing)', dir: 'ltr' },
] as const;

export function appSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'app'
  );
}

/** Where a path under /agent/ leads; null for paths the workspace does not have. */
export type WorkspaceRoute = { view: 'tickets' } | { view: 'ticket'; id: number } | { view: 'app'; slug: string };

export function parseWorkspacePath(pathname: string): WorkspaceRoute | null {
  if (
    pathname === '/agent' ||
    pathname === '/agent/' ||
    pathname === '/agent/tickets' ||
    pathname === '/agent/tickets/'
  )
    return { view: 'tickets' };
  const ticket = /^\/agent\/tickets\/(\d{1,15})\/?$/.exec(pathname);
  if (ticket) return { view: 'ticket', id: Number(ticket[1]) };
  const app = /^\/agent\/apps\/([a-z0-9-]{1,100})\/?$/.exec(pathname);
  if (app) return { view: 'app', slug: app[1]! };
  return null;
}

export function workspacePath(route: WorkspaceRoute): string {
  switch (route.view) {
    case 'tickets':
      return '/agent/';
    case 'ticket':
      return `/agent/tickets/${route.id}`;
    case 'app':
      return `/agent/apps/${route.slug}`;
  }
}
