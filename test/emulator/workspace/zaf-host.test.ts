import { describe, expect, it, vi } from 'vitest';
import {
  answerGet,
  answerInvoke,
  answerSet,
  cssLength,
  encodeParams,
  eventMessage,
  handleClientMessage,
  parseClientMessage,
  performRequest,
  ticketChangeEvents,
  timeZoneOffsetMinutes,
  zafTicketFromApi,
  zafUserFromApi,
  type FetchLike,
  type ZafHostActions,
  type ZafHostState,
  type ZafInstance,
  type ZafTicket,
} from '../../../src/emulator/workspace/zaf-host';

/** Zendesk's side of the ZAF protocol (zaf-host.ts), message by message, as SDK 2.0.11 sends them. */

const HOST = 'http://127.0.0.1:4567';
const SIDEBAR: ZafInstance = { guid: 'guid-sidebar', location: 'ticket_sidebar', ticketId: 42 };
const OTHER_SIDEBAR: ZafInstance = { guid: 'guid-other', location: 'ticket_sidebar', ticketId: 7 };
const REPORT: ZafInstance = { guid: 'guid-report', location: 'nav_bar', ticketId: null };

const ticket = (id: number, overrides: Partial<ZafTicket> = {}): ZafTicket => ({
  id,
  subject: `Ticket ${id}`,
  status: 'open',
  priority: 'high',
  type: 'incident',
  requester: { id: 50001, name: 'Ana Silva', email: 'customer1@example.com' },
  assignee: {
    user: { id: 10005, name: 'Bo Okafor', email: 'bo.okafor@acme.example' },
    group: { id: 360001, name: 'Tier 1 – Email' },
  },
  tags: ['vip'],
  brand: { id: 1 },
  via: { channel: 'email' },
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-02T10:00:00Z',
  ...overrides,
});

const state = (overrides: Partial<ZafHostState> = {}): ZafHostState => ({
  metadata: {
    appId: 1,
    installationId: 1001,
    name: 'Support KPIs',
    version: '0.1.0',
    settings: { title: 'Support KPIs', escalation_tags: 'escalated' },
    plan: { name: 'emulator' },
  },
  subdomain: 'acme',
  currentUser: zafUserFromApi(
    {
      id: 10002,
      name: 'Vikram Mbeki',
      email: 'vikram@acme.example',
      role: 'agent',
      iana_time_zone: 'America/New_York',
      time_zone: 'Eastern Time (US & Canada)',
    },
    {
      locale: 'fa',
      groups: [{ id: 360001, name: 'Tier 1 – Email' }],
      customRoleId: 9001,
      at: new Date('2026-01-15T12:00:00Z'),
    },
  ),
  colorScheme: 'light',
  viewport: { width: 1400, height: 900 },
  instances: [SIDEBAR, OTHER_SIDEBAR, REPORT],
  ticket: (id) => (id === 42 || id === 7 ? ticket(id) : null),
  ...overrides,
});

const recordingActions = () => {
  const calls: unknown[][] = [];
  const actions: ZafHostActions = {
    resize: (instance, size) => void calls.push(['resize', instance.guid, size]),
    routeTo: (target, id) => {
      calls.push(['routeTo', target, id]);
      return target === 'user' ? 'not in the local Zendesk' : null;
    },
    notify: (message, kind, duration) => void calls.push(['notify', message, kind, duration]),
  };
  return { actions, calls };
};

const noFetch: FetchLike = () => Promise.reject(new Error('no fetch expected'));

