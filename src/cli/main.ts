import { computeReport } from '../metrics/compute-report';
import { surveyFieldIds } from '../metrics/survey-scores';
import { scorecardsCsv } from '../format/report-csv';
import { PullError } from '../zendesk/account-pull';
import { ZendeskApiError } from '../zendesk/api-errors';
import { SummaryPublishError } from '../zendesk/team-summary-record';
import { readEventDataset } from '../zendesk/event-dataset';
import { defaultCacheDirectory } from '../zendesk/node/file-snapshot-store';
import { buildDataset, userNames, type Dataset, type DatasetWarning } from '../zendesk/response-dataset';
import { runExport } from './export-command';
import { parsePublishArgs, PUBLISH_HELP, PUBLISHED_RECORD, runPublish } from './publish-command';
import { readInputFiles, SavedResponsesPathError } from '../zendesk/node/saved-response-files';
import { missingStreamNotes, readLiveAccount, type LiveEnvironment } from './live-account';
import { EXPORT_HELP, parseExportArgs, parseReportArgs, REPORT_HELP } from './report-args';
import { reportTable } from './report-table';
import { latestInstant } from './views-table';
import { terminalSafe } from './terminal-text';
import { UsageError } from './usage-error';

export interface CliIo extends Partial<Omit<LiveEnvironment, 'stderr'>> {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const MAIN_HELP = `Usage: support-kpis <command> [options]

Commands:
  report    compute the support KPIs from saved Zendesk responses or a live account
            (support-kpis report --help)
  export    save a live account's responses for offline reports (support-kpis export --help)
  publish   publish the team's comparison figures into the account for agents' sidebars
            (support-kpis publish --help)

Options:
  -h, --help    show this help`;

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Warnings beyond this many are counted, not printed, so a bad export cannot flood the terminal. */
const MAX_PRINTED_WARNINGS = 50;

function printWarnings(warnings: readonly DatasetWarning[], io: CliIo): void {
  for (const warning of warnings.slice(0, MAX_PRINTED_WARNINGS)) {
    const kind = warning.kind ? ` (${warning.kind})` : '';
    const record = warning.recordId === null ? '' : ` record ${warning.recordId}:`;
    io.stderr(terminalSafe(`warning: ${warning.source}${kind}:${record} ${warning.message}`) + '\n');
  }
  if (warnings.length > MAX_PRINTED_WARNINGS) {
    io.stderr(`warning: ${warnings.length - MAX_PRINTED_WARNINGS} more warnings not shown\n`);
  }
}

function liveEnvironment(io: CliIo): LiveEnvironment {
  return {
    env: io.env ?? {},
    stderr: io.stderr,
    stderrIsTerminal: io.stderrIsTerminal ?? false,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.clock ? { clock: io.clock } : {}),
    ...(io.random ? { random: io.random } : {}),
  };
}

