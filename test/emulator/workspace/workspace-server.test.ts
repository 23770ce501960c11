import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmulatorArgs, startLocalZendesk, type StartedLocalZendesk } from '../../../src/emulator/main';
import type { WorkspaceConfig } from '../../../src/emulator/workspace/workspace-config';
import { parseWorkspacePath, workspacePath } from '../../../src/emulator/workspace/workspace-config';
import { embedJson, switcherStaff } from '../../../src/emulator/workspace/workspace-routes';
import { smallData } from '../support';
import { buildFixtureApp } from './fixture-app-dir';
import { SURVEY_FIELDS } from '../../../src/emulator/survey-fields';

/** The agent workspace's servers: the host page on the emulator's origin, the app on its own. */

const WALL = Date.parse('2026-11-22T12:34:56.789Z');

let local: StartedLocalZendesk;
let appDir: string;

beforeAll(async () => {
  appDir = await buildFixtureApp();
  local = await startLocalZendesk(
    parseEmulatorArgs(
      ['--port', '0', '--tickets', '200', '--days', '10', '--now', '2026-11-22T12:00:00Z', '--app-dir', appDir],
      WALL,
    )!,
  );
});

afterAll(async () => {
  await local?.emulator.close();
});

const configIn = (html: string): WorkspaceConfig => {
  const match = /<script id="workspace-config" type="application\/json">(.*?)<\/script>/s.exec(html);
  return JSON.parse(match![1]!) as WorkspaceConfig;
};

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: url.port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the host page', () => {
  it('is served at /agent/ and at deep links, with the account, the app and the staff embedded', async () => {
    for (const path of ['/agent', '/agent/', '/agent/tickets/12', '/agent/apps/support-kpis']) {
      const response = await fetch(`${local.emulator.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain(`frame-src ${local.workspace.appOrigin}`);
      expect(csp).toContain("script-src 'self'");
      const config = configIn(await response.text());
      expect(config.appOrigin).toBe(local.workspace.appOrigin);
      expect(config.subdomain).toBe('acme');
    }
    const config = configIn(await (await fetch(`${local.emulator.url}/agent/`)).text());
    // The app's origin differs from the host page's, as Zendesk's does.
    expect(new URL(config.appOrigin).origin).not.toBe(new URL(local.emulator.url).origin);
    expect(config.app).toEqual({
      name: 'Support KPIs',
      slug: 'support-kpis',
      version: '9.8.7',
      // The manifest's defaults, and the seeded account's survey fields for the NPS and CES section
      // and its Team lead custom role as the leads' role.
      settings: {
        title: 'Support KPIs',
        escalation_tags: 'escalated',
        escalation_min_group_stations: 2,
        nps_field_id: SURVEY_FIELDS.nps.id,
        ces_field_id: SURVEY_FIELDS.ces.id,
        lead_roles: '9001',
      },
      pages: { ticket_sidebar: 'sidebar.html', nav_bar: 'report.html' },
      navIcon: `${local.workspace.appOrigin}/icon_nav_bar.svg`,
    });
    expect(config.pollSeconds).toBe(15);
    expect(config.staff.slice(0, 3).map((member) => [member.id, member.label, member.customRole?.id ?? null])).toEqual([
      [10001, 'Manager', null],
      [expect.any(Number), 'Team lead', 9001],
      [expect.any(Number), 'Agent', null],
    ]);
    expect(config.staff[0]!.user).toEqual(expect.objectContaining({ iana_time_zone: 'America/New_York' }));
    expect(config.staff[1]!.groups).toEqual([expect.objectContaining({ id: 360001, name: 'Tier 1 – Email' })]);
    expect(config.staff.every((member) => member.role === 'admin' || member.role === 'agent')).toBe(true);
  });

  it('serves its script and styles, and nothing else under /agent/', async () => {
    const script = await fetch(`${local.emulator.url}/agent/host.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('workspace-config');
    expect((await fetch(`${local.emulator.url}/agent/host.css`)).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect((await fetch(`${local.emulator.url}/agent/nope`)).status).toBe(404);
    expect((await fetch(`${local.emulator.url}/agent/tickets/abc`)).status).toBe(404);
    expect((await fetch(`${local.emulator.url}/agent/`, { method: 'POST' })).status).toBe(405);
  });

  it('leaves the API and the control surface as they were', async () => {
    const me = await fetch(`${local.emulator.url}/api/v2/users/me.json`, {
      headers: { cookie: 'zd_emulator_user=10001' },
    });
    expect(me.status).toBe(200);
    expect((await fetch(`${local.emulator.url}/api/v2/users/me.json`)).status).toBe(401);
    expect((await fetch(`${local.emulator.url}/__emulator/clock`)).status).toBe(200);
    // A page that is neither the API nor the workspace sends a person to the workspace.
    const typed = await fetch(`${local.emulator.url}/agents`, { redirect: 'manual' });
    expect(typed.status).toBe(302);
    expect(typed.headers.get('location')).toBe('/agent/');
    const unknown = await fetch(`${local.emulator.url}/api/v2/agents.json`, {
      headers: { cookie: 'zd_emulator_user=10001' },
    });
    expect(unknown.status).toBe(404);
  });

  it('embeds JSON that no text can break out of', () => {
    const embedded = embedJson({ name: '</script><script>alert(1)</script>', line: '\u2028' });
    expect(embedded).not.toContain('<');
    expect(embedded).not.toContain('\u2028');
    expect(JSON.parse(embedded)).toEqual({ name: '</script><script>alert(1)</script>', line: '\u2028' });
  });

  it('maps paths to views and back', () => {
    expect(parseWorkspacePath('/agent/')).toEqual({ view: 'tickets' });
    expect(parseWorkspacePath('/agent/tickets/123')).toEqual({ view: 'ticket', id: 123 });
    expect(parseWorkspacePath('/agent/apps/support-kpis')).toEqual({ view: 'app', slug: 'support-kpis' });
    expect(parseWorkspacePath('/agent/host.js')).toBeNull();
    expect(workspacePath({ view: 'ticket', id: 5 })).toBe('/agent/tickets/5');
    expect(workspacePath({ view: 'app', slug: 'support-kpis' })).toBe('/agent/apps/support-kpis');
  });

  it('puts the manager, the team lead and an agent first in the switcher, then everyone else by name', () => {
    const { data } = smallData();
    const staff = switcherStaff(data);
    expect(staff.map((member) => member.label).slice(0, 3)).toEqual(['Manager', 'Team lead', 'Agent']);
    const rest = staff.slice(3).map((member) => member.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
    expect(staff).toHaveLength(data.users().filter((user) => user.role !== 'end-user').length);
  });

  it('marks the restricted agents, so the switcher can show them apart', () => {
    const { data } = smallData();
    const restricted = switcherStaff(data).filter((member) => member.restriction !== null);
    expect(restricted.map((member) => [member.restriction, member.label]).sort()).toEqual([
      ['assigned', 'Agent, assigned tickets only'],
      ['groups', 'Agent, own groups only'],
    ]);
  });
});

describe('the app’s origin', () => {
  it('serves the built app’s files with their types', async () => {
    const page = await fetch(`${local.workspace.appOrigin}/sidebar.html?origin=x&app_guid=y`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('fixture-app.js');
    expect((await fetch(`${local.workspace.appOrigin}/fixture-app.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await fetch(`${local.workspace.appOrigin}/icon_nav_bar.svg`)).headers.get('content-type')).toBe(
      'image/svg+xml',
    );
  });

  it('says so inside the iframe when a page is missing, and never serves outside the app directory', async () => {
    const missing = await fetch(`${local.workspace.appOrigin}/nothing.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('--app-dir');
    // manifest.json sits beside the app directory: reachable only by escaping it.
    expect(dirname(appDir)).not.toBe(appDir);
    for (const path of [
      '/../manifest.json',
      '/%2e%2e/manifest.json',
      '/..%2fmanifest.json',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const reply = await rawGet(local.workspace.appOrigin, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('frameworkVersion');
    }
    expect(await rawGet(local.workspace.appOrigin, join('/', 'sidebar.html'))).toEqual(
      expect.objectContaining({ status: 200 }),
    );
  });

  it('stops with the emulator', async () => {
    const other = await startLocalZendesk(
      parseEmulatorArgs(['--port', '0', '--tickets', '50', '--days', '5', '--app-dir', appDir], WALL)!,
    );
    const { appOrigin } = other.workspace;
    expect((await fetch(`${appOrigin}/sidebar.html`)).status).toBe(200);
    await other.emulator.close();
    await expect(fetch(`${appOrigin}/sidebar.html`)).rejects.toThrow();
    await expect(fetch(`${other.emulator.url}/agent/`)).rejects.toThrow();
  });
});

describe('--app-dir and --app-port', () => {
  it('are read, and left out when not given so the defaults follow --port', () => {
    expect(parseEmulatorArgs(['--app-dir', 'dist/app', '--app-port', '5000'], WALL)).toEqual(
      expect.objectContaining({ appDir: 'dist/app', appPort: 5000 }),
    );
    const defaults = parseEmulatorArgs([], WALL)!;
    expect('appDir' in defaults).toBe(false);
    expect('appPort' in defaults).toBe(false);
    expect(() => parseEmulatorArgs(['--app-port', '70000'], WALL)).toThrow(
      '--app-port must be a whole number from 0 to 65535',
    );
  });

  it('serve the app on the API’s port + 1 by default', async () => {
    // Find a free pair of ports by asking for one, then using it and the next.
    const probe = await startLocalZendesk(
      parseEmulatorArgs(['--port', '0', '--tickets', '20', '--days', '2', '--app-dir', appDir], WALL)!,
    );
    const port = Number(new URL(probe.emulator.url).port);
    await probe.emulator.close();
    let started: StartedLocalZendesk | null = null;
    try {
      started = await startLocalZendesk(
        parseEmulatorArgs(['--port', String(port), '--tickets', '20', '--days', '2', '--app-dir', appDir], WALL)!,
      );
      expect(started.workspace).toEqual({
        url: `http://127.0.0.1:${port}/agent/`,
        appOrigin: `http://127.0.0.1:${port + 1}`,
      });
    } catch (error) {
      // Port + 1 may be taken on a busy machine; that is the one thing this test cannot control.
      if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error;
    } finally {
      await started?.emulator.close();
    }
  });
});

describe('List Tickets ordering (used by the workspace’s ticket list)', () => {
  const cookie = { cookie: 'zd_emulator_user=10001' };
  const ids = async (query: string) => {
    const response = await fetch(`${local.emulator.url}/api/v2/tickets.json?${query}`, { headers: cookie });
    expect(response.status, query).toBe(200);
    return (
      (await response.json()) as { tickets: { id: number; updated_at: string }[]; links?: { next: string | null } }
    ).tickets;
  };

  it('sorts by id, created_at, updated_at or status, either way, with cursor or offset pagination', async () => {
    const plain = (await ids('per_page=100')).map((ticket) => ticket.id);
    expect(plain).toEqual([...plain].sort((a, b) => a - b));
    const newest = (await ids('page[size]=100&sort=-id')).map((ticket) => ticket.id);
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    expect(newest[0]).toBe(Math.max(...plain, ...newest));
    const updated = (await ids('sort_by=updated_at&sort_order=desc&per_page=100')).map((ticket) =>
      Date.parse(ticket.updated_at),
    );
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const ascending = (await ids('page[size]=100&sort=updated_at')).map((ticket) => Date.parse(ticket.updated_at));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  });

  it('keeps the order across cursor pages, and refuses fields it does not sort by', async () => {
    const first = await fetch(`${local.emulator.url}/api/v2/tickets.json?page[size]=10&sort=-id`, { headers: cookie });
    const body = (await first.json()) as { tickets: { id: number }[]; links: { next: string } };
    const next = (await (await fetch(body.links.next, { headers: cookie })).json()) as { tickets: { id: number }[] };
    expect(next.tickets[0]!.id).toBeLessThan(body.tickets.at(-1)!.id);
    const bad = await fetch(`${local.emulator.url}/api/v2/tickets.json?sort=subject`, { headers: cookie });
    expect(bad.status).toBe(400);
  });
});
