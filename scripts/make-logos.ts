/**
 * Draws the app's images into assets/:
 *   - icon_nav_bar.svg: the nav-bar icon, monochrome in currentColor (Zendesk colours nav-bar icons
 *     itself for the normal, hover and selected states);
 *   - logo.png 320×320 and logo-small.png 128×128 (Zendesk "Create app brand assets": square, no
 *     rounded corners, Zendesk rounds them), rendered from SVG by Chromium at exact size.
 * Run: npx tsx scripts/make-logos.ts   (needs Chromium: CHROMIUM_PATH, default /usr/bin/chromium)
 * The outputs are committed; this script is how they were made.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { readPngSize } from '../src/package/validate-app';

const root = resolve(import.meta.dirname, '..');

/** The mark on an 18×18 grid: three ascending bars and a rising trend line above them. */
function mark(bar: string, line: string, strokeWidth: number): string {
  return [
    `<rect x="1.5" y="11" width="3.5" height="5.5" rx="0.6" fill="${bar}"/>`,
    `<rect x="7.25" y="8" width="3.5" height="8.5" rx="0.6" fill="${bar}"/>`,
    `<rect x="13" y="5" width="3.5" height="11.5" rx="0.6" fill="${bar}"/>`,
    `<polyline points="1.5,7.5 6.5,3.75 10,5.25 16.5,1.25" fill="none" stroke="${line}" stroke-width="${strokeWidth}" stroke-linecap="round" stroke-linejoin="round"/>`,
  ].join('');
}

export const NAV_BAR_ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 18 18">${mark('currentColor', 'currentColor', 1.5)}</svg>\n`;

function logoSvg(size: number): string {
  // Full-bleed background; the mark in the middle 60%.
  const scale = (size * 0.6) / 18;
  const offset = size * 0.2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="#17494D"/>` +
    `<g transform="translate(${offset} ${offset + scale * 0.5}) scale(${scale})">${mark('#FFFFFF', '#F79A3E', 1.6)}</g>` +
    `</svg>`
  );
}

async function main(): Promise<void> {
  writeFileSync(resolve(root, 'assets/icon_nav_bar.svg'), NAV_BAR_ICON);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (const { file, size } of [
      { file: 'assets/logo.png', size: 320 },
      { file: 'assets/logo-small.png', size: 128 },
    ]) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<!doctype html><html><body style="margin:0">${logoSvg(size)}</body></html>`);
      const png = await page.locator('svg').screenshot({ type: 'png', omitBackground: true });
      const got = readPngSize(png);
      if (!got || got.width !== size || got.height !== size)
        throw new Error(`${file}: rendered ${got?.width}×${got?.height}, wanted ${size}×${size}`);
      writeFileSync(resolve(root, file), png);
      console.log(`${file}: ${size}×${size}, ${png.length} bytes`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log('assets/icon_nav_bar.svg written');
}

await main();
