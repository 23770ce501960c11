import { parseSnapshot, type AccountSnapshot, type SnapshotStore } from '../account-snapshot';
import { encodeTicketColumns } from '../ticket-columns';

/**
 * The app's cache: snapshots in the browser's IndexedDB, keyed by account and user, shared by
 * every tab of the app (the sidebar in each ticket tab, the nav-bar report).
 */

const DATABASE = 'support-kpis';
const STORE = 'snapshots';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export class IndexedDbSnapshotStore implements SnapshotStore {
  private database: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory = indexedDB) {}

  private open(): Promise<IDBDatabase> {
    if (!this.database) {
      const request = this.factory.open(DATABASE, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      this.database = promised(request);
      // A failed open may succeed later (private mode, quota): do not keep the rejection.
      this.database.catch(() => {
        this.database = null;
      });
    }
    return this.database;
  }

  /** Opens the database ahead of the first read, e.g. while the app still waits for Zendesk. */
  prepare(): void {
    this.open().catch(() => {});
  }

  /** Reads columns (written by `save`) and record arrays (written before columns) alike. */
  async load(accountKey: string): Promise<AccountSnapshot | null> {
    try {
      const database = await this.open();
      const stored = await promised(database.transaction(STORE, 'readonly').objectStore(STORE).get(accountKey));
      return stored === undefined ? null : parseSnapshot(stored, accountKey);
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
