import { z } from 'zod';
import { ZendeskApiError } from './api-errors';
import { apiPaths, SHOW_MANY_LIMIT } from './api-paths';
import { AbortedError, systemClock, type Clock } from './clock';
import {
  SNAPSHOT_VERSION,
  type AccountSnapshot,
  type BackfillStretch,
  type PullMode,
  type SnapshotStore,
} from './account-snapshot';
import { cursorTime, exportTickets, type ExportPosition } from './incremental-ticket-export';
import { listPages } from './list-pages';
import type { RequestScheduler, SchedulerEvent } from './request-scheduler';
import { DatasetCollector, type Dataset } from './response-dataset';
import { describeIssues } from './schemas';

/**
 * Pulls what the report needs from a live account, resumably, and leaves a snapshot so the next
 * pull asks only for what changed.
 *
 * Requests per pull, T tickets, S staff, G groups (ceil of each division):
 * - admin: T/1000 (incremental export with metric_sets) + S/100 + G/100; a refresh with nothing
 *   changed: 1 request (the export's last page), plus S/100 + G/100 once the directory is an hour old,
 *   plus one `users/show_many` per 100 assignees the directory does not know yet.
 * - agent (no incremental exports, which are admin-only): T/1000 (search export, agents allowed)
 *   + T/100 (show_many with metric_sets) + S/100 + G/100.
 */

export interface PullProgress {
  /** `history`: the older tickets, read after the recent ones (see `recentFrom`). */
  phase: 'tickets' | 'history' | 'metrics' | 'directory' | 'done';
  requests: number;
  tickets: number;
  /** Share of the work done, in [0, 1], or null while it cannot be told. */
  fraction: number | null;
  /** Milliseconds left by the current rate, or null before there is a rate to go by. */
  estimatedMsLeft: number | null;
  /** Set while the pull waits for a rate limit or a retry. */
  waiting: { reason: string; ms: number } | null;
  /**
   * Epoch seconds since when every ticket that changed has been read, so a report of days from
   * then on is whole; null until that is known (before the first stretch ends; agent pulls).
   */
  coveredFrom: number | null;
}

export type ResponseKind = 'tickets' | 'users' | 'groups';

export interface PullOptions {
  scheduler: RequestScheduler;
  mode: PullMode;
  store?: SnapshotStore;
  /** Epoch seconds from which tickets are read on a first pull (default: the account's beginning). */
  startTime?: number;
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
  onPartial?: (dataset: () => Dataset, coveredFrom: number | null) => void;
  /** Every response body as it arrives, for `support-kpis export`. */
  onResponse?: (kind: ResponseKind, path: string, body: unknown) => void | Promise<void>;
  /** How old the users and groups may be before they are fetched again (default one hour). */
  directoryTtlMs?: number;
  /** How often an unfinished pull is saved, so an interruption loses at most this much (default 5 s). */
  checkpointEveryMs?: number;
}

export interface PullResult {
  dataset: Dataset;
  snapshot: AccountSnapshot;
  /** Requests this pull sent, retries included. */
  requests: number;
  /** Whether it started from an earlier snapshot. */
  resumed: boolean;
}

