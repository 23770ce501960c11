import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/app/app-settings';
import { createFormatters } from '../../src/app/i18n/formatters';
import { periodFor } from '../../src/app/report/report-period';
import { npsScoreText, NPS_GROUPS } from '../../src/app/report/survey-scores-section';
import { hourLabeller, volumeChart, weekdayNames } from '../../src/app/report/work-views-model';
import { startLocalZendesk, type StartedLocalZendesk } from '../../src/emulator/main';
import type { Report } from '../../src/metrics/report-types';
import {
  API_TOKEN,
  appFrame,
  cliReport,
  ensureAppBuild,
  HAVE_CHROMIUM,
  launchChromium,
  REPORT_FRAME,
  screenshotPath,
  SKIP_MESSAGE,
  TIME_ZONE,
  waitForReport,
  windowInBrowser,
} from './support';

/**
 * The report's work views end to end (backlog health, arrivals, volume, NPS and CES, an agent's
 * page): the built app in the local Zendesk's workspace, in Chromium, each number on screen checked
 * against the CLI's JSON for the same account, period, zone and settings; screenshots in English
 * and Persian.
 */

type CliViews = Pick<Report, 'backlog_health' | 'arrivals' | 'volume' | 'window' | 'nps' | 'ces' | 'agents' | 'team'>;
const format = createFormatters('en-US');
const count = (value: number) => format.number(value, 0);

