import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmulatorArgs, startLocalZendesk, type StartedLocalZendesk } from '../../../src/emulator/main';
import { buildFixtureApp } from './fixture-app-dir';

/**
 * The agent workspace in a real browser, with the fixture app (the real ZAF SDK, unmodified) in
 * its iframes on another origin: registration, get, request, resize, events and routing, as the
 * Support KPIs app will use them.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'test-artifacts');
const WALL = Date.parse('2026-11-22T12:34:56.789Z');

if (!HAVE_CHROMIUM) {
  describe('agent workspace in Chromium', () => {
    it.skip(`skipped: no ${CHROMIUM} (install it with: apt-get install -y chromium)`, () => {});
  });
}

describe.skipIf(!HAVE_CHROMIUM)('agent workspace in Chromium', () => {
  let local: StartedLocalZendesk;
  let browser: Browser;
  let page: Page;
  let first: { id: number; subject: string; comments: string[] };
  let second: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const appDir = await buildFixtureApp();
    local = await startLocalZendesk(
      parseEmulatorArgs(
        ['--port', '0', '--tickets', '300', '--days', '15', '--now', '2026-11-22T12:00:00Z', '--app-dir', appDir],
        WALL,
      )!,
    );
    const now = local.clock.now();
    const tickets = local.data.allTickets(now).filter((version) => version.ticket['status'] !== 'deleted');
    const commentsOf = (id: number) =>
      (local.data.audits(id, now) ?? []).flatMap((audit) =>
        ((audit['events'] as Record<string, unknown>[]) ?? [])
          .filter((event) => event['type'] === 'Comment')
          .map((event) => String(event['plain_body'])),
      );
    const chosen = tickets.find((version) => commentsOf(version.id).length >= 3)!;
    first = { id: chosen.id, subject: String(chosen.ticket['subject']), comments: commentsOf(chosen.id) };
    second = tickets.find((version) => version.id !== chosen.id)!.id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await local?.emulator.close();
  });

  /** The app frame behind an iframe selector, once the SDK in it has registered. */
  async function appFrame(selector: string): Promise<Frame> {
    const handle = await page.waitForSelector(selector, { state: 'attached' });
    const frame = (await handle.contentFrame())!;
    await expect.poll(() => text(frame, '#registered'), { timeout: 10_000 }).not.toBe('waiting');
    return frame;
  }
  const text = (frame: Frame, selector: string) => frame.locator(selector).textContent({ timeout: 5_000 });
  const json = async (frame: Frame, selector: string) =>
    JSON.parse((await text(frame, selector)) ?? 'null') as Record<string, unknown>;
  const sidebarOf = (id: number) => `.ticket-view[data-ticket-id="${id}"] iframe[data-location="ticket_sidebar"]`;

  it('opens a deep-linked ticket with the app registered in its sidebar, on another origin', async () => {
    await page.goto(`${local.emulator.url}/agent/tickets/${first.id}`);
    const frame = await appFrame(sidebarOf(first.id));
    await expect.poll(() => text(frame, '#resize'), { timeout: 10_000 }).toBe('done');

    const src = new URL((await page.getAttribute(sidebarOf(first.id), 'src'))!);
    expect(src.origin).toBe(local.workspace.appOrigin);
    expect(src.origin).not.toBe(new URL(page.url()).origin);
    expect(src.searchParams.get('origin')).toBe(new URL(local.emulator.url).origin);
    expect(src.searchParams.get('app_guid')).toBe(await page.getAttribute(sidebarOf(first.id), 'data-app-guid'));

    expect(await json(frame, '#registered')).toEqual({
      location: 'ticket_sidebar',
      ticketId: first.id,
      version: '9.8.7',
      // The manifest's defaults, then what the account's installation sets (its survey fields).
      settings: {
        title: 'Support KPIs',
        escalation_tags: 'escalated',
        escalation_min_group_stations: 2,
        ...local.data.appSettings(),
      },
    });
    expect(await json(frame, '#current-user')).toEqual(
      expect.objectContaining({ id: 10001, role: 'admin', locale: 'en-US', timeZone: 'America/New_York' }),
    );
    expect(await text(frame, '#ticket-id')).toBe(String(first.id));
    // client.request went through the host to the API, as the signed-in user, as an app.
    expect(await json(frame, '#request')).toEqual({ id: first.id, subject: first.subject });
    expect(await json(frame, '#complete-response')).toEqual({ status: 200, rateLimit: '700' });
    expect(await text(frame, '#refused-request')).toBe('failed:0');
    expect(
      local.emulator.requestLog.some(
        (entry) => entry.path === `/api/v2/tickets/${first.id}.json` && entry.userId === 10001,
      ),
    ).toBe(true);
    // resize set the iframe's height.
    expect(await page.$eval(sidebarOf(first.id), (iframe) => iframe.getBoundingClientRect().height)).toBe(321);
    expect(await text(frame, '#events')).toBe('app.activated pane.activated');

    // The ticket itself: subject, properties, and every comment, as text.
    expect(await page.textContent('.ticket-view:not([hidden]) .ticket-subject')).toBe(first.subject);
    expect(await page.locator('.ticket-view:not([hidden]) .comment-body').allTextContents()).toEqual(first.comments);
    expect(await page.textContent('.ticket-view:not([hidden]) .ticket-properties')).toContain('Requester');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-ticket.png') });
  });

  it('tells apps when the colour scheme flips, and follows it itself', async () => {
    const frame = await appFrame(sidebarOf(first.id));
    expect(await text(frame, '#color-scheme')).toBe('initial:light');
    const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.click('#color-scheme-switcher');
    await expect.poll(() => text(frame, '#color-scheme')).toBe('changed:dark');
    expect(await page.getAttribute('html', 'data-color-scheme')).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBackground);
  });

  it('shows notify messages as text', async () => {
    const frame = await appFrame(sidebarOf(first.id));
    await frame.evaluate(() =>
      (window as unknown as { fixture: { notify(message: string): Promise<unknown> } }).fixture.notify(
        '<b>Saved</b> & done',
      ),
    );
    await expect.poll(() => page.locator('.toast').last().textContent()).toBe('<b>Saved</b> & done');
    expect(await page.locator('.toast b').count()).toBe(0);
  });

  it('follows routeTo to another ticket, in a tab of its own with its own app instance', async () => {
    const frame = await appFrame(sidebarOf(first.id));
    await frame.evaluate(
      (id) =>
        (window as unknown as { fixture: { routeTo(target: string, id: number): Promise<unknown> } }).fixture.routeTo(
          'ticket',
          id,
        ),
      second,
    );
    await expect.poll(() => page.url()).toBe(`${local.emulator.url}/agent/tickets/${second}`);
    const other = await appFrame(sidebarOf(second));
    expect((await json(other, '#registered'))['ticketId']).toBe(second);
    expect(await page.getAttribute(sidebarOf(second), 'data-app-guid')).not.toBe(
      await page.getAttribute(sidebarOf(first.id), 'data-app-guid'),
    );
    expect(await page.locator('.tab').count()).toBe(2);
    await expect
      .poll(() => text(frame, '#events'))
      .toBe('app.activated pane.activated app.deactivated pane.deactivated');

    // Back to the first tab: its app is activated again; the other is deactivated.
    await page.click(`.tab[data-ticket-id="${first.id}"] .tab-label`);
    await expect.poll(() => page.url()).toBe(`${local.emulator.url}/agent/tickets/${first.id}`);
    await expect
      .poll(() => text(frame, '#events'))
      .toBe('app.activated pane.activated app.deactivated pane.deactivated app.activated pane.activated');
    await expect
      .poll(() => text(other, '#events'))
      .toBe('app.activated pane.activated app.deactivated pane.deactivated');
    // The browser's back button goes where the workspace went.
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${local.emulator.url}/agent/tickets/${second}`);
    expect(await page.isVisible(sidebarOf(second))).toBe(true);
  });

  it('shows the nav-bar app full-size from the left nav, where it can route back to a ticket', async () => {
    await page.click('a[data-nav="app"]');
    await expect.poll(() => page.url()).toBe(`${local.emulator.url}/agent/apps/support-kpis`);
    const report = await appFrame('iframe[data-location="nav_bar"]');
    expect(await json(report, '#registered')).toEqual(expect.objectContaining({ location: 'nav_bar', ticketId: null }));
    expect(await text(report, '#ticket-id')).toBe('error:Could not find handler for: "ticket.id"');
    await expect.poll(() => text(report, '#events')).toBe('app.activated pane.activated');
    const box = (await page.$eval('iframe[data-location="nav_bar"]', (iframe) =>
      iframe.getBoundingClientRect().toJSON(),
    )) as { width: number; height: number };
    expect(box.width).toBeGreaterThan(1200);
    expect(box.height).toBeGreaterThan(700);
    expect(await page.getAttribute('a[data-nav="app"] img', 'src')).toBe(
      `${local.workspace.appOrigin}/icon_nav_bar.svg`,
    );

    await report.evaluate(
      (id) =>
        (window as unknown as { fixture: { routeTo(target: string, id: number): Promise<unknown> } }).fixture.routeTo(
          'ticket',
          id,
        ),
      first.id,
    );
    await expect.poll(() => page.url()).toBe(`${local.emulator.url}/agent/tickets/${first.id}`);
    await expect
      .poll(() => text(report, '#events'))
      .toBe('app.activated pane.activated app.deactivated pane.deactivated');
  });

  it('switches the signed-in user and the locale, reloading the apps; Persian turns the page right-to-left', async () => {
    const restricted = local.data.users().filter((user) => user.json['restricted_agent'] === true);
    expect(
      await page
        .locator('#user-switcher optgroup[label="Restricted agents"] option')
        .evaluateAll((options) => options.map((option) => Number((option as HTMLOptionElement).value))),
    ).toEqual(expect.arrayContaining(restricted.map((user) => user.id)));
    expect(restricted.length).toBeGreaterThan(0);
    const before = await page.getAttribute(sidebarOf(first.id), 'data-app-guid');
    const lead = local.data.users().find((user) => user.customRoleId === 9001)!;
    await page.selectOption('#user-switcher', String(lead.id));
    await expect.poll(() => page.getAttribute(sidebarOf(first.id), 'data-app-guid')).not.toBe(before);
    let frame = await appFrame(sidebarOf(first.id));
    await expect.poll(async () => (await json(frame, '#current-user'))['id']).toBe(lead.id);
    expect((await json(frame, '#current-user'))['role']).toBe(9001);
    expect(await page.evaluate(() => document.cookie)).toContain(`zd_emulator_user=${lead.id}`);
    // The app's requests now go as the team lead.
    await expect
      .poll(() =>
        local.emulator.requestLog.some(
          (entry) => entry.path === `/api/v2/tickets/${first.id}.json` && entry.userId === lead.id,
        ),
      )
      .toBe(true);

    await page.selectOption('#locale-switcher', 'fa');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    frame = await appFrame(sidebarOf(first.id));
    await expect.poll(async () => (await json(frame, '#current-user'))['locale']).toBe('fa');
    await expect.poll(() => text(frame, '#resize')).toBe('done');
    // The apps tray is now on the left, as Zendesk lays it out right-to-left.
    const tray = (await page.$eval('.ticket-view:not([hidden]) .apps-tray', (element) =>
      element.getBoundingClientRect().toJSON(),
    )) as { x: number };
    expect(tray.x).toBeLessThan(400);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-ticket-rtl-dark.png') });
  });

  it('tells the sidebar app ticket.updated when the ticket view refreshes', async () => {
    const frame = await appFrame(sidebarOf(first.id));
    const before = (await text(frame, '#events')) ?? '';
    await page.click('.ticket-view:not([hidden]) button[aria-label="Refresh ticket"]');
    await expect.poll(() => text(frame, '#events')).toBe(`${before} ticket.updated`.trim());
  });

  it('applies settings from the settings panel and from ?settings=, reloading the app', async () => {
    await page.click('#settings-button');
    await page.fill('#settings-json', JSON.stringify({ escalation_tags: 'urgent,vip' }));
    await page.click('.settings-dialog button:has-text("Apply")');
    let frame = await appFrame(sidebarOf(first.id));
    await expect
      .poll(async () => ((await json(frame, '#registered'))['settings'] as Record<string, unknown>)['escalation_tags'])
      .toBe('urgent,vip');
    expect(
      ((await json(frame, '#registered'))['settings'] as Record<string, unknown>)['escalation_min_group_stations'],
    ).toBe(2);
    // Not JSON: the panel says so and keeps what was applied.
    await page.click('#settings-button');
    await page.fill('#settings-json', '{nope');
    await page.click('.settings-dialog button:has-text("Apply")');
    expect(await page.textContent('.settings-dialog .error-text')).not.toBe('');
    await page.click('.settings-dialog button:has-text("Cancel")');

    const linked = await browser.newPage();
    await linked.goto(
      `${local.emulator.url}/agent/tickets/${first.id}?settings=${encodeURIComponent(JSON.stringify({ escalation_min_group_stations: 5 }))}`,
    );
    const handle = await linked.waitForSelector(sidebarOf(first.id), { state: 'attached' });
    frame = (await handle.contentFrame())!;
    await expect
      .poll(async () => JSON.parse((await frame.locator('#registered').textContent()) ?? 'null'), { timeout: 10_000 })
      .toEqual(expect.objectContaining({ settings: expect.objectContaining({ escalation_min_group_stations: 5 }) }));
    await linked.close();
  });

  it('lists recent tickets newest first, with paging, and deep-links to the report', async () => {
    await page.selectOption('#locale-switcher', 'en-US');
    await page.click('a[data-nav="tickets"]');
    await expect.poll(() => page.locator('.ticket-table tbody tr').count()).toBe(25);
    const ids = (await page.locator('.ticket-table tbody td.num').allTextContents()).map((cell) =>
      Number(cell.slice(1)),
    );
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const newest = Math.max(
      ...local.data
        .allTickets(local.clock.now())
        .filter((version) => version.ticket['status'] !== 'deleted')
        .map((version) => version.id),
    );
    expect(ids[0]).toBe(newest);
    await page.click('.pager button:has-text("Older")');
    await expect
      .poll(async () => Number((await page.locator('.ticket-table tbody td.num').first().textContent())!.slice(1)))
      .toBeLessThan(ids.at(-1)!);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-list.png') });

    const fresh = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await fresh.goto(`${local.emulator.url}/agent/apps/support-kpis`);
    const handle = await fresh.waitForSelector('iframe[data-location="nav_bar"]', { state: 'attached' });
    const report = (await handle.contentFrame())!;
    await expect.poll(() => report.locator('#registered').textContent(), { timeout: 10_000 }).toContain('nav_bar');
    await fresh.close();
    expect(pageErrors).toEqual([]);
  });
});
