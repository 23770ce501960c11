import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInputFiles, SavedResponsesPathError } from '../../../src/zendesk/node/saved-response-files';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saved-responses-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PAGE = { tickets: [], end_time: 1, next_page: null };

describe('readInputFiles on odd files', () => {
  it('reads a file that starts with a UTF-8 byte-order mark', async () => {
    await writeFile(join(dir, 'page.json'), `\uFEFF${JSON.stringify(PAGE)}`);
    const files = await readInputFiles(dir);
    expect(files.warnings).toEqual([]);
    expect(files.sources.map((source) => source.body)).toEqual([PAGE]);
  });

  it('follows links to files and directories, reads a looped directory once, and names broken links', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'page.json'), JSON.stringify(PAGE));
    await symlink(join(dir, 'real', 'page.json'), join(dir, 'linked.json'));
    await symlink(dir, join(dir, 'real', 'loop'));
    await symlink(join(dir, 'gone.json'), join(dir, 'broken.json'));
    const files = await readInputFiles(dir);

    expect(files.sources.map((source) => source.name).sort()).toEqual(
      [join(dir, 'linked.json'), join(dir, 'real', 'page.json')].sort(),
    );
    expect([...files.warnings].sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { source: join(dir, 'broken.json'), recordId: null, message: 'skipped: a symbolic link to nothing' },
      { source: join(dir, 'real', 'loop'), recordId: null, message: 'skipped: a link to a directory already read' },
    ]);
  });

  it('refuses a FIFO given as --input instead of waiting on it', async () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    await expect(readInputFiles(fifo)).rejects.toThrow(SavedResponsesPathError);
    await expect(readInputFiles(fifo)).rejects.toThrow(`--input: ${fifo} is not a regular file or a directory`);
  });

  it('skips a FIFO inside a directory with a warning', async () => {
    await writeFile(join(dir, 'page.json'), JSON.stringify(PAGE));
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const files = await readInputFiles(dir);
    expect(files.sources).toHaveLength(1);
    expect(files.warnings).toEqual([
      { source: join(dir, 'pipe.json'), recordId: null, message: 'skipped: not a regular file' },
    ]);
  });
});
