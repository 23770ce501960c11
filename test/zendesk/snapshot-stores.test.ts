import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import {
  MemorySnapshotStore,
  SNAPSHOT_VERSION,
  type AccountSnapshot,
  type SnapshotStore,
} from '../../src/zendesk/account-snapshot';
import { defaultCacheDirectory, FileSnapshotStore } from '../../src/zendesk/node/file-snapshot-store';
import { CacheBlockedError, IndexedDbSnapshotStore } from '../../src/zendesk/browser/indexeddb-snapshot-store';
import { encodeTicketColumns, TICKET_COLUMNS_FORMAT } from '../../src/zendesk/ticket-columns';

const KEY = 'https://acme.zendesk.com|agent.smith@example.com';
const OTHER_KEY = 'https://acme.zendesk.com|someone.else@example.com';

function ticket(id: number, fields: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id,
    createdAt: Date.parse('2026-10-01T09:00:00Z') + id * 60_000,
    status: 'solved',
    assigneeId: 900 + id,
    groupId: 50,
    brandId: 7,
    channel: 'email',
    type: 'question',
    priority: 'high',
    tags: ['vip', 'billing'],
    satisfaction: 'good',
    solvedAt: Date.parse('2026-10-02T10:30:00Z'),
    replies: 3,
    reopens: 1,
    groupStations: 2,
    assigneeStations: 1,
    replyTimeCalendar: 35,
    replyTimeBusiness: 12.5,
    firstResolutionCalendar: 1530,
    firstResolutionBusiness: 480,
    fullResolutionCalendar: 1600,
    fullResolutionBusiness: 500,
    requesterWaitCalendar: 900,
    requesterWaitBusiness: 300,
    agentWaitCalendar: 60,
    agentWaitBusiness: 0,
    onHoldCalendar: 0,
    onHoldBusiness: 0,
    satisfactionComment: 'Fast and friendly.',
    satisfactionReason: null,
    fieldValues: [{ fieldId: 360_030_001, value: 9 }],
    ...fields,
  };
}

/** Every field filled, and every kind of null the schema allows, so a lossy store shows. */
function snapshot(accountKey = KEY, fields: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    accountKey,
    mode: 'admin',
    exportPosition: { cursor: 'MTc2MTk1NTIwMC4wfHw0Mnw=', startTime: 1_759_000_000 },
    backfill: [],
    searchedUntil: null,
    coversFrom: 0,
    complete: false,
    tickets: [
      ticket(1),
      ticket(2, {
        status: 'open',
        assigneeId: null,
        groupId: null,
        brandId: null,
        channel: null,
        type: null,
        priority: null,
        tags: [],
        satisfaction: null,
        solvedAt: null,
        replies: null,
        reopens: null,
        groupStations: null,
        assigneeStations: null,
        replyTimeCalendar: null,
        replyTimeBusiness: null,
        firstResolutionCalendar: null,
        firstResolutionBusiness: null,
        fullResolutionCalendar: null,
        fullResolutionBusiness: null,
        requesterWaitCalendar: null,
        requesterWaitBusiness: null,
        agentWaitCalendar: null,
        agentWaitBusiness: null,
        onHoldCalendar: null,
        onHoldBusiness: null,
      }),
      ticket(3, { status: 'closed', tags: ['closed_by_merge'], satisfaction: 'bad' }),
    ],
    users: [
      { id: 901, name: 'Ana Agent', role: 'agent', active: true },
      { id: 902, name: null, role: null, active: false },
    ],
    groups: [
      { id: 50, name: 'Support', deleted: false },
      { id: 51, name: null, deleted: true },
    ],
    directoryFetchedAt: Date.parse('2026-10-31T23:00:00Z'),
    missingUserIds: [],
    updatedAt: Date.parse('2026-11-01T00:00:00Z'),
    skipped: 2,
    ...fields,
  };
}

interface StoreUnderTest {
  store: SnapshotStore;
  /** Puts a value where the store keeps `accountKey`'s snapshot, bypassing `save`. */
  plant(accountKey: string, value: unknown): Promise<void>;
}