describe('parseClientMessage', () => {
  it('reads the SDK’s handshake, exactly as lib/client.js posts it', () => {
    const raw = JSON.stringify({
      key: 'iframe.handshake',
      message: { version: '2.0.9' },
      appGuid: 'g1',
      instanceGuid: 'g1',
    });
    expect(parseClientMessage(raw)).toEqual({ kind: 'handshake', version: '2.0.9', appGuid: 'g1', instanceGuid: 'g1' });
  });

  it('reads get/set/invoke calls, requests, subscriptions and triggers', () => {
    expect(
      parseClientMessage(
        JSON.stringify({ id: 3, request: 'get', params: ['currentUser'], appGuid: 'g1', instanceGuid: 'g1' }),
      ),
    ).toEqual({
      kind: 'call',
      id: 3,
      request: 'get',
      params: ['currentUser'],
      instanceGuid: 'g1',
    });
    expect(
      parseClientMessage(
        JSON.stringify({
          key: 'request:2',
          message: { url: '/api/v2/users/me.json' },
          appGuid: 'g1',
          instanceGuid: 'g1',
        }),
      ),
    ).toEqual({
      kind: 'request',
      key: 'request:2',
      options: { url: '/api/v2/users/me.json' },
    });
    // client.request subscribes to its own .done/.fail first: those are subscriptions, not requests.
    expect(
      parseClientMessage(JSON.stringify({ key: 'iframe.on:request:2.done', message: { subscriberCount: 1 } })),
    ).toEqual({
      kind: 'subscribe',
      event: 'request:2.done',
      subscriberCount: 1,
    });
    expect(
      parseClientMessage(JSON.stringify({ key: 'iframe.off:ticket.updated', message: { subscriberCount: 0 } })),
    ).toEqual({
      kind: 'unsubscribe',
      event: 'ticket.updated',
      subscriberCount: 0,
    });
    expect(
      parseClientMessage(JSON.stringify({ key: 'iframe.trigger:refresh', message: { a: 1 }, instanceGuid: 'g2' })),
    ).toEqual({
      kind: 'trigger',
      event: 'refresh',
      data: { a: 1 },
      instanceGuid: 'g2',
    });
    // Objects (not only strings) are read too.
    expect(parseClientMessage({ key: 'custom.thing' })).toEqual({ kind: 'other', key: 'custom.thing' });
  });

  it('ignores what is not the SDK speaking', () => {
    for (const data of [
      'not json',
      '42',
      'null',
      JSON.stringify([1]),
      JSON.stringify({ id: 1, request: 'delete' }),
      JSON.stringify({ key: 'iframe.handshake' }),
      undefined,
      5,
    ]) {
      expect(parseClientMessage(data)).toBeNull();
    }
  });
});

describe('handshake', () => {
  it('answers zaf.app.registered with metadata and the instance’s context', async () => {
    const handled = await handleClientMessage(
      { kind: 'handshake', version: '2.0.9', appGuid: SIDEBAR.guid, instanceGuid: SIDEBAR.guid },
      SIDEBAR,
      state(),
      recordingActions().actions,
      noFetch,
      HOST,
    );
    expect(handled.registered).toBe(true);
    expect(handled.outgoing).toEqual([
      {
        to: SIDEBAR.guid,
        message: {
          key: 'zaf.app.registered',
          message: {
            metadata: {
              appId: 1,
              installationId: 1001,
              name: 'Support KPIs',
              version: '0.1.0',
              settings: { title: 'Support KPIs', escalation_tags: 'escalated' },
              plan: { name: 'emulator' },
            },
            context: {
              instanceGuid: SIDEBAR.guid,
              product: 'support',
              account: { subdomain: 'acme' },
              location: 'ticket_sidebar',
              ticketId: 42,
            },
          },
        },
      },
    ]);
    const report = await handleClientMessage(
      { kind: 'handshake', version: '2.0.9', appGuid: REPORT.guid, instanceGuid: REPORT.guid },
      REPORT,
      state(),
      recordingActions().actions,
      noFetch,
      HOST,
    );
    const context = (report.outgoing[0]!.message['message'] as { context: Record<string, unknown> }).context;
    expect(context).toEqual({
      instanceGuid: REPORT.guid,
      product: 'support',
      account: { subdomain: 'acme' },
      location: 'nav_bar',
    });
  });
});

