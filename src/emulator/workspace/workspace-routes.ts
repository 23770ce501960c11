import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { AccountData, StaffRecord } from '../account-data';
import { SimulatedAccountData } from '../simulated-account-data';
import { parseTicketRestriction, type TicketRestriction } from '../ticket-restriction';
import { appSlug, parseWorkspacePath, type WorkspaceConfig, type WorkspaceStaff } from './workspace-config';

/**
 * The agent workspace of the local Zendesk: the host page at /agent/ on the emulator's origin, and
 * a second server for the app's own files on another origin (http://127.0.0.1:<app port>), because
 * Zendesk serves apps from elsewhere and the SDK's postMessage checks depend on the two differing.
 * The port alone makes it another origin while keeping it the same site, so the app's IndexedDB
 * cache is first-party storage, shared by its frames as in Zendesk, not blocked as third-party.
 */

export interface WorkspaceOptions {
  data: AccountData;
  /** The built app: sidebar.html, report.html and their bundles (Vite's output in assets/). */
  appDir: string;
  /** Port of the app's server on 127.0.0.1; 0 picks a free one. */
  appPort: number;
  /** Default: manifest.json beside appDir, as in the app package. */
  manifestPath?: string;
  pollSeconds?: number;
  log?: (line: string) => void;
}

export interface Workspace {
  appOrigin: string;
  /** For the emulator's `extraRoutes`: answers /agent/… and returns true, or returns false. */
  routes: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
  close(): Promise<void>;
}

