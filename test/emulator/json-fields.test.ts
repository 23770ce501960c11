import { describe, expect, it } from 'vitest';
import { numberOrNull, objectOrNull, textOrNull, texts, timeOf } from '../../src/emulator/api/json-fields';

describe('reading fields of saved JSON', () => {
  it('reads a field of the right type and treats any other as absent', () => {
    expect(textOrNull('urgent')).toBe('urgent');
    expect(textOrNull(3)).toBeNull();
    expect(numberOrNull(360_001)).toBe(360_001);
    expect(numberOrNull('360001')).toBeNull();
    expect(objectOrNull({ channel: 'email' })).toEqual({ channel: 'email' });
    expect(objectOrNull([1])).toBeNull();
    expect(objectOrNull(null)).toBeNull();
    expect(texts(['vip', 7, 'escalated'])).toEqual(['vip', 'escalated']);
    expect(texts('vip')).toEqual([]);
    expect(timeOf('2026-10-01T10:00:00Z')).toBe(Date.UTC(2026, 9, 1, 10));
    expect(timeOf(null)).toBeNaN();
  });
});
