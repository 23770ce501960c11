import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, HAVE_CHROMIUM } from '../test/e2e/chromium';

/**
 * The cache at COUNT tickets in Chromium's own IndexedDB: the app's store writes the synthetic
 * account (tickets in columns); the browser closes; its IndexedDB files are measured on disk; a new
 * browser on the same profile reads the value back (columns straight to the scorecards, and the
 * app's load into records). Prints one JSON line. Usage: indexeddb-cache-case.ts COUNT
 */
const count = Number(process.argv[2] ?? 1_000_000);
if (!HAVE_CHROMIUM) {
  process.stdout.write(`${JSON.stringify({ skipped: `needs ${CHROMIUM}` })}\n`);
  process.exit(0);
}

const bundle = await build({
  entryPoints: [join(import.meta.dirname, 'indexeddb-cache-page.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  write: false,
});
const script = bundle.outputFiles[0]!.text;
const server = createServer((request, response) => {
  if (request.url === '/page.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/page.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const profile = mkdtempSync(join(tmpdir(), 'support-kpis-idb-'));

// The flags of test/e2e/chromium.ts; a profile of our own needs a persistent context.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
async function inPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in globalThis);
    return await run(page);
  } finally {
    await context.close();
  }
}

/** Bytes of every file under `path`. */
function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

type Bench = {
  write(count: number): Promise<number>;
  read(count: number): Promise<{ getMs: number; columnarFirstNumberMs: number; recordsLoadMs: number }>;
};
try {
  const writeMs = await inPage((page) =>
    page.evaluate((n) => (globalThis as unknown as { bench: Bench }).bench.write(n), count),
  );
  const indexedDbDir = join(profile, 'Default', 'IndexedDB');
  const indexedDbBytes = sizeOf(indexedDbDir);
  const read = await inPage((page) =>
    page.evaluate((n) => (globalThis as unknown as { bench: Bench }).bench.read(n), count),
  );
  process.stdout.write(`${JSON.stringify({ tickets: count, writeMs, indexedDbBytes, ...read })}\n`);
} finally {
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