/** A pull that stopped: says what failed and how far it got; the saved checkpoint resumes it. */
export class PullError extends Error {
  override name = 'PullError';
  constructor(
    message: string,
    readonly requests: number,
    readonly tickets: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const searchResultSchema = z.looseObject({ id: z.number().int().positive() });
/** Agents' incremental window overlaps the previous one, since search indexing lags a little. */
const SEARCH_OVERLAP_MS = 10 * 60_000;

export async function pullAccount(options: PullOptions): Promise<PullResult> {
  const { scheduler, mode, store, signal } = options;
  const clock = options.clock ?? systemClock;
  const accountKey = scheduler.transport.accountKey;
  const requestsBefore = scheduler.requests;
  const directoryTtlMs = options.directoryTtlMs ?? 3_600_000;
  const checkpointEveryMs = options.checkpointEveryMs ?? 5000;

  const loaded = store ? await store.load(accountKey) : null;
  const previous = loaded && loaded.mode === mode ? loaded : null;
  const collector = new DatasetCollector();
  if (previous) {
    for (const ticket of previous.tickets) collector.tickets.set(ticket.id, ticket);
    for (const user of previous.users) collector.users.set(user.id, user);
    for (const group of previous.groups) collector.groups.set(group.id, group);
    collector.skipped = previous.skipped;
  }

  let exportPosition: ExportPosition | null = previous?.exportPosition ?? null;
  let backfill = previous?.backfill ?? [];
  let coveredFrom: number | null = previous?.complete ? (options.startTime ?? 0) : null;
  let searchedUntil = previous?.searchedUntil ?? null;
  let directoryFetchedAt = previous?.directoryFetchedAt ?? 0;
  const missingUserIds = new Set(previous?.missingUserIds ?? []);
  let lastCheckpoint = clock.now();
  let phase: PullProgress['phase'] = 'tickets';
  let estimatedMsLeft: number | null = null;
  let fraction: number | null = null;
  let waiting: PullProgress['waiting'] = null;

  const requests = () => scheduler.requests - requestsBefore;
  const report = () =>
    options.onProgress?.({
      phase,
      requests: requests(),
      tickets: collector.tickets.size,
      fraction,
      estimatedMsLeft,
      waiting,
      coveredFrom,
    });
  const unsubscribe = scheduler.subscribe((event: SchedulerEvent) => {
    if (event.type === 'wait') waiting = { reason: event.detail, ms: event.ms };
    else if (event.type === 'response') waiting = null;
    else return;
    report();
  });

  const snapshot = (complete: boolean): AccountSnapshot => ({
    version: SNAPSHOT_VERSION,
    accountKey,
    mode,
    exportPosition,
    backfill,
    searchedUntil,
    complete,
    tickets: [...collector.tickets.values()],
    users: [...collector.users.values()],
    groups: [...collector.groups.values()],
    directoryFetchedAt,
    missingUserIds: [...missingUserIds],
    updatedAt: clock.now(),
    skipped: collector.skipped,
  });
  const checkpoint = async (force = false) => {
    if (!store || (!force && clock.now() - lastCheckpoint < checkpointEveryMs)) return;
    lastCheckpoint = clock.now();
    await store.save(snapshot(false));
  };

  try {
    report();
    if (mode === 'admin') {
      const nowSeconds = () => Math.floor(clock.now() / 1000);
      if (!exportPosition) {
        const startTime = options.startTime ?? 0;
        const starts = [...new Set(options.recentFrom ?? [])]
          .filter((time) => time > startTime && time < nowSeconds())
          .sort((a, b) => b - a);
        exportPosition = { cursor: null, startTime: starts[0] ?? startTime };
        backfill = [...starts, startTime]
          .slice(1)
          .map((from, index) => ({ position: { cursor: null, startTime: from }, until: starts[index]! }));
      }
      /**
       * Reads one stretch; once its last page is in, every ticket changed since `covers` has been
       * read. `more`: whether other stretches follow, in which case there is no time left to tell.
       */
      const readExport = async (
        from: ExportPosition,
        until: number | undefined,
        covers: number,
        more: boolean,
        moved: (position: ExportPosition) => void,
      ) => {
        const end = () => until ?? nowSeconds();
        // From the account's beginning, the stream really starts at its oldest ticket, not in 1970.
        let streamStart: number | null = from.cursor ? (cursorTime(from.cursor) ?? from.startTime) : null;
        const started = clock.now();
        for await (const page of exportTickets(scheduler, from, nowSeconds, signal, until)) {
          streamStart ??= Math.max(
            from.startTime,
            Math.min(...page.body.tickets.map(generatedTimestamp).filter((time) => time !== null), end()),
          );
          await options.onResponse?.('tickets', page.path, page.body);
          collector.addTicketPage(page.path, page.body);
          if (page.last) coveredFrom = Math.min(coveredFrom ?? covers, covers);
          options.onPartial?.(() => collector.toDataset(), coveredFrom);
          moved(page.position);
          fraction = page.body.end_of_stream ? 1 : exportShare(page.position, streamStart, end());
          estimatedMsLeft =
            more || fraction === null || fraction <= 0
              ? null
              : Math.round(((clock.now() - started) * (1 - fraction)) / fraction);
          report();
          await checkpoint();
        }
      };
      // Resumed in the history, the stretches newer than the one under way are already whole.
      const headCovers = backfill[0]?.until ?? exportPosition.startTime;
      await readExport(
        exportPosition,
        undefined,
        headCovers,
        backfill.length > 0,
        (position) => (exportPosition = position),
      );
      if (backfill.length > 0) {
        phase = 'history';
        while (backfill.length > 0) {
          const [stretch, ...rest] = backfill as [BackfillStretch, ...BackfillStretch[]];
          fraction = 0;
          estimatedMsLeft = null;
          report();
          await readExport(
            stretch.position,
            stretch.until,
            stretch.position.startTime,
            rest.length > 0,
            (position) => (backfill = [{ position, until: stretch.until }, ...rest]),
          );
          backfill = rest;
        }
        // What changed while the history was read: usually the one request of an unchanged refresh.
        phase = 'tickets';
        await readExport(
          exportPosition,
          undefined,
          exportPosition.startTime,
          false,
          (position) => (exportPosition = position),
        );
      }
    } else {
      const pullStarted = clock.now();
      const since = searchedUntil !== null ? searchedUntil - SEARCH_OVERLAP_MS : (options.startTime ?? 0) * 1000;
      const queries = [`updated>=${new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z')}`];
      // A first pull from a later start still needs the old unsolved tickets for the backlog.
      if (searchedUntil === null && since > 0) queries.push('status<solved');
      const ids = new Set<number>();
      for (const searchQuery of queries) {
        for await (const page of listPages(scheduler, apiPaths.searchExport(searchQuery), 'results', signal)) {
          for (const raw of page.records) {
            const parsed = searchResultSchema.safeParse(raw);
            if (parsed.success) ids.add(parsed.data.id);
            else collector.skipped++;
          }
          report();
        }
      }
      phase = 'metrics';
      fraction = 0;
      // Newest first (ids grow with creation), so a report of recent days fills in before the history.
      const batches = chunk(
        [...ids].sort((a, b) => b - a),
        SHOW_MANY_LIMIT,
      );
      const metricsStarted = clock.now();
      for (let index = 0; index < batches.length; index++) {
        const batch = batches[index]!;
        const path = apiPaths.ticketsWithMetrics(batch);
        const { body } = await scheduler.get(path, signal);
        const page = z
          .looseObject({ tickets: z.array(z.unknown()), metric_sets: z.array(z.unknown()).optional() })
          .safeParse(body);
        if (!page.success) {
          throw new ZendeskApiError(
            `GET ${path} returned a body that is not a ticket list (${describeIssues(page.error)})`,
            200,
            path,
          );
        }
        await options.onResponse?.('tickets', path, body);
        collector.addTicketPage(path, page.data);
        // show_many leaves out tickets that no longer exist: they were deleted since the last pull.
        const returned = new Set(page.data.tickets.map((ticket) => (ticket as { id?: unknown }).id));
        for (const id of batch) if (!returned.has(id)) collector.tickets.delete(id);
        options.onPartial?.(() => collector.toDataset(), coveredFrom);
        fraction = (index + 1) / batches.length;
        estimatedMsLeft = ((clock.now() - metricsStarted) / (index + 1)) * (batches.length - index - 1);
        report();
        await checkpoint();
      }
      searchedUntil = pullStarted;
      coveredFrom ??= Math.floor(since / 1000);
    }

    if (!previous || clock.now() - directoryFetchedAt > directoryTtlMs) {
      phase = 'directory';
      estimatedMsLeft = null;
      fraction = null;
      report();
      for await (const page of listPages(scheduler, apiPaths.staff(), 'users', signal)) {
        await options.onResponse?.('users', page.path, page.body);
        collector.addUserPage(page.path, page.records);
      }
      for await (const page of listPages(scheduler, apiPaths.groups(), 'groups', signal)) {
        await options.onResponse?.('groups', page.path, page.body);
        collector.addGroupPage(page.path, page.records);
      }
      directoryFetchedAt = clock.now();
    } else {
      // Tickets that arrived in this pull may name an assignee the stored directory lacks (a new
      // agent). Ask for those ids only, and remember the ones Zendesk no longer returns (deleted
      // or downgraded users), so a refresh with nothing changed stays one request.
      const previousById = new Map(previous.tickets.map((ticket) => [ticket.id, ticket]));
      const unknown = new Set<number>();
      for (const ticket of collector.tickets.values()) {
        if (previousById.get(ticket.id) === ticket || ticket.assigneeId === null) continue;
        if (!collector.users.has(ticket.assigneeId) && !missingUserIds.has(ticket.assigneeId))
          unknown.add(ticket.assigneeId);
      }
      if (unknown.size > 0) {
        phase = 'directory';
        estimatedMsLeft = null;
        fraction = null;
        report();
        for (const batch of chunk([...unknown], SHOW_MANY_LIMIT)) {
          const path = apiPaths.usersById(batch);
          const page = z
            .looseObject({ users: z.array(z.unknown()) })
            .safeParse((await scheduler.get(path, signal)).body);
          if (!page.success)
            throw new ZendeskApiError(
              `GET ${path} returned a body that is not a user list (${describeIssues(page.error)})`,
              200,
              path,
            );
          await options.onResponse?.('users', path, page.data);
          collector.addUserPage(path, page.data.users);
          for (const id of batch) if (!collector.users.has(id)) missingUserIds.add(id);
        }
      }
    }

    phase = 'done';
    estimatedMsLeft = 0;
    fraction = 1;
    waiting = null;
    report();
    const finished = snapshot(true);
    if (store) await store.save(finished);
    return { dataset: collector.toDataset(), snapshot: finished, requests: requests(), resumed: previous !== null };
  } catch (error) {
    // Keep what arrived: the next pull resumes from the last page that was read in full.
    await checkpoint(true).catch(() => {});
    if (error instanceof AbortedError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PullError(
      `the pull stopped after ${requests()} requests with ${collector.tickets.size} tickets read: ${reason}` +
        (store ? '; the next run resumes from there' : ''),
      requests(),
      collector.tickets.size,
      { cause: error },
    );
  } finally {
    unsubscribe();
  }
}

function generatedTimestamp(ticket: unknown): number | null {
  const value =
    typeof ticket === 'object' && ticket !== null
      ? (ticket as { generated_timestamp?: unknown }).generated_timestamp
      : undefined;
  return typeof value === 'number' ? value : null;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * The export runs through time: the share of the time from its start to now that the cursor has
 * passed is the share of the work done.
 */
function exportShare(position: ExportPosition, startTime: number, nowSeconds: number): number | null {
  const reached = position.cursor ? cursorTime(position.cursor) : null;
  if (reached === null || nowSeconds <= startTime) return null;
  return Math.min(1, Math.max(0, (reached - startTime) / (nowSeconds - startTime)));
}
