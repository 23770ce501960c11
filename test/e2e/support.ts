import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium as launchBrowser } from './chromium';
import { createFormatters } from '../../src/app/i18n/formatters';
import { periodFor } from '../../src/app/report/report-period';
import { runCli } from '../../src/cli/main';
import { startLocalZendesk, type StartedLocalZendesk } from '../../src/emulator/main';
import type { MetricBlock } from '../../src/metrics/report-types';

/** Shared by the end-to-end tests: the built app, a small local Zendesk, Chromium, the CLI. */

/** Debian's Chromium unless CHROMIUM_PATH names another build. */
export { CHROMIUM, HAVE_CHROMIUM };
export const SKIP_MESSAGE = `skipped: no ${CHROMIUM} (install it with: apt-get install -y chromium; CI's .ci/run does)`;
export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
export const API_TOKEN = 'e2e';
export const TIME_ZONE = 'America/New_York';

const run = promisify(execFile);

/** `npm run build` when the app's build is missing; one build at a time across test files. */
export async function ensureAppBuild(): Promise<void> {
  const built = () =>
    existsSync(join(ROOT, 'dist', 'assets', 'report.html')) && existsSync(join(ROOT, 'dist', 'assets', 'sidebar.html'));
  if (built()) return;
  await mkdir(join(ROOT, 'test-artifacts'), { recursive: true });
  const lock = join(ROOT, 'test-artifacts', '.e2e-build-lock');
  try {
    await mkdir(lock);
  } catch {
    // Another test file is building: wait for its result.
    const deadline = Date.now() + 180_000;
    while (!built() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    if (!built()) throw new Error('the app build (npm run build, started by another e2e file) did not finish');
    return;
  }
  try {
    await run('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  } finally {
    await rmdir(lock).catch(() => {});
  }
}

/**
 * A small account (1,500 tickets: two pages of the incremental export) whose Zendesk clock starts
 * at the real time (so the browser's Date.now(), which the app's periods use, agrees with it) and
 * then runs a thousand times slower than the wall clock: the account does not change under the
 * tests (no ticket is updated between the app's pull and the CLI's, and the workspace's 15 s
 * re-reads never find a change). The rate limits then count per file, not per minute: each file
 * stays well under the 10 incremental exports a minute.
 */
export async function startSmallZendesk(seed = 5): Promise<StartedLocalZendesk> {
  return startLocalZendesk({
    port: 0,
    seed,
    tickets: 1500,
    days: 45,
    now: Math.floor(Date.now() / 60_000) * 60_000,
    timeScale: 0.001,
    plan: 'enterprise',
    apiToken: API_TOKEN,
    data: null,
    faults: [],
    appDir: 'dist/assets',
  });
}

export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return launchBrowser();
}

export const screenshotPath = (name: string) => join(ARTIFACTS, `${name}.png`);

/** The app frame in an iframe of the workspace page, once attached. */
export async function appFrame(page: Page, selector: string): Promise<Frame> {
  const handle = await page.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  return frame;
}

export const REPORT_FRAME = 'iframe[data-location="nav_bar"]';
export const sidebarFrameSelector = (ticketId: number) =>
  `.ticket-view[data-ticket-id="${ticketId}"] iframe[data-location="ticket_sidebar"]`;

/** Waits until the report has finished reading the account and shows its tiles. */
export async function waitForReport(frame: Frame, timeout = 100_000): Promise<void> {
  await frame.waitForSelector('main.report[aria-busy="false"] [data-testid="kpi-created"]', { timeout });
}

/** The seven KPIs the tests compare, as the report shows them. */
export const COMPARED_TILES = ['frt', 'csat', 'created', 'solved', 'backlog', 'fcr', 'escalation'] as const;
export type TileTexts = Record<(typeof COMPARED_TILES)[number], string>;

export async function readTiles(frame: Frame): Promise<TileTexts> {
  const entries = await Promise.all(
    COMPARED_TILES.map(
      async (key) =>
        [
          key,
          ((await frame.locator(`[data-testid="kpi-${key}"]`).textContent({ timeout: 5_000 })) ?? '').trim(),
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as TileTexts;
}

/** The same KPIs from the CLI's JSON, formatted the way the app formats them in en-US. */
export function tilesFromCli(team: MetricBlock): TileTexts {
  const format = createFormatters('en-US');
  return {
    frt: format.duration(team.frt.median),
    csat: format.percent(team.csat.rate),
    created: format.number(team.created, 0),
    solved: format.number(team.solved, 0),
    backlog: format.number(team.backlog, 0),
    fcr: format.percent(team.fcr.rate),
    escalation: format.percent(team.escalation.rate),
  };
}

/** "Last 30 days" (or 7) as the app computes it from the browser's clock, as --from/--to days. */
export async function windowInBrowser(
  page: Page,
  days: 7 | 30,
  timeZone = TIME_ZONE,
): Promise<{ from: string; to: string }> {
  const now = await page.evaluate(() => Date.now());
  const { current } = periodFor({ preset: days === 7 ? 'last7' : 'last30' }, timeZone, now);
  return { from: current.labels[0]!, to: current.labels.at(-1)! };
}

export interface CliReport {
  team: MetricBlock;
  agents: (MetricBlock & { id: number | null; name: string | null })[];
}

/** `support-kpis report --format json` against the local Zendesk, as the given staff member. */
export async function cliReport(
  local: StartedLocalZendesk,
  email: string,
  window: { from: string; to: string },
  extra: string[] = [],
): Promise<CliReport> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    [
      'report',
      '--url',
      local.emulator.url,
      '--from',
      window.from,
      '--to',
      window.to,
      '--tz',
      TIME_ZONE,
      '--format',
      'json',
      '--no-cache',
      ...extra,
    ],
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: { ZENDESK_EMAIL: email, ZENDESK_API_TOKEN: API_TOKEN },
    },
  );
  expect(code, `support-kpis report failed: ${stderr}`).toBe(0);
  return JSON.parse(stdout) as CliReport;
}

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
export function luminance(color: string): number {
  const match = /rgba?\(([^)]+)\)/.exec(color);
  if (!match) throw new Error(`not an rgb colour: ${color}`);
  const [r, g, b] = match[1]!
    .split(/[\s,/]+/)
    .filter(Boolean)
    .slice(0, 3)
    .map(Number)
    .map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
