import { useCallback, useEffect, useRef, useState } from 'react';
import { pullAccount, type PullProgress } from '../../zendesk/account-pull';
import {
  FallbackSnapshotStore,
  MemorySnapshotStore,
  type PullMode,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import { AbortedError } from '../../zendesk/clock';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import type { Dataset } from '../../zendesk/response-dataset';
import { ZafTransport } from '../../zendesk/browser/zaf-transport';
import type { ZafSession } from '../zaf/zaf-session';
import { describeProblem, type Problem } from './app-errors';

/**
 * The account's tickets for the report: a cached snapshot at once (with its age), then a refresh
 * through the rate-limit-aware pull, with progress, partial results as pages arrive, and errors
 * that keep whatever data there already is.
 */

export interface AccountDataState {
  dataset: Dataset | null;
  /** When the data on screen was read from Zendesk (epoch ms). */
  updatedAt: number | null;
  loading: boolean;
  progress: PullProgress | null;
  problem: Problem | null;
  mode: PullMode;
  /**
   * Epoch seconds since when the dataset on screen holds every ticket that changed: 0 for a whole
   * one, later while a first load is still reading the history, null while not even that is known.
   */
  wholeSince: number | null;
}

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
 * period shows whole long before the history is in.
 */
export function useAccountData(
  session: ZafSession,
  recentFrom?: readonly number[],
  store: SnapshotStore = snapshotStore(),
): AccountDataState & { retry: () => void } {
  const mode: PullMode = session.user.role === 'admin' ? 'admin' : 'agent';
  const [state, setState] = useState<AccountDataState>({
    dataset: null,
    updatedAt: null,
    loading: true,
    progress: null,
    problem: null,
    mode,
    wholeSince: null,
  });
  const [attempt, setAttempt] = useState(0);
  const storeRef = useRef(store);

  useEffect(() => {
    const controller = new AbortController();
    const transport = new ZafTransport(session.client, `${session.context.account.subdomain}|user:${session.user.id}`);
    const scheduler = new RequestScheduler(transport, { rules: appRules(), concurrency: 2 });
    let lastPartial = 0;
    let shownCoverage: number | null = null;
    setState((previous) => ({ ...previous, loading: true, problem: null }));

    void (async () => {
      const cached = await storeRef.current.load(transport.accountKey);
      if (controller.signal.aborted) return;
      if (cached && cached.mode === mode && cached.complete) {
        setState((previous) => ({
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
      try {
        const result = await pullAccount({
          scheduler,
          mode,
          store: storeRef.current,
          ...(recentFrom === undefined ? {} : { recentFrom }),
          signal: controller.signal,
          // A pull replaced by a retry may still deliver a page that was on its way: not onto this screen.
          onProgress: (progress) => {
            if (!controller.signal.aborted) setState((previous) => ({ ...previous, progress }));
          },
          onPartial: (partial, coveredFrom) => {
            if (controller.signal.aborted) return;
            // A cached report stays on screen until the refresh is whole; a first load fills in,
            // at once when another stretch of days has become whole.
            if (cached?.complete) return;
            if (coveredFrom === shownCoverage && Date.now() - lastPartial < PARTIAL_EVERY_MS) return;
            lastPartial = Date.now();
            shownCoverage = coveredFrom;
            setState((previous) => ({ ...previous, dataset: partial(), wholeSince: coveredFrom }));
          },
        });
        if (controller.signal.aborted) return;
        setState({
          dataset: result.dataset,
          updatedAt: Date.now(),
          loading: false,
          progress: null,
          problem: null,
          mode,
          wholeSince: 0,
        });
      } catch (error) {
        if (controller.signal.aborted || error instanceof AbortedError) return;
        setState((previous) => ({ ...previous, loading: false, problem: describeProblem(error) }));
      }
    })();
    return () => controller.abort();
  }, [session, mode, attempt, recentFrom]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { ...state, retry };
}
