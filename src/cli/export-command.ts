import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readMetricEvents, readSatisfactionRatings } from '../zendesk/sla-and-ratings';
import { readLiveAccount, type LiveEnvironment } from './live-account';
import type { ExportArgs } from './report-args';
import { UsageError } from './usage-error';

/**
 * `support-kpis export`: every response body of a pull, unchanged, one file each, named in the
 * order they arrived (`0001-tickets.json`, ...) so that `--input` replays them exactly.
 */
export async function runExport(
  args: ExportArgs,
  environment: LiveEnvironment,
): Promise<{ files: number; requests: number }> {
  await mkdir(args.out, { recursive: true });
  const existing = (await readdir(args.out)).filter((name) => name.endsWith('.json'));
  if (existing.length > 0) {
    throw new UsageError(
      `--out: ${args.out} already holds ${existing.length} .json files; export into an empty directory`,
    );
  }
  let files = 0;
  const write = async (kind: string, body: unknown) => {
    files++;
    await writeFile(join(args.out, `${String(files).padStart(4, '0')}-${kind}.json`), `${JSON.stringify(body)}\n`);
  };
  const result = await readLiveAccount(args.source, environment, {
    onResponse: (kind, _path, body) => write(kind, body),
  });
  if (args.include.includes('sla'))
    await readMetricEvents(result.scheduler, args.source.since, undefined, (_path, body) =>
      write('metric-events', body),
    );
  if (args.include.includes('csat'))
    await readSatisfactionRatings(result.scheduler, args.source.since, undefined, (_path, body) =>
      write('ratings', body),
    );
  return { files, requests: result.scheduler.requests };
}
