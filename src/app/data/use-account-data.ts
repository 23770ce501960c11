import { useCallback, useState } from 'react';
import { pullAccount, type PullProgress } from '../../zendesk/account-pull';
import {
  FallbackSnapshotStore,
  MemorySnapshotStore,
  type PullMode,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import type { Dataset } from '../../zendesk/response-dataset';
import { ZafTransport } from '../../zendesk/browser/zaf-transport';
import type { ZafSession } from '../zaf/zaf-session';
import { useAbortableLoad, type AbortableLoad, type Load } from './use-abortable-load';

/**
 * The account's tickets for the report: a cached snapshot at once (with its age), then a refresh
 * through the rate-limit-aware pull, with progress, partial results as pages arrive, and errors
 * that keep whatever data there already is.
 */

export interface AccountData {
  dataset: Dataset | null;
  /** When the data on screen was read from Zendesk (epoch ms). */
  updatedAt: number | null;
  progress: PullProgress | null;
  /**
   * Epoch seconds since when the dataset on screen holds every ticket that changed: 0 for a whole
   * one, later while a first load is still reading the history, null while not even that is known.
   */
  wholeSince: number | null;
}

export type AccountDataState = AccountData & Omit<AbortableLoad<AccountData>, 'value'> & { mode: PullMode };

const NOTHING_YET: AccountData = { dataset: null, updatedAt: null, progress: null, wholeSince: null };

function snapshotStore(): SnapshotStore {
  return typeof indexedDB === 'undefined'
    ? new MemorySnapshotStore()
    : new FallbackSnapshotStore(new IndexedDbSnapshotStore());
}

/** Partial results redraw the report at most this often, so a fast pull does not redraw per page. */
const PARTIAL_EVERY_MS = 1000;

/**
 * `recentFrom` (epoch seconds, newest first): on a first load, the tickets changed since the first
 * are read first, then back to the second, and so on, then the rest, so the report's default
 * period shows whole long before the history is in. `store` is for tests; by default the report
 * keeps one IndexedDB store for its life.
 */
export function useAccountData(
  session: ZafSession,
  recentFrom?: readonly number[],
  givenStore?: SnapshotStore,
): AccountDataState {
  const mode: PullMode = session.user.role === 'admin' ? 'admin' : 'agent';
  const [store] = useState(() => givenStore ?? snapshotStore());

  const load = useCallback<Load<AccountData>>(
    async (signal, update) => {
      const transport = new ZafTransport(
        session.client,
        `${session.context.account.subdomain}|user:${session.user.id}`,
      );
      const scheduler = new RequestScheduler(transport, { rules: appRules(), concurrency: 2 });
      let lastPartial = 0;
      let shownCoverage: number | null = null;
      const cached = await store.load(transport.accountKey);
      if (signal.aborted) return;
      if (cached && cached.mode === mode && cached.complete) {
        update((previous) => ({
          ...previous,
          dataset: {
            tickets: cached.tickets,
            users: new Map(cached.users.map((u) => [u.id, u])),
            groups: new Map(cached.groups.map((g) => [g.id, g])),
            skipped: cached.skipped,
            pages: 0,
            warnings: [],
          },
          updatedAt: cached.updatedAt,
          wholeSince: 0,
        }));
      }
      const result = await pullAccount({
        scheduler,
        mode,
        store,
        // The app does not read the event streams yet: at the export limit of 10 a minute they would
        // hold back the first number, and an agent's browser would spend requests on refusals.
        streams: [],
        ...(recentFrom === undefined ? {} : { recentFrom }),
        signal,
        // A pull replaced by a retry may still deliver a page that was on its way: `update` drops it.
        onProgress: (progress) => update((previous) => ({ ...previous, progress })),
        onPartial: (partial, coveredFrom) => {
          // A cached report stays on screen until the refresh is whole; a first load fills in,
          // at once when another stretch of days has become whole.
          if (cached?.complete || signal.aborted) return;
          if (coveredFrom === shownCoverage && Date.now() - lastPartial < PARTIAL_EVERY_MS) return;
          lastPartial = Date.now();
          shownCoverage = coveredFrom;
          update((previous) => ({ ...previous, dataset: partial(), wholeSince: coveredFrom }));
        },
      });
      update(() => ({ dataset: result.dataset, updatedAt: Date.now(), progress: null, wholeSince: 0 }));
    },
    [session, mode, recentFrom, store],
  );
  const { value, ...status } = useAbortableLoad(NOTHING_YET, load);
  return { ...value, ...status, mode };
}