/** The same behaviour is asked of every store. */
function behavesAsASnapshotStore(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`${name}: common behaviour`, () => {
    let subject: StoreUnderTest;
    beforeEach(async () => {
      subject = await make();
    });

    it('round-trips a snapshot exactly', async () => {
      const saved = snapshot();
      await subject.store.save(saved);
      const loaded = await subject.store.load(KEY);
      expect(loaded).toStrictEqual(saved);
    });

    it('round-trips an agent snapshot with no export position', async () => {
      const saved = snapshot(KEY, {
        mode: 'agent',
        exportPosition: null,
        searchedUntil: Date.parse('2026-11-01T00:00:00Z'),
        coversFrom: 0,
        complete: true,
      });
      await subject.store.save(saved);
      expect(await subject.store.load(KEY)).toStrictEqual(saved);
    });

    it('loads null when nothing was saved', async () => {
      expect(await subject.store.load(KEY)).toBeNull();
    });

    it("loads null for another account's key", async () => {
      await subject.store.save(snapshot());
      expect(await subject.store.load(OTHER_KEY)).toBeNull();
    });

    it('keeps the snapshots of two accounts apart', async () => {
      const mine = snapshot();
      const theirs = snapshot(OTHER_KEY, { skipped: 0, tickets: [ticket(77)] });
      await subject.store.save(mine);
      await subject.store.save(theirs);
      expect(await subject.store.load(KEY)).toStrictEqual(mine);
      expect(await subject.store.load(OTHER_KEY)).toStrictEqual(theirs);
    });

    it("loads null for another account's snapshot found under this key", async () => {
      await subject.plant(KEY, snapshot(OTHER_KEY));
      expect(await subject.store.load(KEY)).toBeNull();
    });

    it('loads null for a snapshot of an older version', async () => {
      await subject.plant(KEY, { ...snapshot(), version: 0 });
      expect(await subject.store.load(KEY)).toBeNull();
    });

    it('loads null for a snapshot with a damaged ticket', async () => {
      const damaged = snapshot();
      await subject.plant(KEY, { ...damaged, tickets: [{ ...damaged.tickets[0], status: 'archived' }] });
      expect(await subject.store.load(KEY)).toBeNull();
    });

    it('replaces the snapshot on a second save', async () => {
      await subject.store.save(snapshot());
      const newer = snapshot(KEY, {
        complete: true,
        exportPosition: { cursor: 'next', startTime: 1_759_000_000 },
        tickets: [ticket(9)],
      });
      await subject.store.save(newer);
      expect(await subject.store.load(KEY)).toStrictEqual(newer);
    });

    it('clear() removes the snapshot of that account only', async () => {
      await subject.store.save(snapshot());
      await subject.store.save(snapshot(OTHER_KEY));
      await subject.store.clear(KEY);
      expect(await subject.store.load(KEY)).toBeNull();
      expect(await subject.store.load(OTHER_KEY)).toStrictEqual(snapshot(OTHER_KEY));
    });

    it('clear() of an account with nothing saved does nothing', async () => {
      await expect(subject.store.clear(KEY)).resolves.toBeUndefined();
    });

    it('does not share objects with its caller', async () => {
      const saved = snapshot();
      await subject.store.save(saved);
      saved.tickets.length = 0;
      const loaded = (await subject.store.load(KEY))!;
      expect(loaded.tickets).toHaveLength(3);
      loaded.users.length = 0;
      expect((await subject.store.load(KEY))!.users).toHaveLength(2);
    });
  });
}

behavesAsASnapshotStore('MemorySnapshotStore', async () => {
  const store = new MemorySnapshotStore();
  return {
    store,
    // Memory keeps what it is given, keyed by the snapshot's own account key.
    plant: async (accountKey, value) => {
      (store as unknown as { snapshots: Map<string, unknown> }).snapshots.set(accountKey, value);
    },
  };
});

const directories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'support-kpis-snapshots-'));
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

behavesAsASnapshotStore('FileSnapshotStore', async () => {
  const store = new FileSnapshotStore(await temporaryDirectory());
  return {
    store,
    plant: async (accountKey, value) => {
      await mkdir(store.directory, { recursive: true });
      await writeFile(store.fileFor(accountKey), JSON.stringify(value));
    },
  };
});

const DATABASE = 'support-kpis';
const STORE = 'snapshots';

/** Writes straight into the object store the app's IndexedDB store uses. */
async function plantInIndexedDb(factory: IDBFactory, accountKey: string, value: unknown): Promise<void> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const transaction = database.transaction(STORE, 'readwrite');
  transaction.objectStore(STORE).put(value, accountKey);
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  database.close();
}

/** Reads straight from the object store the app's IndexedDB store uses. */
async function readFromIndexedDb(factory: IDBFactory, accountKey: string): Promise<unknown> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(DATABASE, 1);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const request = database.transaction(STORE, 'readonly').objectStore(STORE).get(accountKey);
  const value = await new Promise<unknown>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  database.close();
  return value;
}

