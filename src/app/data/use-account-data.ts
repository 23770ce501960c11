import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TicketTimelines } from '../../metrics/ticket-timeline';
import {
  EVENT_STREAMS,
  pullAccount,
  snapshotStreams,
  snapshotTimelines,
  type EventStreamName,
  type PullOptions,
  type PullProgress,
  type PullResult,
} from '../../zendesk/account-pull';
import {
  FallbackSnapshotStore,
  keepsFields,
  MemorySnapshotStore,
  stagedOf,
  type AccountSnapshot,
  type PullMode,
  type SnapshotMeta,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import type { DeletionCheck } from '../../zendesk/agent-ticket-pull';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import type { Dataset } from '../../zendesk/response-dataset';
import type { TicketColumns } from '../../zendesk/ticket-columns';
import { ZafTransport } from '../../zendesk/browser/zaf-transport';
import type { ZafSession } from '../zaf/zaf-session';
import { useAbortableLoad, type AbortableLoad, type Load, type Update } from './use-abortable-load';

/**
 * The account's tickets for the report: a cached snapshot at once (with its age), then a refresh
 * through the rate-limit-aware pull, with progress, partial results as pages arrive, and errors
 * that keep whatever data there already is. For an admin, the event streams (METRICS.md, Version
 * 2) follow in the background once the tickets are whole, so the first number never waits for
 * exports that Zendesk allows only 10 requests a minute.
 */

/**
 * Where one event stream stands for the report on screen:
 * - `waiting`: an admin's, to be read once the tickets are whole;
 * - `loading`: being read in the background (its numbers so far are on screen, not yet whole);
 * - `read`: read to the end (a stream with no record leaves the report as version 1's);
 * - `unreadable`: `role`, the user is not an admin and Zendesk gives the incremental exports to
 *   admins only, so it is never asked; `refused`, Zendesk answered 403 with `message`.
 */
export type StreamReading =
  | { status: 'waiting' | 'loading' | 'read' }
  | { status: 'unreadable'; reason: 'role' }
  | { status: 'unreadable'; reason: 'refused'; message: string };

export interface AccountData {
  dataset: Dataset | null;
  /**
   * A whole cached snapshot's tickets as stored, in columns, while their records are being built
   * (a second or two at a million tickets): enough for the KPI tiles. Null once `dataset` is there.
   */
  preview: TicketColumns | null;
  /** When the tickets on screen were read from Zendesk (epoch ms). */
  updatedAt: number | null;
  progress: PullProgress | null;
  /**
   * Epoch seconds since when the dataset on screen holds every ticket that changed: 0 for a whole
   * one, later while a first load is still reading the history, null while not even that is known.
   */
  wholeSince: number | null;
  /** What the event streams read so far give the report; undefined while none has given a record. */
  timelines: TicketTimelines | undefined;
  streams: Record<EventStreamName, StreamReading>;
  /** Whether the tickets are being read (the streams may go on after, in the background). */
  readingTickets: boolean;
  /**
   * What the latest check for deleted tickets could not see (an agent's role that may not list
   * them rechecks only the unsolved it holds); null until a check has been made.
   */
  deletions: DeletionCheck | null;
}

export type AccountDataState = AccountData &
  Omit<AbortableLoad<AccountData>, 'value'> & {
    mode: PullMode;
    /**
     * Reads now what changed (the report's Refresh button): replaces a load under way, which a
     * stream read in the background resumes from its last page.
     */
    refresh: () => void;
  };

/** Calls `tick` every `ms` until the returned function is called (setInterval; tests drive it by hand). */
export type Ticker = (tick: () => void, ms: number) => () => void;

export interface AccountDataOptions {
  /** Where snapshots are kept; by default the report keeps one IndexedDB store for its life. */
  store?: SnapshotStore;
  /** How often the report refreshes by itself while open (default a minute). */
  refreshEveryMs?: number;
  ticker?: Ticker;
  /** The custom fields the records keep (the survey fields the settings name). */
  fieldIds?: readonly number[];
  /**
   * Epoch seconds: the history kept (`history_days`). Tickets over before it are neither read nor
   * kept, unsolved tickets are kept whatever their age; by default the whole account.
   */
  historyFrom?: number;
}

/** The pull options that bound the history read and kept. */
type HistoryBound = Pick<PullOptions, 'startTime' | 'forgetBeforeStart'>;

const intervalTicker: Ticker = (tick, ms) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

const REFRESH_EVERY_MS = 60_000;

function allStreams(reading: StreamReading): Record<EventStreamName, StreamReading> {
  return Object.fromEntries(EVENT_STREAMS.map((stream) => [stream, reading])) as Record<EventStreamName, StreamReading>;
}

function nothingYet(mode: PullMode): AccountData {
  return {
    dataset: null,
    preview: null,
    updatedAt: null,
    progress: null,
    wholeSince: null,
    timelines: undefined,
    streams: allStreams(mode === 'admin' ? { status: 'waiting' } : { status: 'unreadable', reason: 'role' }),
    readingTickets: true,
    deletions: null,
  };
}

function snapshotStore(): SnapshotStore {
  return typeof indexedDB === 'undefined'
    ? new MemorySnapshotStore()
    : new FallbackSnapshotStore(new IndexedDbSnapshotStore());
}

/**
 * Resolves once the browser has painted what is on screen now, or after 100 ms: a hidden tab
 * paints nothing, and its load must go on.
 */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(finish);
    setTimeout(finish, 100);
  });
}

