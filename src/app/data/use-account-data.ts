import { useCallback, useState } from 'react';
import type { TicketTimelines } from '../../metrics/ticket-timeline';
import {
  EVENT_STREAMS,
  pullAccount,
  snapshotStreams,
  snapshotTimelines,
  type EventStreamName,
  type PullProgress,
  type PullResult,
} from '../../zendesk/account-pull';
import {
  FallbackSnapshotStore,
  MemorySnapshotStore,
  type AccountSnapshot,
  type PullMode,
  type SnapshotStore,
} from '../../zendesk/account-snapshot';
import { IndexedDbSnapshotStore } from '../../zendesk/browser/indexeddb-snapshot-store';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import type { Dataset } from '../../zendesk/response-dataset';
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
}

export type AccountDataState = AccountData & Omit<AbortableLoad<AccountData>, 'value'> & { mode: PullMode };

function allStreams(reading: StreamReading): Record<EventStreamName, StreamReading> {
  return Object.fromEntries(EVENT_STREAMS.map((stream) => [stream, reading])) as Record<EventStreamName, StreamReading>;
}

function nothingYet(mode: PullMode): AccountData {
  return {
    dataset: null,
    updatedAt: null,
    progress: null,
    wholeSince: null,
    timelines: undefined,
    streams: allStreams(mode === 'admin' ? { status: 'waiting' } : { status: 'unreadable', reason: 'role' }),
    readingTickets: true,
  };
}

function snapshotStore(): SnapshotStore {
  return typeof indexedDB === 'undefined'
    ? new MemorySnapshotStore()
    : new FallbackSnapshotStore(new IndexedDbSnapshotStore());
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
function ticketsWhole(snapshot: AccountSnapshot): boolean {
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
 * period shows whole long before the history is in; the streams follow the same order. `store`
 * is for tests; by default the report keeps one IndexedDB store for its life.
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
      update((previous) => ({ ...previous, readingTickets: true }));
      const cached = await store.load(transport.accountKey);
      if (signal.aborted) return;
      const whole = cached !== null && cached.mode === mode && ticketsWhole(cached);
      if (whole) {
        update((previous) => ({
          ...previous,
          dataset: datasetOf(cached),
          updatedAt: cached.updatedAt,
          wholeSince: 0,
          ...(mode === 'admin'
            ? { timelines: snapshotTimelines(cached, Date.now()), streams: snapshotReadings(cached) }
            : {}),
        }));
      } else {
        let lastPartial = 0;
        let shownCoverage: number | null = null;
        const result = await pullAccount({
          scheduler,
          mode,
          store,
          // The tickets alone first: the streams, at the export limit of 10 a minute, would hold
          // back the first number (an admin's follow below; an agent may not read them).
          streams: [],
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
        if (mode === 'agent') return;
      }
      if (mode === 'agent') {
        await refreshAgent(scheduler, store, signal, update);
        return;
      }
      await pullWithStreams(scheduler, store, recentFrom, signal, update);
    },
    [session, mode, recentFrom, store],
  );
  const { value, ...status } = useAbortableLoad(() => nothingYet(mode), load);
  return { ...value, ...status, loading: status.loading && value.readingTickets, mode };
}

/** An agent's refresh of a whole cached report: it stays on screen until the refresh is whole. */
async function refreshAgent(
  scheduler: RequestScheduler,
  store: SnapshotStore,
  signal: AbortSignal,
  update: Update<AccountData>,
): Promise<void> {
  const result = await pullAccount({
    scheduler,
    mode: 'agent',
    store,
    // Zendesk gives the event streams to admins only: asking would spend requests on refusals.
    streams: [],
    signal,
    onProgress: (progress) => update((previous) => ({ ...previous, progress })),
  });
  update((previous) => ({
    ...previous,
    dataset: result.dataset,
    updatedAt: Date.now(),
    progress: null,
    wholeSince: 0,
    readingTickets: false,
  }));
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
  recentFrom: readonly number[] | undefined,
  signal: AbortSignal,
  update: Update<AccountData>,
): Promise<void> {
  let partial: (() => Dataset) | null = null;
  let streamsStarted = false;
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
    streams: EVENT_STREAMS,
    ...(recentFrom === undefined ? {} : { recentFrom }),
    signal,
    onProgress: (progress) => {
      if (!streamsStarted) update((previous) => ({ ...previous, progress }));
    },
    onResponse: (kind) => {
      if (streamsStarted || kind === 'tickets' || kind === 'users' || kind === 'groups' || signal.aborted) return;
      // The first stream page: every ticket change is in, so the tickets on screen are fresh.
      streamsStarted = true;
      const fresh = partial;
      update((previous) => ({
        ...previous,
        ...(fresh ? { dataset: fresh() } : {}),
        updatedAt: Date.now(),
        progress: null,
        wholeSince: 0,
        readingTickets: false,
      }));
    },
    onPartial: (dataset, _coveredFrom, timelines) => {
      partial = dataset;
      if (!streamsStarted || signal.aborted || Date.now() - lastPartial < STREAM_PARTIAL_EVERY_MS) return;
      lastPartial = Date.now();
      update((previous) => ({ ...previous, dataset: dataset(), timelines: timelines() }));
    },
  }).catch(stopped);
  update((previous) => ({
    ...previous,
    dataset: result.dataset,
    timelines: result.timelines,
    streams: resultReadings(result),
    updatedAt: streamsStarted ? previous.updatedAt : Date.now(),
    progress: null,
    wholeSince: 0,
    readingTickets: false,
  }));
}
