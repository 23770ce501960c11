import {
  SNAPSHOT_VERSION,
  type AccountSnapshot,
  type BackfillStretch,
  type PullMode,
  type SnapshotStore,
} from './account-snapshot';
import type { Clock } from './clock';
import type { TicketTimelines } from '../metrics/ticket-timeline';
import { isUnsolved, type TicketRecord } from '../metrics/ticket-record';
import { EventFacts } from './event-timelines';
import { EVENT_STREAMS, type EventStreamName, type RefusedStream, type StreamState } from './event-stream-state';
import type { ExportPosition } from './incremental-ticket-export';
import type { RequestScheduler, SchedulerEvent, WaitCause, WaitFacts } from './request-scheduler';
import { DatasetCollector, type Dataset } from './response-dataset';

export interface PullProgress {
  /** `history`: the older tickets, read after the recent ones (see `recentFrom`). */
  phase: 'tickets' | 'history' | 'metrics' | 'directory' | 'done';
  requests: number;
  tickets: number;
  /**
   * Share of the work done, in [0, 1], or null while it cannot be told. It only grows, and stays
   * below 1 until the pull is done (a wait, or a last step, is not the end).
   */
  fraction: number | null;
  /**
   * Milliseconds left, or null while the requests still to make are not known: at least the time
   * the rate limits take to let them through (`RequestScheduler.msToSend`), longer when the
   * requests so far went slower than that; at least what is left of a wait under way.
   */
  estimatedMsLeft: number | null;
  /**
   * Set while the pull waits: why (`cause`: a rate limit, a server error being retried, no
   * connection), for how long, and until when by the pull's clock, so a display can count down.
   */
  waiting: ({ reason: string; cause: WaitCause; ms: number; until: number } & WaitFacts) | null;
  /**
   * Epoch seconds since when every ticket that changed has been read, so a report of days from
   * then on is whole; null until that is known (before the first stretch ends; agent pulls).
   */
  coveredFrom: number | null;
}

/** The most a pull not done yet reports as its share: never a full bar while anything is left. */
const UNFINISHED_AT_MOST = 0.99;

export type ResponseKind = 'tickets' | 'users' | 'groups' | 'ticket-events' | 'metric-events' | 'ratings';

export interface PullOptions {
  scheduler: RequestScheduler;
  mode: PullMode;
  store?: SnapshotStore;
  /**
   * The snapshot to go on from, as the caller has it in memory (the one it loaded from `store`,
   * or the last pull's): the store is not read again. A report refreshing every minute would
   * otherwise read and rebuild every cached ticket each time (seconds at a million). Undefined:
   * read from `store`.
   */
  from?: AccountSnapshot | null;
  /**
   * The cache key: whose data this is (default the transport's). A transport that cannot tell
   * one user from another by its credentials alone (an OAuth token) is given the user's id here.
   */
  accountKey?: string;
  /** Epoch seconds from which tickets are read on a first pull (default: the account's beginning). */
  startTime?: number;
  /**
   * Drop from the snapshot gone on from every ticket that is over before `startTime` (solved,
   * closed or deleted, created and solved before it, no event after it), and say the snapshot
   * covers from `startTime` on: a history bound that moves forward day by day (the app's
   * `history_days`) then keeps the cache from growing with the account's age. Unsolved tickets are
   * kept whatever their age.
   */
  forgetBeforeStart?: boolean;
  /**
   * Admin first pulls: instants (epoch seconds, newest first) to read the account back in
   * stretches from: the tickets updated since the first, then those from the second up to the
   * first, and so on, then the rest. Every ticket created or solved since an instant was updated
   * since it, so a report of those days is whole (and shown, through `onPartial`) long before
   * the history has arrived.
   */
  recentFrom?: readonly number[];
  clock?: Clock;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  /**
   * After each page of tickets: what has arrived so far, for a UI that shows results as they come,
   * and since when it holds every changed ticket (as `PullProgress.coveredFrom`).
   */
  onPartial?: (
    dataset: () => Dataset,
    coveredFrom: number | null,
    /** The timelines of the event streams read so far; undefined while none has been read. */
    timelines: () => TicketTimelines | undefined,
  ) => void;
  /**
   * The event streams to read beside the tickets (METRICS.md, Version 2; default all three).
   * Each is admin-only: one Zendesk refuses is recorded in the result, not fatal.
   */
  streams?: readonly EventStreamName[];
  /** Every response body as it arrives, for `support-kpis export`. */
  onResponse?: (kind: ResponseKind, path: string, body: unknown) => void | Promise<void>;
  /**
   * Read the whole directory, when it is due, before the tickets rather than after, so what
   * `onPartial` shows names its groups and agents from the first page on (a UI's first load; a
   * pull nobody watches has no partial results to name). Same requests, another order.
   */
  directoryFirst?: boolean;
  /** How old the users and groups may be before they are fetched again (default one hour). */
  directoryTtlMs?: number;
  /** How often an unfinished pull is saved, so an interruption loses at most this much (default 5 s). */
  checkpointEveryMs?: number;
  /**
   * The custom fields whose values the records keep (the survey fields the settings name); a
   * snapshot that kept other fields is not gone on from.
   */
  fieldIds?: ReadonlySet<number>;
}

