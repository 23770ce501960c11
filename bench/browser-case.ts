import { build } from 'esbuild';
import type { Browser, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { pullAccount } from '../src/zendesk/account-pull';
import { MemorySnapshotStore } from '../src/zendesk/account-snapshot';
import { ScaledClock } from '../src/zendesk/clock';
import { FetchTransport } from '../src/zendesk/node/fetch-transport';
import { RequestScheduler } from '../src/zendesk/request-scheduler';
import { startLocalZendeskProcess, type LocalZendeskProcess } from './local-zendesk-process';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium } from '../test/e2e/chromium';

/**
 * In Chromium against the local Zendesk (in its own process), using the performance marks the app
 * sets. Needs the app build (npm run build) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 * Prints one JSON line.
 *
 * Usage: browser-case.ts sidebar TICKETS | report TICKETS | report-cache TICKETS
 * - sidebar: time from `app.registered` to the first number, with a cold cache (the first ticket)
 *   and a warm one (five more tickets, each in a fresh frame), and where the warm time goes.
 * - report: the first number on a first load (the recent stretch is read first); then, with the
 *   account in the cache (pulled once in Node, as an earlier visit would have left it), the first
 *   number, the frame's live JS heap, and filter changes timed inside the page from the change
 *   event to the next frame painted.
 * - report-cache: the same from a cache of TICKETS tickets written in the cache's own format, the
 *   local Zendesk holding 2,000 (see reportCacheCase).
 */
const [mode, ticketArg] = [process.argv[2] ?? 'sidebar', process.argv[3] ?? '20000'];
const tickets = Number(ticketArg);
if (!HAVE_CHROMIUM || !existsSync('dist/assets/sidebar.html')) {
  process.stdout.write(`${JSON.stringify({ skipped: `needs ${CHROMIUM} and the app build (npm run build)` })}\n`);
  process.exit(0);
}

const now = Date.parse('2026-11-22T12:00:00Z');
/** The report case pulls the whole account once in Node: at 5× its rate limits pass five times faster. */
const scale = mode === 'sidebar' ? 1 : 5;
const local = await startLocalZendeskProcess({
  port: 0,
  seed: 1,
  tickets: mode === 'report-cache' ? 2_000 : tickets,
  days: 120,
  now,
  timeScale: scale,
  plan: 'enterprise',
  apiToken: 'bench',
  data: null,
  faults: [],
  appDir: 'dist/assets',
});

function launchBrowser(): Promise<Browser> {
  return launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
}

