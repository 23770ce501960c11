import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDED_DIR = resolve(PROJECT_DIR, 'test/fixtures/zendesk');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

type Json = Record<string, unknown>;

/**
 * One cursor export page with the metric_sets sideload, a user page and a group page. The numbers
 * in the expectations below are worked out by hand from these tickets for 2026-10-01..2026-10-03 UTC:
 *  1  Ana, created 10-01, solved 10-01: reply 65m, 1 reply, CSAT good
 *  2  Ana, created 10-02, open, no reply yet (unreplied, backlog)
 *  3  102, created 10-02, closed 10-03: reply 5m, 2 replies, reopened, 2 group stations (escalated), CSAT bad
 *  4  unassigned, created before the window, pending (backlog only)
 *  5  malformed created_at: skipped with a warning
 *  6  deleted: excluded everywhere
 */
const TICKET_PAGE: Json = {
  tickets: [
    {
      id: 1,
      created_at: '2026-10-01T09:00:00Z',
      status: 'solved',
      assignee_id: 101,
      group_id: 7,
      tags: [],
      satisfaction_rating: { score: 'good' },
    },
    { id: 2, created_at: '2026-10-02T10:00:00Z', status: 'open', assignee_id: 101, group_id: 7, tags: [] },
    {
      id: 3,
      created_at: '2026-10-02T11:00:00Z',
      status: 'closed',
      assignee_id: 102,
      group_id: 7,
      tags: [],
      satisfaction_rating: { score: 'bad' },
    },
    { id: 4, created_at: '2026-09-20T00:00:00Z', status: 'pending', assignee_id: null, group_id: null, tags: [] },
    { id: 5, created_at: 'not a date', status: 'open', assignee_id: 101 },
    { id: 6, created_at: '2026-10-01T10:00:00Z', status: 'deleted', assignee_id: 101 },
  ],
  metric_sets: [
    {
      ticket_id: 1,
      solved_at: '2026-10-01T12:00:00Z',
      replies: 1,
      reopens: 0,
      group_stations: 1,
      reply_time_in_minutes: { calendar: 65, business: 30 },
      first_resolution_time_in_minutes: { calendar: 180, business: 90 },
      full_resolution_time_in_minutes: { calendar: 180, business: 90 },
      requester_wait_time_in_minutes: { calendar: 120, business: 60 },
      on_hold_time_in_minutes: { calendar: 0, business: 0 },
      agent_wait_time_in_minutes: null,
    },
    {
      ticket_id: 2,
      solved_at: null,
      replies: 0,
      reopens: 0,
      group_stations: 1,
      reply_time_in_minutes: { calendar: null, business: null },
    },
    {
      ticket_id: 3,
      solved_at: '2026-10-03T08:00:00Z',
      replies: 2,
      reopens: 1,
      group_stations: 2,
      reply_time_in_minutes: { calendar: 5, business: 5 },
      first_resolution_time_in_minutes: { calendar: 600, business: 300 },
      full_resolution_time_in_minutes: { calendar: 1260, business: 400 },
      requester_wait_time_in_minutes: { calendar: 300, business: 100 },
      on_hold_time_in_minutes: { calendar: 60, business: 20 },
    },
  ],
  after_cursor: Buffer.from('1791110000.0||6|').toString('base64'),
  before_cursor: null,
  end_of_stream: true,
};

const HYPERLINK_NAME = '=HYPERLINK("x")';
const USER_PAGE: Json = {
  users: [
    { id: 101, name: 'Ana', role: 'agent' },
    { id: 102, name: HYPERLINK_NAME, role: 'agent' },
  ],
  next_page: null,
  count: 2,
};
const GROUP_PAGE: Json = { groups: [{ id: 7, name: 'Tier 2' }], next_page: null, count: 1 };

const TEAM_KEYS = [
  'created',
  'solved',
  'backlog',
  'frt',
  'first_resolution',
  'full_resolution',
  'requester_wait',
  'on_hold',
  'fcr',
  'one_touch',
  'reopen',
  'escalation',
  'csat',
  'replies_per_solved',
];

