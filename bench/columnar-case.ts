import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { columnScorecards, type ColumnScorecards } from '../src/metrics/columnar/column-scorecards';
import { ColumnScratch } from '../src/metrics/columnar/credited-values';
import { computeReport } from '../src/metrics/compute-report';
import { ReportWindow } from '../src/metrics/report-window';
import { DEFAULT_ESCALATION } from '../src/metrics/settings';
import { parseSnapshot, SNAPSHOT_VERSION, type AccountSnapshot } from '../src/zendesk/account-snapshot';
import { encodeTicketColumns, type TicketColumns } from '../src/zendesk/ticket-columns';
import { duckDbScorecards, loadIntoDuckDb, scorecardsSql } from './duckdb-scorecards';
import { syntheticTickets } from './synthetic-tickets';

/**
 * The team block and the scorecards at one size, four ways side by side in one process: computeReport
 * over records, the columnar path over the cache's columns, a single pass reading every column the
 * columnar path reads (the memory-bandwidth bound), and DuckDB in memory over the same tickets.
 * Throws when any of them disagrees. Then the cache as IndexedDB holds it: the value the store
 * puts, serialized by V8's structured clone, its size, and the time to read it back.
 * Prints one JSON line. Usage: columnar-case.ts COUNT RUNS
 */
const [countText = '10000', runsText = '5'] = process.argv.slice(2);
const count = Number(countText);
const runs = Number(runsText);
const window = ReportWindow.of('2026-08-03', '2026-10-31', 'America/New_York');
const hours = 'calendar' as const;
const escalation = DEFAULT_ESCALATION;

const tickets = syntheticTickets(count);
const columns = encodeTicketColumns(tickets);

/** Timings of `runs` runs in ms, and the last run's result. */
async function timed<T>(run: () => T | Promise<T>): Promise<{ timingsMs: number[]; result: T }> {
  const timingsMs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await run();
    timingsMs.push(performance.now() - start);
  }
  return { timingsMs, result: result! };
}

/**
 * Reads what the columnar path reads of every ticket (status, tag set, score, and the numbers of
 * the hours mode in use), adding them up so that no read can be left out by the compiler.
 */
function singlePass(stored: TicketColumns): number {
  const { numbers, statuses, scores, tagSets } = stored;
  const { createdAt, solvedAt, assigneeId, groupId, replies, reopens, groupStations } = numbers;
  const { replyTimeCalendar, firstResolutionCalendar, fullResolutionCalendar } = numbers;
  const { requesterWaitCalendar, onHoldCalendar } = numbers;
  let sum = 0;
  for (let i = 0; i < stored.count; i++) {
    sum +=
      statuses[i]! +
      scores[i]! +
      tagSets[i]! +
      createdAt[i]! +
      solvedAt[i]! +
      assigneeId[i]! +
      groupId[i]! +
      replies[i]! +
      reopens[i]! +
      groupStations[i]! +
      replyTimeCalendar[i]! +
      firstResolutionCalendar[i]! +
      fullResolutionCalendar[i]! +
      requesterWaitCalendar[i]! +
      onHoldCalendar[i]!;
  }
  return sum;
}

function mustEqual(name: string, actual: ColumnScorecards, expected: ColumnScorecards): void {
  if (isDeepStrictEqual(actual, expected)) return;
  const first = [expected.team, ...expected.agents].findIndex(
    (block, i) => !isDeepStrictEqual(block, [actual.team, ...actual.agents][i]),
  );
  throw new Error(
    `${name} disagrees with computeReport at ${count} tickets (scorecard ${first}: ` +
      `${JSON.stringify([actual.team, ...actual.agents][first])} against ${JSON.stringify([expected.team, ...expected.agents][first])})`,
  );
}

const options = { window, hours, escalation };
const engine = await timed(() => computeReport(tickets, options));
const expected: ColumnScorecards = { team: engine.result.team, agents: engine.result.agents };
const scratch = new ColumnScratch();
const columnar = await timed(() => columnScorecards(columns, { ...options, scratch }));
mustEqual('the columnar path', columnar.result, expected);
const pass = await timed(() => singlePass(columns));

const start = performance.now();
const database = await loadIntoDuckDb(columns, hours);
const duckDbLoadMs = performance.now() - start;
const sql = scorecardsSql(window, escalation);
const duckDb = await timed(() => duckDbScorecards(database, sql));
database.close();
mustEqual('DuckDB', duckDb.result, expected);

// The cache as the IndexedDB store writes it (its save: the snapshot with the tickets in columns),
// and read back as its load does: the structured clone, then parseSnapshot (which decodes the
// columns into records); beside it, the clone and the columnar path, which needs no records.
const snapshot: AccountSnapshot = {
  version: SNAPSHOT_VERSION,
  accountKey: 'bench.zendesk.com:1',
  mode: 'admin',
  exportPosition: { cursor: 'bench', startTime: 0 },
  backfill: [],
  searchedUntil: null,
  coversFrom: 0,
  complete: true,
  tickets: [],
  users: Array.from({ length: 30 }, (_, i) => ({ id: 1000 + i, name: `Agent ${i + 1}`, role: 'agent', active: true })),
  groups: Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, name: `Group ${i + 1}`, deleted: false })),
  directoryFetchedAt: 0,
  missingUserIds: [],
  updatedAt: 0,
  skipped: 0,
};
const stored = serialize({ ...snapshot, tickets: columns });
const cloneRead = await timed(() => deserialize(stored) as typeof snapshot & { tickets: TicketColumns });
const recordsRead = await timed(() => parseSnapshot(deserialize(stored), snapshot.accountKey));
if (recordsRead.result?.tickets.length !== count) throw new Error('the cache did not read back whole');
const firstNumber = await timed(() => {
  const value = deserialize(stored) as { tickets: TicketColumns };
  return columnScorecards(value.tickets, options);
});
mustEqual('the columnar path from the cache', firstNumber.result, expected);

process.stdout.write(
  `${JSON.stringify({
    tickets: count,
    engineMs: engine.timingsMs,
    columnarMs: columnar.timingsMs,
    singlePassMs: pass.timingsMs,
    duckDbMs: duckDb.timingsMs,
    duckDbLoadMs,
    cacheBytes: stored.byteLength,
    cacheCloneMs: cloneRead.timingsMs,
    cacheRecordsMs: recordsRead.timingsMs,
    cacheColumnarMs: firstNumber.timingsMs,
  })}\n`,
);