behavesAsASnapshotStore('IndexedDbSnapshotStore', async () => {
  const factory = new IDBFactory();
  return {
    store: new IndexedDbSnapshotStore(factory),
    plant: (accountKey, value) => plantInIndexedDb(factory, accountKey, value),
  };
});

describe('MemorySnapshotStore', () => {
  it('counts its saves', async () => {
    const store = new MemorySnapshotStore();
    await store.save(snapshot());
    await store.save(snapshot());
    expect(store.saves).toBe(2);
  });
});

describe('FileSnapshotStore', () => {
  it('names the file by a hash, so the path does not name the user', async () => {
    const store = new FileSnapshotStore(await temporaryDirectory());
    await store.save(snapshot());
    const files = await readdir(store.directory);
    expect(files).toEqual([basename(store.fileFor(KEY))]);
    expect(files[0]).toMatch(/^[0-9a-f]{24}\.json$/);
    for (const part of ['agent.smith', 'example.com', 'acme', KEY]) expect(store.fileFor(KEY)).not.toContain(part);
    expect(store.fileFor(KEY)).not.toBe(store.fileFor(OTHER_KEY));
    expect(store.fileFor(KEY)).toBe(new FileSnapshotStore(store.directory).fileFor(KEY));
  });

  it('writes the file readable by its owner only, in a directory it creates private', async () => {
    const directory = join(await temporaryDirectory(), 'nested', 'cache');
    const store = new FileSnapshotStore(directory);
    await store.save(snapshot());
    expect((await stat(store.fileFor(KEY))).mode & 0o777).toBe(0o600);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);

    await store.save(snapshot(KEY, { complete: true }));
    expect((await stat(store.fileFor(KEY))).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind', async () => {
    const store = new FileSnapshotStore(await temporaryDirectory());
    await store.save(snapshot());
    await store.save(snapshot(OTHER_KEY));
    expect((await readdir(store.directory)).sort()).toEqual(
      [basename(store.fileFor(KEY)), basename(store.fileFor(OTHER_KEY))].sort(),
    );
  });

  it('survives two saves of one account at once', async () => {
    const store = new FileSnapshotStore(await temporaryDirectory());
    const first = snapshot(KEY, { skipped: 1 });
    const second = snapshot(KEY, { skipped: 2 });
    const outcomes = await Promise.allSettled([store.save(first), store.save(second)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    expect([first, second]).toContainEqual(await store.load(KEY));
  });

  it('stores the snapshot as JSON', async () => {
    const store = new FileSnapshotStore(await temporaryDirectory());
    await store.save(snapshot());
    expect(JSON.parse(await readFile(store.fileFor(KEY), 'utf8'))).toStrictEqual(snapshot());
  });

  it.each([
    ['half a file', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['an empty file', () => ''],
    ['bytes that are not JSON', () => '\u0000\u0001garbage'],
    ['JSON of the wrong shape', () => '[1, 2, 3]'],
    ['JSON null', () => 'null'],
  ])('loads null from %s', async (_, damage) => {
    const store = new FileSnapshotStore(await temporaryDirectory());
    await store.save(snapshot());
    const file = store.fileFor(KEY);
    await writeFile(file, damage(await readFile(file, 'utf8')));
    expect(await store.load(KEY)).toBeNull();
  });

  it('loads null when the directory does not exist', async () => {
    const store = new FileSnapshotStore(join(await temporaryDirectory(), 'never-made'));
    expect(await store.load(KEY)).toBeNull();
  });

  it('clear() deletes the file', async () => {
    const store = new FileSnapshotStore(await temporaryDirectory());
    await store.save(snapshot());
    await store.clear(KEY);
    await expect(stat(store.fileFor(KEY))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(store.directory)).toEqual([]);
  });
});

describe('defaultCacheDirectory', () => {
  it('uses $XDG_CACHE_HOME when set', () => {
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: '/var/cache/someone' })).toBe('/var/cache/someone/support-kpis');
  });

  it('falls back to ~/.cache when $XDG_CACHE_HOME is unset or empty', () => {
    const fallback = join(homedir(), '.cache', 'support-kpis');
    expect(defaultCacheDirectory({})).toBe(fallback);
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: '' })).toBe(fallback);
  });
});