const EXPECTED_TEAM = {
  created: 3,
  solved: 2,
  backlog: 2,
  frt: { n: 2, median: 35, p90: 65, mean: 35, unreplied: 1 },
  first_resolution: { n: 2, median: 390, p90: 600, mean: 390 },
  full_resolution: { n: 2, median: 720, p90: 1260, mean: 720 },
  requester_wait: { n: 2, median: 210, p90: 300, mean: 210 },
  on_hold: { n: 2, median: 30, p90: 60, mean: 30 },
  fcr: { rate: 0.5, numerator: 1, denominator: 2 },
  one_touch: { rate: 0.5, numerator: 1, denominator: 2 },
  reopen: { rate: 0.5, numerator: 1, denominator: 2 },
  escalation: { rate: 1 / 3, numerator: 1, denominator: 3 },
  csat: { rate: 0.5, numerator: 1, denominator: 2, offered: 2 },
  replies_per_solved: 1.5,
};

const EXPECTED_ANA = {
  id: 101,
  name: 'Ana',
  created: 2,
  solved: 1,
  backlog: 1,
  frt: { n: 1, median: 65, p90: 65, mean: 65, unreplied: 1 },
  first_resolution: { n: 1, median: 180, p90: 180, mean: 180 },
  full_resolution: { n: 1, median: 180, p90: 180, mean: 180 },
  requester_wait: { n: 1, median: 120, p90: 120, mean: 120 },
  on_hold: { n: 1, median: 0, p90: 0, mean: 0 },
  fcr: { rate: 1, numerator: 1, denominator: 1 },
  one_touch: { rate: 1, numerator: 1, denominator: 1 },
  reopen: { rate: 0, numerator: 0, denominator: 1 },
  escalation: { rate: 0, numerator: 0, denominator: 2 },
  csat: { rate: 1, numerator: 1, denominator: 1, offered: 1 },
  replies_per_solved: 1,
};

const EMPTY_DURATION = { n: 0, median: null, p90: null, mean: null };
const EMPTY_RATE = { rate: null, numerator: 0, denominator: 0 };
const EXPECTED_UNASSIGNED = {
  id: null,
  name: null,
  created: 0,
  solved: 0,
  backlog: 1,
  frt: { ...EMPTY_DURATION, unreplied: 0 },
  first_resolution: EMPTY_DURATION,
  full_resolution: EMPTY_DURATION,
  requester_wait: EMPTY_DURATION,
  on_hold: EMPTY_DURATION,
  fcr: EMPTY_RATE,
  one_touch: EMPTY_RATE,
  reopen: EMPTY_RATE,
  escalation: EMPTY_RATE,
  csat: { ...EMPTY_RATE, offered: 0 },
  replies_per_solved: null,
};

let workDir: string;
let inputDir: string;
let ticketFile: string;
const WINDOW = ['--from', '2026-10-01', '--to', '2026-10-03'];

async function writeJson(path: string, body: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(body));
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'support-kpis-cli-'));
  inputDir = join(workDir, 'export');
  await mkdir(join(inputDir, 'people'), { recursive: true });
  ticketFile = join(inputDir, 'tickets-1.json');
  await writeJson(ticketFile, TICKET_PAGE);
  await writeJson(join(inputDir, 'people', 'users.json'), USER_PAGE);
  await writeJson(join(inputDir, 'groups.json'), GROUP_PAGE);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const report = (...flags: string[]): Promise<Run> => run('report', '--input', inputDir, ...WINDOW, ...flags);

