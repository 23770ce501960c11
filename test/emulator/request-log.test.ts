import { describe, expect, it } from 'vitest';
import { REQUEST_LOG_CAPACITY, RequestLog } from '../../src/emulator/request-log';

const entry = (n: number) => ({ path: `/api/v2/tickets/${n}.json`, status: 200, userId: 1, at: n });

describe('RequestLog', () => {
  it('keeps every request up to its capacity, in order', () => {
    const log = new RequestLog(100);
    for (let n = 0; n < 100; n++) log.push(entry(n));
    expect(log.length).toBe(100);
    expect(log[0]!.at).toBe(0);
    expect(log[99]!.at).toBe(99);
  });

  it('past its capacity drops the oldest tenth and keeps the newest', () => {
    const log = new RequestLog(100);
    for (let n = 0; n < 101; n++) log.push(entry(n));
    expect(log.length).toBe(90);
    expect(log[0]!.at).toBe(11);
    expect(log.at(-1)!.at).toBe(100);
    for (let n = 101; n < 5000; n++) log.push(entry(n));
    expect(log.length).toBeLessThanOrEqual(100);
    expect(log.at(-1)!.at).toBe(4999);
  });

  it('reads like an array: filter and slice give plain arrays', () => {
    const log = new RequestLog(10);
    for (let n = 0; n < 5; n++) log.push(entry(n));
    const odd = log.filter((item) => item.at % 2 === 1);
    expect(odd.map((item) => item.at)).toEqual([1, 3]);
    expect(odd).not.toBeInstanceOf(RequestLog);
    expect(log.slice(3).map((item) => item.at)).toEqual([3, 4]);
    log.clear();
    expect(log).toEqual([]);
    expect(JSON.stringify({ requests: log })).toBe('{"requests":[]}');
  });

  it('defaults to the documented capacity and refuses a nonsense one', () => {
    expect(new RequestLog().capacity).toBe(REQUEST_LOG_CAPACITY);
    expect(() => new RequestLog(0)).toThrow(/at least 1/);
  });
});
