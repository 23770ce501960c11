import { cleanup } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { NOW } from './fixture';

/**
 * For a location's tests: every test at the fixture's NOW, with a fresh IndexedDB (no snapshot left
 * over from another), and the page and mocks undone after it.
 */
export function isolateEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
