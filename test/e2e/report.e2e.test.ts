import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { axisLabelProblems, headerProblems, layoutShot } from './report-layout';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormatters } from '../../src/app/i18n/formatters';
import { startLocalZendesk, type StartedLocalZendesk } from '../../src/emulator/main';
import {
  API_TOKEN,
  appFrame,
  cliReport,
  ensureAppBuild,
  HAVE_CHROMIUM,
  launchChromium,
  readTiles,
  REPORT_FRAME,
  screenshotPath,
  SKIP_MESSAGE,
  startSmallZendesk,
  tilesFromCli,
  waitForReport,
  windowInBrowser,
  type CliReport,
  type TileTexts,
} from './support';

/**
 * The nav-bar report end to end: the built app in the local Zendesk's agent workspace, in Chromium,
 * against the seeded account, checked against the CLI on the same data.
 */

/**
 * The charts draw without animation; a screenshot waits only until every chart has measured its
 * box and drawn its surface (ResponsiveContainer sizes itself after the first render).
 */
async function chartsDrawn(frame: Frame): Promise<void> {
  await expect
    .poll(
      () =>
        frame.evaluate(() =>
          [...document.querySelectorAll('.recharts-responsive-container')].every((box) =>
            box.querySelector('svg.recharts-surface'),
          ),
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
}

if (!HAVE_CHROMIUM) {
  describe('nav-bar report end to end', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
}

describe.skipIf(!HAVE_CHROMIUM)('nav-bar report end to end', () => {
  let local: StartedLocalZendesk;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let managerTiles: TileTexts | null = null;

  beforeAll(async () => {
    await ensureAppBuild();
    local = await startSmallZendesk();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await local?.emulator.close();
  });

  /**
   * A fresh browser profile (its own IndexedDB, so no cached report) on the report page. Each load
   * gets fresh rate-limit windows: Zendesk's clock here barely moves, and a first load reads in
   * several stretches, so the tests of one file would otherwise share one minute's 10 exports.
   */
  async function openReport(signInAs?: number) {
    expect((await fetch(`${local.emulator.url}/__emulator/limits`, { method: 'DELETE' })).status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (signInAs !== undefined) {
      await page.goto(`${local.emulator.url}/agent/`);
      await page.selectOption('#user-switcher', String(signInAs));
      await expect.poll(() => page.evaluate(() => document.cookie)).toContain(`zd_emulator_user=${signInAs}`);
    }
    await page.goto(`${local.emulator.url}/agent/apps/support-kpis`);
    const frame = await appFrame(page, REPORT_FRAME);
    return { page, frame };
  }

  it('shows a manager the same KPIs as the CLI for the same data, window and settings', async () => {
    const started = performance.now();
    const { page, frame } = await openReport();
    await waitForReport(frame);
    const onScreen = await readTiles(frame);
    const window = await windowInBrowser(page, 30);
    await chartsDrawn(frame);
    await page.screenshot({ path: screenshotPath('1-manager-report') });
    // The scorecards list every agent for a manager.
    expect(await frame.locator('.scorecard-table tbody tr').count()).toBeGreaterThan(3);
    expect(await frame.locator('.report-meta').textContent()).not.toContain('your own scorecard');

    const cli = await cliReport(local, local.admin.email, window);
    expect(onScreen).toEqual(tilesFromCli(cli.team));
    expect(cli.team.created).toBeGreaterThan(100);
    // The window did not roll over to another day while the test ran.
    expect(await windowInBrowser(page, 30)).toEqual(window);
    managerTiles = onScreen;
    console.info(
      `[e2e] manager report + CLI: ${Math.round(performance.now() - started)} ms; ${window.from}..${window.to}: ${JSON.stringify(onScreen)}`,
    );
  }, 150_000);

  it("shows a manager the CLI's SLA numbers and breaches per agent per day for the same data, once the event streams are read", async () => {
    const started = performance.now();
    // An account of its own, small enough that each event stream is a few pages: the exports allow
    // 10 requests a minute each, and this Zendesk's minute lasts a thousand real ones.
    const slaLocal = await startLocalZendesk({
      port: 0,
      seed: 11,
      tickets: 400,
      days: 45,
      now: Math.floor(Date.now() / 60_000) * 60_000,
      timeScale: 0.001,
      plan: 'enterprise',
      apiToken: API_TOKEN,
      data: null,
      faults: [],
      appDir: 'dist/assets',
    });
    // The streams are read after the tickets; a refused page would wait out a minute of this clock.
    const resetLimits = () => fetch(`${slaLocal.emulator.url}/__emulator/limits`, { method: 'DELETE' });
    const resetting = setInterval(() => void resetLimits(), 2_000);
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${slaLocal.emulator.url}/agent/apps/support-kpis`);
      const frame = await appFrame(page, REPORT_FRAME);
      await waitForReport(frame);
      await frame.waitForSelector('[data-testid="kpi-sla-all"]', { timeout: 180_000 });
      await frame.waitForSelector('main.report[aria-busy="false"]', { timeout: 60_000 });
      await checkSla(slaLocal, page, frame, started);
    } finally {
      clearInterval(resetting);
      await slaLocal.emulator.close();
    }
  }, 300_000);

  /**
   * The SLA tiles and the breaches per agent per day on screen against the CLI's JSON for the same
   * data, window and zone (credit to the actor, the default with ticket events, in both). The app
   * reads the streams in the background and redraws as they arrive: it is read until it agrees,
   * and the first disagreement is what a failure shows.
   */
  async function checkSla(slaLocal: StartedLocalZendesk, page: Page, frame: Frame, started: number) {
    const window = await windowInBrowser(page, 30);
    const cli = (await cliReport(slaLocal, slaLocal.admin.email, window, [
      '--include',
      'events,sla,csat',
    ])) as CliReport & {
      team: { sla?: Record<string, { achieved: number; breached: number; rate: number | null }> };
      credit?: string;
      sla_daily?: { date: string; agent_id: number | null; breached: number; achieved: number }[];
    };
    expect(cli.credit).toBe('actor');
    const sla = cli.team.sla!;
    const daily = cli.sla_daily!;
    expect(sla['all']!.breached, 'the seeded account breaches SLAs in 30 days').toBeGreaterThan(0);
    const format = createFormatters('en-US');
    const agentKey = (id: number | null) => (id === null ? 'unassigned' : String(id));
    const ids = [...new Set(daily.map((row) => row.agent_id))].sort((x, y) =>
      x === null ? 1 : y === null ? -1 : x - y,
    );
    const cells: Record<string, number> = {};
    for (const row of daily) if (row.breached > 0) cells[`${agentKey(row.agent_id)} ${row.date}`] = row.breached;
    const perDay: Record<string, number> = {};
    for (const row of daily) if (row.breached > 0) perDay[row.date] = (perDay[row.date] ?? 0) + row.breached;
    const expected = {
      tiles: Object.entries(sla).map(([metric, counts]) => ({
        metric,
        value: format.percent(counts.rate),
        breached: `${format.number(counts.breached, 0)} breached`,
      })),
      agents: ids.map(agentKey),
      cells,
      perDay,
      days: 30,
    };

    const onScreen = () =>
      frame.evaluate(() => {
        const tiles = [...document.querySelectorAll('[data-testid^="kpi-sla-"]')].map((value) => ({
          metric: value.getAttribute('data-testid')!.slice('kpi-sla-'.length),
          value: value.textContent ?? '',
          breached: /[\d,]+ breached/.exec(value.closest('button')?.textContent ?? '')?.[0] ?? '',
        }));
        const rows = [...document.querySelectorAll('.breach-grid tr[data-agent]')];
        const count = (cell: Element) => Number((cell.textContent ?? '').replace(/[^\d]/g, ''));
        const cellsShown: Record<string, number> = {};
        const perDayShown: Record<string, number> = {};
        for (const row of rows) {
          for (const cell of row.querySelectorAll('td[data-date]')) {
            if (count(cell) === 0) continue;
            const agent = row.getAttribute('data-agent')!;
            if (agent === 'team') perDayShown[cell.getAttribute('data-date')!] = count(cell);
            else cellsShown[`${agent} ${cell.getAttribute('data-date')}`] = count(cell);
          }
        }
        const agentRows = rows.filter((row) => row.getAttribute('data-agent') !== 'team');
        return {
          tiles,
          agents: agentRows.map((row) => row.getAttribute('data-agent')!),
          cells: cellsShown,
          perDay: perDayShown,
          days: agentRows[0]?.querySelectorAll('td[data-date]').length ?? 0,
        };
      });
    await expect.poll(onScreen, { timeout: 180_000, interval: 2_000 }).toEqual(expected);
    await frame.locator('.sla-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('6-manager-sla') });

    // A cell opens the tickets behind it: their breaches that day add up to the cell's count.
    const busiest = daily.filter((row) => row.agent_id !== null).sort((x, y) => y.breached - x.breached)[0]!;
    await frame
      .locator(`.breach-grid tr[data-agent="${busiest.agent_id}"] td[data-date="${busiest.date}"] button`)
      .click();
    const panel = frame.locator('.drill-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const headers = await panel.locator('thead th').allTextContents();
    const valueColumn = headers.findIndex((header) => header.trim() === 'Value');
    expect(valueColumn).toBeGreaterThanOrEqual(0);
    const values = await panel
      .locator('tbody tr')
      .evaluateAll(
        (rows, column) => rows.map((row) => Number(row.children[column]?.textContent ?? 'NaN')),
        valueColumn,
      );
    expect(values.reduce((sum, value) => sum + value, 0)).toBe(busiest.breached);
    await page.screenshot({ path: screenshotPath('6-manager-sla-drill') });
    expect(pageErrors).toEqual([]);
    console.info(
      `[e2e] SLA report + CLI: ${Math.round(performance.now() - started)} ms; ${window.from}..${window.to}: all ${JSON.stringify(sla['all'])}, ${daily.length} agent-days`,
    );
  }

  it('waits out injected 429s with a "Waiting" message, then shows the same numbers as a run without faults', async () => {
    const started = performance.now();
    // The account's clock hardly moves, so the export limits' minute never ends: forget what the
    // earlier tests spent, so that the only 429s are the two forced here.
    expect((await fetch(`${local.emulator.url}/__emulator/limits`, { method: 'DELETE' })).status).toBe(200);
    // The log holds the earlier tests' requests too (their background streams met the limit).
    const logFrom = local.emulator.requestLog.length;
    const fault = await fetch(`${local.emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/v2/incremental/', force429: 2, retryAfterSeconds: 3 }),
    });
    expect(fault.status).toBe(200);
    try {
      const { page, frame } = await openReport();
      const waiting = frame.locator('.pull-progress .waiting');
      await waiting.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await waiting.textContent()).toMatch(/^Zendesk's rate limit: the next request goes in \d+\s?s$/);
      await page.screenshot({ path: screenshotPath('5-rate-limit-waiting') });
      await waitForReport(frame);
      const onScreen = await readTiles(frame);
      await chartsDrawn(frame);
      await page.screenshot({ path: screenshotPath('5-after-rate-limit') });
      expect(await frame.locator('.pull-progress').count()).toBe(0);
      // Both forced 429s were answered, and the pull went on after them.
      const incremental = local.emulator.requestLog
        .slice(logFrom)
        .filter((entry) => entry.path.startsWith('/api/v2/incremental/'));
      expect(incremental.filter((entry) => entry.status === 429).length).toBe(2);
      const faultsLeft = (await (await fetch(`${local.emulator.url}/__emulator/faults`)).json()) as {
        faults: { force429: number }[];
      };
      expect(faultsLeft.faults.every((rule) => rule.force429 === 0)).toBe(true);

      // The same numbers as without faults: the manager's earlier run, and the CLI now.
      if (managerTiles) expect(onScreen).toEqual(managerTiles);
      const cli = await cliReport(local, local.admin.email, await windowInBrowser(page, 30));
      expect(onScreen).toEqual(tilesFromCli(cli.team));
    } finally {
      await fetch(`${local.emulator.url}/__emulator/faults`, { method: 'DELETE' });
    }
    console.info(`[e2e] 429 scenario: ${Math.round(performance.now() - started)} ms`);
  }, 150_000);

  it("does not show an ordinary agent other agents' scorecards", async () => {
    const started = performance.now();
    const agent = local.data.users().find((user) => user.role === 'agent' && user.customRoleId === null)!;
    expect(agent).toBeDefined();
    const { page, frame } = await openReport(agent.id);
    await waitForReport(frame);
    await expect
      .poll(() => frame.locator('.report-meta').textContent())
      .toContain("You see the team's totals and your own scorecard");
    const rows = frame.locator('.scorecard-table tbody tr');
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(2);
    expect(await rows.nth(0).locator('td').first().textContent()).toBe('Team');
    if (count === 2) expect(await rows.nth(1).locator('td').first().textContent()).toBe(String(agent.json['name']));
    // None of the other staff appears anywhere in the table.
    const table = (await frame.locator('.scorecard-table').textContent()) ?? '';
    const nameOf = (user: { json: Record<string, unknown> }) => String(user.json['name'] ?? '');
    const others = local.data
      .users()
      .filter(
        (user) => user.role !== 'end-user' && user.id !== agent.id && nameOf(user) && nameOf(user) !== nameOf(agent),
      );
    expect(others.filter((user) => table.includes(nameOf(user))).map(nameOf)).toEqual([]);
    // An agent's pull reads the search export, never the admin-only incremental export.
    expect(
      local.emulator.requestLog.filter(
        (entry) => entry.userId === agent.id && entry.path.startsWith('/api/v2/incremental/'),
      ),
    ).toEqual([]);
    await chartsDrawn(frame);
    await page.screenshot({ path: screenshotPath('3-agent-report') });
    await frame.locator('.scorecard-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('3-agent-scorecards') });
    console.info(`[e2e] agent report: ${Math.round(performance.now() - started)} ms, ${count} scorecard rows`);
    expect(pageErrors).toEqual([]);
  }, 150_000);

  /**
   * The report at 1024 px in every language and both schemes: a screenshot of each (kept under
   * test-artifacts/e2e/layout), and the scorecard headers checked for overlap and clipping.
   */
  it('lays the report out at 1024 px in all five languages, light and dark, without overlap or clipping', async () => {
    const started = performance.now();
    const problems: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      for (const locale of ['en', 'fa', 'ms', 'ru', 'sw']) {
        expect((await fetch(`${local.emulator.url}/__emulator/limits`, { method: 'DELETE' })).status).toBe(200);
        const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, colorScheme: scheme });
        contexts.push(context);
        await context.addInitScript(
          ([code, colors]) => {
            localStorage.setItem('zd-emulator.locale', code);
            localStorage.setItem('zd-emulator.color-scheme', colors);
          },
          [locale, scheme] as const,
        );
        const page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(`${local.emulator.url}/agent/apps/support-kpis`);
        const frame = await appFrame(page, REPORT_FRAME);
        await waitForReport(frame);
        await expect.poll(() => frame.getAttribute('.app-root', 'lang')).toBe(locale);
        await chartsDrawn(frame);
        await page.screenshot({ path: layoutShot(`${locale}-${scheme}-top`) });
        await frame.locator('figure.chart').last().scrollIntoViewIfNeeded();
        await page.screenshot({ path: layoutShot(`${locale}-${scheme}-charts`) });
        for (const problem of await axisLabelProblems(frame)) problems.push(`${locale} ${scheme}: ${problem}`);
        await frame.locator('.scorecard-table').scrollIntoViewIfNeeded();
        await page.screenshot({ path: layoutShot(`${locale}-${scheme}-scorecards`) });
        for (const problem of await headerProblems(frame)) problems.push(`${locale} ${scheme}: ${problem}`);
        await context.close();
      }
    }
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
    console.info(`[e2e] layout in 5 languages x 2 schemes: ${Math.round(performance.now() - started)} ms`);
  }, 600_000);
});