if (!HAVE_CHROMIUM) {
  describe('work views end to end', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
}

describe.skipIf(!HAVE_CHROMIUM)('work views end to end', () => {
  let local: StartedLocalZendesk;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  let resetting: ReturnType<typeof setInterval> | undefined;

  beforeAll(async () => {
    await ensureAppBuild();
    // Small enough that an admin's event streams are a few pages: the exports allow 10 requests a
    // minute each, this Zendesk's minute lasts a thousand real ones, and its limits are reset every
    // 2 s, so neither the app's pull nor the CLI's waits out a minute of this clock.
    local = await startLocalZendesk({
      port: 0,
      seed: 7,
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
    resetting = setInterval(() => void fetch(`${local.emulator.url}/__emulator/limits`, { method: 'DELETE' }), 2_000);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    clearInterval(resetting);
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await local?.emulator.close();
  });

  /** A fresh profile (no cached report) on the report page, in the language given. */
  async function openReport(locale = 'en'): Promise<{ page: Page; frame: Frame }> {
    expect((await fetch(`${local.emulator.url}/__emulator/limits`, { method: 'DELETE' })).status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' });
    contexts.push(context);
    await context.addInitScript((code) => localStorage.setItem('zd-emulator.locale', code), locale);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${local.emulator.url}/agent/apps/support-kpis`);
    const frame = await appFrame(page, REPORT_FRAME);
    await waitForReport(frame);
    await streamsRead(frame);
    await frame.waitForSelector('[data-testid="backlog-total"]', { timeout: 30_000 });
    return { page, frame };
  }

  /** An admin's app reads the event streams after the tickets: the numbers are whole once it has. */
  async function streamsRead(frame: Frame): Promise<void> {
    await expect
      .poll(() => frame.locator('[data-testid="stream-notice"]').count(), { timeout: 120_000, interval: 1_000 })
      .toBe(0);
    await frame.waitForSelector('main.report[aria-busy="false"]', { timeout: 60_000 });
  }

  /**
   * The CLI's report for the same window, with the event streams when the app read them too, and
   * the survey fields the workspace installs the app with (the demo account's).
   */
  async function cliViews(window: { from: string; to: string }, withEvents: boolean): Promise<CliViews> {
    const { surveys } = readSettings(local.data.appSettings());
    const report = (await cliReport(local, local.admin.email, window, [
      ...(withEvents ? ['--include', 'events,sla,csat'] : []),
      ...['--nps-field', String(surveys.npsFieldId), '--ces-field', String(surveys.cesFieldId)],
      ...['--ces-scale', `${surveys.cesScale[0]}-${surveys.cesScale[1]}`],
    ])) as unknown as CliViews;
    expect(report.backlog_health, 'the CLI gives backlog health').toBeDefined();
    return report;
  }

  const text = (frame: Frame, testId: string) =>
    frame
      .locator(`[data-testid="${testId}"]`)
      .textContent({ timeout: 5_000 })
      .then((value) => (value ?? '').trim());

  /** The arrivals table as shown: seven rows of 24 cells' text. */
  const gridCells = (frame: Frame) =>
    frame.$$eval('[data-testid="arrivals-grid"] tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())),
    );

  /** A volume table as shown: per row its key, total and per-bucket counts. */
  async function volumeTable(frame: Frame, dimension: 'type' | 'channel') {
    await frame.locator(`[data-testid="volume-${dimension}-numbers"] summary`).click();
    await frame.waitForSelector(`[data-testid="volume-${dimension}-table"]`);
    return frame.$$eval(`[data-testid="volume-${dimension}-table"]`, ([table]) => ({
      columns: table!.querySelectorAll('thead th').length - 2,
      rows: [...table!.querySelectorAll('tbody tr')].map((row) =>
        [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim()),
      ),
    }));
  }

  function expectedVolume(volume: NonNullable<CliViews['volume']>, dimension: 'type' | 'channel') {
    return volumeChart(volume, dimension).series.map((series) => [
      count(series.total),
      ...series.counts.map((value) => count(value)),
    ]);
  }

  it("shows a manager the CLI's backlog health, arrivals and volume for the last 30 days", async () => {
    const started = performance.now();
    const { page, frame } = await openReport();
    const window = await windowInBrowser(page, 30);
    const estimated = await frame.locator('[data-testid="backlog-estimated"]').count();
    const cli = await cliViews(window, estimated === 0);
    const health = cli.backlog_health!;
    expect(health.estimated).toBe(estimated > 0);
    expect(health.total, 'the seeded account has a backlog').toBeGreaterThan(5);

    // Backlog health.
    expect(await text(frame, 'backlog-total')).toBe(count(health.total));
    expect(await text(frame, 'backlog-new')).toBe(count(health.by_status.new));
    expect(await text(frame, 'backlog-unassigned')).toBe(count(health.unassigned));
    expect(await text(frame, 'backlog-start')).toBe(count(health.start));
    expect(await text(frame, 'backlog-end')).toBe(count(health.end));
    expect(await text(frame, 'backlog-change')).toBe(
      health.change > 0 ? `+${count(health.change)}` : count(health.change),
    );
    for (const [bucket, value] of health.by_age.entries())
      expect(await text(frame, `backlog-age-${bucket}`), `age bucket ${bucket}`).toBe(count(value));
    for (const status of ['new', 'open', 'pending', 'hold'] as const)
      expect(await text(frame, `backlog-status-${status}`), status).toBe(count(health.by_status[status]));
    // Ticket, subject, age; the subjects once read (the table is busy until then), as Zendesk gives them.
    await frame.waitForSelector('[data-testid="backlog-oldest"]:not([aria-busy])');
    const oldest = await frame.$$eval('[data-testid="backlog-oldest"] tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((cell) => (cell.textContent ?? '').trim())),
    );
    const auth = `Basic ${Buffer.from(`${local.admin.email}/token:${API_TOKEN}`).toString('base64')}`;
    const subjects = await Promise.all(
      health.oldest.map(async (ticket) => {
        const response = await fetch(`${local.emulator.url}/api/v2/tickets/${ticket.id}.json`, {
          headers: { authorization: auth },
        });
        return ((await response.json()) as { ticket: { subject: string | null } }).ticket.subject ?? '–';
      }),
    );
    expect(oldest).toEqual(
      health.oldest.map((ticket, index) => [`#${ticket.id}`, subjects[index], format.duration(ticket.age_minutes)]),
    );

    // Arrivals: every cell, created and then the median first reply, and the busiest hours in words.
    const arrivals = cli.arrivals!;
    expect(await gridCells(frame)).toEqual(arrivals.created.map((row) => row.map((value) => count(value))));
    const days = weekdayNames('en-US');
    const hour = hourLabeller('en-US');
    expect(await text(frame, 'arrivals-busiest')).toBe(
      `Busiest hours: ${arrivals.busiest
        .map(
          (cell) =>
            `${days[cell.weekday]} ${hour(cell.hour)}–${hour(cell.hour + 1)} (${count(cell.created)} ticket${cell.created === 1 ? '' : 's'})`,
        )
        .join('; ')}.`,
    );
    await frame.locator('.arrivals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-arrivals') });
    await frame.getByRole('radio', { name: 'Median first reply' }).check();
    await frame.waitForSelector('[data-testid="arrivals-grid"][data-shown="frt"]');
    expect(await gridCells(frame)).toEqual(
      arrivals.frt_median.map((row) => row.map((value) => format.duration(value))),
    );

    // Volume by type and by channel, per day for 30 days.
    const volume = cli.volume!;
    expect(volume.granularity).toBe('day');
    for (const dimension of ['type', 'channel'] as const) {
      const table = await volumeTable(frame, dimension);
      expect(table.columns).toBe(volume.buckets.length);
      expect(table.rows, dimension).toEqual(expectedVolume(volume, dimension));
    }

    // A number opens the tickets behind it: the fullest age bucket's.
    const fullest = health.by_age.indexOf(Math.max(...health.by_age));
    await frame.locator(`[data-testid="backlog-age-${fullest}"]`).click();
    const panel = frame.locator('section.drill-panel');
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(Math.min(100, health.by_age[fullest]!));
    await frame.locator('.backlog-health').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-backlog') });
    await frame.locator('.volume-views').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-volume') });
    expect(pageErrors).toEqual([]);
    console.info(`[e2e] work views, 30 days, app = CLI: ${Math.round(performance.now() - started)} ms`);
  }, 300_000);

  it("shows a manager the CLI's team NPS and CES, and an agent's page from their scorecard row", async () => {
    const { page, frame } = await openReport();
    const window = await windowInBrowser(page, 30);
    const estimated = await frame.locator('[data-testid="backlog-estimated"]').count();
    const cli = await cliViews(window, estimated === 0);
    const nps = cli.nps!;
    const ces = cli.ces!;
    expect(nps.team.n, 'the seeded account has NPS answers in the period').toBeGreaterThan(5);
    expect(ces.team.n, 'and CES answers').toBeGreaterThan(5);

    expect(await text(frame, 'survey-nps-score')).toBe(npsScoreText(nps.team.score, 'en-US'));
    expect(await text(frame, 'survey-nps-n')).toBe(count(nps.team.n));
    for (const group of NPS_GROUPS) {
      expect(await text(frame, `survey-nps-${group}`), group).toBe(count(nps.team[group]));
      expect(await text(frame, `survey-nps-${group}-share`), group).toBe(format.percent(nps.team[group] / nps.team.n));
    }
    expect(await text(frame, 'survey-ces-mean')).toBe(format.number(ces.team.mean, 1));
    expect(await text(frame, 'survey-ces-n')).toBe(count(ces.team.n));
    for (const [index, value] of ces.team.distribution.entries())
      expect(await text(frame, `survey-ces-${ces.scale[0] + index}`), `CES ${ces.scale[0] + index}`).toBe(count(value));
    await frame.locator('[data-testid="survey-scores"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-survey') });

    // The busiest agent other than the viewer (whose page shows first), from their scorecard row.
    const adminId = local.data.users().find((user) => user.email === local.admin.email)!.id;
    const agent = cli.agents
      .filter((row) => row.id !== null && row.id !== adminId && row.name !== null)
      .sort((x, y) => y.solved - x.solved)[0]!;
    expect(agent.solved, 'the busiest agent solved tickets in the period').toBeGreaterThan(0);
    const link = frame.getByRole('button', { name: `Open ${agent.name}'s page` });
    await link.focus();
    await page.screenshot({ path: screenshotPath('7-work-views-scorecard-link') });
    await link.press('Enter');
    const heading = frame.getByRole('heading', { name: `${agent.name}'s page` });
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
    // Scrolled to, in the workspace's own viewport (1000 px high), whether the frame or the page scrolls.
    const box = await heading.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(1000);
    expect(await frame.getByRole('combobox', { name: 'Agent' }).inputValue()).toBe(String(agent.id));
    // Its buckets add up to the agent's scorecard and the team's, as the CLI counts them.
    const solved = await frame.$$eval('[data-testid="agent-trend"] tbody tr', (rows) =>
      rows.map((row) => (row.querySelector('td')?.textContent ?? '').split(' / ').map((part) => part.trim())),
    );
    const sum = (side: 0 | 1) => solved.reduce((total, pair) => total + Number(pair[side]!.replace(/,/g, '')), 0);
    expect(solved).toHaveLength(30);
    expect(sum(0)).toBe(agent.solved);
    expect(sum(1)).toBe(cli.team.solved);
    await page.screenshot({ path: screenshotPath('7-work-views-agent-page') });
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('groups the last 365 days by week, as the CLI does', async () => {
    const { page, frame } = await openReport();
    await frame.getByRole('combobox', { name: 'Period' }).selectOption('last365');
    const now = await page.evaluate(() => Date.now());
    const { current } = periodFor({ preset: 'last365' }, TIME_ZONE, now);
    const window = { from: current.labels[0]!, to: current.labels.at(-1)! };
    const estimated = await frame.locator('[data-testid="backlog-estimated"]').count();
    const cli = await cliViews(window, estimated === 0);
    const volume = cli.volume!;
    expect(volume.granularity).toBe('week');
    await expect.poll(() => text(frame, 'backlog-start')).toBe(count(cli.backlog_health!.start));
    for (const dimension of ['type', 'channel'] as const) {
      const table = await volumeTable(frame, dimension);
      expect(table.columns).toBe(volume.buckets.length);
      expect(table.rows, dimension).toEqual(expectedVolume(volume, dimension));
    }
    expect(await gridCells(frame)).toEqual(cli.arrivals!.created.map((row) => row.map((value) => count(value))));
    await frame.locator('.volume-views').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-year') });
  }, 300_000);

  it('writes the work views in Persian, right to left, with Persian digits', async () => {
    const { page, frame } = await openReport('fa');
    await expect.poll(() => frame.getAttribute('.app-root', 'lang')).toBe('fa');
    const window = await windowInBrowser(page, 30);
    const estimated = await frame.locator('[data-testid="backlog-estimated"]').count();
    const cli = await cliViews(window, estimated === 0);
    const persian = createFormatters('fa');
    expect(await text(frame, 'backlog-total')).toBe(persian.number(cli.backlog_health!.total, 0));
    expect(await text(frame, 'arrivals-busiest')).toContain(weekdayNames('fa')[cli.arrivals!.busiest[0]!.weekday]!);
    await frame.locator('.backlog-health').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-fa-backlog') });
    await frame.locator('.arrivals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-fa-arrivals') });
    await frame.locator('.volume-views').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('7-work-views-fa-volume') });
  }, 300_000);
});