async function jsonReport(...flags: string[]): Promise<Json> {
  const result = await report('--format', 'json', ...flags);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Json;
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('report --format json', () => {
  let result: Run;
  let output: Json;
  beforeAll(async () => {
    result = await report('--format', 'json');
    output = JSON.parse(result.stdout) as Json;
  });

  it('exits 0 and prints one JSON object with exactly the METRICS.md top-level keys plus skipped', () => {
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    // Version 1's keys, version 3's (the data's latest instant is the report's "now") and version 4's.
    expect(Object.keys(output).sort()).toEqual([
      'agents',
      'arrivals',
      'backlog_health',
      'contacts',
      'csat_comments',
      'daily',
      'hours',
      'skipped',
      'team',
      'volume',
      'window',
    ]);
  });

  it("measures the backlog's ages from the data's latest instant, not the clock of the run", () => {
    const health = output['backlog_health'] as { as_of: string; total: number; by_age: number[] };
    const team = output['team'] as { backlog: number };
    expect(Date.parse(health.as_of)).toBeLessThan(Date.parse('2026-10-05T00:00:00Z'));
    expect(health.total).toBe(team.backlog);
    expect(health.by_age.reduce((sum, count) => sum + count, 0)).toBe(health.total);
  });

  it('states the window as [from, to) in UTC and the hours mode', () => {
    expect(output.window).toEqual({ from: '2026-10-01T00:00:00Z', to: '2026-10-04T00:00:00Z', tz: 'UTC' });
    expect(output.hours).toBe('calendar');
  });

  it('has exactly the team keys of METRICS.md, with the hand-computed values', () => {
    expect(Object.keys(output.team as Json)).toEqual(TEAM_KEYS);
    expect(output.team).toEqual(EXPECTED_TEAM);
  });

  it('has one scorecard per assignee with the team keys plus id and name, unassigned last', () => {
    const agents = output.agents as Json[];
    expect(agents.map((agent) => agent.id)).toEqual([101, 102, null]);
    for (const agent of agents) expect(Object.keys(agent).sort()).toEqual(['id', 'name', ...TEAM_KEYS].sort());
    expect(agents[0]).toEqual(EXPECTED_ANA);
    expect(agents[1]).toMatchObject({
      id: 102,
      name: HYPERLINK_NAME,
      created: 1,
      solved: 1,
      backlog: 0,
      frt: { n: 1, median: 5, p90: 5, mean: 5, unreplied: 0 },
      full_resolution: { n: 1, median: 1260, p90: 1260, mean: 1260 },
      fcr: { rate: 0, numerator: 0, denominator: 1 },
      reopen: { rate: 1, numerator: 1, denominator: 1 },
      escalation: { rate: 1, numerator: 1, denominator: 1 },
      csat: { rate: 0, numerator: 0, denominator: 1, offered: 1 },
      replies_per_solved: 2,
    });
    expect(agents[2]).toEqual(EXPECTED_UNASSIGNED);
  });

  it('has one daily row per day of the window, in order, empty days included', () => {
    const daily = output.daily as Json[];
    expect(daily.map(({ date, created, solved }) => ({ date, created, solved }))).toEqual([
      { date: '2026-10-01', created: 1, solved: 1 },
      { date: '2026-10-02', created: 2, solved: 0 },
      { date: '2026-10-03', created: 0, solved: 1 },
    ]);
  });

  it('counts the malformed record in skipped', () => {
    expect(output.skipped).toBe(1);
  });
});

describe('report flags change the computation', () => {
  it('--hours business reads the business member of every duration', async () => {
    const output = await jsonReport('--hours', 'business');
    expect(output.hours).toBe('business');
    expect(output.team).toMatchObject({
      frt: { n: 2, median: 17.5, p90: 30, mean: 17.5, unreplied: 1 },
      first_resolution: { n: 2, median: 195, p90: 300, mean: 195 },
      full_resolution: { n: 2, median: 245, p90: 400, mean: 245 },
      requester_wait: { n: 2, median: 80, p90: 100, mean: 80 },
      on_hold: { n: 2, median: 10, p90: 20, mean: 10 },
    });
  });

  it.each([
    ['--escalation-min-group-stations 0 switches the station rule off', ['--escalation-min-group-stations', '0'], 0],
    ['--escalation-min-group-stations 3 needs a third group', ['--escalation-min-group-stations', '3'], 0],
    [
      '--escalation-min-group-stations 1 counts every ticket that had a group',
      ['--escalation-min-group-stations', '1'],
      3,
    ],
    [
      '--escalation-groups 7 counts the group-7 tickets',
      ['--escalation-min-group-stations', '0', '--escalation-groups', '7'],
      3,
    ],
    [
      '--escalation-groups with another group counts none',
      ['--escalation-min-group-stations', '0', '--escalation-groups', '8,9'],
      0,
    ],
  ])('%s', async (_, flags, escalated) => {
    const output = await jsonReport(...flags);
    expect((output.team as Json).escalation).toEqual({ rate: escalated / 3, numerator: escalated, denominator: 3 });
  });

  it('--tz moves the window to local midnights', async () => {
    const output = await jsonReport('--tz', 'America/New_York');
    expect(output.window).toEqual({ from: '2026-10-01T04:00:00Z', to: '2026-10-04T04:00:00Z', tz: 'America/New_York' });
    // 2026-10-03T08:00Z is 04:00 on 10-03 in New York: the same days as in UTC for this data.
    expect((output.daily as Json[]).map((day) => [day.date, day.created, day.solved])).toEqual([
      ['2026-10-01', 1, 1],
      ['2026-10-02', 2, 0],
      ['2026-10-03', 0, 1],
    ]);
  });

  it('reads a single file as --input', async () => {
    const result = await run('report', '--input', ticketFile, ...WINDOW, '--format', 'json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as Json;
    expect((output.team as Json).created).toBe(3);
    // Without the user page the scorecards have no names.
    expect((output.agents as Json[]).map((agent) => agent.name)).toEqual([null, null, null]);
  });
});

describe('report --format csv', () => {
  let result: Run;
  let rows: string[][];
  beforeAll(async () => {
    result = await report('--format', 'csv');
    rows = parseCsv(result.stdout);
  });

  it('exits 0 with a header, the team row, then one row per scorecard, CRLF-terminated', () => {
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\r\n')).toBe(true);
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['scope', 'agent_id', 'agent_name'],
      ['team', '', ''],
      ['agent', '101', 'Ana'],
      ['agent', '102', `'${HYPERLINK_NAME}`],
      ['unassigned', '', ''],
    ]);
    for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
  });

  it('has a column for every number of a scorecard', () => {
    const header = rows[0]!;
    expect(header.slice(3, 6)).toEqual(['created', 'solved', 'backlog']);
    for (const key of ['frt', 'first_resolution', 'full_resolution', 'requester_wait', 'on_hold']) {
      for (const part of ['n', 'median', 'p90', 'mean']) expect(header).toContain(`${key}_${part}`);
    }
    for (const key of ['fcr', 'one_touch', 'reopen', 'escalation', 'csat']) {
      for (const part of ['rate', 'numerator', 'denominator']) expect(header).toContain(`${key}_${part}`);
    }
    expect(header).toEqual(expect.arrayContaining(['frt_unreplied', 'csat_offered', 'replies_per_solved']));
  });

  it('writes the hand-computed team numbers', () => {
    const team = Object.fromEntries(rows[0]!.map((column, i) => [column, rows[1]![i]]));
    expect(team).toMatchObject({
      created: '3',
      solved: '2',
      backlog: '2',
      frt_median: '35',
      frt_p90: '65',
      frt_unreplied: '1',
      full_resolution_median: '720',
      fcr_rate: '0.5',
      escalation_rate: String(1 / 3),
      escalation_numerator: '1',
      escalation_denominator: '3',
      csat_offered: '2',
      replies_per_solved: '1.5',
    });
    const unassigned = Object.fromEntries(rows[0]!.map((column, i) => [column, rows[4]![i]]));
    expect(unassigned).toMatchObject({ backlog: '1', frt_median: '', fcr_rate: '', replies_per_solved: '' });
  });

  it('neutralises a user name that a spreadsheet would run as a formula', () => {
    expect(result.stdout).toContain(`agent,102,"'=HYPERLINK(""x"")",`);
    expect(result.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe('report --format table (the default)', () => {
  let result: Run;
  let lines: string[];
  const rowOf = (label: string): string => lines.find((line) => line.startsWith(`${label} `))!;
  beforeAll(async () => {
    result = await report();
    lines = result.stdout.split('\n');
  });

  it('exits 0 with a heading naming the days, zone and hours', () => {
    expect(result.code).toBe(0);
    expect(lines[0]).toBe('Support KPIs 2026-10-01 to 2026-10-03 (UTC), calendar hours');
  });

  it('puts the Team row first, the agents by name, Unassigned last', () => {
    const body = lines.slice(lines.findIndex((line) => line.startsWith('Agent')) + 2);
    const labels = body.slice(0, 4).map((line) => line.split(/\s{2,}/)[0]);
    expect(labels).toEqual(['Team', HYPERLINK_NAME, 'Ana', 'Unassigned']);
  });

  it('shows durations as "1h 05m" and rates as percentages', () => {
    const team = rowOf('Team').split(/\s{2,}/);
    expect(team).toEqual([
      'Team',
      '3',
      '2',
      '2',
      '35m',
      '1h 05m',
      '1',
      '6h 30m',
      '12h 00m',
      '21h 00m',
      '3h 30m',
      '30m',
      '50.0%',
      '50.0%',
      '50.0%',
      '33.3%',
      '50.0% (2)',
      '1.50',
    ]);
    const ana = rowOf('Ana').split(/\s{2,}/);
    expect(ana.slice(0, 6)).toEqual(['Ana', '2', '1', '1', '1h 05m', '1h 05m']);
    expect(ana.slice(-6)).toEqual(['100.0%', '100.0%', '0.0%', '0.0%', '100.0% (1)', '1.00']);
  });

  it('shows a dash where there is nothing to measure', () => {
    expect(rowOf('Unassigned').split(/\s{2,}/)).toEqual([
      'Unassigned',
      '0',
      '0',
      '1',
      '-',
      '-',
      '0',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
    ]);
  });

  it('says how many records were skipped', () => {
    expect(result.stdout).toContain('1 malformed record was skipped');
  });
});

describe('malformed records', () => {
  it('are named in a stderr warning with the file and record id, and the report still computes', async () => {
    const result = await report('--format', 'json');
    expect(result.code).toBe(0);
    const warnings = result.stderr.trimEnd().split('\n');
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^warning: .*tickets-1\.json \(incremental ticket export \(cursor\)\): record 5: ticket skipped: created_at/,
      ),
    );
    expect(warnings.find((line) => line.includes('record 5'))).toContain(ticketFile);
    expect(warnings).toContain('warning: 1 malformed records skipped');
    expect(warnings).toHaveLength(2);
    expect((JSON.parse(result.stdout) as Json).skipped).toBe(1);
  });

  it('count every skipped record, users and metric sets included, and leave the rest in', async () => {
    const dir = await mkdtemp(join(workDir, 'mixed-'));
    await writeJson(join(dir, 'tickets.json'), {
      tickets: [
        { id: 1, created_at: '2026-10-01T09:00:00Z', status: 'open', assignee_id: 101 },
        { id: 2, created_at: '2026-10-01T09:00:00Z', status: 'frozen', assignee_id: 101 },
        { id: 3, created_at: '2026-10-02T09:00:00Z', status: 'open', assignee_id: 101 },
      ],
      metric_sets: [{ ticket_id: 3, replies: 'two' }],
      end_time: 1_791_000_000,
      next_page: null,
    });
    await writeJson(join(dir, 'users.json'), {
      users: [
        { id: 101, name: 'Ana' },
        { id: 'me', name: 'Broken' },
        // Enough read (4) against skipped (3) for a report: more skipped than read exits 1.
        { id: 102, name: 'Bo' },
        { id: 103, name: 'Cy' },
      ],
    });
    await writeFile(join(dir, 'notes.json'), '{ not json');
    const result = await run('report', '--input', dir, ...WINDOW, '--format', 'json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as Json;
    expect(output.skipped).toBe(3);
    expect((output.team as Json).created).toBe(1);
    expect((output.agents as Json[]).map((agent) => agent.name)).toEqual(['Ana']);
    expect(result.stderr).toMatch(/tickets\.json \(.*\): record 2: ticket skipped: status/);
    expect(result.stderr).toMatch(/tickets\.json \(.*\): record 3: ticket skipped: its metric set/);
    expect(result.stderr).toMatch(/users\.json \(users page\): record me: user skipped/);
    expect(result.stderr).toMatch(/notes\.json: ignored: not valid JSON/);
  });
});

describe('many malformed records', () => {
  it('print at most 50 warnings, then a count of the rest, and exit 1 as more were skipped than read', async () => {
    const dir = await mkdtemp(join(workDir, 'flood-'));
    const tickets = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, created_at: 'soon', status: 'open' }));
    tickets.push({ id: 61, created_at: '2026-10-02T00:00:00Z', status: 'open' });
    await writeJson(join(dir, 'tickets.json'), { tickets, end_time: 1_791_000_000, next_page: null });
    const result = await run('report', '--input', dir, ...WINDOW, '--format', 'json');
    // 60 skipped against 1 read: no report, exit 1 saying so.
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => / record \d+: ticket skipped/.test(line))).toHaveLength(50);
    expect(lines).toContain('warning: 10 more warnings not shown');
    expect(lines.at(-1)).toMatch(/more records were skipped \(60\) than read \(1\)/);
  });
});

