import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The CLI as a user gets it: `npm pack`, then an install of the tarball with production
 * dependencies only, in an empty folder. Slow (a real install from the registry), so one pack and
 * one install for every check.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/cli-package');
const run = promisify(execFile);
const MINUTES = 60_000;

let work: string;
let installed: string;
let tarballFiles: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cli-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    timeout: 3 * MINUTES,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarballFiles = packed!.files.map((f) => f.path).sort();
  installed = join(work, 'user');
  await run('mkdir', [installed]);
  writeFileSync(join(installed, 'package.json'), '{ "private": true }\n');
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(work, packed!.filename)], {
    cwd: installed,
    timeout: 8 * MINUTES,
  });
}, 12 * MINUTES);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  run(join(installed, 'node_modules/.bin/support-kpis'), args, { cwd: installed, timeout: 2 * MINUTES });

describe('the packed CLI', () => {
  it('holds the compiled CLI and no sources, tests or test data', () => {
    expect(tarballFiles).toEqual(['README.md', 'bin/support-kpis.js', 'lib/cli.js', 'package.json']);
  });

  it('depends on exactly the npm packages the compiled CLI imports', () => {
    const bundle = readFileSync(join(installed, 'node_modules/support-kpis/lib/cli.js'), 'utf8');
    const imported = new Set(
      [
        // esbuild writes static imports one a line at the top level, and dynamic ones as import("x").
        ...bundle.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"([^"]+)";$/gm),
        ...bundle.matchAll(/\bimport\("([^"]+)"\)/g),
      ]
        .map((m) => m[1]!)
        .filter((name) => !name.startsWith('node:') && !name.startsWith('.'))
        .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!)),
    );
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect([...imported].sort()).toEqual(Object.keys(manifest.dependencies).sort());
  });

  it('installs without React, Garden, the app SDK or tsx', () => {
    for (const name of ['react', '@zendeskgarden', 'zendesk_app_framework_sdk', 'tsx', 'typescript'])
      expect(existsSync(join(installed, 'node_modules', name)), name).toBe(false);
  });

  it('runs --help', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toMatch(/^Usage: support-kpis <command>/);
  });

  it('reports on saved responses', async () => {
    const { stdout } = await cli([
      'report',
      '--input',
      FIXTURE,
      '--from',
      '2026-10-12',
      '--to',
      '2026-10-31',
      '--format',
      'json',
    ]);
    const report = JSON.parse(stdout) as { team: { created: number; solved: number; backlog: number } };
    expect(report.team).toMatchObject({ created: 46, solved: 41, backlog: 5 });
  });
});
