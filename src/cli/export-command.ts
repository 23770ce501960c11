import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLiveAccount, type LiveEnvironment } from './live-account';
import type { ExportArgs } from './report-args';
import { UsageError } from './usage-error';

/**
 * `support-kpis export`: every response body of a pull, unchanged, one file each, named in the
 * order they arrived (`0001-tickets.json`, `0007-ticket-events.json`, ...) so that `--input`
 * replays them exactly. `--include` adds the event streams, read by the same pull. The files are
 * the account's data: readable by their owner only, as the cache is.
 */
export async function runExport(
  args: ExportArgs,
  environment: LiveEnvironment,
): Promise<{ files: number; requests: number }> {
  await mkdir(args.out, { recursive: true, mode: 0o700 });
  const existing = (await readdir(args.out)).filter((name) => name.endsWith('.json'));
  if (existing.length > 0) {
    throw new UsageError(
      `--out: ${args.out} already holds ${existing.length} .json files; export into an empty directory`,
    );
  }
  let files = 0;
  const write = async (kind: string, body: unknown) => {
    files++;
    await writeFile(join(args.out, `${String(files).padStart(4, '0')}-${kind}.json`), `${JSON.stringify(body)}\n`, {
      mode: 0o600,
    });
  };
  const result = await readLiveAccount(args.source, environment, {
    onResponse: (kind, _path, body) => write(kind, body),
    streams: args.include,
  });
  for (const refused of result.refusedStreams)
    environment.stderr(`warning: --include ${refused.stream}: ${refused.message}; nothing of it was saved\n`);
  return { files, requests: result.scheduler.requests };
}