describe('report on the recorded exports', () => {
  it('computes from the real pages without a warning', async () => {
    const zenpyDir = join(RECORDED_DIR, 'local/recorded');
    const latest = new Map<number, Json>();
    for (const name of readdirSync(zenpyDir)) {
      const body = (JSON.parse(readFileSync(join(zenpyDir, name), 'utf8')) as { response: { body: Json } }).response
        .body;
      // The files are two readings of the account: the version Zendesk generated last wins.
      for (const ticket of (body.tickets as Json[] | undefined) ?? []) {
        const known = latest.get(ticket.id as number);
        if (!known || (known.generated_timestamp as number) <= (ticket.generated_timestamp as number))
          latest.set(ticket.id as number, ticket);
      }
    }
    const counted = [...latest.values()].filter(
      (ticket) => ticket.status !== 'deleted' && !(ticket.tags as string[]).includes('closed_by_merge'),
    );
    const created = counted.filter((ticket) => (ticket.created_at as string).startsWith('2026-10-20')).length;
    const backlog = counted.filter((ticket) =>
      ['new', 'open', 'pending', 'hold'].includes(ticket.status as string),
    ).length;

    const result = await run(
      'report',
      '--input',
      zenpyDir,
      '--from',
      '2026-10-20',
      '--to',
      '2026-10-20',
      '--format',
      'json',
    );
    // The cursor exports carry no metric_sets sideload: their solved tickets are named, counted, not silently dropped.
    expect(result.stderr).toMatch(
      /^warning: --input: \d+ solved or closed tickets have no metric set anywhere in the input [^\n]+\n$/,
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as Json;
    expect(output.skipped).toBe(0);
    expect(created).toBeGreaterThan(400);
    expect(output.team).toMatchObject({ created, backlog, solved: 0 });
  });

  it('reports the non-data recordings as ignored and still computes from the whole directory', async () => {
    const result = await run(
      'report',
      '--input',
      RECORDED_DIR,
      '--from',
      '2026-10-20',
      '--to',
      '2026-10-20',
      '--format',
      'json',
    );
    expect(result.code).toBe(0);
    const warnings = result.stderr.trimEnd().split('\n');
    // The two ticket_events recordings are read as ticket events (version 2), not ignored; one
    // more line counts the solved tickets without a metric set.
    expect(warnings).toHaveLength(5);
    const ignored = ['error_data', 'scores', 'ticket_fields'];
    for (const name of ignored) {
      expect(warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(`^warning: .*embulk/${name}\\.json: ignored: no reader knows this body \\(top-level keys: `),
        ),
      );
    }
    // A single ticket with its related objects: the ticket is read, the organizations named as unused.
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /embulk\/ticket_with_related_objects\.json \(a single ticket\): not used by the report: organizations \(1\)$/,
      ),
    );
    expect((JSON.parse(result.stdout) as Json).skipped).toBe(0);
  });
});

