import { useEffect, useMemo, useState } from 'react';
import { pullAccount } from '../../zendesk/account-pull';
import {
  FallbackSnapshotStore,
  MemorySnapshotStore,
  type AccountSnapshot,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import { AbortedError } from '../../zendesk/clock';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import type { RequestScheduler } from '../../zendesk/request-scheduler';
import type { TicketRecord } from '../../metrics/ticket-record';
import { userNames } from '../../zendesk/response-dataset';
import type { ZafSession } from '../zaf/zaf-session';
import { describeProblem, type Problem } from './app-errors';

/**
 * The tickets behind an agent's own stats in the sidebar: the last 31 days, kept in IndexedDB per
 * agent and reused by every ticket tab until they are older than the settings' time-to-live, so
 * that opening another ticket costs nothing here.
 */

export const STATS_DAYS = 31;

export interface MyStatsData {
  tickets: TicketRecord[] | null;
  names: Map<number, string>;
  updatedAt: number | null;
  loading: boolean;
  problem: Problem | null;
}

/** The stats cache; its database starts opening at once, so a warm start does not wait for it. */
export function statsStore(): SnapshotStore {
  if (typeof indexedDB === 'undefined') return new MemorySnapshotStore();
  const database = new IndexedDbSnapshotStore();
  database.prepare();
  return new FallbackSnapshotStore(database);
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

export function useMyStatsData(
  session: ZafSession,
  scheduler: RequestScheduler,
  ttlMinutes: number,
  refreshToken: number,
  store: SnapshotStore,
): MyStatsData {
  const [state, setState] = useState<MyStatsData>({
    tickets: null,
    names: new Map(),
    updatedAt: null,
    loading: true,
    problem: null,
  });
  const mode = session.user.role === 'admin' ? 'admin' : 'agent';
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      const key = scheduler.transport.accountKey;
      const early = preloaded.get(key);
      preloaded.delete(key);
      const cached = await (early ?? store.load(key));
      performance.mark('support-kpis:cache-read');
      const fresh =
        cached && cached.complete && cached.mode === mode && Date.now() - cached.updatedAt < ttlMinutes * 60_000;
      if (cached && cached.complete && cached.mode === mode) {
        setState({
          tickets: cached.tickets,
          names: userNames(new Map(cached.users.map((user) => [user.id, user]))),
          updatedAt: cached.updatedAt,
          loading: !fresh,
          problem: null,
        });
      }
      if (fresh) return;
      try {
        const result = await pullAccount({
          scheduler,
          mode,
          store,
          startTime: Math.floor(Date.now() / 1000) - STATS_DAYS * 86_400,
          signal: controller.signal,
        });
        if (controller.signal.aborted) return;
        setState({
          tickets: result.dataset.tickets,
          names: userNames(result.dataset.users),
          updatedAt: Date.now(),
          loading: false,
          problem: null,
        });
      } catch (error) {
        if (controller.signal.aborted || error instanceof AbortedError) return;
        setState((previous) => ({ ...previous, loading: false, problem: describeProblem(error) }));
      }
    })();
    return () => controller.abort();
  }, [session, scheduler, ttlMinutes, refreshToken, store, mode]);
  return useMemo(() => state, [state]);
}