describe('get', () => {
  it('answers currentUser and its parts, keyed by path, always with errors', () => {
    const result = answerGet(
      ['currentUser', 'currentUser.id', 'currentUser.role', 'currentUser.locale', 'currentUser.timeZone'],
      SIDEBAR,
      state(),
    );
    expect(result['errors']).toEqual({});
    expect(result['currentUser']).toEqual({
      id: 10002,
      name: 'Vikram Mbeki',
      email: 'vikram@acme.example',
      role: 9001,
      locale: 'fa',
      timeZone: {
        ianaName: 'America/New_York',
        name: 'Eastern Time (US & Canada)',
        offset: -300,
        formattedOffset: 'GMT-05:00',
      },
      groups: [{ id: 360001, name: 'Tier 1 – Email' }],
      avatarUrl: null,
    });
    expect(result['currentUser.id']).toBe(10002);
    expect(result['currentUser.role']).toBe(9001);
    expect(result['currentUser.locale']).toBe('fa');
    expect(result['currentUser.timeZone']).toEqual(expect.objectContaining({ ianaName: 'America/New_York' }));
  });

  it('answers the ticket in the ticket sidebar, and colorScheme, viewport.size and instances anywhere', () => {
    const result = answerGet(
      [
        'ticket',
        'ticket.id',
        'ticket.status',
        'ticket.assignee.group.id',
        'colorScheme',
        'viewport.size',
        'instances',
        `instances.${REPORT.guid}`,
      ],
      SIDEBAR,
      state({ colorScheme: 'dark' }),
    );
    expect(result['errors']).toEqual({});
    expect(result['ticket']).toEqual(ticket(42));
    expect(result['ticket.id']).toBe(42);
    expect(result['ticket.status']).toBe('open');
    expect(result['ticket.assignee.group.id']).toBe(360001);
    expect(result['colorScheme']).toBe('dark');
    expect(result['viewport.size']).toEqual({ width: 1400, height: 900 });
    expect(Object.keys(result['instances'] as object)).toEqual([SIDEBAR.guid, OTHER_SIDEBAR.guid, REPORT.guid]);
    expect(result[`instances.${REPORT.guid}`]).toEqual({
      instanceGuid: REPORT.guid,
      product: 'support',
      account: { subdomain: 'acme' },
      location: 'nav_bar',
    });
  });

  it('reports unknown paths, and the ticket outside the sidebar, as errors the SDK turns into rejections', () => {
    const result = answerGet(['currentUser.id', 'nope', 'currentUser.shoeSize', 'ticket.id'], REPORT, state());
    expect(result['currentUser.id']).toBe(10002);
    expect(result['errors']).toEqual({
      nope: { name: 'InvalidPathError', message: 'Could not find handler for: "nope"' },
      'currentUser.shoeSize': {
        name: 'InvalidPathError',
        message: 'Could not find handler for: "currentUser.shoeSize"',
      },
      'ticket.id': { name: 'InvalidPathError', message: 'Could not find handler for: "ticket.id"' },
    });
    // Not even inherited properties leak out.
    expect(answerGet(['currentUser.constructor'], SIDEBAR, state())['errors']).toHaveProperty([
      'currentUser.constructor',
    ]);
    // A ticket the host has not loaded is an error too.
    expect(answerGet('ticket', { ...SIDEBAR, ticketId: 999 }, state())['errors']).toHaveProperty('ticket');
  });

  it('replies {id, result} to the asking iframe, acting on the instance a client.instance(guid) call names', async () => {
    const handled = await handleClientMessage(
      { kind: 'call', id: 9, request: 'get', params: ['ticket.id'], instanceGuid: OTHER_SIDEBAR.guid },
      SIDEBAR,
      state(),
      recordingActions().actions,
      noFetch,
      HOST,
    );
    expect(handled.outgoing).toEqual([
      { to: SIDEBAR.guid, message: { id: 9, result: { 'ticket.id': 7, errors: {} } } },
    ]);
  });

  it('hands out copies, so an app cannot change the host’s state', () => {
    const hostState = state();
    const first = answerGet(['currentUser'], SIDEBAR, hostState)['currentUser'] as { groups: unknown[] };
    first.groups.push('mutated');
    expect(
      (answerGet(['currentUser'], SIDEBAR, hostState)['currentUser'] as { groups: unknown[] }).groups,
    ).toHaveLength(1);
  });
});

describe('set', () => {
  it('refuses every path: the local Zendesk is read-only', () => {
    expect(answerSet({ 'ticket.subject': 'x', 'ticket.tags': [] })).toEqual({
      errors: {
        'ticket.subject': {
          name: 'NotSupportedError',
          message: '"ticket.subject" cannot be set: the local Zendesk\'s tickets are read-only',
        },
        'ticket.tags': {
          name: 'NotSupportedError',
          message: '"ticket.tags" cannot be set: the local Zendesk\'s tickets are read-only',
        },
      },
    });
  });
});

