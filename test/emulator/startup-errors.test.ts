import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isEntryPoint } from '../../src/emulator/main';

const ROOT = resolve(import.meta.dirname, '../..');

/** `npm start -- ARGS` without npm: the same script through tsx, its exit code and output. */
function start(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/emulator/main.ts'), ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

describe('npm start refuses what it cannot start with one line and exit 2', () => {
  it.each([
    [['--data', '/nonexistent'], /^local zendesk: --data: \/nonexistent does not exist$/],
    [['--port', 'abc'], /^local zendesk: --port must be a whole number/],
    [['--no-such-flag'], /^local zendesk: .*--no-such-flag/],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await start(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });
});

describe('isEntryPoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a checkout with spaces '));
  const script = join(dir, 'main file.mjs');
  writeFileSync(script, '');
  symlinkSync(script, join(dir, 'link.mjs'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows the started script in a path with spaces (its URL has %20)', () => {
    expect(pathToFileURL(script).href).toContain('%20');
    expect(isEntryPoint(pathToFileURL(script).href, script)).toBe(true);
  });

  it('knows it through a symlink, and tells another script apart', () => {
    expect(isEntryPoint(pathToFileURL(script).href, join(dir, 'link.mjs'))).toBe(true);
    expect(isEntryPoint(pathToFileURL(script).href, join(dir, 'other.mjs'))).toBe(false);
    expect(isEntryPoint(pathToFileURL(script).href, undefined)).toBe(false);
  });
});
