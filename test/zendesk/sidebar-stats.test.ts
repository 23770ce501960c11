import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryWindows } from '../../src/cli/publish-command';
import { startEmulator, type RunningEmulator } from '../../src/emulator/api-server';
import { compareAgent } from '../../src/metrics/agent-comparison';
import { computeReport } from '../../src/metrics/compute-report';
import { formatCalendarDate, addDays } from '../../src/metrics/calendar-date';
import { ReportWindow } from '../../src/metrics/report-window';
import { buildTeamSummary, type TeamSummary } from '../../src/metrics/team-summary';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import { localDate } from '../../src/metrics/time-zone';
import { pullAccount } from '../../src/zendesk/account-pull';
import { MemorySnapshotStore } from '../../src/zendesk/account-snapshot';
import { FetchTransport } from '../../src/zendesk/node/fetch-transport';
import { pullOwnTickets } from '../../src/zendesk/own-tickets-pull';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import {
  loadSidebarStats,
  MemorySummaryMemos,
  ownKey,
  STATS_DAYS,
  StorageSummaryMemos,
  SUMMARY_MAX_AGE_MS,
  SUMMARY_RECHECK_MS,
  teamSourceOf,
  type SidebarStats,
  type SidebarStatsOptions,
} from '../../src/zendesk/sidebar-stats';
import { publishTeamSummary } from '../../src/zendesk/team-summary-record';
import {
  adminOf,
  agentOf,
  API_TOKEN,
  DAY,
  clientClockOn,
  frozenClock,
  HOUR,
  MINUTE,
  NOW,
  smallData,
} from '../emulator/support';

/**
 * The sidebar's stats against the local Zendesk (600 tickets in 30 days, 30 staff): the agent's own
 * tickets read through `assignee:me` give the agent the same scorecard as the whole account does,
 * and the team's figures come from the published summary when there is one, else from the
 * account, in the requests each path costs.
 */

const { account, data } = smallData();
const ADMIN = adminOf(account);
const AGENT = agentOf(account);
const zendeskTime = frozenClock();
const clock = clientClockOn(zendeskTime);

let emulator: RunningEmulator;
let bare: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0 });
  bare = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0, customObjects: false });
});
afterAll(async () => {
  await emulator.close();
  await bare.close();
});

function schedulerAs(email: string, url = emulator.url): RequestScheduler {
  return new RequestScheduler(
    new FetchTransport({ baseUrl: url, credentials: { kind: 'api-token', email, token: API_TOKEN } }),
    { clock },
  );
}

const startTime = () => Math.floor(clock.now() / 1000) - STATS_DAYS * 86_400;

function lastDays(days: number): ReportWindow {
  const today = localDate(clock.now(), 'UTC');
  return ReportWindow.of(formatCalendarDate(addDays(today, 1 - days)), formatCalendarDate(today), 'UTC');
}

async function wholeAccount(): Promise<TicketRecord[]> {
  const pulled = await pullAccount({ scheduler: schedulerAs(ADMIN.email), mode: 'admin', streams: [], clock });
  return pulled.dataset.tickets;
}

const scorecardOf = (tickets: readonly TicketRecord[], window: ReportWindow, id: number) => {
  const card = computeReport(tickets, { window }).agents.find((agent) => agent.id === id);
  return card ? { ...card, name: null } : null;
};

describe('pullOwnTickets', () => {
  it("gives the agent the scorecard the whole account gives, in 2 searches and a show_many per 100 of the agent's tickets", async () => {
    const scheduler = schedulerAs(AGENT.email);
    const own = await pullOwnTickets({ scheduler, userId: AGENT.id, accountKey: 'own', startTime: startTime(), clock });
    expect(own.tickets.length).toBeGreaterThan(5);
    expect(own.tickets.every((ticket) => ticket.assigneeId === AGENT.id)).toBe(true);
    expect(own.requests).toBe(2 + Math.ceil(own.tickets.length / 100));
    const all = await wholeAccount();
    for (const days of [7, 30]) {
      const window = lastDays(days);
      const mine = scorecardOf(own.tickets, window, AGENT.id);
      expect(mine).not.toBeNull();
      expect(mine).toEqual(scorecardOf(all, window, AGENT.id));
    }
  });

  it('a refresh asks for what changed since, and holds what a first read at that time would', async () => {
    const store = new MemorySnapshotStore();
    const options = { userId: AGENT.id, accountKey: 'own-refresh', store, clock };
    const first = await pullOwnTickets({ ...options, scheduler: schedulerAs(AGENT.email), startTime: startTime() });
    expect(first.resumed).toBe(false);
    zendeskTime.advance(3 * HOUR);
    const scheduler = schedulerAs(AGENT.email);
    const queries: string[] = [];
    scheduler.subscribe((event) => {
      if (event.type === 'request' && event.path.startsWith('/api/v2/search/'))
        queries.push(new URL(event.path, 'https://x').searchParams.get('query')!);
    });
    const refreshed = await pullOwnTickets({ ...options, scheduler, startTime: startTime() });
    expect(refreshed.resumed).toBe(true);
    // One search from the last one's Zendesk time, less the ten minutes' overlap.
    const since = new Date(first.snapshot.searchedUntil! - 10 * MINUTE).toISOString().replace('.000Z', 'Z');
    expect(queries).toEqual([`assignee:me updated>=${since}`]);
    const cold = await pullOwnTickets({
      ...options,
      store: undefined,
      accountKey: 'own-cold',
      scheduler: schedulerAs(AGENT.email),
      startTime: startTime(),
    });
    const ids = (tickets: readonly TicketRecord[]) => tickets.map((ticket) => ticket.id).sort((a, b) => a - b);
    expect(ids(refreshed.tickets)).toEqual(ids(cold.tickets));
    expect(refreshed.tickets).toEqual(expect.arrayContaining(cold.tickets));
    expect((await store.load('own-refresh'))?.complete).toBe(true);
  });
});

