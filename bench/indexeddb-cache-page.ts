import { columnScorecards } from '../src/metrics/columnar/column-scorecards';
import { ReportWindow } from '../src/metrics/report-window';
import { DEFAULT_ESCALATION } from '../src/metrics/settings';
import { SNAPSHOT_VERSION, type AccountSnapshot } from '../src/zendesk/account-snapshot';
import { DATABASE_VERSION, IndexedDbSnapshotStore } from '../src/zendesk/browser/indexeddb-snapshot-store';
import type { TicketColumns } from '../src/zendesk/ticket-columns';
import { syntheticTickets } from './synthetic-tickets';

/**
 * Runs in Chromium (bundled by indexeddb-cache-case.ts): writes the bench's synthetic account into
 * the app's own IndexedDB store, and in a later page reads it back two ways: as the app loads it
 * (records), and the stored value as it is, straight into the columnar scorecards.
 */
const ACCOUNT = 'bench.zendesk.com:1';
// The store's own names (src/zendesk/browser/indexeddb-snapshot-store.ts), to read the stored value without decoding it.
const DATABASE = 'support-kpis';
const STORE = 'snapshots';

function snapshotOf(count: number): AccountSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    accountKey: ACCOUNT,
    mode: 'admin',
    exportPosition: { cursor: 'bench', startTime: 0 },
    backfill: [],
    searchedUntil: null,
    coversFrom: 0,
    complete: true,
    tickets: syntheticTickets(count),
    users: Array.from({ length: 30 }, (_, i) => ({
      id: 1000 + i,
      name: `Agent ${i + 1}`,
      role: 'agent',
      active: true,
    })),
    groups: Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, name: `Group ${i + 1}`, deleted: false })),
    directoryFetchedAt: 0,
    missingUserIds: [],
    updatedAt: 0,
    skipped: 0,
  };
}

function storedValue(): Promise<{ tickets: TicketColumns }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DATABASE, DATABASE_VERSION);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const get = open.result.transaction(STORE, 'readonly').objectStore(STORE).get(ACCOUNT);
      get.onerror = () => reject(get.error ?? new Error('get failed'));
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result as { tickets: TicketColumns });
      };
    };
  });
}

const bench = {
  async write(count: number): Promise<number> {
    const snapshot = snapshotOf(count);
    const start = performance.now();
    await new IndexedDbSnapshotStore().save(snapshot);
    return performance.now() - start;
  },
  async read(count: number): Promise<{ getMs: number; columnarFirstNumberMs: number; recordsLoadMs: number }> {
    const window = ReportWindow.of('2026-08-03', '2026-10-31', 'America/New_York');
    let start = performance.now();
    const value = await storedValue();
    const getMs = performance.now() - start;
    const { team } = columnScorecards(value.tickets, { window, hours: 'calendar', escalation: DEFAULT_ESCALATION });
    const columnarFirstNumberMs = performance.now() - start;
    if (value.tickets.count !== count || team.created === 0) throw new Error('the stored columns are not whole');
    start = performance.now();
    const loaded = await new IndexedDbSnapshotStore().load(ACCOUNT);
    const recordsLoadMs = performance.now() - start;
    if (loaded?.tickets.length !== count) throw new Error('the store did not load the account back');
    return { getMs, columnarFirstNumberMs, recordsLoadMs };
  },
};

(globalThis as { bench?: typeof bench }).bench = bench;
