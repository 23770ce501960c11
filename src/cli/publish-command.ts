import type { HoursMode } from '../metrics/settings';
import { buildTeamSummary, type TeamSummary } from '../metrics/team-summary';
import { summaryWindows } from '../metrics/summary-periods';
import { isValidTimeZone } from '../metrics/time-zone';
import { publishTeamSummary, SUMMARY_EXTERNAL_ID, SUMMARY_OBJECT_KEY } from '../zendesk/team-summary-record';
import { readLiveAccount, type LiveEnvironment } from './live-account';
import { liveSource, parse } from './report-args';
import { UsageError } from './usage-error';

export const PUBLISH_HELP = `Usage: support-kpis publish (--subdomain NAME | --url URL) [options]

Publishes the team's comparison figures (the agents' medians and the team's numbers for the last
7 and 30 days, overall and per group) into the account, as one record of the custom object
"${SUMMARY_OBJECT_KEY}", so each agent's sidebar reads them in a request or two instead of pulling
the account. The summary holds team-level figures only, and none that fewer than three agents
stand behind: every agent can read it. Needs an admin's credentials (the same environment
variables as report) and custom objects (Suite Team and above). Run it from cron, e.g. every hour.

Options:
  --subdomain NAME    the account, NAME.zendesk.com
  --url URL           the account's base URL (https://, or http:// for localhost)
  --tz ZONE           time zone of the periods (IANA, default UTC); use the team's
  --hours MODE        calendar (default) or business
  --cache-dir DIR     reuse report's cache (default: report's); --no-cache reads everything
  --no-cache
  --dry-run           print the summary as JSON instead of publishing it
  -h, --help          show this help`;

export { SUMMARY_PERIODS, summaryWindows } from '../metrics/summary-periods';

export interface PublishArgs {
  baseUrl: string;
  timeZone: string;
  hours: HoursMode;
  cacheDir: string | null;
  dryRun: boolean;
}

export function parsePublishArgs(argv: readonly string[], defaultCacheDir: string): PublishArgs | null {
  const values = parse(argv, {
    subdomain: { type: 'string' },
    url: { type: 'string' },
    tz: { type: 'string' },
    hours: { type: 'string' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return null;
  if ((values.subdomain === undefined) === (values.url === undefined))
    throw new UsageError('publish: give --subdomain or --url (one of them)');
  const { baseUrl } = liveSource(values, null);
  const timeZone = values.tz ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new UsageError(`--tz: "${timeZone}" is not an IANA time zone`);
  const hours = values.hours ?? 'calendar';
  if (hours !== 'calendar' && hours !== 'business')
    throw new UsageError(`--hours: "${hours}" is not one of calendar, business`);
  if (values['cache-dir'] !== undefined && values['no-cache'])
    throw new UsageError('give --cache-dir or --no-cache, not both');
  return {
    baseUrl,
    timeZone,
    hours,
    cacheDir: values['no-cache'] ? null : (values['cache-dir'] ?? defaultCacheDir),
    dryRun: values['dry-run'] ?? false,
  };
}

/** Reads the account as an admin (its last 31 days and every unsolved ticket), then publishes or prints the summary. */
export async function runPublish(
  args: PublishArgs,
  environment: LiveEnvironment,
): Promise<{ summary: TeamSummary; requests: number; published: { recordId: string; createdObject: boolean } | null }> {
  const now = (environment.clock ?? Date).now();
  const pulled = await readLiveAccount(
    {
      kind: 'live',
      baseUrl: args.baseUrl,
      as: 'auto',
      since: Math.floor(now / 1000) - 31 * 86_400,
      cacheDir: args.cacheDir,
    },
    environment,
    // No event streams: the summary is credited to the assignee, as the sidebar's own numbers are
    // (the app reads none), so the streams would only spend requests at the exports' 10 a minute.
    { streams: [] },
  );
  if (pulled.mode !== 'admin') {
    throw new UsageError(
      "publish needs an admin's credentials: agents cannot read the whole team's tickets, nor create the custom object",
    );
  }
  const summary = buildTeamSummary(pulled.dataset.tickets, {
    periods: summaryWindows(now, args.timeZone),
    now,
    hours: args.hours,
  });
  if (args.dryRun) return { summary, requests: pulled.scheduler.requests, published: null };
  const published = await publishTeamSummary(pulled.scheduler, summary);
  return { summary, requests: pulled.scheduler.requests, published };
}

export const PUBLISHED_RECORD = `${SUMMARY_OBJECT_KEY} (external id ${SUMMARY_EXTERNAL_ID})`;
