import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormatters } from '../../src/app/i18n/formatters';
import type { StartedLocalZendesk } from '../../src/emulator/main';
import {
  API_TOKEN,
  appFrame,
  cliReport,
  ensureAppBuild,
  HAVE_CHROMIUM,
  launchChromium,
  luminance,
  screenshotPath,
  sidebarFrameSelector,
  SKIP_MESSAGE,
  startSmallZendesk,
  windowInBrowser,
} from './support';

/**
 * The ticket sidebar end to end, as an ordinary agent: their own stats and the ticket's numbers,
 * within the request budget, the stats cached across ticket tabs; then Persian (right to left)
 * and dark mode.
 */

if (!HAVE_CHROMIUM) {
  describe('ticket sidebar end to end', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
}

interface AppRequest {
  path: string;
  at: number;
}

describe.skipIf(!HAVE_CHROMIUM)('ticket sidebar end to end', () => {
  let local: StartedLocalZendesk;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let agent: { id: number; email: string; name: string };
  let tickets: [number, number];
  const pageErrors: string[] = [];
  /** The requests the app sent through ZAF's client.request (the host marks them x-zendesk-app: 1). */
  const appRequests: AppRequest[] = [];

  beforeAll(async () => {
    await ensureAppBuild();
    local = await startSmallZendesk(7);
    const staff = local.data.users().find((user) => user.role === 'agent' && user.customRoleId === null)!;
    agent = { id: staff.id, email: staff.email, name: String(staff.json['name']) };
    // Two of the agent's solved tickets, so each has a first reply to show.
    const now = local.clock.now();
    const mine = local.data
      .allTickets(now)
      .filter(
        (version) =>
          version.ticket['assignee_id'] === agent.id &&
          ['solved', 'closed'].includes(String(version.ticket['status'])) &&
          version.metricSet,
      )
      .sort((a, b) => b.id - a.id);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    tickets = [mine[0]!.id, mine[1]!.id];
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 950 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (request.headers()['x-zendesk-app'] === '1')
        appRequests.push({ path: new URL(request.url()).pathname, at: Date.now() });
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await local?.emulator.close();
  });

  async function sidebar(ticketId: number): Promise<Frame> {
    const frame = await appFrame(page, sidebarFrameSelector(ticketId));
    await frame.waitForSelector('[data-testid="mine-solved"]', { timeout: 60_000 });
    await frame.waitForSelector('[data-testid="ticket-frt"]', { timeout: 30_000 });
    return frame;
  }

  const text = async (frame: Frame, testId: string) =>
    ((await frame.locator(`[data-testid="${testId}"]`).textContent({ timeout: 5_000 })) ?? '').trim();

  it("shows an agent their own stats and the ticket's metrics, within the request budget, and reuses the stats on the next ticket", async () => {
    const started = performance.now();
    await page.goto(`${local.emulator.url}/agent/`);
    await page.selectOption('#user-switcher', String(agent.id));
    await expect.poll(() => page.evaluate(() => document.cookie)).toContain(`zd_emulator_user=${agent.id}`);

    // First ticket: the stats are read (search export + show_many) and the ticket's own numbers.
    const [first, second] = tickets;
    appRequests.length = 0;
    await page.goto(`${local.emulator.url}/agent/tickets/${first}`);
    const firstFrame = await sidebar(first);
    const firstView = [...appRequests];
    const ownFirst = firstView.filter((request) => request.path.startsWith(`/api/v2/tickets/${first}`));
    expect(ownFirst.length).toBeGreaterThanOrEqual(1);
    expect(ownFirst.length).toBeLessThanOrEqual(3);
    expect(firstView.some((request) => request.path === '/api/v2/search/export.json')).toBe(true);
    await page.screenshot({ path: screenshotPath('2-sidebar-first-ticket') });

    // The ticket's first reply time is its metric set's, as the API gives it.
    const metrics = (await (
      await fetch(`${local.emulator.url}/api/v2/tickets/${first}/metrics.json`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${local.admin.email}/token:${API_TOKEN}`).toString('base64')}`,
        },
      })
    ).json()) as { ticket_metric: { reply_time_in_minutes: { calendar: number | null } } };
    const format = createFormatters('en-US');
    expect(await text(firstFrame, 'ticket-frt')).toBe(
      format.duration(metrics.ticket_metric.reply_time_in_minutes.calendar),
    );

    // Their own stats for the last 7 days equal their scorecard in the CLI, read with their credentials.
    const cli = await cliReport(local, agent.email, await windowInBrowser(page, 7));
    const mine = cli.agents.find((row) => row.id === agent.id);
    expect(mine, 'the agent has a scorecard in the CLI report').toBeDefined();
    expect(await text(firstFrame, 'mine-solved')).toBe(format.number(mine!.solved, 0));
    expect(await text(firstFrame, 'mine-frt')).toBe(format.duration(mine!.frt.median));

    // Second ticket, in another tab of the same workspace: the stats come from the cache.
    const logMark = local.emulator.requestLog.length;
    appRequests.length = 0;
    await page.evaluate((id) => {
      history.pushState(null, '', `/agent/tickets/${id}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, second);
    const secondFrame = await sidebar(second);
    // Count once the pane shows every number it reads: its stats and this ticket's own metrics.
    await secondFrame.waitForSelector('[data-testid="mine-solved"]', { timeout: 60_000 });
    await secondFrame.waitForSelector('[data-testid="ticket-frt"]', { timeout: 30_000 });
    expect(await page.locator('.tab').count()).toBe(2);
    const secondView = [...appRequests];
    expect(secondView.length, JSON.stringify(secondView)).toBeLessThanOrEqual(3);
    expect(
      secondView.every((request) => request.path.startsWith(`/api/v2/tickets/${second}`)),
      JSON.stringify(secondView),
    ).toBe(true);
    const statsPaths = /^\/api\/v2\/(search\/export|incremental\/|tickets\/show_many)/;
    expect(local.emulator.requestLog.slice(logMark).filter((entry) => statsPaths.test(entry.path))).toEqual([]);
    expect(await text(secondFrame, 'mine-solved')).toBe(format.number(mine!.solved, 0));
    expect(await secondFrame.locator('.sidebar').textContent()).toContain('Updated');
    await page.screenshot({ path: screenshotPath('2-sidebar-second-ticket') });
    console.info(
      `[e2e] sidebar: first view ${firstView.length} app requests (${ownFirst.length} for the ticket), second view ${secondView.length}; ${Math.round(performance.now() - started)} ms`,
    );
  }, 150_000);

  it("lists every SLA of a ticket by its own name, an overdue one as a label in Garden's danger colour", async () => {
    const started = performance.now();
    const now = local.clock.now();
    // An unsolved ticket of the agent's with several SLA policy metrics, one of them overdue (pending
    // pauses requester wait, while periodic update runs on).
    const policyMetrics = (id: number) =>
      (
        (local.data.slas(id, now)?.['policy_metrics'] ?? []) as { metric: string; stage: string; breach_at: string }[]
      ).map((policy) => ({ ...policy, due: Date.parse(policy.breach_at) }));
    const candidate = local.data
      .allTickets(now)
      .filter(
        (version) =>
          version.ticket['assignee_id'] === agent.id &&
          ['new', 'open', 'pending', 'hold'].includes(String(version.ticket['status'])),
      )
      .map((version) => ({ id: version.id, policies: policyMetrics(version.id) }))
      .filter(({ policies }) => policies.length >= 2 && policies.some((p) => p.stage === 'active' && p.due < now))
      .sort((a, b) => b.policies.length - a.policies.length)[0];
    expect(candidate, 'the seeded account has an open ticket with an overdue SLA among several').toBeDefined();
    const { id, policies } = candidate!;

    await page.goto(`${local.emulator.url}/agent/`);
    await page.selectOption('#user-switcher', String(agent.id));
    await expect.poll(() => page.evaluate(() => document.cookie)).toContain(`zd_emulator_user=${agent.id}`);
    await page.goto(`${local.emulator.url}/agent/tickets/${id}`);
    const frame = await sidebar(id);
    await frame.waitForSelector('dd[data-sla]', { timeout: 30_000 });
    const shown = await frame.$$eval('dd[data-sla]', (cells) =>
      cells.map((cell) => ({
        metric: cell.getAttribute('data-sla'),
        state: cell.getAttribute('data-state'),
        name: cell.previousElementSibling?.textContent ?? '',
        text: cell.textContent ?? '',
        color: getComputedStyle(cell.querySelector('strong') ?? cell).color,
      })),
    );
    const NAMES: Record<string, string> = {
      first_reply_time: 'First reply SLA',
      next_reply_time: 'Next reply SLA',
      periodic_update_time: 'Periodic update SLA',
      requester_wait_time: 'Requester wait SLA',
      group_ownership_time: 'Group ownership SLA',
    };
    // Each policy metric Zendesk lists is there, by its own name, not all as "First reply SLA".
    for (const policy of policies) {
      const row = shown.find((candidateRow) => candidateRow.metric === policy.metric);
      expect(row, policy.metric).toBeDefined();
      expect(row!.name).toBe(NAMES[policy.metric]);
      if (policy.stage === 'paused') expect(row!.text).toContain('Paused');
      if (policy.stage === 'active' && policy.due > now) expect(row!.text).toMatch(/left$/);
      if (policy.stage === 'active' && policy.due < now) {
        expect(row!.state).toBe('overdue');
        expect(row!.text).toMatch(/^⚠ Overdue by /);
        // Garden's foreground.danger in the light scheme.
        expect(row!.color).toBe('rgb(205, 54, 66)');
      }
    }
    expect(new Set(shown.map((row) => row.name)).size).toBe(shown.length);
    await frame.locator('#this-ticket').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('2-sidebar-slas') });
    // Back on the second ticket, where the next test goes on.
    await page.evaluate((ticketId) => {
      history.pushState(null, '', `/agent/tickets/${ticketId}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, tickets[1]);
    console.info(
      `[e2e] sidebar SLAs of ticket ${id}: ${shown.map((row) => `${row.metric}=${row.state}`).join(', ')}; ${Math.round(performance.now() - started)} ms`,
    );
  }, 120_000);

  it('renders Persian right to left, and dark mode dark', async () => {
    const started = performance.now();
    const [, second] = tickets;
    const frameSelector = sidebarFrameSelector(second);
    const lightFrame = await sidebar(second);
    const lightBody = await lightFrame.evaluate(() => getComputedStyle(document.body).backgroundColor);

    const before = await page.getAttribute(frameSelector, 'data-app-guid');
    await page.selectOption('#locale-switcher', 'fa');
    await expect.poll(() => page.getAttribute(frameSelector, 'data-app-guid')).not.toBe(before);
    const persian = await sidebar(second);
    await expect.poll(() => persian.getAttribute('.app-root', 'dir')).toBe('rtl');
    expect(await persian.getAttribute('.app-root', 'lang')).toBe('fa');
    const shown = (await persian.locator('.app-root').textContent()) ?? '';
    expect(shown).toMatch(/[\u0600-\u06FF]/); // Arabic-script letters
    expect(await persian.locator('#my-stats').textContent()).not.toBe('My stats');
    // Numbers in Persian digits.
    expect(await text(persian, 'mine-solved')).toMatch(/^[\u06F0-\u06F9٬]+$/);
    expect(await persian.evaluate(() => getComputedStyle(document.querySelector('.app-root')!).direction)).toBe('rtl');
    await page.screenshot({ path: screenshotPath('4-sidebar-persian') });

    await page.click('#color-scheme-switcher');
    expect(await page.getAttribute('html', 'data-color-scheme')).toBe('dark');
    await expect.poll(() => persian.evaluate(() => document.documentElement.dataset['colorScheme'])).toBe('dark');
    await expect
      .poll(async () => luminance(await persian.evaluate(() => getComputedStyle(document.body).backgroundColor)))
      .toBeLessThan(0.1);
    expect(luminance(lightBody)).toBeGreaterThan(0.6);
    const textColor = await persian.evaluate(() => getComputedStyle(document.body).color);
    expect(luminance(textColor)).toBeGreaterThan(0.4);
    await page.screenshot({ path: screenshotPath('4-sidebar-persian-dark') });
    console.info(`[e2e] locale and scheme: ${Math.round(performance.now() - started)} ms`);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