describe('invoke', () => {
  it('resizes with CSS lengths or pixel numbers', () => {
    const { actions, calls } = recordingActions();
    expect(answerInvoke({ resize: [{ width: '100%', height: '321px' }] }, SIDEBAR, actions)).toEqual({
      resize: null,
      errors: {},
    });
    expect(answerInvoke({ resize: [{ height: 250 }] }, SIDEBAR, actions)).toEqual({ resize: null, errors: {} });
    expect(calls).toEqual([
      ['resize', SIDEBAR.guid, { height: '321px', width: '100%' }],
      ['resize', SIDEBAR.guid, { height: '250px', width: null }],
    ]);
    const bad = answerInvoke({ resize: [{ height: 'calc(100% - 1px); background: red' }] }, SIDEBAR, actions);
    expect(bad['errors']).toHaveProperty('resize');
    expect(answerInvoke({ resize: [] }, SIDEBAR, actions)['errors']).toHaveProperty('resize');
    expect(calls).toHaveLength(2);
  });

  it('routes to tickets and the nav bar, and passes on the host’s refusal', () => {
    const { actions, calls } = recordingActions();
    expect(answerInvoke({ routeTo: ['ticket', 123] }, REPORT, actions)).toEqual({ routeTo: null, errors: {} });
    expect(answerInvoke({ routeTo: ['nav_bar', 'support-kpis'] }, SIDEBAR, actions)).toEqual({
      routeTo: null,
      errors: {},
    });
    expect(answerInvoke({ routeTo: ['user', '5'] }, SIDEBAR, actions)).toEqual({
      errors: { routeTo: { name: 'InvocationError', message: 'not in the local Zendesk' } },
    });
    expect(answerInvoke({ routeTo: [] }, SIDEBAR, actions)['errors']).toHaveProperty('routeTo');
    expect(calls).toEqual([
      ['routeTo', 'ticket', '123'],
      ['routeTo', 'nav_bar', 'support-kpis'],
      ['routeTo', 'user', '5'],
    ]);
  });

  it('notifies with a kind and duration, does nothing for popover and the apps tray, and refuses unknown actions', () => {
    const { actions, calls } = recordingActions();
    expect(answerInvoke({ notify: ['<b>Saved</b>', 'success', 3000] }, SIDEBAR, actions)).toEqual({
      notify: null,
      errors: {},
    });
    answerInvoke({ notify: ['Sticky', 'error', { sticky: true }] }, SIDEBAR, actions);
    answerInvoke({ notify: ['Plain'] }, SIDEBAR, actions);
    expect(calls).toEqual([
      ['notify', '<b>Saved</b>', 'success', 3000],
      ['notify', 'Sticky', 'error', Infinity],
      ['notify', 'Plain', 'notice', null],
    ]);
    expect(answerInvoke({ popover: ['show'], 'appsTray.show': [] }, SIDEBAR, actions)).toEqual({
      popover: null,
      'appsTray.show': null,
      errors: {},
    });
    expect(answerInvoke({ 'ticket.comment.appendText': ['hi'] }, SIDEBAR, actions)).toEqual({
      errors: {
        'ticket.comment.appendText': {
          name: 'InvalidActionError',
          message: '"ticket.comment.appendText" is not an action the local Zendesk knows',
        },
      },
    });
  });

  it('acts on the named instance but answers the caller', async () => {
    const { actions, calls } = recordingActions();
    const handled = await handleClientMessage(
      {
        kind: 'call',
        id: 4,
        request: 'invoke',
        params: { resize: [{ height: '90px' }] },
        instanceGuid: OTHER_SIDEBAR.guid,
      },
      SIDEBAR,
      state(),
      actions,
      noFetch,
      HOST,
    );
    expect(calls).toEqual([['resize', OTHER_SIDEBAR.guid, { height: '90px', width: null }]]);
    expect(handled.outgoing).toEqual([{ to: SIDEBAR.guid, message: { id: 4, result: { resize: null, errors: {} } } }]);
  });

  it('reads CSS lengths strictly', () => {
    expect(cssLength('240px')).toBe('240px');
    expect(cssLength('100%')).toBe('100%');
    expect(cssLength('12.5rem')).toBe('12.5rem');
    expect(cssLength('300')).toBe('300px');
    expect(cssLength(299.6)).toBe('300px');
    for (const bad of ['auto', '-5px', '10px;color:red', '', null, -1, Number.NaN]) expect(cssLength(bad)).toBeNull();
  });
});

