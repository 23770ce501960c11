import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnScorecards } from '../src/metrics/columnar/column-scorecards';
import type { AgentScorecard, MetricBlock } from '../src/metrics/report-types';
import type { EscalationSettings, HoursMode } from '../src/metrics/settings';
import { SATISFACTION_SCORES, TICKET_STATUSES } from '../src/metrics/ticket-record';
import type { NumberField, TicketColumns } from '../src/zendesk/ticket-columns';

/**
 * The peer a data team would reach for: DuckDB, in memory, holding the same tickets (loaded from
 * the cache's columns) and computing the team block and the scorecards in SQL, by METRICS.md
 * (version 1, credit to the current assignee). Only the bench uses it.
 */

const FIELDS_LOADED = [
  'createdAt',
  'solvedAt',
  'assigneeId',
  'groupId',
  'replies',
  'reopens',
  'groupStations',
  'replyTime',
  'firstResolution',
  'fullResolution',
  'requesterWait',
  'onHold',
] as const;

const COLUMN_NAMES: Record<(typeof FIELDS_LOADED)[number], string> = {
  createdAt: 'created_at',
  solvedAt: 'solved_at',
  assigneeId: 'assignee_id',
  groupId: 'group_id',
  replies: 'replies',
  reopens: 'reopens',
  groupStations: 'group_stations',
  replyTime: 'reply_time',
  firstResolution: 'first_resolution',
  fullResolution: 'full_resolution',
  requesterWait: 'requester_wait',
  onHold: 'on_hold',
};

const DURATIONS = new Set(['replyTime', 'firstResolution', 'fullResolution', 'requesterWait', 'onHold']);

export interface DuckDbTickets {
  connection: DuckDBConnection;
  close(): void;
}

/** Loads the tickets (one hours mode's durations) and their tag sets into a fresh in-memory database. */
export async function loadIntoDuckDb(columns: TicketColumns, hours: HoursMode): Promise<DuckDbTickets> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const suffix = hours === 'business' ? 'Business' : 'Calendar';
  const loaded = FIELDS_LOADED.map(
    (field) => columns.numbers[(DURATIONS.has(field) ? field + suffix : field) as NumberField],
  );
  await connection.run(
    `CREATE TABLE tickets (${FIELDS_LOADED.map((field) => `${COLUMN_NAMES[field]} DOUBLE`).join(', ')}, ` +
      'status VARCHAR NOT NULL, satisfaction VARCHAR, tag_set UINTEGER NOT NULL)',
  );
  await connection.run('CREATE TABLE tag_sets (tag_set UINTEGER NOT NULL, tag VARCHAR NOT NULL)');

  const { statuses, scores, tagSets } = columns;
  const appender = await connection.createAppender('tickets');
  for (let i = 0; i < columns.count; i++) {
    for (const column of loaded) {
      const value = column[i]!;
      if (value === value) appender.appendDouble(value);
      else appender.appendNull();
    }
    appender.appendVarchar(TICKET_STATUSES[statuses[i]!]!);
    const score = SATISFACTION_SCORES[scores[i]!];
    if (score === undefined) appender.appendNull();
    else appender.appendVarchar(score);
    appender.appendUInteger(tagSets[i]!);
    appender.endRow();
  }
  appender.closeSync();

  const tags = await connection.createAppender('tag_sets');
  for (let set = 0; set + 1 < columns.tagSetOffsets.length; set++) {
    for (let at = columns.tagSetOffsets[set]!; at < columns.tagSetOffsets[set + 1]!; at++) {
      tags.appendUInteger(set);
      tags.appendVarchar(columns.strings[columns.tagSetStrings[at]!]!);
      tags.endRow();
    }
  }
  tags.closeSync();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
const sqlList = (values: readonly string[]) => values.map(sqlString).join(', ');

/**
 * The team block and the scorecards in one query: each cohort (created, solved, backlog) grouped by
 * assignee and as a whole (the grouping set `()` is the team), then joined per scorecard. A cohort
 * per grouping rather than one grouping with FILTER clauses: DuckDB's medians and quantiles under
 * FILTER took several times as long.
 */
