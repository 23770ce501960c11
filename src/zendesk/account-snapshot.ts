import { z } from 'zod/mini';
import { SATISFACTION_SCORES, TICKET_STATUSES, type TicketRecord } from '../metrics/ticket-record';
import { storedTicketFactsSchema, type StoredTicketFacts } from './event-timelines';
import { EVENT_STREAMS, streamStateSchema, type EventStreamName, type StreamState } from './event-stream-state';
import type { ExportPosition } from './incremental-ticket-export';
import type { Group, User } from './schemas';
import {
  LABEL_FIELDS,
  NULLABLE_NUMBER_FIELDS,
  storedTicketColumns,
  ticketRecordsOf,
  type TicketColumns,
} from './ticket-columns';

/**
 * What a pull leaves behind for the next one: the records so far and where the export stopped.
 * A second report loads it and asks Zendesk only for what changed since.
 */
export interface AccountSnapshot {
  version: typeof SNAPSHOT_VERSION;
  accountKey: string;
  mode: PullMode;
  /** Admin pulls: where the incremental export resumes. */
  exportPosition: ExportPosition | null;
  /**
   * Admin pulls that read the recent tickets first: the older stretches still to read, next
   * first, each from `position` until the export reaches `until` (epoch seconds).
   */
  backfill: BackfillStretch[];
  /** Agent pulls: tickets updated before this instant (epoch ms) are in the snapshot. */
  searchedUntil: number | null;
  /**
   * Epoch seconds since when the snapshot holds every ticket that changed (0: the whole account;
   * later for a pull started with `startTime`; read as 0 from snapshots written before it was
   * kept). A pull asked for more than this starts afresh.
   */
  coversFrom?: number;
  /** True once a pull reached the end of the stream; false for a pull that was interrupted. */
  complete: boolean;
  tickets: TicketRecord[];
  users: User[];
  groups: Group[];
  directoryFetchedAt: number;
  /** Assignees Zendesk did not return when asked (deleted or no longer staff): not asked again. */
  missingUserIds: number[];
  updatedAt: number;
  skipped: number;
  /** The event streams read so far (METRICS.md, Version 2); absent when none was asked for. */
  events?: EventSnapshot;
  /**
   * The custom fields whose values the records keep (the survey fields), ascending; read as none
   * from snapshots written before it was kept.
   */
  fieldIds?: number[];
}

/** Plain data (no Map, no class), so IndexedDB stores it by structured clone as it is. */
export interface EventSnapshot {
  /** Each stream asked for: where it stands, or that Zendesk refused it. */
  streams: Partial<Record<EventStreamName, StreamState>>;
  /** Per ticket, the few facts of its events that its timeline is made of. */
  tickets: StoredTicketFacts[];
  /** Event records that were not what their schema says, skipped. */
  skipped: number;
}

export type PullMode = 'admin' | 'agent';

export interface BackfillStretch {
  position: ExportPosition;
  until: number;
}
/**
 * 2: admin pulls may leave older stretches to read (`backfill`); a reader of 1 would skip them.
 * 3: records carry the rating's text and the survey fields (METRICS.md, Version 4); older ones lack them.
 */
export const SNAPSHOT_VERSION = 3;

/** Everything of a snapshot but its tickets. */
export type SnapshotMeta = Omit<AccountSnapshot, 'tickets'>;

/**
 * A stored snapshot read in two steps: what it says about itself and its tickets' columns at once,
 * the records only when asked, so a report can show a first number from the columns while a
 * million records are still to be built.
 */
export interface StagedSnapshot {
  meta: SnapshotMeta;
  /** The tickets' columns as stored; null for a snapshot stored as records (files, older caches). */
  columns: TicketColumns | null;
  /** The whole snapshot, its records built; null when a stored ticket is not a whole record. */
  snapshot(): AccountSnapshot | null;
}

export interface SnapshotStore {
  load(accountKey: string): Promise<AccountSnapshot | null>;
  /** The snapshot in two steps, where the store keeps columns; `load` is the same, records built. */
  loadStaged?(accountKey: string): Promise<StagedSnapshot | null>;
  save(snapshot: AccountSnapshot): Promise<void>;
  clear(accountKey: string): Promise<void>;
}

const nullableNumber = z.nullable(z.number());

const STATUSES: ReadonlySet<unknown> = new Set(TICKET_STATUSES);
const SCORES: ReadonlySet<unknown> = new Set([...SATISFACTION_SCORES, null]);

/**
 * Whether a stored value is a whole TicketRecord. Checked field by field rather than with zod:
 * the sidebar reads thousands of these from IndexedDB before its first number, and this check is
 * several times faster there, with the same strictness.
 */
export function isTicketRecord(value: unknown): value is TicketRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (!Number.isInteger(record['id']) || (record['id'] as number) <= 0) return false;
  if (typeof record['createdAt'] !== 'number' || !STATUSES.has(record['status']) || !SCORES.has(record['satisfaction']))
    return false;
  for (const field of NULLABLE_NUMBER_FIELDS) {
    const item = record[field];
    if (item !== null && typeof item !== 'number') return false;
  }
  for (const field of LABEL_FIELDS) {
    const item = record[field];
    if (item !== null && typeof item !== 'string') return false;
  }
  const tags = record['tags'];
  if (!Array.isArray(tags)) return false;
  for (const tag of tags) if (typeof tag !== 'string') return false;
  return true;
}

const exportPositionSchema = z.object({ cursor: z.nullable(z.string()), startTime: z.number() });