/**
 * One pull's state: what it has read, where each stream stands, and how it reports progress and
 * saves checkpoints. The admin, agent and directory steps each move it on.
 */
export class PullSession {
  readonly collector: DatasetCollector;
  readonly accountKey: string;
  exportPosition: ExportPosition | null;
  backfill: BackfillStretch[];
  coveredFrom: number | null;
  searchedUntil: number | null;
  directoryFetchedAt: number;
  /** When this pull read the whole directory (before the tickets), or null when it has not. */
  directoryReadAt: number | null = null;
  readonly missingUserIds: Set<number>;
  /** The per-ticket facts of the event streams, and where each stream asked for stands. */
  readonly eventFacts: EventFacts;
  readonly streams: Partial<Record<EventStreamName, StreamState>>;
  eventsSkipped: number;
  /** How long the last checkpoint took to make and save, in the clock's ms. */
  private lastSaveMs = 0;
  /** Epoch seconds of the oldest ticket creation read, for a guess at how much history is left. */
  oldestCreated = Number.POSITIVE_INFINITY;

  phase: PullProgress['phase'] = 'tickets';
  fraction: number | null = null;
  estimatedMsLeft: number | null = null;
  waiting: PullProgress['waiting'] = null;

  /** Why the store refused a save, if it did: the pull goes on, but nothing it read is kept. */
  saveFailure: string | null = null;

  /** The share last reported: what is reported next is never less. */
  private shownFraction: number | null = null;
  private readonly startedAt: number;
  private readonly requestsBefore: number;
  private lastCheckpoint: number;
  private readonly unsubscribe: () => void;

