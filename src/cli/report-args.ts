import { parseArgs } from 'node:util';
import { ReportWindow, WindowError } from '../metrics/report-window';
import { DEFAULT_ESCALATION, type EscalationSettings, type HoursMode } from '../metrics/settings';
import { UsageError } from './usage-error';

export type OutputFormat = 'table' | 'json' | 'csv';

export interface ReportArgs {
  input: string;
  window: ReportWindow;
  hours: HoursMode;
  format: OutputFormat;
  escalation: EscalationSettings;
}

export const REPORT_HELP = `Usage: support-kpis report --input PATH --from YYYY-MM-DD --to YYYY-MM-DD [options]

Computes the support KPIs (METRICS.md) for the days from --from to --to, both included.

Options:
  --input PATH                          a Zendesk response body (.json) or a directory of them
                                        (incremental ticket export pages with metric_sets, user and
                                        group pages), read recursively, in any order
  --from YYYY-MM-DD                     first day of the window (00:00 in --tz, included)
  --to YYYY-MM-DD                       last day of the window (included: the window ends at 00:00
                                        of the day after)
  --tz ZONE                             IANA time zone of the window and the daily rows (default UTC)
  --hours calendar|business             read durations in calendar or business hours (default calendar)
  --format table|json|csv               table for people, json as in METRICS.md, csv one row per
                                        agent plus a team row (default table)
  --escalation-tags a,b                 tags that mark a ticket escalated (default "escalated";
                                        "" for none)
  --escalation-groups 1,2               group ids whose tickets count as escalated (default none)
  --escalation-min-group-stations N     a ticket that passed through N or more groups is escalated
                                        (default 2; 0 switches the rule off)
  -h, --help                            show this help

Exit codes: 0 done, 1 failed while reading or computing, 2 bad arguments.
Warnings about skipped records go to stderr; the report says how many were skipped.`;

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

/** Parses `report`'s flags. Returns null when help was asked for. */
export function parseReportArgs(argv: readonly string[]): ReportArgs | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        tz: { type: 'string' },
        hours: { type: 'string' },
        format: { type: 'string' },
        'escalation-tags': { type: 'string' },
        'escalation-groups': { type: 'string' },
        'escalation-min-group-stations': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  if (values.help) return null;

  if (values.input === undefined || values.input === '') throw new UsageError('--input PATH is required');
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

  const escalationGroups = values['escalation-groups'];
  const minStations = values['escalation-min-group-stations'];
  return {
    input: values.input,
    window,
    hours: oneOf('hours', values.hours, ['calendar', 'business'], 'calendar'),
    format: oneOf('format', values.format, ['table', 'json', 'csv'], 'table'),
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
  };
}
