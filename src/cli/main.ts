import { computeReport } from '../metrics/compute-report';
import { scorecardsCsv } from '../format/report-csv';
import { buildDataset, userNames, type DatasetWarning } from '../zendesk/response-dataset';
import { readInputFiles } from './input-files';
import { parseReportArgs, REPORT_HELP } from './report-args';
import { reportTable } from './report-table';
import { UsageError } from './usage-error';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const MAIN_HELP = `Usage: support-kpis <command> [options]

Commands:
  report    compute the support KPIs from saved Zendesk responses (support-kpis report --help)

Options:
  -h, --help    show this help`;

/** Warnings beyond this many are counted, not printed, so a bad export cannot flood the terminal. */
const MAX_PRINTED_WARNINGS = 50;

function printWarnings(warnings: readonly DatasetWarning[], io: CliIo): void {
  for (const warning of warnings.slice(0, MAX_PRINTED_WARNINGS)) {
    const record = warning.recordId === null ? '' : ` record ${warning.recordId}:`;
    io.stderr(`warning: ${warning.source}:${record} ${warning.message}\n`);
  }
  if (warnings.length > MAX_PRINTED_WARNINGS) {
    io.stderr(`warning: ${warnings.length - MAX_PRINTED_WARNINGS} more warnings not shown\n`);
  }
}

async function report(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseReportArgs(argv);
  if (args === null) {
    io.stdout(`${REPORT_HELP}\n`);
    return 0;
  }
  const files = await readInputFiles(args.input);
  const dataset = buildDataset(files.sources);
  printWarnings([...files.warnings, ...dataset.warnings], io);
  if (dataset.pages === 0) throw new UsageError(`--input: ${args.input} holds no Zendesk ticket, user or group pages`);

  const result = computeReport(dataset.tickets, {
    window: args.window,
    hours: args.hours,
    escalation: args.escalation,
    agentNames: userNames(dataset.users),
  });
  if (dataset.skipped > 0) io.stderr(`warning: ${dataset.skipped} malformed records skipped\n`);

  switch (args.format) {
    case 'json':
      io.stdout(`${JSON.stringify({ ...result, skipped: dataset.skipped }, null, 2)}\n`);
      break;
    case 'csv':
      io.stdout(scorecardsCsv(result));
      break;
    case 'table':
      io.stdout(reportTable(result, dataset.skipped));
      break;
  }
  return 0;
}

/** Runs the CLI and returns its exit code; never calls process.exit, so tests can drive it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'report':
        return await report(rest, io);
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
    io.stderr(`support-kpis: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
