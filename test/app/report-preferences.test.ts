import { describe, expect, it } from 'vitest';
import {
  loadPreferences,
  preferencesKey,
  savePreferences,
  type ReportPreferences,
} from '../../src/app/report/report-preferences';

class MapStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const chosen: ReportPreferences = {
  range: { preset: 'custom', from: '2026-10-01', to: '2026-10-31' },
  filters: { group: '360001', brand: '', channel: 'email', type: '', priority: '__none__' },
  hours: 'business',
  credit: 'assignee',
};

describe('report preferences', () => {
  it('gives back what was saved, per user', () => {
    const storage = new MapStorage();
    savePreferences(storage, preferencesKey('acme', 7), chosen);
    expect(loadPreferences(storage, preferencesKey('acme', 7))).toEqual(chosen);
    expect(loadPreferences(storage, preferencesKey('acme', 8))).toBeNull();
    expect(preferencesKey('acme', 7)).not.toBe(preferencesKey('other', 7));
  });

  it('drops a stored value that does not read as preferences', () => {
    const storage = new MapStorage();
    const key = preferencesKey('acme', 7);
    storage.setItem(key, '{not json');
    expect(loadPreferences(storage, key)).toBeNull();
    storage.setItem(key, JSON.stringify({ ...chosen, hours: 'weekends' }));
    expect(loadPreferences(storage, key)).toBeNull();
    storage.setItem(key, JSON.stringify({ ...chosen, range: { preset: 'last1000' } }));
    expect(loadPreferences(storage, key)).toBeNull();
  });

  it('goes on without storage that refuses to be used', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => savePreferences(refusing, 'k', chosen)).not.toThrow();
    expect(loadPreferences(refusing, 'k')).toBeNull();
    expect(loadPreferences(null, 'k')).toBeNull();
  });
});