async function report(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseReportArgs(argv, defaultCacheDirectory(io.env ?? {}));
  if (args === null) {
    io.stdout(`${REPORT_HELP}\n`);
    return 0;
  }
  let dataset: Dataset;
  let events: ReturnType<typeof readEventDataset> | undefined;
  if (args.source.kind === 'files') {
    const files = await readInputFiles(args.source.path).catch((error: unknown) => {
      throw error instanceof SavedResponsesPathError ? new UsageError(error.message) : error;
    });
    dataset = buildDataset(files.sources, surveyFieldIds(args.surveys));
    events = readEventDataset(files.sources, dataset.users, Date.now());
    printWarnings([...files.warnings, ...dataset.warnings, ...events.warnings], io);
    if (dataset.pages === 0)
      throw new IncompleteInputError(`--input: ${args.source.path} holds no Zendesk ticket, user or group pages`);
    const read = dataset.tickets.length + dataset.users.size + dataset.groups.size;
    const skippedRecords = dataset.skipped + events.skipped;
    if (dataset.tickets.length === 0)
      throw new IncompleteInputError(
        `--input: no usable ticket was read from ${args.source.path} (${plural(skippedRecords, 'record')} skipped, ${plural(files.sources.length, 'file')} read; see the warnings)`,
      );
    if (skippedRecords > read)
      throw new IncompleteInputError(
        `--input: more records were skipped (${skippedRecords.toLocaleString('en-US')}) than read (${read.toLocaleString('en-US')}) from ${args.source.path}; the numbers would not stand for the data (see the warnings)`,
      );
  } else {
    const pulled = await readLiveAccount(args.source, liveEnvironment(io), {
      streams: args.include,
      fieldIds: surveyFieldIds(args.surveys),
    });
    dataset = pulled.dataset;
    events = { timelines: pulled.timelines, warnings: [], skipped: pulled.eventsSkipped };
    printWarnings(dataset.warnings, io);
    for (const note of missingStreamNotes(pulled)) io.stderr(note);
    io.stderr(
      `read ${plural(dataset.tickets.length, 'ticket')} with ${plural(pulled.requests, 'request')} (${pulled.mode} path${pulled.resumed ? ', from the cache' : ''})\n`,
    );
  }

  // The backlog's "now" is the data's latest instant, live or saved, so that a live report and a
  // report on its export are the same report, and two runs on the same data agree.
  const now = latestInstant(dataset.tickets);
  const result = computeReport(dataset.tickets, {
    ...(now === null ? {} : { now }),
    window: args.window,
    hours: args.hours,
    escalation: args.escalation,
    agentNames: userNames(dataset.users),
    timelines: events?.timelines,
    credit: args.credit,
    voice: true,
    surveys: args.surveys,
  });
  const skipped = dataset.skipped + (events?.skipped ?? 0);
  if (skipped > 0) io.stderr(`warning: ${skipped} malformed records skipped\n`);

  switch (args.format) {
    case 'json':
      io.stdout(`${JSON.stringify({ ...result, skipped }, null, 2)}\n`);
      break;
    case 'csv':
      io.stdout(scorecardsCsv(result));
      break;
    case 'table':
      io.stdout(reportTable(result, skipped));
      break;
  }
  return 0;
}

async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseExportArgs(argv);
  if (args === null) {
    io.stdout(`${EXPORT_HELP}\n`);
    return 0;
  }
  const { files, requests } = await runExport(args, liveEnvironment(io));
  io.stderr(`wrote ${plural(files, 'response')} to ${args.out} with ${plural(requests, 'request')}\n`);
  return 0;
}

async function publishCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parsePublishArgs(argv, defaultCacheDirectory(io.env ?? {}));
  if (args === null) {
    io.stdout(`${PUBLISH_HELP}\n`);
    return 0;
  }
  const { summary, requests, published } = await runPublish(args, liveEnvironment(io));
  if (published === null) {
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const groups = new Set(summary.periods.flatMap((period) => period.groups.map((group) => group.group_id))).size;
  io.stderr(
    `published the team summary (${summary.periods.map((period) => period.key).join(', ')}; ${plural(groups, 'group')}) to ${PUBLISHED_RECORD}, record ${published.recordId}${published.createdObject ? ', creating the custom object' : ''}, with ${plural(requests, 'request')}\n`,
  );
  return 0;
}

/** Input that was read but cannot carry a report: exit 1, never a report with exit 0. */
class IncompleteInputError extends Error {}

/** Runs the CLI and returns its exit code; never calls process.exit, so tests can drive it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'report':
        return await report(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'publish':
        return await publishCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(`${MAIN_HELP}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (try: support-kpis --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`support-kpis: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PullError || error instanceof ZendeskApiError || error instanceof SummaryPublishError) {
      io.stderr(`support-kpis: ${error.message}\n`);
      return 1;
    }
    io.stderr(terminalSafe(`support-kpis: ${error instanceof Error ? error.message : String(error)}`) + '\n');
    return 1;
  }
}