/** Partial results redraw the report at most this often, so a fast pull does not redraw per page. */
const PARTIAL_EVERY_MS = 1000;
/** The streams' partial results: each redraw builds every ticket's timeline, so less often. */
const STREAM_PARTIAL_EVERY_MS = 5000;

/**
 * Whether a snapshot's tickets are whole: a finished pull's, or (the app reads the streams only
 * after a finished ticket pull) one interrupted while reading the streams, whose ticket history
 * is all in.
 */
function ticketsWhole(snapshot: SnapshotMeta): boolean {
  return (
    snapshot.complete ||
    (snapshot.mode === 'admin' &&
      snapshot.events !== undefined &&
      snapshot.exportPosition !== null &&
      snapshot.backfill.length === 0)
  );
}

function datasetOf(snapshot: AccountSnapshot): Dataset {
  return {
    tickets: snapshot.tickets,
    users: new Map(snapshot.users.map((u) => [u.id, u])),
    groups: new Map(snapshot.groups.map((g) => [g.id, g])),
    skipped: snapshot.skipped,
    pages: 0,
    warnings: [],
  };
}

/** Where each stream of a snapshot stands, for a report shown from it. */
function snapshotReadings(snapshot: AccountSnapshot): Record<EventStreamName, StreamReading> {
  const read = snapshotStreams(snapshot);
  const streams = snapshot.events?.streams ?? {};
  return Object.fromEntries(
    EVENT_STREAMS.map((stream): [EventStreamName, StreamReading] => {
      const state = streams[stream];
      if (state?.refused) return [stream, { status: 'unreadable', reason: 'refused', message: state.refused.message }];
      const whole = state !== undefined && state.position !== null && state.backfill.length === 0 && !state.next;
      return [stream, { status: read.includes(stream) && whole ? 'read' : 'waiting' }];
    }),
  ) as Record<EventStreamName, StreamReading>;
}

/** Where each stream stands after a pull that asked for them all. */
function resultReadings(result: PullResult): Record<EventStreamName, StreamReading> {
  return Object.fromEntries(
    EVENT_STREAMS.map((stream): [EventStreamName, StreamReading] => {
      const refused = result.refusedStreams.find((entry) => entry.stream === stream);
      return [
        stream,
        refused ? { status: 'unreadable', reason: 'refused', message: refused.message } : { status: 'read' },
      ];
    }),
  ) as Record<EventStreamName, StreamReading>;
}

