import {
  parseStagedSnapshot,
  type AccountSnapshot,
  type SnapshotStore,
  type StagedSnapshot,
} from '../account-snapshot';
import { encodeTicketColumns } from '../ticket-columns';

/**
 * The app's cache: snapshots in the browser's IndexedDB, keyed by account and user, shared by
 * every tab of the app (the sidebar in each ticket tab, the nav-bar report).
 */

const DATABASE = 'support-kpis';
const STORE = 'snapshots';
/** The schema this code reads and writes; a bump is an upgrade every other open tab must make way for. */
export const DATABASE_VERSION = 1;
/** How long an open waits for another tab to let go of an older version before the app goes on without its cache. */
const BLOCKED_BOUND_MS = 5_000;

/**
 * The cache could not be opened in time: another tab holds it open at an older version and does not close
 * it (an app loaded before the upgrade), or the browser queued this open behind such a tab's.
 */
export class CacheBlockedError extends Error {
  constructor(waitedMs: number, blocked: boolean) {
    super(
      blocked
        ? `The Support KPIs cache is held open by another tab at an older version; waited ${Math.ceil(waitedMs / 1000)} s. ` +
            'Reload or close the other Zendesk tabs to use the cache again.'
        : `The Support KPIs cache did not open within ${Math.ceil(waitedMs / 1000)} s; going on without it.`,
    );
    this.name = 'CacheBlockedError';
  }
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

export class IndexedDbSnapshotStore implements SnapshotStore {
  private database: Promise<IDBDatabase> | null = null;
  /** Settles when the open we gave up on leaves the browser's queue. */
  private abandoned: Promise<void> | null = null;

  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly options: { version?: number; blockedBoundMs?: number } = {},
  ) {}

  private open(): Promise<IDBDatabase> {
    if (!this.database) {
      const opening = this.openConnection();
      this.database = opening;
      // A failed open may succeed later (private mode, quota, the other tab closed): do not keep the rejection.
      opening.catch(() => {
        if (this.database === opening) this.database = null;
      });
    }
    return this.database;
  }

  private async openConnection(): Promise<IDBDatabase> {
    const bound = this.options.blockedBoundMs ?? BLOCKED_BOUND_MS;
    // An open we gave up on is still queued in the browser; another would only queue behind it.
    if (this.abandoned && !(await settlesWithin(this.abandoned, bound))) throw new CacheBlockedError(bound, true);
    return this.request(bound);
  }

  private request(bound: number): Promise<IDBDatabase> {
    const request = this.factory.open(DATABASE, this.options.version ?? DATABASE_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    return new Promise<IDBDatabase>((resolve, reject) => {
      let blocked = false;
      let gaveUp = false;
      // Without a bound, one tab left open on an older version would hang every load in every other tab. The
      // timer starts at once: an open queued behind another tab's blocked open gets no blocked event of its own.
      let leftQueue: (() => void) | undefined;
      const timer = setTimeout(() => {
        gaveUp = true;
        const abandoned = new Promise<void>((resolveLeft) => (leftQueue = resolveLeft));
        this.abandoned = abandoned;
        void abandoned.then(() => {
          if (this.abandoned === abandoned) this.abandoned = null;
        });
        reject(new CacheBlockedError(bound, blocked));
      }, bound);
      const settled = () => {
        clearTimeout(timer);
        leftQueue?.();
      };
      request.onblocked = () => {
        blocked = true;
      };
      request.onsuccess = () => {
        settled();
        const database = request.result;
        if (gaveUp) {
          database.close();
          return;
        }
        // A newer version opened in another tab: let go, so its upgrade is not blocked; the next use reopens.
        database.onversionchange = () => {
          database.close();
          this.forget(database);
        };
        database.onclose = () => this.forget(database);
        resolve(database);
      };
      request.onerror = () => {
        settled();
        reject(request.error ?? new Error('IndexedDB open failed'));
      };
    });
  }

  private forget(database: IDBDatabase): void {
    const current = this.database;
    if (!current) return;
    void current.then(
      (held) => {
        if (held === database && this.database === current) this.database = null;
      },
      () => {},
    );
  }

  /** Opens the database ahead of the first read, e.g. while the app still waits for Zendesk. */
  prepare(): void {
    this.open().catch(() => {});
  }

  /** Reads columns (written by `save`) and record arrays (written before columns) alike. */
  async load(accountKey: string): Promise<AccountSnapshot | null> {
    return (await this.loadStaged(accountKey))?.snapshot() ?? null;
  }

  /** The stored value checked, its columns as they are; the records are built on `snapshot()`. */
  async loadStaged(accountKey: string): Promise<StagedSnapshot | null> {
    try {
      const database = await this.open();
      const stored = await promised(database.transaction(STORE, 'readonly').objectStore(STORE).get(accountKey));
      return stored === undefined ? null : parseStagedSnapshot(stored, accountKey);
    } catch {
      return null;
    }
  }

  async save(snapshot: AccountSnapshot): Promise<void> {
    const database = await this.open();
    const transaction = database.transaction(STORE, 'readwrite');
    // Tickets in columns: the warm start reads this value back, and columns clone as a few blocks of memory, not thousands of objects.
    transaction
      .objectStore(STORE)
      .put({ ...snapshot, tickets: encodeTicketColumns(snapshot.tickets) }, snapshot.accountKey);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
    });
  }

  async clear(accountKey: string): Promise<void> {
    const database = await this.open();
    await promised(database.transaction(STORE, 'readwrite').objectStore(STORE).delete(accountKey));
  }
}