async function appFrame(page: Page, file: string): Promise<Frame> {
  for (let i = 0; i < 600; i++) {
    const frame = page.frames().find((candidate) => candidate.url().includes(file));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error(`no ${file} frame`);
}

// Page functions are strings: the TypeScript loader's helpers do not exist inside the page.
const SINCE_REGISTERED = `(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const registered = at('support-kpis:registered');
  const since = (name) => (registered === null || at(name) === null ? null : at(name) - registered);
  return { firstNumber: since('support-kpis:first-number'), session: since('support-kpis:session'), cacheRead: since('support-kpis:cache-read') };
})()`;

async function firstNumberMs(
  frame: Frame,
  timeoutMs: number,
): Promise<{ firstNumber: number; session: number | null; cacheRead: number | null }> {
  await frame.waitForFunction(`${SINCE_REGISTERED}.firstNumber !== null`, undefined, {
    timeout: timeoutMs,
    polling: 20,
  });
  return (await frame.evaluate(SINCE_REGISTERED)) as {
    firstNumber: number;
    session: number | null;
    cacheRead: number | null;
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function sidebarCase(browser: Browser, local: LocalZendeskProcess): Promise<Record<string, number>> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const ids = local.visibleTicketIds;
  await page.goto(`${local.workspaceUrl}tickets/${ids[0]}`);
  const cold = await firstNumberMs(await appFrame(page, 'sidebar.html'), 600_000);
  const warm: { firstNumber: number; session: number | null; cacheRead: number | null }[] = [];
  for (let index = 1; index < ids.length; index++) {
    await page.goto(`${local.workspaceUrl}tickets/${ids[index]}`);
    warm.push(await firstNumberMs(await appFrame(page, 'sidebar.html'), 60_000));
  }
  await page.close();
  return {
    tickets: local.visibleTickets,
    sidebarColdMs: cold.firstNumber,
    sidebarWarmMs: median(warm.map((run) => run.firstNumber)),
    sidebarWarmWorstMs: Math.max(...warm.map((run) => run.firstNumber)),
    sidebarWarmRuns: warm.length,
    sidebarWarmSessionMs: median(warm.map((run) => run.session ?? Number.NaN)),
    sidebarWarmCacheReadMs: median(warm.map((run) => run.cacheRead ?? Number.NaN)),
  };
}

const LIVE_HEAP_MB = `(() => { globalThis.gc?.(); return performance.memory.usedJSHeapSize / 1048576; })()`;

/** Changes the Channel filter to each of its values and back, timing each to the next painted frame. */
const FILTER_CHANGES = `(async () => {
  const label = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent === 'Channel');
  const select = label && document.getElementById(label.htmlFor);
  if (!select) throw new Error('no Channel filter');
  const values = [...select.options].map((option) => option.value);
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const timings = [];
  for (const value of [...values.slice(1), values[0], ...values.slice(1, 3), values[0]]) {
    await painted();
    const started = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await painted();
    timings.push(performance.now() - started);
  }
  return timings;
})()`;

/** The snapshot's key in the cache is the app's own: read from the checkpoint the report's load saves. */
async function savedKey(page: Page, frame: Frame): Promise<string> {
  let key: string | null = null;
  for (let attempt = 0; key === null && attempt < 240; attempt++) {
    if (attempt > 0) await page.waitForTimeout(500);
    key = (await frame.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('support-kpis', 1);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('snapshots')) return resolve(null);
        const keys = db.transaction('snapshots').objectStore('snapshots').getAllKeys();
        keys.onsuccess = () => resolve(keys.result[0] ?? null);
      };
      open.onerror = () => resolve(null);
    })`)) as string | null;
  }
  if (key === null) throw new Error('the report saved no snapshot in two minutes');
  return key;
}

async function reportCase(browser: Browser, local: LocalZendeskProcess): Promise<Record<string, number>> {
  const result: Record<string, number> = { reportTickets: local.visibleTickets };
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${local.workspaceUrl}apps/support-kpis`);
  let frame = await appFrame(page, 'report.html');
  result['reportColdFirstNumberMs'] = (await firstNumberMs(frame, 600_000)).firstNumber;
  // And when the default period is whole (this period's stretch read to its end).
  await frame.waitForFunction(() => performance.getEntriesByName('support-kpis:period-whole').length > 0, undefined, {
    timeout: 900_000,
    polling: 200,
  });
  result['reportColdPeriodWholeMs'] = (await frame.evaluate(`(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    return at('support-kpis:period-whole') - at('support-kpis:registered');
  })()`)) as number;
  const key = await savedKey(page, frame);
  await page.goto('about:blank');

  // The account as an earlier visit would have left it in the cache: pulled in Node at the
  // emulator's pace, stored under the app's key, then read back by the app.
  const clock = new ScaledClock(local.clockNow, scale);
  const transport = new FetchTransport({
    baseUrl: local.url,
    credentials: { kind: 'api-token', email: local.adminEmail, token: 'bench' },
  });
  const store = new MemorySnapshotStore();
  const pulled = await pullAccount({
    scheduler: new RequestScheduler(transport, { clock }),
    mode: 'admin',
    store,
    clock,
  });
  const snapshot = JSON.stringify({ ...pulled.snapshot, accountKey: key, updatedAt: Date.now() });
  await page.route('**/__bench/snapshot.json', (route) =>
    route.fulfill({ body: snapshot, contentType: 'application/json' }),
  );
  await page.goto(`${local.workspaceUrl}apps/support-kpis`);
  frame = await appFrame(page, 'report.html');
  await frame.evaluate(`(async () => {
    const snapshot = await (await fetch('/__bench/snapshot.json')).json();
    const db = await new Promise((resolve, reject) => { const open = indexedDB.open('support-kpis', 1); open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
    await new Promise((resolve, reject) => { const tx = db.transaction('snapshots', 'readwrite'); tx.objectStore('snapshots').put(snapshot, snapshot.accountKey); tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  })()`);
  // Twice: the first load reads the stored records and saves its refresh the app's own way
  // (columns); the second is what every later visit does.
  for (const pass of ['Records', 'Warm']) {
    await page.goto(`${local.workspaceUrl}apps/support-kpis`);
    frame = await appFrame(page, 'report.html');
    result[`report${pass}FirstNumberMs`] = (await firstNumberMs(frame, 120_000)).firstNumber;
    await frame.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'), undefined, {
      timeout: 300_000,
      polling: 100,
    });
    await page.waitForTimeout(1000);
  }
  result['reportHeapMb'] = (await frame.evaluate(LIVE_HEAP_MB)) as number;
  const filterTimings = (await frame.evaluate(FILTER_CHANGES)) as number[];
  result['reportFilterChangeMedianMs'] = median(filterTimings);
  result['reportFilterChangeWorstMs'] = Math.max(...filterTimings);
  result['reportFilterChanges'] = filterTimings.length;
  result['reportHeapAfterFiltersMb'] = (await frame.evaluate(LIVE_HEAP_MB)) as number;
  await page.close();
  return result;
}

