/**
 * Builds, validates and zips the app: build/support-kpis-<version>.zip holding exactly the package
 * folder dist/ (manifest.json, translations/*.json, assets/**: the built pages and bundles, the
 * logos, the nav-bar icon, the screenshots). The zip goes outside dist/ so zcli never packs it.
 * Run: npm run package   (npm run package -- --skip-build to zip what dist/ holds now)
 *
 * With ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN set, Zendesk checks it too: zcli
 * apps:validate, then apps:package (both call the account's validate endpoint).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const packageDir = join(root, 'dist');
const input = readAppDir(packageDir);
const report = (zipSize?: number) => {
  const issues = validateApp({ ...input, ...(zipSize !== undefined ? { zipSize } : {}) });
  for (const issue of issues) console.log(formatIssue(issue));
  return errorsOf(issues);
};
if (report().length > 0) fail('Validation failed; no package written.');

const manifest = JSON.parse(input.manifest as string) as { version: string };
const zip = writeZip(input.files.map((f) => ({ name: f.path, data: readFileSync(join(packageDir, f.path)) })));
const zipErrors = errorsOf(validateApp({ ...input, zipSize: zip.length }));
if (zipErrors.length > 0) fail(zipErrors.map(formatIssue).join('\n'));
const out = join(root, 'build', `support-kpis-${manifest.version}.zip`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);
console.log(`Wrote ${out} (${input.files.length} files, ${zip.length} bytes)`);

const env = process.env;
if (!(env.ZENDESK_SUBDOMAIN && env.ZENDESK_EMAIL && env.ZENDESK_API_TOKEN)) {
  console.log('zcli skipped: ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN are not all set.');
} else {
  // zcli reads the credentials from these variables; they are passed on, never printed. It zips
  // the whole folder it is given, which is why the package folder holds nothing but the package.
  for (const command of ['apps:validate', 'apps:package']) {
    const result = spawnSync('npx', ['--no-install', 'zcli', command, packageDir], { cwd: root, stdio: 'inherit' });
    console.log(`zcli ${command}: ${result.status === 0 ? 'passed' : `failed (exit ${result.status})`}`);
    if (result.status !== 0) {
      process.exitCode = 1;
      break;
    }
  }
}