/**
 * `recentFrom` (epoch seconds, newest first): on a first load, the tickets changed since the first
 * are read first, then back to the second, and so on, then the rest, so the report's default
 * period shows whole long before the history is in; the streams follow the same order.
 *
 * While the report is open it refreshes by itself every `refreshEveryMs` (incremental: one
 * request per export when nothing changed), unless a load is under way (it reads the latest
 * already; a stream read in the background is not interrupted) or the page is hidden. What
 * nothing changed in is not replaced, so the report on screen is not redrawn.
 */
export function useAccountData(
  session: ZafSession,
  recentFrom?: readonly number[],
  options: AccountDataOptions = {},
): AccountDataState {
  const mode: PullMode = session.user.role === 'admin' ? 'admin' : 'agent';
  const [store] = useState(() => options.store ?? snapshotStore());
  // By value: a settings object read again must not start the load over.
  const fieldKey = [...new Set(options.fieldIds ?? [])].sort((a, b) => a - b).join(',');
  const fieldIds = useMemo(
    (): ReadonlySet<number> => new Set(fieldKey === '' ? [] : fieldKey.split(',').map(Number)),
    [fieldKey],
  );
  const { historyFrom } = options;
  const bound = useMemo(
    (): HistoryBound => (historyFrom === undefined ? {} : { startTime: historyFrom, forgetBeforeStart: true }),
    [historyFrom],
  );

  // One scheduler for the report's life: each refresh counts against the same minute's limits.
  const scheduler = useMemo(
    () =>
      new RequestScheduler(
        new ZafTransport(session.client, `${session.context.account.subdomain}|user:${session.user.id}`),
        { rules: appRules(), concurrency: 2 },
      ),
    [session],
  );
  // The snapshot of the data on screen once a load has made it whole: a refresh goes on from it and
  // does not read the cache again, which at a million tickets would rebuild every record each minute.
  const held = useMemo(
    (): { snapshot: AccountSnapshot | null } => ({ snapshot: null }),
    // The load's own dependencies: a new load of other data starts from the cache.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scheduler, mode, store, fieldIds, bound],
  );
  const load = useCallback<Load<AccountData>>(
    async (signal, update) => {
      const { transport } = scheduler;
      update((previous) => ({ ...previous, readingTickets: true }));
      const goOn = async (from: AccountSnapshot): Promise<void> => {
        held.snapshot = null;
        held.snapshot =
          mode === 'agent'
            ? await refreshAgent(scheduler, store, fieldIds, bound, from, signal, update)
            : await pullWithStreams(scheduler, store, fieldIds, bound, recentFrom, from, signal, update);
      };
      if (held.snapshot !== null) {
        await goOn(held.snapshot);
        return;
      }
      const staged = store.loadStaged
        ? await store.loadStaged(transport.accountKey)
        : stagedOf(await store.load(transport.accountKey));
      if (signal.aborted) return;
      const usable = (meta: SnapshotMeta) => meta.mode === mode && ticketsWhole(meta) && keepsFields(meta, fieldIds);
      if (staged?.columns && usable(staged.meta)) {
        const { columns } = staged;
        const { updatedAt } = staged.meta;
        // The tiles from the columns first; the records after the browser has painted them.
        update((previous) => (previous.dataset !== null ? previous : { ...previous, preview: columns, updatedAt }));
        await nextPaint();
        if (signal.aborted) return;
      }
      const cached = staged?.snapshot() ?? null;
      const whole = cached !== null && usable(cached);
      // Stored columns that did not build into records (a damaged value): read afresh, as for no cache.
      if (!whole) update((previous) => (previous.preview === null ? previous : { ...previous, preview: null }));
      if (whole) {
        // A refresh while open: the report on screen is this snapshot already, or newer.
        update((previous) =>
          previous.dataset !== null && previous.wholeSince === 0
            ? previous
            : {
                ...previous,
                dataset: datasetOf(cached),
                preview: null,
                updatedAt: cached.updatedAt,
                wholeSince: 0,
                ...(mode === 'admin'
                  ? { timelines: snapshotTimelines(cached, Date.now()), streams: snapshotReadings(cached) }
                  : {}),
              },
        );
      } else {
        let lastPartial = 0;
        let shownCoverage: number | null = null;
        const result = await pullAccount({
          scheduler,
          mode,
          store,
          from: cached,
          fieldIds,
          ...bound,
          // The tickets alone first: the streams, at the export limit of 10 a minute, would hold
          // back the first number (an admin's follow below; an agent may not read them).
          streams: [],
          // Names before numbers: the first partial report names groups and agents, not "#id".
          directoryFirst: true,
          ...(recentFrom === undefined ? {} : { recentFrom }),
          signal,
          // A pull replaced by a retry may still deliver a page that was on its way: `update` drops it.
          onProgress: (progress) => update((previous) => ({ ...previous, progress })),
          onPartial: (partial, coveredFrom) => {
            // A first load fills in, at once when another stretch of days has become whole.
            if (signal.aborted) return;
            if (coveredFrom === shownCoverage && Date.now() - lastPartial < PARTIAL_EVERY_MS) return;
            lastPartial = Date.now();
            shownCoverage = coveredFrom;
            update((previous) => ({ ...previous, dataset: partial(), wholeSince: coveredFrom }));
          },
        });
        update((previous) => ({
          ...previous,
          dataset: result.dataset,
          updatedAt: Date.now(),
          progress: null,
          wholeSince: 0,
          readingTickets: false,
        }));
        if (mode === 'agent') {
          held.snapshot = result.snapshot;
          return;
        }
        await goOn(result.snapshot);
        return;
      }
      await goOn(cached);
    },
    [scheduler, mode, recentFrom, store, fieldIds, bound, held],
  );
  const { value, ...status } = useAbortableLoad(() => nothingYet(mode), load);

  const busy = useRef(status.loading);
  busy.current = status.loading;
  const { retry } = status;
  const { ticker = intervalTicker, refreshEveryMs = REFRESH_EVERY_MS } = options;
  useEffect(
    () =>
      ticker(() => {
        if (busy.current || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) return;
        retry();
      }, refreshEveryMs),
    [ticker, refreshEveryMs, retry],
  );
  return { ...value, ...status, loading: status.loading && value.readingTickets, mode, refresh: retry };
}

