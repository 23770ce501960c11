import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseCalendarDate } from '../metrics/calendar-date';
import { ReportWindow, WindowError } from '../metrics/report-window';
import type { CreditMode } from '../metrics/ticket-timeline';
import { DEFAULT_ESCALATION, type EscalationSettings, type HoursMode } from '../metrics/settings';
import { DEFAULT_CES_SCALE, type SurveySettings } from '../metrics/survey-scores';
import { baseUrlForSubdomain, CredentialsError, normalizeBaseUrl } from '../zendesk/node/fetch-transport';
import { UsageError } from './usage-error';

export type OutputFormat = 'table' | 'json' | 'csv';
export type RoleChoice = 'auto' | 'admin' | 'agent';

/** Where the data comes from: saved responses, or a live account. */
export type SourceArgs =
  | { kind: 'files'; path: string }
  | {
      kind: 'live';
      baseUrl: string;
      as: RoleChoice;
      /** Epoch seconds a first pull starts from (0: the account's beginning). */
      since: number;
      /** The cache directory, or null with --no-cache. */
      cacheDir: string | null;
    };

export interface ReportArgs {
  source: SourceArgs;
  window: ReportWindow;
  hours: HoursMode;
  format: OutputFormat;
  escalation: EscalationSettings;
  /** Undefined: the contract's default for the input (actor with ticket events). */
  credit: CreditMode | undefined;
  /** The event streams a live report also reads (admins only; each at 10 requests a minute). */
  include: ExportExtra[];
  /** The NPS and CES ticket fields (METRICS.md, Version 4). */
  surveys: SurveySettings;
}

export type ExportExtra = 'events' | 'sla' | 'csat';

export interface ExportArgs {
  source: Extract<SourceArgs, { kind: 'live' }>;
  out: string;
  /** Admin-only extras: ticket metric events (SLA) and satisfaction ratings. */
  include: ExportExtra[];
}

const LIVE_OPTIONS_HELP = `  --subdomain NAME                      read live from https://NAME.zendesk.com
  --url URL                             read live from any http(s) base URL (a proxy, a sandbox,
                                        the local emulator)
                                        Credentials come from the environment: ZENDESK_EMAIL and
                                        ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN. They are never
                                        printed or written anywhere.
  --as auto|admin|agent                 admin: the incremental export (1000 tickets a request);
                                        agent: search export plus show_many, for users without
                                        admin rights; auto (default) asks Zendesk who you are
  --since YYYY-MM-DD                    a first pull reads tickets updated since this day (UTC)
                                        and every unsolved ticket (default: all tickets)`;

export const REPORT_HELP = `Usage: support-kpis report (--input PATH | --subdomain NAME | --url URL) --from YYYY-MM-DD --to YYYY-MM-DD [options]

Computes the support KPIs (METRICS.md) for the days from --from to --to, both included.

Data:
  --input PATH                          a Zendesk response body (.json) or a directory of them
                                        (incremental ticket export pages with metric_sets, user and
                                        group pages), read recursively, in any order
${LIVE_OPTIONS_HELP}
  --cache-dir DIR                       where live pulls keep what they read, so the next report
                                        fetches only what changed (default ~/.cache/support-kpis)
  --no-cache                            read everything afresh and keep nothing

Report:
  --from YYYY-MM-DD                     first day of the window (00:00 in --tz, included)
  --to YYYY-MM-DD                       last day of the window (included: the window ends at 00:00
                                        of the day after)
  --tz ZONE                             IANA time zone of the window and the daily rows (default UTC)
  --hours calendar|business             read durations in calendar or business hours (default calendar)
  --format table|json|csv               table for people, json as in METRICS.md, csv one row per
                                        agent plus a team row (default table)
  --credit actor|assignee               whom each number counts for: who did the work, or the current
                                        assignee (default actor when the input holds ticket events)
  --include events,sla,csat             live: also read the ticket events (credit to who did the
                                        work, backlog history), the metric events (SLAs) and the
                                        ratings (admins; each export at 10 requests a minute, so a
                                        large account's first read takes long; cached after)
  --escalation-tags a,b                 tags that mark a ticket escalated (default "escalated";
                                        "" for none)
  --escalation-groups 1,2               group ids whose tickets count as escalated (default none)
  --escalation-min-group-stations N     a ticket that passed through N or more groups is escalated
                                        (default 2; 0 switches the rule off)
  --nps-field ID                        the ticket field holding the 0-10 NPS answer (default none)
  --ces-field ID                        the ticket field holding the customer effort answer
  --ces-scale MIN-MAX                   the CES answers' scale (default 1-7)
  -h, --help                            show this help

Exit codes: 0 done, 1 failed while reading or computing, 2 bad arguments or credentials.
Warnings about skipped records go to stderr; the report says how many were skipped.
Progress goes to stderr: a bar on a terminal, plain lines otherwise.`;