describe('report --help', () => {
  const FLAGS = [
    '--input',
    '--from',
    '--to',
    '--tz',
    '--hours',
    '--format',
    '--escalation-tags',
    '--escalation-groups',
    '--escalation-min-group-stations',
    '--help',
    '-h',
  ];

  it.each([['--help'], ['-h']])('%s exits 0 and documents every flag on stdout', async (flag) => {
    const result = await run('report', flag);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const documented of FLAGS) expect(result.stdout).toMatch(new RegExp(`(^|[\\s,])${documented}\\b`, 'm'));
    expect(result.stdout).toMatch(/calendar\|business/);
    expect(result.stdout).toMatch(/table\|json\|csv/);
  });

  it('the top-level --help exits 0 and names the report command', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('report');
  });
});

describe('report usage errors', () => {
  const cases: [string, string[], RegExp[]][] = [
    ['an unknown flag', ['--bogus'], [/--bogus/]],
    ['a date that does not exist', ['--from', '2026-02-30', '--to', '2026-03-01'], [/2026-02-30/]],
    ['a malformed date', ['--from', '2026-10-01', '--to', '10/03/2026'], [/10\/03\/2026/]],
    ['an unknown --tz', ['--tz', 'Mars/Olympus'], [/Mars\/Olympus/]],
    ['--from after --to', ['--from', '2026-10-05', '--to', '2026-10-01'], [/2026-10-05/, /2026-10-01/]],
    ['a bad --hours', ['--hours', 'weekly'], [/--hours/, /weekly/]],
    ['a bad --format', ['--format', 'xml'], [/--format/, /xml/]],
    [
      'a non-numeric --escalation-min-group-stations',
      ['--escalation-min-group-stations', 'two'],
      [/--escalation-min-group-stations/, /two/],
    ],
    [
      'a fractional --escalation-min-group-stations',
      ['--escalation-min-group-stations', '1.5'],
      [/--escalation-min-group-stations/, /1\.5/],
    ],
    [
      'a negative --escalation-min-group-stations',
      ['--escalation-min-group-stations=-1'],
      [/--escalation-min-group-stations/],
    ],
    ['a non-numeric --escalation-groups', ['--escalation-groups', '7,tier2'], [/--escalation-groups/, /tier2/]],
    ['a window longer than a century', ['--from', '1900-01-01', '--to', '2026-01-01'], [/1900-01-01/, /36525 days/]],
    ['a positional argument', ['extra'], [/extra/]],
  ];

  it.each(cases)('%s exits 2 with one line on stderr naming it', async (_, flags, patterns) => {
    // The window flags come first so that a later --from/--to in `flags` overrides them.
    const result = await run('report', '--input', inputDir, ...WINDOW, ...flags);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^support-kpis: [^\n]+\n$/);
    for (const pattern of patterns) expect(result.stderr).toMatch(pattern);
  });

  it('a missing --input path exits 2 naming the path', async () => {
    const missing = join(workDir, 'no-such-export');
    const result = await run('report', '--input', missing, ...WINDOW);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^support-kpis: [^\n]+\n$/);
    expect(result.stderr).toContain(missing);
  });

  it.each([
    ['no --input', ['report', '--from', '2026-10-01', '--to', '2026-10-03'], /--input/],
    ['no --from', ['report', '--input', '.', '--to', '2026-10-03'], /--from/],
    ['no --to', ['report', '--input', '.', '--from', '2026-10-01'], /--to/],
    ['--input without its value', ['report', '--from', '2026-10-01', '--to', '2026-10-03', '--input'], /--input/],
    ['an unknown command', ['reprot'], /reprot/],
  ])('%s exits 2 with one line on stderr naming it', async (_, argv, pattern) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^support-kpis: [^\n]+\n$/);
    expect(result.stderr).toMatch(pattern);
  });

  it('a directory without any Zendesk page exits 1 after warning about each file', async () => {
    const dir = await mkdtemp(join(workDir, 'no-pages-'));
    await writeJson(join(dir, 'fields.json'), { ticket_fields: [] });
    const result = await run('report', '--input', dir, ...WINDOW);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/fields\.json: ignored/);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^support-kpis: --input: .*no Zendesk ticket, user or group pages$/,
    );
  });

  it('a directory without any .json file exits 2', async () => {
    const dir = await mkdtemp(join(workDir, 'empty-'));
    const result = await run('report', '--input', dir, ...WINDOW);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^support-kpis: --input: .*no \.json files\n$/);
  });
});