const HERE = dirname(fileURLToPath(import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Bundles the host page's script once, at startup (a second or so less than a build step to remember). */
export async function bundleHostScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(HERE, 'host.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

interface Manifest {
  name: string;
  version: string;
  settings: Record<string, unknown>;
  pages: WorkspaceConfig['app']['pages'];
}

async function readManifest(path: string): Promise<Manifest> {
  const fallback: Manifest = {
    name: 'Support KPIs',
    version: '0.0.0',
    settings: {},
    pages: { ticket_sidebar: 'sidebar.html', nav_bar: 'report.html' },
  };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return fallback;
  }
  const name = typeof raw['name'] === 'string' ? raw['name'] : fallback.name;
  const settings: Record<string, unknown> = { title: name };
  for (const parameter of Array.isArray(raw['parameters']) ? raw['parameters'] : []) {
    const { name: key, default: value } = (parameter ?? {}) as { name?: unknown; default?: unknown };
    if (typeof key === 'string') settings[key] = value ?? null;
  }
  const support = ((raw['location'] as Record<string, unknown> | undefined)?.['support'] ?? {}) as Record<
    string,
    { url?: unknown } | undefined
  >;
  // The manifest names pages inside the app package (assets/…); the app server serves assets/ itself.
  const page = (location: string) => {
    const url = support[location]?.url;
    return typeof url === 'string' ? url.replace(/^\.?\/?assets\//, '') : null;
  };
  return {
    name,
    version: typeof raw['version'] === 'string' ? raw['version'] : fallback.version,
    settings,
    pages: { ticket_sidebar: page('ticket_sidebar'), nav_bar: page('nav_bar') },
  };
}

const RESTRICTED_LABELS = {
  groups: 'Agent, own groups only',
  assigned: 'Agent, assigned tickets only',
  requested: 'Agent, requested tickets only',
  organization: 'Agent, own organization only',
} as const;
const restrictedLabel = (restriction: TicketRestriction | null) =>
  restriction === null ? 'Agent' : RESTRICTED_LABELS[restriction];

/** The user switcher's people: the manager, the team lead and an ordinary agent first. */
export function switcherStaff(data: AccountData): WorkspaceStaff[] {
  const staff = data.users().filter((user) => user.role !== 'end-user');
  const groupNames = new Map(data.groups().map((group) => [Number(group['id']), String(group['name'])]));
  const seeded = data instanceof SimulatedAccountData ? data.account : null;
  const groupsOf = (user: StaffRecord) => {
    const ids =
      seeded?.staff.find((member) => member.id === user.id)?.groupIds ??
      (typeof user.json['default_group_id'] === 'number' ? [user.json['default_group_id']] : []);
    return ids.map((id) => ({ id, name: groupNames.get(id) ?? `Group ${id}` }));
  };
  const customRoleName = (id: number) =>
    seeded?.teamLeadRole.id === id ? seeded.teamLeadRole.name : `Custom role ${id}`;
  const manager = staff.find((user) => user.role === 'admin' && user.customRoleId === null);
  const lead = staff.find((user) => user.customRoleId !== null);
  const agent = staff.find((user) => user.role === 'agent' && user.customRoleId === null);
  const first = [manager, lead, agent].filter((user): user is StaffRecord => user !== undefined);
  const rest = staff
    .filter((user) => !first.includes(user))
    .sort((a, b) => String(a.json['name']).localeCompare(String(b.json['name'])));
  return [...first, ...rest].map((user) => ({
    id: user.id,
    name: String(user.json['name'] ?? user.email),
    email: user.email,
    role: user.role === 'admin' ? 'admin' : 'agent',
    customRole: user.customRoleId === null ? null : { id: user.customRoleId, name: customRoleName(user.customRoleId) },
    label:
      user === manager
        ? 'Manager'
        : user === lead
          ? customRoleName(user.customRoleId!)
          : user === agent
            ? 'Agent'
            : user.customRoleId !== null
              ? customRoleName(user.customRoleId)
              : user.role === 'admin'
                ? 'Admin'
                : restrictedLabel(parseTicketRestriction(user.json['ticket_restriction'])),
    groups: groupsOf(user),
    restriction: parseTicketRestriction(user.json['ticket_restriction']),
    user: user.json,
  }));
}

/** JSON inside a <script> element: `<` escaped so no ticket or user text can close the element. */
export const embedJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export async function startWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const appDir = resolve(options.appDir);
  const manifestPath = options.manifestPath ?? join(appDir, '..', 'manifest.json');
  const [script, css, html] = await Promise.all([
    bundleHostScript(),
    readFile(join(HERE, 'host.css'), 'utf8'),
    readFile(join(HERE, 'host.html'), 'utf8'),
  ]);
  const appServer = await startAppServer(appDir, options.appPort);
  const appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  const staff = switcherStaff(options.data);

  const config = async (): Promise<WorkspaceConfig> => {
    // Read on every page load, so a rebuilt app or an edited manifest shows without a restart.
    const manifest = await readManifest(manifestPath);
    return {
      appOrigin,
      subdomain: options.data.subdomain,
      app: {
        name: manifest.name,
        slug: appSlug(manifest.name),
        version: manifest.version,
        settings: { ...manifest.settings, ...options.data.appSettings() },
        pages: manifest.pages,
        navIcon: existsSync(join(appDir, 'icon_nav_bar.svg')) ? `${appOrigin}/icon_nav_bar.svg` : null,
      },
      staff,
      pollSeconds: options.pollSeconds ?? 15,
    };
  };

  const security = {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src 'self' data: ${appOrigin}`,
      `frame-src ${appOrigin}`,
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };

  const routes = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== '/agent' && !url.pathname.startsWith('/agent/')) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('The agent workspace serves pages only');
      return true;
    }
    const send = (type: string, body: string) => {
      response.writeHead(200, { 'content-type': type, ...security });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (url.pathname === '/agent/host.js') send('text/javascript; charset=utf-8', script);
    else if (url.pathname === '/agent/host.css') send('text/css; charset=utf-8', css);
    else if (parseWorkspacePath(url.pathname)) {
      const json = embedJson(await config());
      send(
        'text/html; charset=utf-8',
        html.replace('__WORKSPACE_CONFIG__', () => json),
      );
    } else {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security });
      response.end('No such page in the agent workspace: try /agent/');
    }
    return true;
  };

  return {
    appOrigin,
    routes,
    close: () =>
      new Promise<void>((done) => {
        appServer.closeAllConnections();
        appServer.close(() => done());
      }),
  };
}

/** The app's files, read from disk on each request so a rebuild shows on reload. */
export async function startAppServer(dir: string, port: number): Promise<Server> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    void serveFile(root, request, response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  return server;
}

async function serveFile(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, allow: 'GET, HEAD' });
    response.end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400, headers);
    response.end();
    return;
  }
  const file = resolve(root, `.${pathname}`);
  const inside = file.startsWith(root + sep) && !pathname.includes('\0');
  const found = inside ? await stat(file).catch(() => null) : null;
  if (!found || !found.isFile()) {
    const missingPage = extname(pathname) === '.html';
    response.writeHead(404, {
      ...headers,
      'content-type': missingPage ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
    });
    // A missing page is most often an app not built yet: say so inside the iframe.
    response.end(
      missingPage
        ? `<!doctype html><meta charset="utf-8"><title>Not built</title><body style="font:14px system-ui;padding:12px">The app has no <code>${escapeHtml(pathname.slice(1))}</code> in <code>${escapeHtml(root)}</code>. Build the app, or start the local Zendesk with <code>--app-dir DIR</code>.</body>`
        : 'Not found',
    );
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': found.size,
  });
  if (request.method === 'HEAD') response.end();
  else response.end(await readFile(file));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
