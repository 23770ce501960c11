import { IndexedDbSnapshotStore } from '../src/zendesk/browser/indexeddb-snapshot-store';
import { syntheticTickets } from './synthetic-tickets';

/**
 * Run inside the app's own origin (bundled by browser-case.ts, report-cache mode): plants a big
 * account in the app's cache the app's own way. It takes the snapshot the report saved for this
 * user (its export cursor, streams and directory, so the next refresh finds nothing new), adds
 * COUNT synthetic tickets over the history the report keeps (history_days, 400) with their 30
 * agents and 5 groups, and saves it through the app's store, in the cache's own format.
 */
const DAY = 86_400_000;
const HISTORY_DAYS = 400;

const benchCache = {
  async plant(key: string, count: number): Promise<{ tickets: number; ms: number }> {
    const start = performance.now();
    const store = new IndexedDbSnapshotStore();
    const saved = await store.load(key);
    if (saved === null) throw new Error(`no snapshot saved under ${key}`);
    const now = Date.now();
    const firstId = Math.max(0, ...saved.tickets.map((ticket) => ticket.id)) + 1;
    const synthetic = syntheticTickets(count, now, HISTORY_DAYS, 42, { settledBefore: now - 30 * DAY, firstId });
    const agents = Array.from({ length: 30 }, (_, i) => ({
      id: 1000 + i,
      name: `Agent ${i + 1}`,
      role: 'agent',
      active: true,
    }));
    const groups = Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, name: `Group ${i + 1}`, deleted: false }));
    await store.save({
      ...saved,
      tickets: [...saved.tickets, ...synthetic],
      users: [...saved.users, ...agents],
      groups: [...saved.groups, ...groups],
      // The synthetic assignees are known: the refresh asks nobody about them.
      missingUserIds: saved.missingUserIds,
    });
    return { tickets: saved.tickets.length + synthetic.length, ms: performance.now() - start };
  },
};

(globalThis as { benchCache?: typeof benchCache }).benchCache = benchCache;