describe('the installed bin', () => {
  const execFileAsync = promisify(execFile);
  const bin = ['bin/support-kpis.js'];

  it('runs `report --help` with exit code 0', async () => {
    const { stdout, stderr } = await execFileAsync(process.execPath, [...bin, 'report', '--help'], {
      cwd: PROJECT_DIR,
    });
    expect(stdout).toMatch(/^Usage: support-kpis report \(--input PATH \| --subdomain NAME \| --url URL\)/);
    expect(stdout).toContain('--escalation-min-group-stations');
    expect(stderr).toBe('');
  });

  it('exits 2 with one line on stderr for an unknown flag', async () => {
    const failure = await execFileAsync(process.execPath, [...bin, 'report', '--bogus'], { cwd: PROJECT_DIR }).then(
      () => null,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(2);
    expect(failure!.stdout).toBe('');
    expect(failure!.stderr).toMatch(/^support-kpis: [^\n]*--bogus[^\n]*\n$/);
  });

  it('prints the JSON report for an input directory', async () => {
    const { stdout } = await execFileAsync(
      process.execPath,
      [...bin, 'report', '--input', inputDir, ...WINDOW, '--format', 'json'],
      {
        cwd: PROJECT_DIR,
      },
    );
    expect((JSON.parse(stdout) as Json).team).toEqual(EXPECTED_TEAM);
  });
});

describe('incomplete or hostile input', () => {
  it('exits 1 saying so when no usable ticket was read', async () => {
    const dir = await mkdtemp(join(workDir, 'unusable-'));
    await writeJson(join(dir, 'tickets.json'), {
      tickets: [{ id: 1, created_at: 'soon', status: 'open' }],
      end_time: 1_791_000_000,
    });
    await writeJson(join(dir, 'users.json'), { users: [{ id: 101, name: 'Ana' }] });
    const result = await run('report', '--input', dir, ...WINDOW);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^support-kpis: --input: no usable ticket was read from .*1 record skipped/,
    );
  });

  it('prints record ids and names with control characters and bidi overrides replaced', async () => {
    const dir = await mkdtemp(join(workDir, 'hostile-'));
    await writeJson(join(dir, 'tickets.json'), {
      tickets: [
        { id: 1, created_at: '2026-10-01T09:00:00Z', status: 'open', assignee_id: 101 },
        { id: 2, created_at: '2026-10-01T09:00:00Z', status: 'open', assignee_id: 101 },
        { id: '\u001b[2J\u001b]0;owned\u0007', created_at: '2026-10-01T09:00:00Z', status: 'open' },
      ],
      end_time: 1_791_000_000,
    });
    await writeJson(join(dir, 'users.json'), { users: [{ id: 101, name: 'Ana\u001b[31m\u202eevil' }] });
    const result = await run('report', '--input', dir, ...WINDOW);
    expect(result.code).toBe(0);
    for (const text of [result.stdout, result.stderr]) {
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    expect(result.stderr).toContain('record \uFFFD[2J\uFFFD]0;owned\uFFFD:');
    expect(result.stdout).toContain('Ana\uFFFD[31m\uFFFDevil');
  });
});

describe('satisfaction ratings pages (METRICS.md version 2)', () => {
  it('credit the rating to the agent who held the ticket when rated, not the current assignee', async () => {
    const dir = await mkdtemp(join(workDir, 'ratings-'));
    const solvedMetrics = (ticketId: number): Json => ({
      ticket_id: ticketId,
      solved_at: '2026-10-02T10:00:00Z',
      replies: 1,
      reopens: 0,
      group_stations: 1,
      assignee_stations: 1,
    });
    await writeJson(join(dir, 'tickets.json'), {
      tickets: [
        {
          id: 1,
          created_at: '2026-10-01T09:00:00Z',
          status: 'solved',
          assignee_id: 102,
          satisfaction_rating: { score: 'good' },
        },
        { id: 2, created_at: '2026-10-01T09:00:00Z', status: 'solved', assignee_id: 102 },
      ],
      metric_sets: [solvedMetrics(1), solvedMetrics(2)],
      end_time: 1_791_000_000,
    });
    await writeJson(join(dir, 'users.json'), {
      users: [
        { id: 101, name: 'Ana', role: 'agent' },
        { id: 102, name: 'Bo', role: 'agent' },
      ],
    });
    await writeJson(join(dir, 'ratings.json'), {
      satisfaction_ratings: [
        { id: 70, ticket_id: 1, assignee_id: 101, group_id: null, score: 'good', created_at: '2026-10-02T11:00:00Z' },
      ],
      next_page: null,
    });
    const result = await run('report', '--input', dir, ...WINDOW, '--format', 'json', '--credit', 'actor');
    expect(result.code).toBe(0);
    const agents = (JSON.parse(result.stdout) as Json).agents as Json[];
    const csatOf = (name: string): Json => (agents.find((agent) => agent.name === name)?.csat ?? {}) as Json;
    expect(csatOf('Ana')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(csatOf('Bo')).toMatchObject({ numerator: 0, denominator: 0 });
  });
});
