import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The package folder `npm run build` writes, as zcli serves and packages it. */
export const PACKAGE_DIR = join(ROOT, 'dist');

/** The package folder, built first when a page is missing (`npm test` builds before vitest). */
export async function builtPackageDir(): Promise<string> {
  const pages = ['assets/sidebar.html', 'assets/report.html', 'manifest.json'];
  if (!pages.every((page) => existsSync(join(PACKAGE_DIR, page))))
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
  return PACKAGE_DIR;
}
