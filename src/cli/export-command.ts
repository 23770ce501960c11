import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLiveAccount, type LiveEnvironment } from './live-account';
import type { ExportArgs } from './report-args';
import { UsageError } from './usage-error';

/**
 * `support-kpis export`: every response body of a pull, unchanged, one file each, named in the
 * order they arrived (`0001-tickets.json`, ...) so that `--input` replays them exactly.
 */
export async function runExport(args: ExportArgs, environment: LiveEnvironment): Promise<{ files: number; requests: number }> {
  await mkdir(args.out, { recursive: true });
  const existing = (await readdir(args.out)).filter((name) => name.endsWith('.json'));
  if (existing.length > 0) {
    throw new UsageError(`--out: ${args.out} already holds ${existing.length} .json files; export into an empty directory`);
  }
  let files = 0;
  const result = await readLiveAccount(args.source, environment, {
    onResponse: async (kind, _path, body) => {
      files++;
      await writeFile(join(args.out, `${String(files).padStart(4, '0')}-${kind}.json`), `${JSON.stringify(body)}\n`);
    },
  });
  return { files, requests: result.requests };
}
