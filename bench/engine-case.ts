import { computeReport } from '../src/metrics/compute-report';
import { ReportWindow } from '../src/metrics/report-window';
import { DEFAULT_ESCALATION } from '../src/metrics/settings';
import { straightforwardReport } from './straightforward-report';
import { syntheticTickets } from './synthetic-tickets';

/**
 * One engine measurement in a process of its own, so that the peak memory (max RSS) belongs to
 * this case alone. Prints one JSON line. Usage: engine-case.ts engine|straightforward COUNT RUNS
 */
const [implementation = 'engine', countText = '10000', runsText = '5'] = process.argv.slice(2);
const count = Number(countText);
const runs = Number(runsText);
const gc = (globalThis as { gc?: () => void }).gc;

const tickets = syntheticTickets(count);
gc?.();
const datasetHeap = process.memoryUsage().heapUsed;
const window = ReportWindow.of('2026-08-03', '2026-10-31', 'America/New_York');

const compute = () =>
  implementation === 'engine'
    ? computeReport(tickets, { window, hours: 'calendar', escalation: DEFAULT_ESCALATION })
    : straightforwardReport(tickets, window, 'calendar', DEFAULT_ESCALATION);

const timings: number[] = [];
let checksum = 0;
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  const result = compute();
  timings.push(performance.now() - start);
  checksum = result.team.created + result.team.solved;
}

process.stdout.write(
  `${JSON.stringify({
    implementation,
    tickets: count,
    timingsMs: timings,
    datasetHeapMb: datasetHeap / 1_048_576,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    checksum,
  })}\n`,
);
