/**
 * Builds, validates and zips the app: dist/support-kpis-<version>.zip holding exactly manifest.json,
 * translations/*.json and assets/** (the built pages and bundles, the logos, the nav-bar icon).
 * Run: npm run package   (npm run package -- --skip-build to zip what assets/ holds now)
 *
 * If ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN are set and zcli is installed, the
 * package is also checked by Zendesk (`zcli apps:validate` on a directory holding only the package's
 * files; zcli zips a whole directory, so it is not run on the project root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readAppDir } from '../src/package/read-app';
import { errorsOf, formatIssue, validateApp } from '../src/package/validate-app';
import { writeZip } from '../src/package/zip';

const root = resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!process.argv.includes('--skip-build')) {
  console.log('> npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const input = readAppDir(root);
const report = (zipSize?: number) => {
  const issues = validateApp({ ...input, ...(zipSize !== undefined ? { zipSize } : {}) });
  for (const issue of issues) console.log(formatIssue(issue));
  return errorsOf(issues);
};
if (report().length > 0) fail('Validation failed; no package written.');

const manifest = JSON.parse(input.manifest as string) as { version: string };
const zip = writeZip(input.files.map((f) => ({ name: f.path, data: readFileSync(join(root, f.path)) })));
const zipErrors = errorsOf(validateApp({ ...input, zipSize: zip.length }));
if (zipErrors.length > 0) fail(zipErrors.map(formatIssue).join('\n'));
const out = join(root, 'dist', `support-kpis-${manifest.version}.zip`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);
console.log(`Wrote ${out} (${input.files.length} files, ${zip.length} bytes)`);

const env = process.env;
if (!(env.ZENDESK_SUBDOMAIN && env.ZENDESK_EMAIL && env.ZENDESK_API_TOKEN)) {
  console.log('zcli apps:validate skipped: ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN are not all set.');
} else if (spawnSync('npx', ['--no-install', 'zcli', '--version'], { cwd: root, stdio: 'ignore' }).status !== 0) {
  console.log('zcli apps:validate skipped: zcli is not installed (npm install -D @zendesk/zcli).');
} else {
  // zcli reads the credentials from these variables; they are passed on, never printed.
  const stage = mkdtempSync(join(tmpdir(), 'support-kpis-package-'));
  try {
    for (const f of input.files) {
      mkdirSync(dirname(join(stage, f.path)), { recursive: true });
      writeFileSync(join(stage, f.path), readFileSync(join(root, f.path)));
    }
    const result = spawnSync('npx', ['--no-install', 'zcli', 'apps:validate', stage], { cwd: root, encoding: 'utf8' });
    console.log(`zcli apps:validate: ${result.status === 0 ? 'passed' : `failed (exit ${result.status})`}`);
    if (result.stdout) console.log(result.stdout.trim());
    if (result.stderr) console.log(result.stderr.trim());
    if (result.status !== 0) process.exitCode = 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
