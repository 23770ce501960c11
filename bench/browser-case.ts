import { chromium, type Frame, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startLocalZendesk } from '../src/emulator/main';

/**
 * In Chromium against the local Zendesk: time from `app.registered` to the first number on screen
 * (performance marks the app sets), for the sidebar with a cold and a warm cache and for the report,
 * plus the report frame's JS heap. Needs the app build (npm run build) and /usr/bin/chromium.
 * Prints one JSON line.
 */
const tickets = Number(process.argv[2] ?? 20_000);
if (!existsSync('/usr/bin/chromium') || !existsSync('assets/sidebar.html')) {
  process.stdout.write(`${JSON.stringify({ skipped: 'needs /usr/bin/chromium and the app build (npm run build)' })}\n`);
  process.exit(0);
}
const now = Date.parse('2026-11-22T12:00:00Z');
const local = await startLocalZendesk({ port: 0, seed: 1, tickets, days: 120, now, timeScale: 1, plan: 'enterprise', apiToken: 'bench', data: null, faults: [], appDir: 'assets' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});

async function appFrame(page: Page, file: string, index: number): Promise<Frame> {
  for (let i = 0; i < 600; i++) {
    const frames = page.frames().filter((frame) => frame.url().includes(file));
    if (frames.length > index) return frames[index]!;
    await page.waitForTimeout(50);
  }
  throw new Error(`no ${file} frame`);
}

async function firstNumberMs(frame: Frame, timeoutMs: number): Promise<number> {
  const handle = await frame.waitForFunction(
    () => {
      const registered = performance.getEntriesByName('support-kpis:registered')[0];
      const first = performance.getEntriesByName('support-kpis:first-number')[0];
      return registered && first ? first.startTime - registered.startTime : null;
    },
    undefined,
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

const workspace = local.workspace.url;
const visible = local.data.allTickets(local.clock.now()).filter((version) => version.ticket['status'] !== 'deleted');
const [first, second] = [visible[visible.length - 10]!.id, visible[visible.length - 20]!.id];
const result: Record<string, number | string> = { tickets: visible.length };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${workspace}tickets/${first}`);
  result['sidebarColdMs'] = await firstNumberMs(await appFrame(page, 'sidebar.html', 0), 600_000);
  await page.goto(`${workspace}tickets/${second}`);
  const warmFrame = await appFrame(page, 'sidebar.html', 0);
  result['sidebarWarmMs'] = await firstNumberMs(warmFrame, 60_000);
  // Where the warm start's time goes, from app.registered: the session read, the cache read.
  // A string, not a function: the TypeScript loader's helpers do not exist inside the page.
  const marks = (await warmFrame.evaluate(`(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const registered = at('support-kpis:registered');
    return { session: at('support-kpis:session') - registered, cacheRead: at('support-kpis:cache-read') - registered };
  })()`)) as { session: number; cacheRead: number };
  result['sidebarWarmSessionMs'] = marks.session;
  result['sidebarWarmCacheReadMs'] = marks.cacheRead;
  await page.goto(`${workspace}apps/support-kpis`);
  const report = await appFrame(page, 'report.html', 0);
  result['reportFirstNumberMs'] = await firstNumberMs(report, 900_000);
  await report.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'), undefined, { timeout: 900_000, polling: 200 });
  result['reportHeapMb'] = await report.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1_048_576);
} finally {
  await browser.close();
  await local.emulator.close();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
