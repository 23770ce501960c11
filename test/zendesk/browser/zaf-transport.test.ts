import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/zendesk/clock';
import { RequestScheduler } from '../../../src/zendesk/request-scheduler';
import {
  ZafTransport,
  type ZafRequestClient,
  type ZafRequestOptions,
} from '../../../src/zendesk/browser/zaf-transport';
import { failure } from '../transport-failure';

const PATH = '/api/v2/search/export.json?query=type:ticket&filter[type]=ticket&page[size]=100';
const KEY = 'acme|user:123';
const GROUPS_PATH = '/api/v2/groups.json';

type Outcome = { resolve: unknown } | { reject: unknown } | 'hang';

/** Stands in for ZAF's client: records what it was asked and settles as scripted. */
class FakeZafClient implements ZafRequestClient {
  readonly requests: ZafRequestOptions[] = [];
  constructor(private readonly outcomes: Outcome[]) {}

  async request(options: ZafRequestOptions): Promise<unknown> {
    this.requests.push(options);
    const outcome = this.outcomes.shift();
    if (!outcome) throw new Error('the test scripted too few answers');
    if (outcome === 'hang') return new Promise(() => {});
    if ('reject' in outcome) throw outcome.reject;
    return outcome.resolve;
  }
}

function zaf(...outcomes: Outcome[]) {
  const client = new FakeZafClient(outcomes);
  return { client, transport: new ZafTransport(client, KEY) };
}

const results = { results: [{ id: 1 }], meta: { has_more: false } };

