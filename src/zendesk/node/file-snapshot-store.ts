import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseSnapshot, type AccountSnapshot, type SnapshotStore } from '../account-snapshot';

/** The CLI's cache: one JSON file per account under `$XDG_CACHE_HOME/support-kpis` (or `~/.cache`). */
export function defaultCacheDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'support-kpis');
}

export class FileSnapshotStore implements SnapshotStore {
  constructor(readonly directory: string) {}

  /** The account key names a user; the file name is a hash of it, so the path names nobody. */
  fileFor(accountKey: string): string {
    return join(this.directory, `${createHash('sha256').update(accountKey).digest('hex').slice(0, 24)}.json`);
  }

  async load(accountKey: string): Promise<AccountSnapshot | null> {
    let text: string;
    try {
      text = await readFile(this.fileFor(accountKey), 'utf8');
    } catch {
      return null;
    }
    try {
      return parseSnapshot(JSON.parse(text), accountKey);
    } catch {
      return null;
    }
  }

  /** Writes a temporary file and renames it, so a crash mid-write never leaves half a cache. */
  async save(snapshot: AccountSnapshot): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const file = this.fileFor(snapshot.accountKey);
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(snapshot), { mode: 0o600 });
    await rename(temporary, file);
  }

  async clear(accountKey: string): Promise<void> {
    await rm(this.fileFor(accountKey), { force: true });
  }
}