export function scorecardsSql(window: { from: number; to: number }, escalation: EscalationSettings): string {
  const escalatedBy = [
    escalation.minGroupStations > 0 ? `coalesce(group_stations, 0) >= ${escalation.minGroupStations}` : null,
    escalation.tags.length > 0
      ? `tag_set IN (SELECT tag_set FROM tag_sets WHERE tag IN (${sqlList(escalation.tags)}))`
      : null,
    escalation.groupIds.length > 0 ? `group_id IN (${escalation.groupIds.join(', ')})` : null,
  ].filter((rule) => rule !== null);
  const duration = (column: string) =>
    `count(${column}) AS ${column}_n, median(${column}) AS ${column}_median, ` +
    `quantile_disc(${column}, 0.9) AS ${column}_p90, avg(${column}) AS ${column}_mean`;
  const summaryColumns = (cohort: string, column: string) =>
    ['n', 'median', 'p90', 'mean']
      .map(
        (part) =>
          (part === 'n' ? `coalesce(${cohort}.${column}_n, 0)` : `${cohort}.${column}_${part}`) +
          ` AS ${column}_${part}`,
      )
      .join(', ');
  const scorecard = 'GROUP BY GROUPING SETS ((assignee_id), ())';
  const sameScorecard = (cohort: string) =>
    `${cohort}.is_team = scorecards.is_team AND ${cohort}.assignee_id IS NOT DISTINCT FROM scorecards.assignee_id`;
  return `
    WITH counted AS (
      SELECT *,
        coalesce(created_at >= ${window.from} AND created_at < ${window.to}, false) AS in_created,
        coalesce(status IN ('solved', 'closed') AND solved_at >= ${window.from} AND solved_at < ${window.to}, false) AS in_solved,
        status IN ('new', 'open', 'pending', 'hold') AS in_backlog,
        coalesce(replies, 0) AS reply_count,
        coalesce(reopens, 0) AS reopen_count,
        ${escalatedBy.length > 0 ? `coalesce(${escalatedBy.join(' OR ')}, false)` : 'false'} AS is_escalated
      FROM tickets
      WHERE status <> 'deleted'
        AND tag_set NOT IN (SELECT tag_set FROM tag_sets WHERE tag = 'closed_by_merge')
    ),
    created AS (
      SELECT grouping(assignee_id) = 1 AS is_team, assignee_id,
        count(*) AS created,
        ${duration('reply_time')},
        count(*) FILTER (WHERE reply_time IS NULL AND status NOT IN ('solved', 'closed')) AS unreplied,
        count(*) FILTER (WHERE is_escalated) AS escalated
      FROM counted WHERE in_created ${scorecard}
    ),
    solved AS (
      SELECT grouping(assignee_id) = 1 AS is_team, assignee_id,
        count(*) AS solved,
        ${duration('first_resolution')},
        ${duration('full_resolution')},
        ${duration('requester_wait')},
        ${duration('on_hold')},
        count(*) FILTER (WHERE reply_count = 1 AND reopen_count = 0) AS fcr_numerator,
        count(*) FILTER (WHERE reply_count >= 1) AS fcr_denominator,
        count(*) FILTER (WHERE reply_count < 2) AS one_touch,
        count(*) FILTER (WHERE reopen_count > 0) AS reopened,
        count(*) FILTER (WHERE satisfaction = 'good') AS csat_good,
        count(*) FILTER (WHERE satisfaction = 'bad') AS csat_bad,
        count(*) FILTER (WHERE satisfaction IN ('good', 'bad', 'offered')) AS csat_offered,
        sum(reply_count) AS replies_total
      FROM counted WHERE in_solved ${scorecard}
    ),
    backlog AS (
      SELECT grouping(assignee_id) = 1 AS is_team, assignee_id, count(*) AS backlog
      FROM counted WHERE in_backlog ${scorecard}
    ),
    scorecards AS (
      SELECT is_team, assignee_id FROM created
      UNION SELECT is_team, assignee_id FROM solved
      UNION SELECT is_team, assignee_id FROM backlog
    ),
    joined AS (
      SELECT scorecards.is_team, scorecards.assignee_id,
        coalesce(created.created, 0) AS created,
        coalesce(solved.solved, 0) AS solved,
        coalesce(backlog.backlog, 0) AS backlog,
        ${summaryColumns('created', 'reply_time')},
        coalesce(created.unreplied, 0) AS unreplied,
        ${summaryColumns('solved', 'first_resolution')},
        ${summaryColumns('solved', 'full_resolution')},
        ${summaryColumns('solved', 'requester_wait')},
        ${summaryColumns('solved', 'on_hold')},
        coalesce(solved.fcr_numerator, 0) AS fcr_numerator,
        coalesce(solved.fcr_denominator, 0) AS fcr_denominator,
        coalesce(solved.one_touch, 0) AS one_touch,
        coalesce(solved.reopened, 0) AS reopened,
        coalesce(created.escalated, 0) AS escalated,
        coalesce(solved.csat_good, 0) AS csat_good,
        coalesce(solved.csat_bad, 0) AS csat_bad,
        coalesce(solved.csat_offered, 0) AS csat_offered,
        coalesce(solved.replies_total, 0) AS replies_total
      FROM scorecards
        LEFT JOIN created ON ${sameScorecard('created')}
        LEFT JOIN solved ON ${sameScorecard('solved')}
        LEFT JOIN backlog ON ${sameScorecard('backlog')}
    )
    SELECT *,
      fcr_numerator / nullif(fcr_denominator, 0) AS fcr_rate,
      one_touch / nullif(solved, 0) AS one_touch_rate,
      reopened / nullif(solved, 0) AS reopen_rate,
      escalated / nullif(created, 0) AS escalation_rate,
      csat_good / nullif(csat_good + csat_bad, 0) AS csat_rate,
      replies_total / nullif(solved, 0) AS replies_per_solved
    FROM joined
  `;
}