describe('ZafTransport timeouts', () => {
  it("turns ZAF's own timeout (status 0, statusText timeout) into a retryable timeout", async () => {
    const { transport } = zaf({ reject: { status: 0, statusText: 'timeout' } });
    await expect(transport.request({ path: PATH })).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('gives up on a request that never settles, and the scheduler frees its slot for the next', async () => {
    const client = new FakeZafClient(['hang', { resolve: { status: 200, responseJSON: results, headers: {} } }]);
    const transport = new ZafTransport(client, KEY, 10);
    const scheduler = new RequestScheduler(transport, { concurrency: 1, maxRetries: 0 });
    const hung = scheduler.get(PATH);
    const next = scheduler.get(GROUPS_PATH);
    await expect(hung).rejects.toThrow(/got no answer within 0\.01 s/);
    expect((await next).body).toEqual(results);
    expect(client.requests.map((request) => request.url)).toEqual([PATH, GROUPS_PATH]);
  });

  it('lets go of a request that is cancelled while ZAF still has it', async () => {
    const controller = new AbortController();
    const { transport } = zaf('hang');
    const pending = transport.request({ path: PATH, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ failure: 'aborted' });
  });
});

describe('ZafTransport', () => {
  it('asks ZAF for the complete response, with no retries and no proxy', async () => {
    const { client, transport } = zaf({ resolve: { status: 200, responseJSON: results, headers: {} } });
    await transport.request({ path: PATH });
    expect(client.requests).toEqual([
      {
        url: PATH,
        type: 'GET',
        dataType: 'json',
        httpCompleteResponse: true,
        autoRetry: false,
        cors: false,
        timeout: 60_000,
      },
    ]);
  });

  it('keeps the account key it was given', () => {
    expect(zaf().transport.accountKey).toBe(KEY);
  });

  it('returns status, lower-cased headers and the JSON of a complete response', async () => {
    const { transport } = zaf({
      resolve: {
        status: 200,
        responseJSON: results,
        responseText: JSON.stringify(results),
        headers: { 'Content-Type': 'application/json', 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': 699 },
      },
    });
    expect(await transport.request({ path: PATH })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-rate-limit': '700', 'x-rate-limit-remaining': '699' },
      body: results,
    });
  });

  it('drops header values that are neither text nor numbers', async () => {
    const { transport } = zaf({
      resolve: { status: 200, responseJSON: {}, headers: { 'X-A': null, 'X-B': ['1'], 'X-C': 'c' } },
    });
    expect((await transport.request({ path: PATH })).headers).toEqual({ 'x-c': 'c' });
  });

  it('reads headers from getAllResponseHeaders when there is no headers object', async () => {
    const raw =
      'Content-Type: application/json\r\nX-Rate-Limit: 700\r\nRetry-After: 7\r\nDate: Sun, 01 Nov 2026 00:00:45 GMT\r\n';
    const { transport } = zaf({ resolve: { status: 200, responseJSON: results, getAllResponseHeaders: () => raw } });
    expect((await transport.request({ path: PATH })).headers).toEqual({
      'content-type': 'application/json',
      'x-rate-limit': '700',
      'retry-after': '7',
      date: 'Sun, 01 Nov 2026 00:00:45 GMT',
    });
  });

  it('parses responseText when ZAF gave no responseJSON', async () => {
    const { transport } = zaf({ resolve: { status: 200, responseText: JSON.stringify(results), headers: {} } });
    expect((await transport.request({ path: PATH })).body).toEqual(results);
  });

  it('takes a resolution without a status as a 200', async () => {
    const { transport } = zaf({ resolve: { responseJSON: results } });
    expect(await transport.request({ path: PATH })).toEqual({ status: 200, headers: {}, body: results });
  });

  it('gives an undefined body when there is none', async () => {
    const { transport } = zaf({ resolve: { status: 204, responseText: '', headers: {} } });
    expect((await transport.request({ path: PATH })).body).toBeUndefined();
  });

  it("turns a 200 whose text is cut off into 'malformed-body'", async () => {
    const text = JSON.stringify(results);
    const { transport } = zaf({ resolve: { status: 200, responseText: text.slice(0, text.length - 7), headers: {} } });
    const error = await failure(transport.request({ path: PATH }));
    expect(error.failure).toBe('malformed-body');
    expect(error.message).toContain(`GET ${PATH}`);
  });

  it("turns a 200 that ZAF rejected as unparseable ('parsererror') into 'malformed-body'", async () => {
    const { transport } = zaf({
      reject: { status: 200, statusText: 'parsererror', responseText: '{"results":[{"id":1},{"id"', headers: {} },
    });
    expect((await failure(transport.request({ path: PATH }))).failure).toBe('malformed-body');
  });

  it('returns a rejected 429 as a response, with its headers, for the scheduler to wait out', async () => {
    const { transport } = zaf({
      reject: {
        status: 429,
        statusText: 'Too Many Requests',
        responseJSON: { error: 'APIRateLimitExceeded' },
        headers: { 'Retry-After': '7' },
      },
    });
    expect(await transport.request({ path: PATH })).toEqual({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: 'APIRateLimitExceeded' },
    });
  });

  it('returns other rejected statuses as responses too', async () => {
    const { transport } = zaf(
      {
        reject: {
          status: 403,
          responseText: '{"error":"Forbidden","description":"You do not have access"}',
          headers: {},
        },
      },
      {
        reject: {
          status: 502,
          responseText: '<html>Bad gateway</html>',
          getAllResponseHeaders: () => 'Content-Type: text/html',
        },
      },
    );
    expect(await transport.request({ path: PATH })).toEqual({
      status: 403,
      headers: {},
      body: { error: 'Forbidden', description: 'You do not have access' },
    });
    expect(await transport.request({ path: PATH })).toEqual({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>Bad gateway</html>',
    });
  });

  it("turns a rejection with status 0 into a 'network' failure", async () => {
    const { transport } = zaf({ reject: { status: 0, statusText: 'error', responseText: '' } });
    const error = await failure(transport.request({ path: PATH }));
    expect(error.failure).toBe('network');
    expect(error.message).toBe(`GET ${PATH} failed: no answer`);
  });

  it("turns a rejection with no status, or an Error, into 'network'", async () => {
    const { transport } = zaf({ reject: new Error('Invalid origin') }, { reject: 'timeout' });
    const first = await failure(transport.request({ path: PATH }));
    expect(first.failure).toBe('network');
    expect(first.message).toBe(`GET ${PATH} failed: Invalid origin`);
    expect((await failure(transport.request({ path: PATH }))).failure).toBe('network');
  });

  it("is 'aborted' without asking ZAF when the signal is already aborted", async () => {
    const { client, transport } = zaf();
    const error = await failure(transport.request({ path: PATH, signal: AbortSignal.abort() }));
    expect(error.failure).toBe('aborted');
    expect(client.requests).toEqual([]);
  });

  it("is 'aborted' when the signal is aborted while ZAF is answering", async () => {
    const controller = new AbortController();
    const client: ZafRequestClient = {
      async request() {
        controller.abort();
        return { status: 200, responseJSON: results, headers: {} };
      },
    };
    const error = await failure(new ZafTransport(client, KEY).request({ path: PATH, signal: controller.signal }));
    expect(error.failure).toBe('aborted');
  });

  it('lets the scheduler wait out a 429 that ZAF rejected, then succeed', async () => {
    const clock = new VirtualClock();
    const { client, transport } = zaf(
      { reject: { status: 429, responseJSON: { error: 'APIRateLimitExceeded' }, headers: { 'Retry-After': '7' } } },
      { resolve: { status: 200, responseJSON: results, headers: { 'X-Rate-Limit': '400' } } },
    );
    const scheduler = new RequestScheduler(transport, { clock, random: () => 0.5 });
    const result = await scheduler.get(PATH);

    expect(result.body).toEqual(results);
    expect(client.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([7000]);
    expect(scheduler.accountLimit).toBe(400);
  });
});