describe('events', () => {
  it('are zaf.<name> with the data as message', () => {
    expect(eventMessage('colorScheme.changed', 'dark')).toEqual({ key: 'zaf.colorScheme.changed', message: 'dark' });
    expect(eventMessage('app.willDestroy')).toEqual({ key: 'zaf.app.willDestroy' });
  });

  it('relays client.trigger to the instance it names, or back to the sender', async () => {
    const { actions } = recordingActions();
    const toOther = await handleClientMessage(
      { kind: 'trigger', event: 'refresh', data: { n: 1 }, instanceGuid: REPORT.guid },
      SIDEBAR,
      state(),
      actions,
      noFetch,
      HOST,
    );
    expect(toOther.outgoing).toEqual([{ to: REPORT.guid, message: { key: 'zaf.refresh', message: { n: 1 } } }]);
    const toSelf = await handleClientMessage(
      { kind: 'trigger', event: 'ping', data: undefined, instanceGuid: 'unknown' },
      SIDEBAR,
      state(),
      actions,
      noFetch,
      HOST,
    );
    expect(toSelf.outgoing).toEqual([{ to: SIDEBAR.guid, message: { key: 'zaf.ping' } }]);
  });

  it('lists the ticket.<field>.changed events between two loads', () => {
    const before = ticket(42);
    const after = ticket(42, { status: 'solved', tags: ['vip', 'escalated'], updatedAt: '2026-11-03T10:00:00Z' });
    expect(ticketChangeEvents(before, after)).toEqual([
      { key: 'zaf.ticket.status.changed', message: 'solved' },
      { key: 'zaf.ticket.tags.changed', message: ['vip', 'escalated'] },
    ]);
    expect(ticketChangeEvents(before, ticket(42))).toEqual([]);
  });
});

