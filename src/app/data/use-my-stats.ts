import { useCallback, useMemo, useRef } from 'react';
import { pullAccount } from '../../zendesk/account-pull';
import {
  FallbackSnapshotStore,
  MemorySnapshotStore,
  type AccountSnapshot,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import type { RequestScheduler } from '../../zendesk/request-scheduler';
import type { TicketRecord } from '../../metrics/ticket-record';
import { userNames } from '../../zendesk/response-dataset';
import type { ZafSession } from '../zaf/zaf-session';
import { useAbortableLoad, type AbortableLoad, type Load } from './use-abortable-load';

/**
 * The tickets behind an agent's own stats in the sidebar: the last 31 days, kept in IndexedDB per
 * agent and reused by every ticket tab until they are older than the settings' time-to-live, so
 * that opening another ticket costs nothing here.
 */

export const STATS_DAYS = 31;

interface MyStats {
  tickets: TicketRecord[] | null;
  names: Map<number, string>;
  updatedAt: number | null;
}

const EMPTY_STATS: MyStats = { tickets: null, names: new Map(), updatedAt: null };

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
): MyStatsData {
  const mode = session.user.role === 'admin' ? 'admin' : 'agent';
  // Set by refresh for the next load only: a fresh cache is shown, then read again all the same.
  const forced = useRef(false);
  const load = useCallback<Load<MyStats>>(
    async (signal, update) => {
      const key = scheduler.transport.accountKey;
      const early = preloaded.get(key);
      preloaded.delete(key);
      const cached = await (early ?? store.load(key));
      performance.mark('support-kpis:cache-read');
      const usable = cached !== null && cached.complete && cached.mode === mode;
      if (usable) {
        update(() => ({
          tickets: cached.tickets,
          names: userNames(new Map(cached.users.map((user) => [user.id, user]))),
          updatedAt: cached.updatedAt,
        }));
        if (Date.now() - cached.updatedAt < ttlMinutes * 60_000 && !forced.current) return;
      }
      forced.current = false;
      const result = await pullAccount({
        scheduler,
        mode,
        store,
        // The app does not read the event streams yet: at the export limit of 10 a minute they would
        // hold back the first number, and an agent's browser would spend requests on refusals.
        streams: [],
        startTime: Math.floor(Date.now() / 1000) - STATS_DAYS * 86_400,
        signal,
      });
      update(() => ({
        tickets: result.dataset.tickets,
        names: userNames(result.dataset.users),
        updatedAt: Date.now(),
      }));
    },
    [scheduler, ttlMinutes, store, mode],
  );
  const { value, ...status } = useAbortableLoad<MyStats>(EMPTY_STATS, load);
  const { loading, problem, retry } = status;
  const refresh = useCallback(() => {
    forced.current = true;
    retry();
  }, [retry]);
  return useMemo(() => ({ ...value, loading, problem, retry, refresh }), [value, loading, problem, retry, refresh]);
}