const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  accountKey: z.string(),
  mode: z.enum(['admin', 'agent']),
  exportPosition: z.nullable(exportPositionSchema),
  backfill: z._default(z.array(z.object({ position: exportPositionSchema, until: z.number() })), []),
  searchedUntil: nullableNumber,
  coversFrom: z._default(z.number().check(z.nonnegative()), 0),
  fieldIds: z.optional(z.array(z.number())),
  complete: z.boolean(),
  // Checked apart (stagedTickets): a report reads the columns before it builds the records.
  tickets: z.unknown(),
  users: z.array(
    z.object({
      id: z.number(),
      name: z.nullable(z.string()),
      role: z.nullable(z.string()),
      active: z.nullish(z.boolean()),
    }),
  ),
  groups: z.array(z.object({ id: z.number(), name: z.nullable(z.string()), deleted: z.nullish(z.boolean()) })),
  directoryFetchedAt: z.number(),
  missingUserIds: z._default(z.array(z.number()), []),
  updatedAt: z.number(),
  skipped: z.int().check(z.nonnegative()),
  events: z.optional(
    z.object({
      streams: z.partialRecord(z.enum(EVENT_STREAMS), streamStateSchema),
      tickets: z.array(storedTicketFactsSchema),
      skipped: z.int().check(z.nonnegative()),
    }),
  ),
});

/**
 * Whether a snapshot's records keep the values of exactly these fields: one read without a field
 * has no answer in it, however long ago the answer was given, so it must be read again.
 */
export function keepsFields(snapshot: Pick<SnapshotMeta, 'fieldIds'>, fieldIds: ReadonlySet<number>): boolean {
  const kept = snapshot.fieldIds ?? [];
  return kept.length === fieldIds.size && kept.every((id) => fieldIds.has(id));
}

/**
 * Reads a stored snapshot back; anything unreadable (an older version, a damaged file, another
 * account's) reads as none, so the pull starts afresh rather than computing from bad data.
 */
export function parseSnapshot(value: unknown, accountKey: string): AccountSnapshot | null {
  return parseStagedSnapshot(value, accountKey)?.snapshot() ?? null;
}

/**
 * parseSnapshot in two steps (StagedSnapshot): the tickets are an array of records (the file
 * store, and IndexedDB caches written before columns) or columns (IndexedDB now), whose shape is
 * checked here and whose values are checked as the records are built.
 */
export function parseStagedSnapshot(value: unknown, accountKey: string): StagedSnapshot | null {
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success || parsed.data.accountKey !== accountKey) return null;
  const { tickets, ...meta } = parsed.data;
  if (Array.isArray(tickets)) {
    if (!tickets.every(isTicketRecord)) return null;
    const snapshot: AccountSnapshot = { ...meta, tickets };
    return { meta, columns: null, snapshot: () => snapshot };
  }
  const columns = storedTicketColumns(tickets);
  if (columns === null) return null;
  let built: AccountSnapshot | null | undefined;
  return {
    meta,
    columns,
    snapshot: () => {
      if (built === undefined) {
        const records = ticketRecordsOf(columns);
        built = records === null ? null : { ...meta, tickets: records };
      }
      return built;
    },
  };
}

/** A snapshot already loaded, as a StagedSnapshot without columns. */
export function stagedOf(snapshot: AccountSnapshot | null): StagedSnapshot | null {
  if (snapshot === null) return null;
  const { tickets: _tickets, ...meta } = snapshot;
  return { meta, columns: null, snapshot: () => snapshot };
}

/** Keeps snapshots in memory: for tests, and for a page that must not touch storage. */
export class MemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, unknown>();
  saves = 0;

  async load(accountKey: string): Promise<AccountSnapshot | null> {
    const stored = this.snapshots.get(accountKey);
    return stored === undefined ? null : parseSnapshot(structuredClone(stored), accountKey);
  }

  async save(snapshot: AccountSnapshot): Promise<void> {
    this.saves++;
    this.snapshots.set(snapshot.accountKey, structuredClone(snapshot));
  }

  async clear(accountKey: string): Promise<void> {
    this.snapshots.delete(accountKey);
  }
}

/**
 * A store that falls back to memory when the first one fails: an app iframe may be denied
 * IndexedDB (third-party storage blocked, private mode, quota), and a report must still load.
 */
export class FallbackSnapshotStore implements SnapshotStore {
  private failed = false;

  constructor(
    private readonly primary: SnapshotStore,
    private readonly fallback: SnapshotStore = new MemorySnapshotStore(),
  ) {}

  /** Whether the primary store has failed and the fallback is in use. */
  get degraded(): boolean {
    return this.failed;
  }

  private async use<T>(action: (store: SnapshotStore) => Promise<T>): Promise<T> {
    if (!this.failed) {
      try {
        return await action(this.primary);
      } catch {
        this.failed = true;
      }
    }
    return action(this.fallback);
  }

  load(accountKey: string): Promise<AccountSnapshot | null> {
    return this.use((store) => store.load(accountKey));
  }

  loadStaged(accountKey: string): Promise<StagedSnapshot | null> {
    return this.use((store) =>
      store.loadStaged ? store.loadStaged(accountKey) : store.load(accountKey).then(stagedOf),
    );
  }

  save(snapshot: AccountSnapshot): Promise<void> {
    return this.use((store) => store.save(snapshot));
  }

  clear(accountKey: string): Promise<void> {
    return this.use((store) => store.clear(accountKey));
  }
}