describe('request', () => {
  interface Recorded {
    url: string;
    init: Parameters<FetchLike>[1];
  }
  const fakeFetch = (
    status: number,
    body: string,
    headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' },
  ) => {
    const calls: Recorded[] = [];
    const fetchFn: FetchLike = async (url, init) => {
      calls.push({ url, init });
      return {
        status,
        statusText: status === 200 ? 'OK' : status === 404 ? 'Not Found' : 'Error',
        headers: new Headers(headers),
        text: async () => body,
      };
    };
    return { fetchFn, calls };
  };

  it('proxies a GET to the API as the signed-in user, marked as an app’s request, and resolves with the body', async () => {
    const { fetchFn, calls } = fakeFetch(200, JSON.stringify({ ticket: { id: 42 } }));
    const reply = await performRequest(
      'request:1',
      { url: '/api/v2/tickets/42.json', type: 'GET', dataType: 'json' },
      fetchFn,
      HOST,
    );
    expect(reply).toEqual({ key: 'zaf.request:1.done', message: { responseArgs: [{ ticket: { id: 42 } }] } });
    expect(calls).toEqual([
      {
        url: '/api/v2/tickets/42.json',
        init: {
          method: 'GET',
          headers: { accept: 'application/json', 'x-zendesk-app': '1' },
          credentials: 'same-origin',
        },
      },
    ]);
  });

  it('puts GET data in the query the way jQuery does, and takes a bare URL string', async () => {
    const { fetchFn, calls } = fakeFetch(200, '{}');
    await performRequest(
      'request:2',
      { url: '/api/v2/users.json?x=1', data: { role: ['agent', 'admin'], page: { size: 100 }, q: 'a b' } },
      fetchFn,
      HOST,
    );
    const sent = new URL(calls[0]!.url, HOST);
    expect(sent.pathname).toBe('/api/v2/users.json');
    expect([...sent.searchParams]).toEqual([
      ['x', '1'],
      ['role[]', 'agent'],
      ['role[]', 'admin'],
      ['page[size]', '100'],
      ['q', 'a b'],
    ]);
    await performRequest('request:3', '/api/v2/users/me.json', fetchFn, HOST);
    expect(calls[1]!.url).toBe('/api/v2/users/me.json');
    await performRequest('request:4', { url: '/api/v2/search.json', data: 'query=status%3Aopen' }, fetchFn, HOST);
    expect(calls[2]!.url).toBe('/api/v2/search.json?query=status%3Aopen');
    expect(encodeParams({ a: null, b: [1, 2], c: { d: 'e' } })).toEqual([
      ['a', ''],
      ['b[]', '1'],
      ['b[]', '2'],
      ['c[d]', 'e'],
    ]);
  });

  it('gives the complete response when asked, with lower-case header names', async () => {
    const { fetchFn } = fakeFetch(200, '{"user":{"id":1}}', {
      'Content-Type': 'application/json',
      'X-Rate-Limit': '700',
    });
    const reply = await performRequest(
      'request:5',
      { url: '/api/v2/users/me.json', httpCompleteResponse: true },
      fetchFn,
      HOST,
    );
    expect(reply).toEqual({
      key: 'zaf.request:5.done',
      message: {
        responseArgs: [
          {
            status: 200,
            statusText: 'OK',
            responseText: '{"user":{"id":1}}',
            responseJSON: { user: { id: 1 } },
            headers: { 'content-type': 'application/json', 'x-rate-limit': '700' },
          },
        ],
      },
    });
  });

  it('fails a non-2xx with status, text, parsed JSON and headers', async () => {
    const { fetchFn } = fakeFetch(404, '{"error":"RecordNotFound","description":"Not found"}', {
      'content-type': 'application/json',
      'retry-after': '3',
    });
    expect(await performRequest('request:6', '/api/v2/tickets/999.json', fetchFn, HOST)).toEqual({
      key: 'zaf.request:6.fail',
      message: {
        responseArgs: [
          {
            status: 404,
            statusText: 'Not Found',
            responseText: '{"error":"RecordNotFound","description":"Not found"}',
            responseJSON: { error: 'RecordNotFound', description: 'Not found' },
            headers: { 'content-type': 'application/json', 'retry-after': '3' },
          },
        ],
      },
    });
  });

  it('fails with status 0 when the network fails or the request times out', async () => {
    const down: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await performRequest('request:7', '/api/v2/users/me.json', down, HOST)).toEqual({
      key: 'zaf.request:7.fail',
      message: { responseArgs: [{ status: 0, statusText: 'error', responseText: '', headers: {} }] },
    });
    const slow: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener('abort', () =>
          reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })),
        ),
      );
    const reply = await performRequest('request:8', { url: '/api/v2/users/me.json', timeout: 20 }, slow, HOST);
    expect(reply).toEqual({
      key: 'zaf.request:8.fail',
      message: { responseArgs: [expect.objectContaining({ status: 0, statusText: 'timeout' })] },
    });
  });

  it('refuses anything but the local API’s own paths, without fetching', async () => {
    const fetchFn = vi.fn<FetchLike>();
    for (const url of [
      'https://example.com/api/v2/users.json',
      `${HOST}/api/v2/users.json`,
      '//evil.example/api/v2/x',
      '/__emulator/clock',
      '/api/v2/../__emulator/faults',
      '/api/v2/%2e%2e/__emulator/faults',
      'api/v2/users.json',
    ]) {
      const reply = await performRequest('request:9', { url }, fetchFn, HOST);
      expect(reply['key']).toBe('zaf.request:9.fail');
      expect((reply['message'] as { responseArgs: [{ status: number }] }).responseArgs[0].status).toBe(0);
    }
    expect(await performRequest('request:10', { type: 'GET' }, fetchFn, HOST)).toEqual(
      expect.objectContaining({ key: 'zaf.request:10.fail' }),
    );
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('sends other methods with their body, for the API to answer (the emulator’s 405)', async () => {
    const { fetchFn, calls } = fakeFetch(405, '{"error":"MethodNotAllowed"}');
    const reply = await performRequest(
      'request:11',
      {
        url: '/api/v2/tickets/1.json',
        type: 'PUT',
        contentType: 'application/json',
        data: { ticket: { status: 'solved' } },
      },
      fetchFn,
      HOST,
    );
    expect(calls[0]!.init).toEqual(expect.objectContaining({ method: 'PUT', body: '{"ticket":{"status":"solved"}}' }));
    expect(calls[0]!.init.headers['content-type']).toBe('application/json');
    expect(reply['key']).toBe('zaf.request:11.fail');
  });

  it('fails a 2xx whose body is not the JSON it promised, and passes text through when asked for text', async () => {
    const { fetchFn } = fakeFetch(200, '<html>oops</html>', { 'content-type': 'text/html' });
    const parse = await performRequest('request:12', { url: '/api/v2/users/me.json', dataType: 'json' }, fetchFn, HOST);
    expect(parse).toEqual({
      key: 'zaf.request:12.fail',
      message: { responseArgs: [expect.objectContaining({ status: 200, statusText: 'parsererror' })] },
    });
    expect(
      await performRequest('request:13', { url: '/api/v2/users/me.json', dataType: 'text' }, fetchFn, HOST),
    ).toEqual({
      key: 'zaf.request:13.done',
      message: { responseArgs: ['<html>oops</html>'] },
    });
  });

  it('is what handleClientMessage answers a request: message with', async () => {
    const { fetchFn } = fakeFetch(200, '{"ok":true}');
    const handled = await handleClientMessage(
      { kind: 'request', key: 'request:14', options: { url: '/api/v2/users/me.json' } },
      SIDEBAR,
      state(),
      recordingActions().actions,
      fetchFn,
      HOST,
    );
    expect(handled.outgoing).toEqual([
      { to: SIDEBAR.guid, message: { key: 'zaf.request:14.done', message: { responseArgs: [{ ok: true }] } } },
    ]);
    const ignored = await handleClientMessage(
      { kind: 'subscribe', event: 'request:14.done', subscriberCount: 1 },
      SIDEBAR,
      state(),
      recordingActions().actions,
      fetchFn,
      HOST,
    );
    expect(ignored.outgoing).toEqual([]);
  });
});