describe('teamSourceOf', () => {
  const summary = (change: Partial<TeamSummary> = {}): TeamSummary => ({
    format: 'support-kpis-team-summary-1',
    generated_at: new Date(NOW - HOUR).toISOString(),
    time_zone: 'UTC',
    hours: 'calendar',
    credit: 'assignee',
    min_agents: 3,
    periods: ['last7', 'last30'].map((key) => ({
      key,
      from: '2026-11-16',
      to: '2026-11-22',
      all: {
        agents: 0,
        agent_medians: { solved: 1, frt: 1, full_resolution: 1, fcr: 1, csat: 1, escalation: 0, reopen: 0 },
        team: null,
      },
      groups: [],
    })),
    ...change,
  });
  const found = (value: TeamSummary) => ({ state: 'found' as const, summary: value, publishedBy: 1 });

  it('uses a summary up to a week old, credited to the assignee, with both sidebar periods', () => {
    expect(teamSourceOf(found(summary()), NOW).kind).toBe('summary');
    expect(
      teamSourceOf(found(summary({ generated_at: new Date(NOW - SUMMARY_MAX_AGE_MS - 1).toISOString() })), NOW),
    ).toEqual({
      kind: 'account',
      reason: 'stale',
    });
    expect(teamSourceOf(found(summary({ credit: 'actor' })), NOW)).toEqual({ kind: 'account', reason: 'invalid' });
    expect(teamSourceOf(found(summary({ periods: summary().periods.slice(0, 1) })), NOW)).toEqual({
      kind: 'account',
      reason: 'invalid',
    });
    expect(teamSourceOf({ state: 'unavailable', reason: 'plan' }, NOW)).toEqual({
      kind: 'account',
      reason: 'unavailable',
    });
    expect(teamSourceOf({ state: 'none' }, NOW)).toEqual({ kind: 'account', reason: 'none' });
  });

  it('memos in storage come back as they were; anything else stored there is ignored', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
    const memos = new StorageSummaryMemos(storage);
    const memo = { checkedAt: NOW, read: found(summary()) };
    memos.save('k', memo);
    expect(memos.load('k')).toEqual(memo);
    memos.save('n', { checkedAt: NOW, read: { state: 'invalid', reason: 'forged' } });
    expect(memos.load('n')).toEqual({ checkedAt: NOW, read: { state: 'invalid', reason: 'forged' } });
    expect(memos.load('missing')).toBeNull();
    for (const stored of [
      'not json',
      '{"checkedAt":"x","read":{"state":"none"}}',
      '{"checkedAt":1,"read":{"state":"found","summary":{"format":"forged"},"publishedBy":1}}',
    ]) {
      items.set('support-kpis:summary:bad', stored);
      expect(memos.load('bad')).toBeNull();
    }
    // A storage that refuses to write loses the memo, nothing else.
    const full = new StorageSummaryMemos({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(() => full.save('k', memo)).not.toThrow();
  });
});

describe('loadSidebarStats', () => {
  function run(
    scheduler: RequestScheduler,
    options: Partial<SidebarStatsOptions> & Pick<SidebarStatsOptions, 'store' | 'memos'>,
  ) {
    const shown: SidebarStats[] = [];
    const result = loadSidebarStats({
      scheduler,
      key: 'acme|user:agent|sidebar',
      userId: AGENT.id,
      mode: 'agent',
      ttlMinutes: 10,
      forced: false,
      clock,
      onCached: (stats) => shown.push(stats),
      ...options,
    });
    return { shown, result };
  }

  it('without custom objects on the plan: the account, said to be unavailable, and not asked again within the hour', async () => {
    const store = new MemorySnapshotStore();
    const memos = new MemorySummaryMemos();
    const scheduler = schedulerAs(AGENT.email, bare.url);
    const cold = await run(scheduler, { store, memos }).result;
    expect(cold?.team).toEqual({ kind: 'account', reason: 'unavailable' });
    // A refresh after the time to live: the account's changes, and no refused summary request.
    zendeskTime.advance(20 * MINUTE);
    const again = schedulerAs(AGENT.email, bare.url);
    const paths: string[] = [];
    again.subscribe((event) => {
      if (event.type === 'response') paths.push(event.path);
    });
    const refreshed = run(again, { store, memos });
    expect((await refreshed.result)?.team).toEqual({ kind: 'account', reason: 'unavailable' });
    expect(refreshed.shown.map((stats) => stats.team)).toEqual([{ kind: 'account', reason: 'unavailable' }]);
    expect(paths.some((path) => path.includes('custom_objects'))).toBe(false);
    zendeskTime.advance(SUMMARY_RECHECK_MS);
    const hourLater = schedulerAs(AGENT.email, bare.url);
    await run(hourLater, { store, memos }).result;
    expect(hourLater.requests).toBeGreaterThan(0);
  });

  it("with a published summary: the agent's own tickets and the summary, in at most 10 requests cold, none warm", async () => {
    const admin = schedulerAs(ADMIN.email);
    const all = await wholeAccount();
    const summary = buildTeamSummary(all, { periods: summaryWindows(clock.now(), 'UTC'), now: clock.now() });
    await publishTeamSummary(admin, summary);

    const store = new MemorySnapshotStore();
    const memos = new MemorySummaryMemos();
    const scheduler = schedulerAs(AGENT.email);
    const cold = run(scheduler, { store, memos });
    const stats = await cold.result;
    expect(cold.shown).toEqual([]);
    expect(stats?.team.kind).toBe('summary');
    expect(scheduler.requests).toBeLessThanOrEqual(10);
    expect(stats?.tickets.every((ticket) => ticket.assigneeId === AGENT.id)).toBe(true);
    expect(await store.load('acme|user:agent|sidebar')).toBeNull();
    expect((await store.load(ownKey('acme|user:agent|sidebar')))?.complete).toBe(true);

    // The comparison: the agent's own values as the whole account gives them, the summary's medians.
    const window = lastDays(7);
    const period = summary.periods.find((candidate) => candidate.key === 'last7')!;
    const mine = compareAgent(computeReport(stats!.tickets, { window }), AGENT.id, period.all.agent_medians);
    const whole = compareAgent(computeReport(all, { window }), AGENT.id);
    expect(mine.map((row) => row.mine)).toEqual(whole.map((row) => row.mine));
    expect(mine.map((row) => row.teamMedian)).toEqual(whole.map((row) => row.teamMedian));

    // Another ticket tab a minute later: from the cache, nothing sent.
    zendeskTime.advance(MINUTE);
    const warm = schedulerAs(AGENT.email);
    const second = run(warm, { store, memos });
    expect(await second.result).toBeNull();
    expect(warm.requests).toBe(0);
    expect(second.shown.map((shown) => shown.team.kind)).toEqual(['summary']);
  });

  it('a summary published while the account was the fallback is found within the hour, or at once on Refresh', async () => {
    const store = new MemorySnapshotStore();
    const memos = new MemorySummaryMemos();
    memos.save('acme|user:agent|sidebar', { checkedAt: clock.now(), read: { state: 'none' } });
    const refreshed = await run(schedulerAs(AGENT.email), { store, memos }).result;
    expect(refreshed?.team).toEqual({ kind: 'account', reason: 'none' });
    const forced = await run(schedulerAs(AGENT.email), { store, memos, forced: true }).result;
    expect(forced?.team.kind).toBe('summary');
  });

  it('a summary an agent overwrote is not used: the own-tickets read begun beside the check is dropped, and the account pulled', async () => {
    const agent = schedulerAs(AGENT.email);
    await agent.send({
      method: 'PATCH',
      path: '/api/v2/custom_objects/support_kpis_summary/records.json?external_id=team-summary',
      body: { custom_object_record: { custom_object_fields: { payload: '{"format":"forged"}' } } },
    });
    const memos = new MemorySummaryMemos();
    const stats = await run(schedulerAs(AGENT.email), { store: new MemorySnapshotStore(), memos }).result;
    expect(stats?.team).toEqual({ kind: 'account', reason: 'invalid' });
    expect(memos.load('acme|user:agent|sidebar')?.read).toEqual({
      state: 'invalid',
      reason: `the summary was last written by user ${AGENT.id}, who is not an admin`,
    });
    // The account's tickets, not only the agent's.
    expect(stats?.tickets.some((ticket) => ticket.assigneeId !== AGENT.id)).toBe(true);
    zendeskTime.advance(DAY);
  });
});