/** The record lists a response body holds that can change the report. */
const RECORD_LISTS = [
  'tickets',
  'results',
  'metric_sets',
  'users',
  'groups',
  'ticket_events',
  'ticket_metric_events',
  'satisfaction_ratings',
];

/** Whether a response brought any record: a refresh whose responses brought none changed nothing. */
function bringsRecords(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return RECORD_LISTS.some((key) => {
    const list = (body as Record<string, unknown>)[key];
    return Array.isArray(list) && list.length > 0;
  });
}

/**
 * The dataset to show after a pull: the one on screen when the pull brought nothing (it is the
 * same data, and keeping it keeps the report from being redrawn), else the pull's.
 */
function keptOr(previous: Dataset | null, next: Dataset, changed: boolean): Dataset {
  return previous !== null && !changed && previous.tickets.length === next.tickets.length ? previous : next;
}

/** An agent's refresh of a whole cached report: it stays on screen until the refresh is whole. */
async function refreshAgent(
  scheduler: RequestScheduler,
  store: SnapshotStore,
  fieldIds: ReadonlySet<number>,
  bound: HistoryBound,
  from: AccountSnapshot,
  signal: AbortSignal,
  update: Update<AccountData>,
): Promise<AccountSnapshot> {
  let changed = false;
  const result = await pullAccount({
    scheduler,
    mode: 'agent',
    store,
    from,
    fieldIds,
    ...bound,
    // Zendesk gives the event streams to admins only: asking would spend requests on refusals.
    streams: [],
    signal,
    onProgress: (progress) => update((previous) => ({ ...previous, progress })),
    onResponse: (_kind, _path, body) => {
      changed ||= bringsRecords(body);
    },
  });
  update((previous) => ({
    ...previous,
    dataset: keptOr(previous.dataset, result.dataset, changed),
    updatedAt: Date.now(),
    progress: null,
    wholeSince: 0,
    readingTickets: false,
    // A refresh before the check is due again says nothing new: the last check's word stands.
    deletions: result.deletions.method === 'not-due' ? previous.deletions : result.deletions,
  }));
  return result.snapshot;
}