describe('ZAF objects from the API', () => {
  it('builds the ticket object with people and group names the host has loaded', () => {
    const people = new Map([[50001, { id: 50001, name: 'Ana Silva', email: 'customer1@example.com' }]]);
    const groups = new Map([[360001, 'Tier 1 – Email']]);
    const api = {
      id: 42,
      subject: 'Help',
      status: 'pending',
      priority: null,
      type: null,
      requester_id: 50001,
      assignee_id: 10009,
      group_id: 360001,
      tags: ['a'],
      brand_id: 2,
      via: { channel: 'web' },
      created_at: '2026-11-01T10:00:00Z',
      updated_at: '2026-11-02T10:00:00Z',
    };
    expect(zafTicketFromApi(api, people, groups)).toEqual({
      id: 42,
      subject: 'Help',
      status: 'pending',
      priority: null,
      type: null,
      requester: { id: 50001, name: 'Ana Silva', email: 'customer1@example.com' },
      assignee: { user: { id: 10009, name: 'User 10009', email: '' }, group: { id: 360001, name: 'Tier 1 – Email' } },
      tags: ['a'],
      brand: { id: 2 },
      via: { channel: 'web' },
      createdAt: '2026-11-01T10:00:00Z',
      updatedAt: '2026-11-02T10:00:00Z',
    });
    expect(zafTicketFromApi({ ...api, assignee_id: null, group_id: null }, people, groups).assignee).toEqual({
      user: null,
      group: null,
    });
  });

  it('reports admin, agent or the custom role id, and the time zone’s offset at the moment', () => {
    const user = { id: 1, name: 'A', email: 'a@x', role: 'admin', iana_time_zone: 'Asia/Tehran' };
    expect(zafUserFromApi(user, { locale: 'en-US', groups: [], customRoleId: null }).role).toBe('admin');
    expect(zafUserFromApi({ ...user, role: 'agent' }, { locale: 'en-US', groups: [], customRoleId: null }).role).toBe(
      'agent',
    );
    expect(zafUserFromApi({ ...user, role: 'agent' }, { locale: 'en-US', groups: [], customRoleId: 9001 }).role).toBe(
      9001,
    );
    expect(
      zafUserFromApi(user, { locale: 'en-US', groups: [], customRoleId: null, at: new Date('2026-01-01T00:00:00Z') })
        .timeZone,
    ).toEqual({
      ianaName: 'Asia/Tehran',
      name: 'Asia/Tehran',
      offset: 210,
      formattedOffset: 'GMT+03:30',
    });
    expect(timeZoneOffsetMinutes('America/New_York', new Date('2026-07-01T12:00:00Z'))).toBe(-240);
    expect(timeZoneOffsetMinutes('UTC', new Date('2026-07-01T12:34:56Z'))).toBe(0);
  });
});