/** Since `support-kpis:registered`, when the full report (from the records) first showed the period whole. */
const PERIOD_WHOLE_MS = `(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const whole = at('support-kpis:period-whole');
  return whole === null ? null : whole - at('support-kpis:registered');
})()`;

/**
 * The report on an account of COUNT tickets in the cache, written in the cache's own format by the
 * app's own store (report-cache-page.ts): the local Zendesk holds a small account, whose snapshot
 * the report saves; the synthetic tickets are added to that snapshot, so the report's refresh
 * after the load finds nothing new. Then each visit: the first number (the tiles from the cached
 * columns), the full report, the live heap, and filter changes to the next painted frame.
 */
async function reportCacheCase(browser: Browser, local: LocalZendeskProcess, count: number) {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'report-cache-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${local.workspaceUrl}apps/support-kpis`);
  let frame = await appFrame(page, 'report.html');
  // The small account read whole, its event streams too: the snapshot then holds every cursor at its end.
  await frame.waitForFunction(
    () =>
      performance.getEntriesByName('support-kpis:period-whole').length > 0 &&
      !document.querySelector('[data-testid="stream-notice"]') &&
      !document.querySelector('main[aria-busy="true"]'),
    undefined,
    { timeout: 900_000, polling: 500 },
  );
  const key = await savedKey(page, frame);
  // The app's page on its own origin with no Zendesk around it: it waits for a parent that never
  // answers and saves nothing, while the planting writes to the same IndexedDB.
  await page.goto(frame.url());
  await page.evaluate(bundle.outputFiles[0]!.text);
  const planted = (await page.evaluate(
    ([name, n]) =>
      (
        globalThis as unknown as { benchCache: { plant(key: string, count: number): Promise<unknown> } }
      ).benchCache.plant(name as string, n as number),
    [key, count] as const,
  )) as { tickets: number; ms: number };
  await page.goto('about:blank');

  const result: Record<string, number> = { cacheTickets: planted.tickets, cachePlantMs: planted.ms };
  // Twice: the second visit is what every later one does (the first's refresh saved the snapshot again).
  for (const pass of ['First', 'Later']) {
    await page.goto(`${local.workspaceUrl}apps/support-kpis`);
    frame = await appFrame(page, 'report.html');
    result[`cache${pass}FirstNumberMs`] = (await firstNumberMs(frame, 300_000)).firstNumber;
    await frame.waitForFunction(`${PERIOD_WHOLE_MS} !== null`, undefined, { timeout: 300_000, polling: 50 });
    result[`cache${pass}FullReportMs`] = (await frame.evaluate(PERIOD_WHOLE_MS)) as number;
    await frame.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'), undefined, {
      timeout: 600_000,
      polling: 100,
    });
    await page.waitForTimeout(1000);
  }
  result['cacheHeapMb'] = (await frame.evaluate(LIVE_HEAP_MB)) as number;
  const filterTimings = (await frame.evaluate(FILTER_CHANGES)) as number[];
  result['cacheFilterChangeMedianMs'] = median(filterTimings);
  result['cacheFilterChangeWorstMs'] = Math.max(...filterTimings);
  result['cacheFilterChanges'] = filterTimings.length;
  result['cacheHeapAfterFiltersMb'] = (await frame.evaluate(LIVE_HEAP_MB)) as number;
  await page.close();
  return result;
}

let result: Record<string, number>;
let browser: Browser | null = null;
try {
  browser = await launchBrowser();
  result =
    mode === 'report'
      ? await reportCase(browser, local)
      : mode === 'report-cache'
        ? await reportCacheCase(browser, local, tickets)
        : await sidebarCase(browser, local);
} finally {
  await browser?.close();
  await local.close();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