export const EXPORT_HELP = `Usage: support-kpis export --out DIR (--subdomain NAME | --url URL) [options]

Reads the account as a report would and writes every response body, unchanged, into DIR, in the
format --input reads: any report can then be replayed offline.

Options:
  --out DIR                             directory to write into (created if missing; must be empty)
${LIVE_OPTIONS_HELP}
  --include events,sla,csat             also save the ticket events with comments (events), the
                                        ticket metric events (sla) and satisfaction ratings (csat),
                                        admins only, from --since or the beginning
  -h, --help                            show this help

Exit codes: 0 done, 1 failed while reading or writing, 2 bad arguments or credentials.`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${flag}: "${text}" is not a whole number`);
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${flag}: "${text}" is too large`);
  return value;
}

const LIVE_FLAGS = {
  subdomain: { type: 'string' },
  url: { type: 'string' },
  as: { type: 'string' },
  since: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<const T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: T }>({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

interface LiveValues {
  subdomain?: string | undefined;
  url?: string | undefined;
  as?: string | undefined;
  since?: string | undefined;
}

export function liveSource(values: LiveValues, cacheDir: string | null): Extract<SourceArgs, { kind: 'live' }> {
  if (values.subdomain !== undefined && values.url !== undefined)
    throw new UsageError('give --subdomain or --url, not both');
  let baseUrl: string;
  try {
    baseUrl =
      values.subdomain !== undefined ? baseUrlForSubdomain(values.subdomain) : normalizeBaseUrl(values.url ?? '');
  } catch (error) {
    if (error instanceof CredentialsError)
      throw new UsageError(`--${values.subdomain !== undefined ? 'subdomain' : 'url'}: ${error.message}`);
    throw error;
  }
  let since = 0;
  if (values.since !== undefined) {
    const day = parseCalendarDate(values.since);
    if (!day) throw new UsageError(`--since: "${values.since}" is not a date: expected YYYY-MM-DD`);
    since = Date.UTC(day.year, day.month - 1, day.day) / 1000;
  }
  return { kind: 'live', baseUrl, as: oneOf('as', values.as, ['auto', 'admin', 'agent'], 'auto'), since, cacheDir };
}

/** Parses `report`'s flags. Returns null when help was asked for. */
export function parseReportArgs(argv: readonly string[], defaultCacheDir: string): ReportArgs | null {
  const values = parse(argv, {
    ...LIVE_FLAGS,
    input: { type: 'string' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    tz: { type: 'string' },
    hours: { type: 'string' },
    format: { type: 'string' },
    credit: { type: 'string' },
    include: { type: 'string' },
    'escalation-tags': { type: 'string' },
    'escalation-groups': { type: 'string' },
    'escalation-min-group-stations': { type: 'string' },
    'nps-field': { type: 'string' },
    'ces-field': { type: 'string' },
    'ces-scale': { type: 'string' },
  });
  if (values.help) return null;

  const live = values.subdomain !== undefined || values.url !== undefined;
  if (live && values.input !== undefined)
    throw new UsageError('give --input or a live account (--subdomain, --url), not both');
  if (!live && (values.input === undefined || values.input === '')) {
    throw new UsageError('--input PATH, --subdomain NAME or --url URL is required');
  }
  if (!live) {
    for (const flag of ['as', 'since', 'cache-dir', 'no-cache'] as const) {
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} applies to live reads (--subdomain, --url), not to --input`);
    }
  }
  if (values['cache-dir'] !== undefined && values['no-cache'])
    throw new UsageError('give --cache-dir or --no-cache, not both');
  if (values.from === undefined) throw new UsageError('--from YYYY-MM-DD is required');
  if (values.to === undefined) throw new UsageError('--to YYYY-MM-DD is required');

  let window: ReportWindow;
  try {
    window = ReportWindow.of(values.from, values.to, values.tz ?? 'UTC');
  } catch (error) {
    if (error instanceof WindowError) {
      const flag = error.field === 'range' ? '--from/--to' : `--${error.field}`;
      throw new UsageError(`${flag}: ${error.message}`);
    }
    throw error;
  }

  const source: SourceArgs = live
    ? liveSource(values, values['no-cache'] ? null : (values['cache-dir'] ?? defaultCacheDir))
    : { kind: 'files', path: values.input! };
  // A pull from --since holds only the tickets updated since then (and the unsolved ones): days
  // before it would be counted from whatever happens to have changed since.
  if (source.kind === 'live' && source.since * 1000 > window.from) {
    throw new UsageError(
      `--since ${values.since} is after the start of the window (--from ${values.from}): tickets of the days between that did not change since would be missing; give --since on or before --from`,
    );
  }
  const escalationGroups = values['escalation-groups'];
  const minStations = values['escalation-min-group-stations'];
  return {
    source,
    window,
    hours: oneOf('hours', values.hours, ['calendar', 'business'], 'calendar'),
    format: oneOf('format', values.format, ['table', 'json', 'csv'], 'table'),
    include: includeList(values.include, live),
    credit:
      values.credit === undefined
        ? undefined
        : oneOf<CreditMode>('credit', values.credit, ['actor', 'assignee'], 'actor'),
    escalation: {
      tags: values['escalation-tags'] === undefined ? DEFAULT_ESCALATION.tags : list(values['escalation-tags']),
      groupIds:
        escalationGroups === undefined
          ? DEFAULT_ESCALATION.groupIds
          : list(escalationGroups).map((item) => {
              const groupId = wholeNumber('escalation-groups', item);
              if (groupId === 0) throw new UsageError('--escalation-groups: 0 is not a group id');
              return groupId;
            }),
      minGroupStations:
        minStations === undefined
          ? DEFAULT_ESCALATION.minGroupStations
          : wholeNumber('escalation-min-group-stations', minStations),
    },
    surveys: {
      npsFieldId: fieldId('nps-field', values['nps-field']),
      cesFieldId: fieldId('ces-field', values['ces-field']),
      cesScale: cesScale(values['ces-scale']),
    },
  };
}

function fieldId(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const id = wholeNumber(flag, value);
  if (id === 0) throw new UsageError(`--${flag}: 0 is not a ticket field id`);
  return id;
}

function cesScale(value: string | undefined): [number, number] {
  if (value === undefined) return [DEFAULT_CES_SCALE[0], DEFAULT_CES_SCALE[1]];
  const match = /^(\d{1,3})-(\d{1,3})$/.exec(value.trim());
  const min = match ? Number(match[1]) : NaN;
  const max = match ? Number(match[2]) : NaN;
  if (!match || min >= max || max - min > 100)
    throw new UsageError(`--ces-scale: "${value}" is not a scale: expected MIN-MAX, e.g. 1-7 (at most 101 points)`);
  return [min, max];
}

function includeList(text: string | undefined, live: boolean): ExportExtra[] {
  if (text === undefined) return [];
  if (!live) throw new UsageError('--include is for a live account; --input reads every stream its files hold');
  const include = list(text);
  for (const item of include) {
    if (item !== 'events' && item !== 'sla' && item !== 'csat')
      throw new UsageError(`--include: "${item}" is not events, sla or csat`);
  }
  return include as ExportExtra[];
}

/** Parses `export`'s flags. Returns null when help was asked for. */
export function parseExportArgs(argv: readonly string[]): ExportArgs | null {
  const values = parse(argv, { ...LIVE_FLAGS, out: { type: 'string' }, include: { type: 'string' } });
  if (values.help) return null;
  if (values.out === undefined || values.out === '') throw new UsageError('--out DIR is required');
  if (values.subdomain === undefined && values.url === undefined)
    throw new UsageError('--subdomain NAME or --url URL is required');
  const include = list(values.include ?? '');
  for (const item of include) {
    if (item !== 'events' && item !== 'sla' && item !== 'csat')
      throw new UsageError(`--include: "${item}" is not events, sla or csat`);
  }
  return { source: liveSource(values, null), out: values.out, include: include as ExportExtra[] };
}
