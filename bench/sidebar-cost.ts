import { performance } from 'node:perf_hooks';
import { myComparison } from '../src/app/data/use-my-stats';
import { runPublish } from '../src/cli/publish-command';
import { PLAN_LIMITS } from '../src/emulator/rate-limits';
import { DEFAULT_ESCALATION } from '../src/metrics/settings';
import { MemorySnapshotStore } from '../src/zendesk/account-snapshot';
import { apiPaths } from '../src/zendesk/api-paths';
import { ScaledClock, type Clock } from '../src/zendesk/clock';
import { listPages } from '../src/zendesk/list-pages';
import { FetchTransport } from '../src/zendesk/node/fetch-transport';
import { appRules, RequestScheduler } from '../src/zendesk/request-scheduler';
import { loadSidebarStats, MemorySummaryMemos, type SummaryMemoStore } from '../src/zendesk/sidebar-stats';
import { fetchTicketDetail } from '../src/zendesk/ticket-detail';
import { startLocalZendeskProcess } from './local-zendesk-process';

/**
 * The agent's sidebar against the local Zendesk (enterprise plan, its own process), counting
 * requests: the CLI publishes the team summary (`support-kpis publish`, as cron would), then
 *   - every agent's cold sidebar (no cache): the summary, the agent's own tickets and the opened
 *     ticket, as the sidebar sends them (the app's rate rules, two at a time); the requests, the
 *     agent's own tickets, and the wall time to the first number (the comparison computed);
 *   - today's way for the same agents (no summary: the account's last 31 days), for comparison;
 *   - 200 agents opening their first ticket within 10 Zendesk minutes (arrivals uniform at random,
 *     each a cold sidebar of one of the account's agents in turn): the busiest minute's requests
 *     against the plan's per-minute account limit.
 * Usage: sidebar-cost.ts TICKETS DAYS [SCALE]. Prints one JSON line.
 */
const tickets = Number(process.argv[2] ?? 20_000);
const days = Number(process.argv[3] ?? 120);
const scale = Number(process.argv[4] ?? 10);
const AGENTS_ARRIVING = 200;
const ARRIVAL_MINUTES = 10;
const plan = 'enterprise' as const;
const now = Date.parse('2026-11-22T12:00:00Z');

// The sidebar reads no event stream: the local Zendesk need not index them (local-zendesk-child.ts).
process.env['BENCH_NO_EVENT_STREAMS'] = '1';
const local = await startLocalZendeskProcess({
  port: 0,
  seed: 1,
  tickets,
  days,
  now,
  timeScale: scale,
  plan,
  apiToken: 'bench',
  data: null,
  faults: [],
  appDir: 'dist/assets',
});
const clock = new ScaledClock(local.clockNow, scale);
const transport = (email: string) =>
  new FetchTransport({ baseUrl: local.url, credentials: { kind: 'api-token', email, token: 'bench' } });
const sidebarScheduler = (email: string) =>
  new RequestScheduler(transport(email), { rules: appRules(), concurrency: 2, clock });

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Agent {
  id: number;
  email: string;
}

/** One agent's cold sidebar on one ticket: requests, own tickets, ms to the first number. */
async function coldSidebar(
  agent: Agent,
  ticketId: number,
  memos: SummaryMemoStore,
  onRequest?: (clock: Clock) => void,
) {
  const scheduler = sidebarScheduler(agent.email);
  const endpoints = new Map<string, number>();
  scheduler.subscribe((event) => {
    if (event.type !== 'request') return;
    onRequest?.(clock);
    const endpoint = event.path.split('?')[0]!.replace(/\d+/g, 'N');
    endpoints.set(endpoint, (endpoints.get(endpoint) ?? 0) + 1);
  });
  const started = performance.now();
  let firstNumberMs = Number.NaN;
  const stats = loadSidebarStats({
    scheduler,
    store: new MemorySnapshotStore(),
    memos,
    key: `bench|user:${agent.id}|sidebar`,
    userId: agent.id,
    mode: 'agent',
    ttlMinutes: 10,
    forced: false,
    clock,
  }).then((read) => {
    if (!read) throw new Error('a cold sidebar found a fresh cache');
    const comparison = myComparison(read, 7, 'UTC', DEFAULT_ESCALATION, agent.id, clock.now());
    if (!comparison) throw new Error('no comparison');
    firstNumberMs = performance.now() - started;
    return read;
  });
  // The sidebar reads the opened ticket beside the stats (use-ticket-detail.ts).
  const [read] = await Promise.all([stats, fetchTicketDetail(scheduler, ticketId)]);
  const where = [...endpoints].map(([endpoint, count]) => `${count} ${endpoint}`).join(', ');
  return { requests: scheduler.requests, ownTickets: read.tickets.length, team: read.team, firstNumberMs, where };
}