type Row = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null ? null : Number(value));
const rate = (row: Row, name: string, numerator: number, denominator: number) => ({
  rate: numOrNull(row[`${name}_rate`]),
  numerator,
  denominator,
});

function summaryOf(row: Row, column: string) {
  return {
    n: num(row[`${column}_n`]),
    median: numOrNull(row[`${column}_median`]),
    p90: numOrNull(row[`${column}_p90`]),
    mean: numOrNull(row[`${column}_mean`]),
  };
}

function blockOf(row: Row): MetricBlock {
  const solved = num(row['solved']);
  const good = num(row['csat_good']);
  const bad = num(row['csat_bad']);
  return {
    created: num(row['created']),
    solved,
    backlog: num(row['backlog']),
    frt: { ...summaryOf(row, 'reply_time'), unreplied: num(row['unreplied']) },
    first_resolution: summaryOf(row, 'first_resolution'),
    full_resolution: summaryOf(row, 'full_resolution'),
    requester_wait: summaryOf(row, 'requester_wait'),
    on_hold: summaryOf(row, 'on_hold'),
    fcr: rate(row, 'fcr', num(row['fcr_numerator']), num(row['fcr_denominator'])),
    one_touch: rate(row, 'one_touch', num(row['one_touch']), solved),
    reopen: rate(row, 'reopen', num(row['reopened']), solved),
    escalation: rate(row, 'escalation', num(row['escalated']), num(row['created'])),
    csat: { ...rate(row, 'csat', good, good + bad), offered: num(row['csat_offered']) },
    replies_per_solved: numOrNull(row['replies_per_solved']),
  };
}

/** Runs the query and lays its rows out as the engine's team block and scorecards (names left out: SQL has none). */
export async function duckDbScorecards(tickets: DuckDbTickets, sql: string): Promise<ColumnScorecards> {
  const reader = await tickets.connection.runAndReadAll(sql);
  const rows = reader.getRowObjectsJS() as Row[];
  const teamRow = rows.find((row) => row['is_team'] === true);
  if (!teamRow) throw new Error('DuckDB returned no team row');
  const agents: AgentScorecard[] = rows
    .filter((row) => row['is_team'] !== true)
    .map((row) => ({ id: numOrNull(row['assignee_id']), name: null, ...blockOf(row) }))
    .sort((a, b) => (a.id === null ? (b.id === null ? 0 : 1) : b.id === null ? -1 : a.id - b.id));
  return { team: blockOf(teamRow), agents };
}
