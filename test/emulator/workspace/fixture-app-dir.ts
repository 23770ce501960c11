import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The fixture app as an app package in a temporary directory: manifest.json beside assets/, which
 * holds sidebar.html, report.html, the nav-bar icon and fixture-app.js (the real SDK bundled in).
 * Returns the assets directory, for `--app-dir`.
 */
export async function buildFixtureApp(): Promise<string> {
  const source = join(dirname(fileURLToPath(import.meta.url)), 'fixture');
  const root = await mkdtemp(join(tmpdir(), 'workspace-fixture-'));
  const assets = join(root, 'assets');
  await mkdir(assets);
  await build({
    entryPoints: [join(source, 'fixture-app.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    outfile: join(assets, 'fixture-app.js'),
    logLevel: 'silent',
  });
  await copyFile(join(source, 'manifest.json'), join(root, 'manifest.json'));
  for (const file of ['sidebar.html', 'report.html', 'icon_nav_bar.svg'])
    await copyFile(join(source, file), join(assets, file));
  return assets;
}