  constructor(
    readonly options: PullOptions,
    readonly clock: Clock,
    /** The earlier snapshot of the same mode this pull goes on from, or null. */
    readonly previous: AccountSnapshot | null,
  ) {
    const { scheduler } = options;
    this.collector = new DatasetCollector(options.fieldIds);
    this.accountKey = options.accountKey ?? scheduler.transport.accountKey;
    this.requestsBefore = scheduler.requests;
    this.startedAt = clock.now();
    this.lastCheckpoint = clock.now();
    const forgetBefore = options.forgetBeforeStart ? (options.startTime ?? 0) * 1000 : 0;
    const facts = new EventFacts(previous?.events?.tickets ?? []);
    if (previous) {
      for (const ticket of previous.tickets)
        if (forgetBefore === 0 || !overBefore(ticket, forgetBefore, facts))
          this.collector.tickets.set(ticket.id, ticket);
        else facts.forget(ticket.id);
      for (const user of previous.users) this.collector.users.set(user.id, user);
      for (const group of previous.groups) this.collector.groups.set(group.id, group);
      this.collector.skipped = previous.skipped;
    }
    this.exportPosition = previous?.exportPosition ?? null;
    this.backfill = previous?.backfill ?? [];
    this.coveredFrom = previous?.complete ? (options.startTime ?? 0) : null;
    this.searchedUntil = previous?.searchedUntil ?? null;
    this.directoryFetchedAt = previous?.directoryFetchedAt ?? 0;
    this.missingUserIds = new Set(previous?.missingUserIds ?? []);
    this.eventFacts = facts;
    this.eventsSkipped = previous?.events?.skipped ?? 0;
    this.streams = {};
    for (const stream of options.streams ?? EVENT_STREAMS) {
      const known = previous?.events?.streams[stream];
      if (known) this.streams[stream] = structuredClone(known);
    }
    this.unsubscribe = scheduler.subscribe((event: SchedulerEvent) => {
      if (event.type === 'wait') {
        const { type: _type, path: _path, reason: _reason, detail, ...wait } = event;
        this.waiting = { reason: detail, ...wait };
      } else if (event.type === 'response') this.waiting = null;
      else return;
      this.report();
    });
  }