/**
 * An admin's pull with the event streams, from a snapshot whose tickets are whole: the tickets'
 * changes first (one request when nothing changed), then each stream from where it stands,
 * this period first. Once the first stream page arrives the tickets are fresh, and the report
 * says the rest is read in the background; the streams' numbers fill in as they come.
 */
async function pullWithStreams(
  scheduler: RequestScheduler,
  store: SnapshotStore,
  fieldIds: ReadonlySet<number>,
  bound: HistoryBound,
  recentFrom: readonly number[] | undefined,
  from: AccountSnapshot,
  signal: AbortSignal,
  update: Update<AccountData>,
): Promise<AccountSnapshot> {
  let partial: (() => Dataset) | null = null;
  let streamsStarted = false;
  let ticketsChanged = false;
  let eventsChanged = false;
  let lastPartial = 0;
  update((previous) => ({
    ...previous,
    streams: Object.fromEntries(
      EVENT_STREAMS.map((stream) => {
        const reading = previous.streams[stream];
        // A stream read before stays read: a refresh only adds what changed since.
        return [stream, reading.status === 'waiting' ? { status: 'loading' } : reading];
      }),
    ) as Record<EventStreamName, StreamReading>,
  }));
  const stopped = (error: unknown): never => {
    // A stream that stopped is not being read any more: the next load goes on from its checkpoint.
    update((previous) => ({
      ...previous,
      readingTickets: false,
      streams: Object.fromEntries(
        EVENT_STREAMS.map((stream) => {
          const reading = previous.streams[stream];
          return [stream, reading.status === 'loading' ? { status: 'waiting' } : reading];
        }),
      ) as Record<EventStreamName, StreamReading>,
    }));
    throw error;
  };
  const result = await pullAccount({
    scheduler,
    mode: 'admin',
    store,
    from,
    fieldIds,
    ...bound,
    streams: EVENT_STREAMS,
    ...(recentFrom === undefined ? {} : { recentFrom }),
    signal,
    onProgress: (progress) => {
      if (!streamsStarted) update((previous) => ({ ...previous, progress }));
    },
    onResponse: (kind, _path, body) => {
      const ofTickets = kind === 'tickets' || kind === 'users' || kind === 'groups';
      if (bringsRecords(body)) {
        if (ofTickets) ticketsChanged = true;
        else eventsChanged = true;
      }
      if (streamsStarted || ofTickets || signal.aborted) return;
      // The first stream page: every ticket change is in, so the tickets on screen are fresh.
      streamsStarted = true;
      const fresh = partial;
      update((previous) => ({
        ...previous,
        ...(fresh && (ticketsChanged || previous.dataset === null) ? { dataset: fresh() } : {}),
        updatedAt: Date.now(),
        progress: null,
        wholeSince: 0,
        readingTickets: false,
      }));
    },
    onPartial: (dataset, _coveredFrom, timelines) => {
      partial = dataset;
      // Only once a stream page brought events: an empty page changes nothing on screen.
      if (!streamsStarted || !eventsChanged || signal.aborted) return;
      if (Date.now() - lastPartial < STREAM_PARTIAL_EVERY_MS) return;
      lastPartial = Date.now();
      update((previous) => ({
        ...previous,
        dataset: keptOr(previous.dataset, dataset(), ticketsChanged),
        timelines: timelines(),
      }));
    },
  }).catch(stopped);
  update((previous) => ({
    ...previous,
    dataset: keptOr(previous.dataset, result.dataset, ticketsChanged || eventsChanged),
    timelines:
      eventsChanged || ticketsChanged || previous.timelines === undefined ? result.timelines : previous.timelines,
    streams: resultReadings(result),
    updatedAt: streamsStarted ? previous.updatedAt : Date.now(),
    progress: null,
    wholeSince: 0,
    readingTickets: false,
  }));
  return result.snapshot;
}
