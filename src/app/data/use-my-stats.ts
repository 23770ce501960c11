import { useCallback, useMemo, useRef } from 'react';
import { compareAgent, type Comparison } from '../../metrics/agent-comparison';
import { computeReport } from '../../metrics/compute-report';
import type { EscalationSettings } from '../../metrics/settings';
import type { TicketRecord } from '../../metrics/ticket-record';
import {
  FallbackSnapshotStore,
  MemorySnapshotStore,
  type AccountSnapshot,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import type { RequestScheduler } from '../../zendesk/request-scheduler';
import {
  loadSidebarStats,
  MemorySummaryMemos,
  StorageSummaryMemos,
  type SummaryMemoStore,
  type TeamSource,
} from '../../zendesk/sidebar-stats';
import type { Translate } from '../i18n/translator';
import type { Formatters } from '../i18n/formatters';
import { periodFor } from '../report/report-period';
import type { ZafSession } from '../zaf/zaf-session';
import { useAbortableLoad, type AbortableLoad, type Load } from './use-abortable-load';

/**
 * The tickets behind an agent's own stats in the sidebar, and where the team's figures come from
 * (src/zendesk/sidebar-stats.ts: the published summary and the agent's own tickets, or else the
 * account's last 31 days). Kept in IndexedDB per agent and reused by every ticket tab until they
 * are older than the settings' time to live, so that opening another ticket costs nothing here.
 */

export { STATS_DAYS } from '../../zendesk/sidebar-stats';

interface MyStats {
  tickets: TicketRecord[] | null;
  names: Map<number, string>;
  updatedAt: number | null;
  /** Null until something is shown. */
  team: TeamSource | null;
}

const EMPTY_STATS: MyStats = { tickets: null, names: new Map(), updatedAt: null, team: null };

export type MyStatsData = MyStats &
  Omit<AbortableLoad<MyStats>, 'value'> & {
    /** Reads the stats from Zendesk now, however fresh the cache (the Refresh button). */
    refresh: () => void;
  };

/** The stats cache; its database starts opening at once, so a warm start does not wait for it. */
export function statsStore(): SnapshotStore {
  if (typeof indexedDB === 'undefined') return new MemorySnapshotStore();
  const database = new IndexedDbSnapshotStore();
  database.prepare();
  return new FallbackSnapshotStore(database);
}

let sharedMemos: SummaryMemoStore | null = null;

/** The last answer about the team summary, in the browser's storage where it has one. */
function summaryMemos(): SummaryMemoStore {
  if (!sharedMemos) {
    let storage: Storage | null = null;
    try {
      storage = typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      // A sandboxed frame may refuse even the look.
    }
    sharedMemos = storage ? new StorageSummaryMemos(storage) : new MemorySummaryMemos();
  }
  return sharedMemos;
}

/** The cache key of an agent's sidebar stats. */
export function statsKey(session: ZafSession): string {
  return `${session.context.account.subdomain}|user:${session.user.id}|sidebar`;
}

const preloaded = new Map<string, Promise<AccountSnapshot | null>>();

/** Starts reading an agent's cached stats while the pane renders for the first time. */
export function preloadStats(store: SnapshotStore, key: string): void {
  preloaded.set(key, store.load(key));
}

/** `retry` reads the stats again (Try again, the pane shown again), from the cache while it is fresh. */
export function useMyStatsData(
  session: ZafSession,
  scheduler: RequestScheduler,
  ttlMinutes: number,
  store: SnapshotStore,
  memos: SummaryMemoStore = summaryMemos(),
): MyStatsData {
  const mode = session.user.role === 'admin' ? 'admin' : 'agent';
  const userId = session.user.id;
  // Set by refresh for the next load only: a fresh cache is shown, then read again all the same.
  const forced = useRef(false);
  const load = useCallback<Load<MyStats>>(
    async (signal, update) => {
      const key = scheduler.transport.accountKey;
      const early = preloaded.get(key);
      preloaded.delete(key);
      const force = forced.current;
      forced.current = false;
      const read = await loadSidebarStats({
        scheduler,
        store,
        memos,
        key,
        userId,
        mode,
        ttlMinutes,
        forced: force,
        signal,
        ...(early ? { cachedAccount: early } : {}),
        onCacheRead: () => performance.mark('support-kpis:cache-read'),
        onCached: (cached) => update(() => cached),
      });
      if (read) update(() => read);
    },
    [scheduler, ttlMinutes, store, memos, mode, userId],
  );
  const { value, ...status } = useAbortableLoad<MyStats>(EMPTY_STATS, load);
  const { loading, problem, retry } = status;
  const refresh = useCallback(() => {
    forced.current = true;
    retry();
  }, [retry]);
  return useMemo(() => ({ ...value, loading, problem, retry, refresh }), [value, loading, problem, retry, refresh]);
}

/**
 * The agent against the team for the last 7 or 30 days: the agent's scorecard from the tickets
 * held, the team's medians from the published summary's period when there is one (in its hours
 * mode, so both sides are measured alike), else from the same tickets' scorecards.
 */
export function myComparison(
  stats: Pick<MyStats, 'tickets' | 'names' | 'team'>,
  days: 7 | 30,
  timeZone: string,
  escalation: EscalationSettings,
  userId: number,
  now = Date.now(),
): Comparison[] | null {
  if (!stats.tickets) return null;
  const preset = days === 7 ? 'last7' : 'last30';
  const { current } = periodFor({ preset }, timeZone, now);
  const summary = stats.team?.kind === 'summary' ? stats.team.summary : null;
  const period = summary?.periods.find((candidate) => candidate.key === preset) ?? null;
  const report = computeReport(stats.tickets, {
    window: current,
    escalation,
    agentNames: stats.names,
    ...(summary && period ? { hours: summary.hours } : {}),
  });
  return compareAgent(report, userId, period?.all.agent_medians);
}

/** The line under the stats saying where the team's figures come from, or null before any are shown. */
export function teamSourceNote(
  team: TeamSource | null,
  t: Translate,
  format: Formatters,
  now = Date.now(),
): string | null {
  if (!team) return null;
  if (team.kind === 'summary') {
    const minutes = Math.max(0, (now - Date.parse(team.summary.generated_at)) / 60_000);
    return t('sidebar.team_from_summary', { when: format.relativeMinutes(minutes) });
  }
  return t(`sidebar.team_from_account_${team.reason}`);
}