  get scheduler(): RequestScheduler {
    return this.options.scheduler;
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Requests this pull sent, retries included. */
  get requests(): number {
    return this.scheduler.requests - this.requestsBefore;
  }

  report(): void {
    const done = this.phase === 'done';
    // A phase that cannot tell its share (null) or starts again from 0 leaves the bar where it was.
    if (done) this.shownFraction = 1;
    else if (this.fraction !== null)
      this.shownFraction = Math.min(UNFINISHED_AT_MOST, Math.max(this.shownFraction ?? 0, this.fraction));
    const waitLeft = this.waiting ? Math.max(0, this.waiting.until - this.clock.now()) : 0;
    this.options.onProgress?.({
      phase: this.phase,
      requests: this.requests,
      tickets: this.collector.tickets.size,
      fraction: this.shownFraction,
      estimatedMsLeft: this.estimatedMsLeft === null ? null : Math.max(this.estimatedMsLeft, waitLeft),
      waiting: this.waiting,
      coveredFrom: this.coveredFrom,
    });
  }

  /**
   * What a step says after each page: about how many requests the pull still has to make (null:
   * it cannot tell), the next of them to `path`. The share done is the requests so far over those
   * and these. With `timed`, the estimate is firm enough for a time left: the least time the rate
   * limits take to let them through, or, when the requests so far went slower than the limits
   * (slow answers), that pace; untimed (a guess at stretches not read yet), only the share moves.
   */
  expectLeft(left: number | null, path: string, timed: boolean): void {
    if (left === null) {
      this.estimatedMsLeft = null;
      return;
    }
    const remaining = Math.max(0, Math.ceil(left));
    const done = this.requests;
    this.fraction = done + remaining === 0 ? 1 : done / (done + remaining);
    if (!timed) {
      this.estimatedMsLeft = null;
      return;
    }
    const pace = done > 0 ? ((this.clock.now() - this.startedAt) / done) * remaining : 0;
    this.estimatedMsLeft = Math.round(Math.max(this.scheduler.msToSend(path, remaining), pace));
  }

  /** Enters a phase whose share of work and time left cannot be told yet. */
  enter(phase: PullProgress['phase']): void {
    this.phase = phase;
    this.estimatedMsLeft = null;
    this.fraction = null;
    this.report();
  }

  partial(): void {
    this.options.onPartial?.(
      () => this.collector.toDataset(),
      this.coveredFrom,
      () => this.timelines(),
    );
  }

  /** The streams asked for that have been read at least in part (not refused, not yet to start). */
  get readStreams(): EventStreamName[] {
    return EVENT_STREAMS.filter((stream) => {
      const state = this.streams[stream];
      return state !== undefined && state.refused === null && state.read;
    });
  }

  /** The streams Zendesk refused to this user. */
  get refusedStreams(): RefusedStream[] {
    return EVENT_STREAMS.flatMap((stream) => {
      const refused = this.streams[stream]?.refused;
      return refused ? [{ stream, status: refused.status, message: refused.message }] : [];
    });
  }

  /**
   * The timelines of what the streams gave, staff being the users whose role is agent or admin;
   * undefined when no stream was read, so the report is exactly version 1's.
   */
  timelines(): TicketTimelines | undefined {
    const read = this.readStreams;
    if (read.length === 0) return undefined;
    const staff = new Set<number>();
    for (const user of this.collector.users.values())
      if (user.role === 'agent' || user.role === 'admin') staff.add(user.id);
    return this.eventFacts.timelines(
      { ticketEvents: read.includes('events'), metricEvents: read.includes('sla') },
      staff,
      this.clock.now(),
    );
  }

  /** Since when the snapshot holds every changed ticket: no earlier than what was forgotten. */
  private coversFrom(): number {
    const asked = this.options.startTime ?? 0;
    const held = this.previous?.coversFrom ?? asked;
    return this.options.forgetBeforeStart ? Math.max(held, asked) : held;
  }

  snapshot(complete: boolean): AccountSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      accountKey: this.accountKey,
      mode: this.options.mode,
      exportPosition: this.exportPosition,
      backfill: this.backfill,
      searchedUntil: this.searchedUntil,
      coversFrom: this.coversFrom(),
      fieldIds: [...(this.options.fieldIds ?? [])].sort((a, b) => a - b),
      complete,
      tickets: [...this.collector.tickets.values()],
      users: [...this.collector.users.values()],
      groups: [...this.collector.groups.values()],
      directoryFetchedAt: this.directoryFetchedAt,
      missingUserIds: [...this.missingUserIds],
      updatedAt: this.clock.now(),
      skipped: this.collector.skipped,
      ...(Object.keys(this.streams).length > 0
        ? { events: { streams: this.streams, tickets: this.eventFacts.toStored(), skipped: this.eventsSkipped } }
        : {}),
    };
  }

  /** Saves an unfinished snapshot, at most every `checkpointEveryMs` unless forced. */
  async checkpoint(force = false): Promise<void> {
    const { store } = this.options;
    // A snapshot grows as the pull goes on, and each checkpoint writes it whole: saving no more
    // often than nine times its last cost keeps checkpoints to a tenth of the pull's time (a
    // 100k-ticket snapshot with its events takes seconds to write, and writing it every 5 s
    // made a first pull with the event streams three times as long as the rate limits allow).
    const every = Math.max(this.options.checkpointEveryMs ?? 5000, 9 * this.lastSaveMs);
    if (!store || (!force && this.clock.now() - this.lastCheckpoint < every)) return;
    const started = this.clock.now();
    await this.save(this.snapshot(false));
    this.lastCheckpoint = this.clock.now();
    this.lastSaveMs = this.lastCheckpoint - started;
  }

  /** Saves through the store; a store that cannot write (a full disk, a path that is a file) is noted, not fatal. */
  async save(snapshot: AccountSnapshot): Promise<void> {
    const { store } = this.options;
    if (!store) return;
    try {
      await store.save(snapshot);
    } catch (error) {
      this.saveFailure = error instanceof Error ? error.message : String(error);
    }
  }

  close(): void {
    this.unsubscribe();
  }
}

/**
 * Whether a ticket can no longer count in any report from `before` (epoch ms) on: done (solved,
 * closed or deleted), created and solved before it, and no event of it read at or after it.
 */
function overBefore(ticket: TicketRecord, before: number, facts: EventFacts): boolean {
  if (isUnsolved(ticket.status)) return false;
  if (ticket.createdAt >= before || (ticket.solvedAt ?? 0) >= before) return false;
  return (facts.latestAt(ticket.id) ?? 0) < before;
}