describe('IndexedDbSnapshotStore', () => {
  it('shares snapshots between stores on the same database, as between tabs', async () => {
    const factory = new IDBFactory();
    await new IndexedDbSnapshotStore(factory).save(snapshot());
    expect(await new IndexedDbSnapshotStore(factory).load(KEY)).toStrictEqual(snapshot());
  });

  it('keeps snapshots in the support-kpis database, keyed by account', async () => {
    const factory = new IDBFactory();
    await new IndexedDbSnapshotStore(factory).save(snapshot());
    const databases = await factory.databases();
    expect(databases.map((database) => database.name)).toEqual([DATABASE]);
  });

  it('stores the tickets as columns and the rest of the snapshot as it is', async () => {
    const factory = new IDBFactory();
    await new IndexedDbSnapshotStore(factory).save(snapshot());
    const stored = (await readFromIndexedDb(factory, KEY)) as Record<string, unknown>;
    expect(stored).toStrictEqual({ ...snapshot(), tickets: encodeTicketColumns(snapshot().tickets) });
    expect(stored['tickets']).toMatchObject({
      format: TICKET_COLUMNS_FORMAT,
      count: 3,
      numbers: { id: expect.any(Float64Array), replies: expect.any(Float32Array) },
    });
  });

  it('loads a snapshot stored as an array of records, as before columns', async () => {
    const factory = new IDBFactory();
    await plantInIndexedDb(factory, KEY, snapshot());
    expect(await new IndexedDbSnapshotStore(factory).load(KEY)).toStrictEqual(snapshot());
  });

  it.each([
    [
      'a status code out of range',
      (columns: ReturnType<typeof encodeTicketColumns>) => {
        columns.statuses[0] = 200;
      },
    ],
    [
      'a truncated column',
      (columns: ReturnType<typeof encodeTicketColumns>) => {
        columns.labels = { ...columns.labels, type: columns.labels.type.slice(1) };
      },
    ],
    [
      'a string index out of range',
      (columns: ReturnType<typeof encodeTicketColumns>) => {
        columns.tagSetStrings[0] = columns.strings.length;
      },
    ],
  ])('loads null for stored columns with %s', async (_, damage) => {
    const factory = new IDBFactory();
    const columns = encodeTicketColumns(snapshot().tickets);
    damage(columns);
    await plantInIndexedDb(factory, KEY, { ...snapshot(), tickets: columns });
    expect(await new IndexedDbSnapshotStore(factory).load(KEY)).toBeNull();
  });

  it('loads null when the database cannot be opened', async () => {
    const broken = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    expect(await new IndexedDbSnapshotStore(broken).load(KEY)).toBeNull();
  });

  it('tries again after an open that failed', async () => {
    const real = new IDBFactory();
    let failuresLeft = 1;
    const flaky = {
      open(name: string, version?: number) {
        if (failuresLeft-- > 0) {
          const request = {} as { onerror?: () => void; error: null };
          request.error = null;
          setTimeout(() => request.onerror?.(), 0);
          return request;
        }
        return real.open(name, version);
      },
    } as unknown as IDBFactory;
    const store = new IndexedDbSnapshotStore(flaky);

    expect(await store.load(KEY)).toBeNull();
    await store.save(snapshot());
    expect(await store.load(KEY)).toStrictEqual(snapshot());
  });

  it('lets a newer version opened in another tab upgrade, instead of blocking it', async () => {
    const factory = new IDBFactory();
    const olderTab = new IndexedDbSnapshotStore(factory);
    await olderTab.save(snapshot());
    // Without the versionchange handler this open is blocked for ever and the test times out.
    const newerTab = new IndexedDbSnapshotStore(factory, { version: 2, blockedBoundMs: 60_000 });

    expect(await newerTab.load(KEY)).toStrictEqual(snapshot());
    expect((await factory.databases()).find((database) => database.name === DATABASE)?.version).toBe(2);
    // The older tab let go; it cannot read a newer schema, so it goes on without its cache.
    expect(await olderTab.load(KEY)).toBeNull();
  });

  it('goes on without the cache while a tab that does not let go holds an older version', async () => {
    const factory = new IDBFactory();
    await new IndexedDbSnapshotStore(factory).save(snapshot());
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DATABASE, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const newerTab = new IndexedDbSnapshotStore(factory, { version: 2, blockedBoundMs: 20 });

    expect(await newerTab.load(KEY)).toBeNull();
    await expect(newerTab.save(snapshot())).rejects.toBeInstanceOf(CacheBlockedError);
    await expect(newerTab.save(snapshot())).rejects.toThrow(/held open by another tab at an older version/);

    stubborn.close();
    await newerTab.save(snapshot());
    expect(await newerTab.load(KEY)).toStrictEqual(snapshot());
  });
});