const result: Record<string, number | string> = { tickets: local.tickets, days, staff: local.staff, plan };
try {
  const published = await runPublish(
    { baseUrl: local.url, timeZone: 'UTC', hours: 'calendar', cacheDir: null, dryRun: false },
    {
      env: { ZENDESK_EMAIL: local.adminEmail, ZENDESK_API_TOKEN: 'bench' },
      stderr: () => {},
      stderrIsTerminal: false,
      clock,
    },
  );
  result['publishRequests'] = published.requests;

  const admin = new RequestScheduler(transport(local.adminEmail), { clock });
  const agents: Agent[] = [];
  for await (const page of listPages(admin, apiPaths.staff(), 'users')) {
    for (const raw of page.records) {
      const user = raw as { id: number; email: string; role: string; role_type?: number | null };
      if (user.role === 'agent') agents.push({ id: user.id, email: user.email });
    }
  }
  // Each agent opens one of their own tickets, the newest: one they may see whatever their role.
  const ticketOf = new Map<number, number>();
  for (const agent of agents) {
    for await (const page of listPages(admin, apiPaths.searchExport(`assignee:${agent.id} status<solved`), 'results')) {
      const ids = page.records.map((raw) => (raw as { id: number }).id);
      if (ids.length > 0) ticketOf.set(agent.id, Math.max(...ids));
      break;
    }
  }
  const withTickets = agents.filter((agent) => ticketOf.has(agent.id));
  result['agents'] = withTickets.length;

  const cold = [];
  for (const agent of withTickets)
    cold.push(await coldSidebar(agent, ticketOf.get(agent.id)!, new MemorySummaryMemos()));
  if (cold.some((run) => run.team.kind !== 'summary')) throw new Error('an agent did not find the published summary');
  const requests = cold.map((run) => run.requests);
  result['coldRequestsMedian'] = median(requests);
  result['coldRequestsMax'] = Math.max(...requests);
  result['coldRequestsMaxWhere'] = cold.find((run) => run.requests === Math.max(...requests))!.where;
  result['ownTicketsMedian'] = median(cold.map((run) => run.ownTickets));
  result['ownTicketsMax'] = Math.max(...cold.map((run) => run.ownTickets));
  result['firstNumberMsMedian'] = median(cold.map((run) => run.firstNumberMs));
  result['firstNumberMsMax'] = Math.max(...cold.map((run) => run.firstNumberMs));

  // Today's way, for three agents: a memo that says no summary is published, so the account is pulled.
  const fallback = [];
  for (const agent of withTickets.slice(0, 3)) {
    const memos = new MemorySummaryMemos();
    memos.save(`bench|user:${agent.id}|sidebar`, { checkedAt: clock.now(), read: { state: 'none' } });
    fallback.push(await coldSidebar(agent, ticketOf.get(agent.id)!, memos));
  }
  result['accountWayRequestsMedian'] = median(fallback.map((run) => run.requests));
  result['accountWayTicketsMedian'] = median(fallback.map((run) => run.ownTickets));
  result['accountWayFirstNumberMsMedian'] = median(fallback.map((run) => run.firstNumberMs));

  // 200 agents' first ticket within 10 minutes, arrivals drawn from a fixed seed.
  let seed = 17;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const start = clock.now();
  const offsets = Array.from({ length: AGENTS_ARRIVING }, () => random() * ARRIVAL_MINUTES * 60_000).sort(
    (a, b) => a - b,
  );
  const stamps: number[] = [];
  let failures = 0;
  process.stderr.write(`sidebar-cost so far: ${JSON.stringify(result)}\n`);
  await Promise.all(
    offsets.map(async (offset, index) => {
      await clock.sleep(start + offset - clock.now());
      const agent = withTickets[index % withTickets.length]!;
      // One that fails (the local Zendesk, on one process, may fall behind) is counted, not fatal.
      await coldSidebar(agent, ticketOf.get(agent.id)!, new MemorySummaryMemos(), (at) => stamps.push(at.now())).catch(
        () => failures++,
      );
    }),
  );
  stamps.sort((a, b) => a - b);
  let busiest = 0;
  for (let first = 0, last = 0; last < stamps.length; last++) {
    while (stamps[last]! - stamps[first]! >= 60_000) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  result['arrivals'] = AGENTS_ARRIVING;
  result['arrivalFailures'] = failures;
  result['arrivalRequests'] = stamps.length;
  result['busiestMinuteRequests'] = busiest;
  result['accountLimitPerMinute'] = PLAN_LIMITS[plan];
  result['busiestMinuteShare'] = busiest / PLAN_LIMITS[plan];
} finally {
  await local.close();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
