/**
 * Zendesk's side of the ZAF protocol, as the real SDK (zendesk_app_framework_sdk 2.0.11,
 * lib/client.js) speaks it, with no DOM: the host page feeds it what an app iframe posted and posts
 * back what it returns. Kept pure so every reply shape is unit-tested without a browser.
 *
 * What the SDK sends (JSON strings, via window.parent.postMessage):
 * - `{key: 'iframe.handshake', message: {version}, appGuid, instanceGuid}` once, at init;
 * - `{id, request: 'get'|'set'|'invoke', params, appGuid, instanceGuid}`, answered `{id, result}`;
 * - `{key: 'request:N', message: options}` for client.request, answered with the event
 *   `zaf.request:N.done` or `zaf.request:N.fail`;
 * - `{key: 'iframe.on:NAME' | 'iframe.off:NAME', message: {subscriberCount}}` as handlers come and go;
 * - `{key: 'iframe.trigger:NAME', message, instanceGuid}` for client.trigger / instance(g).trigger.
 * Events to the app are `{key: 'zaf.NAME', message: data}`; the SDK drops any message whose
 * `instanceGuid` names an instance it does not know, so events carry none.
 */

export type ZafLocation = 'ticket_sidebar' | 'nav_bar';
export type ColorScheme = 'light' | 'dark';

/** One app iframe: its guid is both the SDK's app_guid and its instanceGuid. */
export interface ZafInstance {
  guid: string;
  location: ZafLocation;
  /** The ticket a ticket_sidebar instance sits beside. */
  ticketId: number | null;
}

export interface ZafUser {
  id: number;
  name: string;
  email: string;
  /** 'admin', 'agent', or the id of a custom role (Enterprise), as ZAF reports it. */
  role: 'admin' | 'agent' | number;
  locale: string;
  timeZone: { ianaName: string; name: string; offset: number; formattedOffset: string };
  groups: { id: number; name: string }[];
  avatarUrl: string | null;
}

export interface ZafPerson {
  id: number;
  name: string;
  email: string;
}

export interface ZafTicket {
  id: number;
  subject: string;
  status: string;
  priority: string | null;
  type: string | null;
  requester: ZafPerson | null;
  assignee: { user: ZafPerson | null; group: { id: number; name: string } | null };
  tags: string[];
  brand: { id: number } | null;
  via: { channel: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppMetadata {
  appId: number;
  installationId: number;
  name: string;
  version: string;
  settings: Record<string, unknown>;
  plan: { name: string };
}

export interface AppContext {
  instanceGuid: string;
  product: 'support';
  account: { subdomain: string };
  location: ZafLocation;
  ticketId?: number;
}

/** What the host knows at the moment a message arrives. */
export interface ZafHostState {
  metadata: AppMetadata;
  subdomain: string;
  currentUser: ZafUser;
  colorScheme: ColorScheme;
  viewport: { width: number; height: number };
  instances: readonly ZafInstance[];
  /** The ticket as the host's ticket view last loaded it. */
  ticket(id: number): ZafTicket | null;
}

/** What apps can make the host do. A returned string is an error message for the app. */
export interface ZafHostActions {
  resize(instance: ZafInstance, size: { height: string | null; width: string | null }): void;
  routeTo(target: string, id: string | null): string | null;
  notify(message: string, kind: string, durationMs: number | null): void;
}

export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    credentials: 'same-origin';
    signal?: AbortSignal;
  },
) => Promise<{
  status: number;
  statusText: string;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}>;

export type ClientMessage =
  | { kind: 'handshake'; version: string; appGuid: string; instanceGuid: string }
  | { kind: 'call'; id: number; request: 'get' | 'set' | 'invoke'; params: unknown; instanceGuid: string | null }
  | { kind: 'request'; key: string; options: unknown }
  | { kind: 'subscribe' | 'unsubscribe'; event: string; subscriberCount: number }
  | { kind: 'trigger'; event: string; data: unknown; instanceGuid: string | null }
  | { kind: 'other'; key: string };

/** A message for one instance's iframe; the host stringifies it and posts it to the app's origin. */
export interface Outgoing {
  to: string;
  message: Record<string, unknown>;
}

export interface ZafError {
  name: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reads what an app posted; null for anything that is not the SDK speaking. */
export function parseClientMessage(data: unknown): ClientMessage | null {
  let parsed: unknown = data;
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!isObject(parsed)) return null;
  if (typeof parsed['request'] === 'string' && typeof parsed['id'] === 'number') {
    const request = parsed['request'];
    if (request !== 'get' && request !== 'set' && request !== 'invoke') return null;
    return {
      kind: 'call',
      id: parsed['id'],
      request,
      params: parsed['params'],
      instanceGuid: text(parsed['instanceGuid']),
    };
  }
  const key = text(parsed['key']);
  if (key === null) return null;
  if (key === 'iframe.handshake') {
    const message = isObject(parsed['message']) ? parsed['message'] : {};
    const appGuid = text(parsed['appGuid']);
    if (appGuid === null) return null;
    return {
      kind: 'handshake',
      version: text(message['version']) ?? 'unknown',
      appGuid,
      instanceGuid: text(parsed['instanceGuid']) ?? appGuid,
    };
  }
  if (/^request:\d+$/.test(key)) return { kind: 'request', key, options: parsed['message'] };
  const subscription = /^iframe\.(on|off):(.+)$/.exec(key);
  if (subscription) {
    const message = isObject(parsed['message']) ? parsed['message'] : {};
    const count = typeof message['subscriberCount'] === 'number' ? message['subscriberCount'] : 0;
    return {
      kind: subscription[1] === 'on' ? 'subscribe' : 'unsubscribe',
      event: subscription[2]!,
      subscriberCount: count,
    };
  }
  const trigger = /^iframe\.trigger:(.+)$/.exec(key);
  if (trigger)
    return { kind: 'trigger', event: trigger[1]!, data: parsed['message'], instanceGuid: text(parsed['instanceGuid']) };
  return { kind: 'other', key };
}

export function eventMessage(name: string, data?: unknown): Json {
  return data === undefined ? { key: `zaf.${name}` } : { key: `zaf.${name}`, message: data };
}

export function contextFor(instance: ZafInstance, subdomain: string): AppContext {
  return {
    instanceGuid: instance.guid,
    product: 'support',
    account: { subdomain },
    location: instance.location,
    ...(instance.location === 'ticket_sidebar' && instance.ticketId !== null ? { ticketId: instance.ticketId } : {}),
  };
}

export function registeredMessage(instance: ZafInstance, state: ZafHostState): Json {
  return eventMessage('app.registered', { metadata: state.metadata, context: contextFor(instance, state.subdomain) });
}

const unknownPath = (path: string): ZafError => ({
  name: 'InvalidPathError',
  message: `Could not find handler for: "${path}"`,
});

/** The object a path starts from, for this instance; undefined when the location has none. */
function root(name: string, instance: ZafInstance, state: ZafHostState): unknown {
  switch (name) {
    case 'currentUser':
      return state.currentUser;
    case 'currentAccount':
      return { subdomain: state.subdomain };
    case 'colorScheme':
      return state.colorScheme;
    case 'viewport':
      return { size: { ...state.viewport } };
    case 'instances':
      return Object.fromEntries(state.instances.map((other) => [other.guid, contextFor(other, state.subdomain)]));
    case 'ticket':
      // Only the ticket sidebar has a ticket, as in Zendesk.
      return instance.location === 'ticket_sidebar' && instance.ticketId !== null
        ? (state.ticket(instance.ticketId) ?? undefined)
        : undefined;
    default:
      return undefined;
  }
}

/** `client.get(paths)`: each path's value keyed by the path, and `errors` for the ones that failed. */
export function answerGet(paths: unknown, instance: ZafInstance, state: ZafHostState): Json {
  const result: Json = {};
  const errors: Record<string, ZafError> = {};
  const list = Array.isArray(paths) ? paths : [paths];
  for (const path of list) {
    if (typeof path !== 'string' || path.length === 0) {
      errors[String(path)] = { name: 'InvalidPathError', message: 'a path must be a non-empty string' };
      continue;
    }
    const [first, ...rest] = path.split('.');
    let value = root(first!, instance, state);
    for (const segment of rest) {
      value = isObject(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
    }
    if (value === undefined) errors[path] = unknownPath(path);
    else result[path] = structuredClone(value);
  }
  return { ...result, errors };
}

/** `client.set`: the emulator's tickets are read-only (its API answers reads only). */
export function answerSet(params: unknown): Json {
  const errors: Record<string, ZafError> = {};
  for (const path of Object.keys(isObject(params) ? params : {})) {
    errors[path] = {
      name: 'NotSupportedError',
      message: `"${path}" cannot be set: the local Zendesk's tickets are read-only`,
    };
  }
  return { errors };
}

/** A CSS length from what an app passed to resize: numbers are pixels. */
export function cssLength(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return `${Math.round(value)}px`;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return `${Math.round(Number(trimmed))}px`;
  return /^\d+(?:\.\d+)?(?:px|%|em|rem|vh|vw)$/.test(trimmed) ? trimmed : null;
}

/** Actions that do something elsewhere in Zendesk; the workspace has no such surface, so they succeed doing nothing. */
const NO_OP_ACTIONS = new Set([
  'popover',
  'appsTray.show',
  'appsTray.hide',
  'show',
  'hide',
  'preloadPane',
  'enable',
  'disable',
]);

/** `client.invoke`: params is `{action: args[]}`; each action's outcome is keyed by its name. */
export function answerInvoke(params: unknown, instance: ZafInstance, actions: ZafHostActions): Json {
  const result: Json = {};
  const errors: Record<string, ZafError> = {};
  for (const [action, rawArgs] of Object.entries(isObject(params) ? params : {})) {
    const args: unknown[] = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
    const fail = (message: string) => {
      errors[action] = { name: 'InvocationError', message };
    };
    switch (action) {
      case 'resize': {
        const size = isObject(args[0]) ? args[0] : {};
        const height = size['height'] === undefined ? null : cssLength(size['height']);
        const width = size['width'] === undefined ? null : cssLength(size['width']);
        if (
          (size['height'] !== undefined && height === null) ||
          (size['width'] !== undefined && width === null) ||
          (height === null && width === null)
        ) {
          fail('resize takes {height, width}: numbers of pixels or CSS lengths such as "240px" or "100%"');
          break;
        }
        actions.resize(instance, { height, width });
        result[action] = null;
        break;
      }
      case 'routeTo': {
        const target = text(args[0]);
        if (target === null) {
          fail('routeTo takes a target such as "ticket" or "nav_bar"');
          break;
        }
        const id = args[1] === undefined || args[1] === null ? null : String(args[1]);
        const error = actions.routeTo(target, id);
        if (error === null) result[action] = null;
        else fail(error);
        break;
      }
      case 'notify': {
        const message = args[0];
        if (message === undefined || message === null) {
          fail('notify takes a message');
          break;
        }
        const kind = text(args[1]) ?? 'notice';
        const option = args[2];
        // ZAF's third argument is a duration in ms, or {sticky: true}.
        const durationMs =
          typeof option === 'number' ? option : isObject(option) && option['sticky'] === true ? Infinity : null;
        actions.notify(String(message), kind, durationMs);
        result[action] = null;
        break;
      }
      default:
        if (NO_OP_ACTIONS.has(action)) result[action] = null;
        else
          errors[action] = {
            name: 'InvalidActionError',
            message: `"${action}" is not an action the local Zendesk knows`,
          };
    }
  }
  return { ...result, errors };
}

export interface RequestOptions {
  url: string;
  type: string;
  data: unknown;
  dataType: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  httpCompleteResponse: boolean;
  timeoutMs: number | null;
}

/** client.request takes a URL or jQuery-style options (`type`, `data`, `dataType`, …). */
export function readRequestOptions(raw: unknown): RequestOptions | null {
  const options: Json = typeof raw === 'string' ? { url: raw } : isObject(raw) ? raw : {};
  const url = text(options['url']);
  if (url === null) return null;
  const headers: Record<string, string> = {};
  if (isObject(options['headers']))
    for (const [name, value] of Object.entries(options['headers'])) headers[name.toLowerCase()] = String(value);
  return {
    url,
    type: (text(options['type']) ?? text(options['method']) ?? 'GET').toUpperCase(),
    data: options['data'],
    dataType: text(options['dataType']),
    contentType: text(options['contentType']),
    headers,
    httpCompleteResponse: options['httpCompleteResponse'] === true,
    timeoutMs: typeof options['timeout'] === 'number' && options['timeout'] > 0 ? options['timeout'] : null,
  };
}

/** jQuery.param's encoding, which ZAF's requests use for `data`: arrays as `a[]=`, objects as `a[b]=`. */
export function encodeParams(data: unknown, prefix = ''): [string, string][] {
  if (data === undefined || data === null) return prefix ? [[prefix, '']] : [];
  if (Array.isArray(data)) return data.flatMap((item) => encodeParams(item, `${prefix}[]`));
  if (isObject(data)) {
    return Object.entries(data).flatMap(([key, value]) => encodeParams(value, prefix ? `${prefix}[${key}]` : key));
  }
  return prefix ? [[prefix, String(data)]] : [];
}

interface ResponseArgs {
  status: number;
  statusText: string;
  responseText: string;
  responseJSON?: unknown;
  headers: Record<string, string>;
}

const requestEvent = (key: string, outcome: 'done' | 'fail', value: unknown): Json =>
  eventMessage(`${key}.${outcome}`, { responseArgs: [value] });

function failure(
  status: number,
  statusText: string,
  responseText = '',
  headers: Record<string, string> = {},
  responseJSON?: unknown,
): ResponseArgs {
  return { status, statusText, responseText, ...(responseJSON === undefined ? {} : { responseJSON }), headers };
}

/**
 * client.request, performed by the host: only the local Zendesk's own API (`/api/v2/…`, relative),
 * as the signed-in user (the session cookie) and marked as an app's request (`x-zendesk-app: 1`,
 * which puts it under Zendesk's per-user app rate limit). Resolves to the `zaf.request:N.done` or
 * `.fail` event for the instance that asked.
 */
export async function performRequest(
  key: string,
  rawOptions: unknown,
  fetchFn: FetchLike,
  hostOrigin: string,
): Promise<Json> {
  const options = readRequestOptions(rawOptions);
  if (options === null) return requestEvent(key, 'fail', failure(0, 'error', 'client.request needs a url'));
  const url = new URL(options.url, hostOrigin);
  // The path is checked after URL resolution, so `/api/v2/../__emulator/…` does not slip through.
  if (!options.url.startsWith('/api/v2/') || url.origin !== hostOrigin || !url.pathname.startsWith('/api/v2/')) {
    return requestEvent(
      key,
      'fail',
      failure(
        0,
        'error',
        `The local Zendesk proxies only its own API: a relative URL starting with /api/v2/ (got ${options.url})`,
      ),
    );
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers, 'x-zendesk-app': '1' };
  let body: string | undefined;
  if (options.type === 'GET' || options.type === 'HEAD') {
    if (typeof options.data === 'string' && options.data.length > 0) {
      for (const [name, value] of new URLSearchParams(options.data)) url.searchParams.append(name, value);
    } else {
      for (const [name, value] of encodeParams(options.data)) url.searchParams.append(name, value);
    }
  } else if (options.data !== undefined && options.data !== null) {
    const contentType = options.contentType ?? 'application/x-www-form-urlencoded; charset=UTF-8';
    headers['content-type'] = contentType;
    body =
      typeof options.data === 'string'
        ? options.data
        : contentType.includes('json')
          ? JSON.stringify(options.data)
          : new URLSearchParams(encodeParams(options.data)).toString();
  }

  let response: Awaited<ReturnType<FetchLike>>;
  let responseText: string;
  try {
    response = await fetchFn(`${url.pathname}${url.search}`, {
      method: options.type,
      headers,
      ...(body === undefined ? {} : { body }),
      credentials: 'same-origin',
      ...(options.timeoutMs === null ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
    });
    responseText = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return requestEvent(key, 'fail', failure(0, timedOut ? 'timeout' : 'error'));
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name.toLowerCase()] = value;
  });
  const isJson =
    options.dataType === 'json' ||
    (options.dataType === null && (responseHeaders['content-type'] ?? '').includes('json'));
  let responseJSON: unknown;
  let parsed = true;
  if (isJson && responseText.length > 0) {
    try {
      responseJSON = JSON.parse(responseText);
    } catch {
      parsed = false;
    }
  }
  const ok = response.status >= 200 && response.status < 300;
  if (!ok)
    return requestEvent(
      key,
      'fail',
      failure(response.status, response.statusText, responseText, responseHeaders, responseJSON),
    );
  // jQuery fails a 2xx whose body does not parse as the JSON it was told to expect.
  if (!parsed) return requestEvent(key, 'fail', failure(response.status, 'parsererror', responseText, responseHeaders));
  const data = isJson ? (responseJSON ?? null) : responseText;
  const value = options.httpCompleteResponse
    ? {
        status: response.status,
        statusText: response.statusText,
        responseText,
        ...(responseJSON === undefined ? {} : { responseJSON }),
        headers: responseHeaders,
      }
    : data;
  return requestEvent(key, 'done', value);
}

/** What an instance of the app is: the host keeps one per iframe. */
export interface HandledMessage {
  /** Replies and relayed events, each for one instance. */
  outgoing: Outgoing[];
  /** Set by a handshake: the instance is registered from now on. */
  registered?: true;
}

/**
 * One message from `sender`'s iframe. Calls made through `client.instance(guid)` carry that
 * instance's guid and act on it, but the answer goes back to the iframe that asked, where the
 * promise waits.
 */
export async function handleClientMessage(
  message: ClientMessage,
  sender: ZafInstance,
  state: ZafHostState,
  actions: ZafHostActions,
  fetchFn: FetchLike,
  hostOrigin: string,
): Promise<HandledMessage> {
  const target = (guid: string | null) =>
    guid === null ? sender : (state.instances.find((instance) => instance.guid === guid) ?? sender);
  switch (message.kind) {
    case 'handshake':
      return { outgoing: [{ to: sender.guid, message: registeredMessage(sender, state) }], registered: true };
    case 'call': {
      const on = target(message.instanceGuid);
      const result =
        message.request === 'get'
          ? answerGet(message.params, on, state)
          : message.request === 'set'
            ? answerSet(message.params)
            : answerInvoke(message.params, on, actions);
      return { outgoing: [{ to: sender.guid, message: { id: message.id, result } }] };
    }
    case 'request':
      return {
        outgoing: [
          { to: sender.guid, message: await performRequest(message.key, message.options, fetchFn, hostOrigin) },
        ],
      };
    case 'trigger':
      return {
        outgoing: [{ to: target(message.instanceGuid).guid, message: eventMessage(message.event, message.data) }],
      };
    case 'subscribe':
    case 'unsubscribe':
    case 'other':
      return { outgoing: [] };
  }
}

/** ZAF's `ticket.<field>.changed` events between two loads of a ticket. */
export function ticketChangeEvents(before: ZafTicket, after: ZafTicket): Json[] {
  const events: Json[] = [];
  const fields: [string, unknown, unknown][] = [
    ['ticket.status.changed', before.status, after.status],
    ['ticket.priority.changed', before.priority, after.priority],
    ['ticket.type.changed', before.type, after.type],
    ['ticket.subject.changed', before.subject, after.subject],
    ['ticket.assignee.changed', before.assignee, after.assignee],
    ['ticket.tags.changed', before.tags, after.tags],
  ];
  for (const [name, old, now] of fields)
    if (JSON.stringify(old) !== JSON.stringify(now)) events.push(eventMessage(name, now));
  return events;
}

/** The ZAF user object the host gives apps, from the user JSON of the API. */
export function zafUserFromApi(
  user: Json,
  options: { locale: string; groups: { id: number; name: string }[]; customRoleId: number | null; at?: Date },
): ZafUser {
  const ianaName = text(user['iana_time_zone']) ?? 'UTC';
  const offset = timeZoneOffsetMinutes(ianaName, options.at ?? new Date());
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return {
    id: Number(user['id']),
    name: String(user['name'] ?? ''),
    email: String(user['email'] ?? ''),
    role: options.customRoleId ?? (user['role'] === 'admin' ? 'admin' : 'agent'),
    locale: options.locale,
    timeZone: {
      ianaName,
      name: text(user['time_zone']) ?? ianaName,
      offset,
      formattedOffset: `GMT${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
    },
    groups: options.groups,
    avatarUrl: null,
  };
}

/** Minutes east of UTC of a time zone at an instant (negative for the Americas). */
export function timeZoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The ZAF ticket object from the API's ticket JSON and what the host has loaded about people and groups. */
export function zafTicketFromApi(
  ticket: Json,
  people: ReadonlyMap<number, ZafPerson>,
  groups: ReadonlyMap<number, string>,
): ZafTicket {
  const person = (id: unknown): ZafPerson | null =>
    typeof id === 'number' ? (people.get(id) ?? { id, name: `User ${id}`, email: '' }) : null;
  const groupId = ticket['group_id'];
  const via = isObject(ticket['via']) ? text(ticket['via']['channel']) : null;
  return {
    id: Number(ticket['id']),
    subject: String(ticket['subject'] ?? ''),
    status: String(ticket['status'] ?? ''),
    priority: text(ticket['priority']),
    type: text(ticket['type']),
    requester: person(ticket['requester_id']),
    assignee: {
      user: person(ticket['assignee_id']),
      group: typeof groupId === 'number' ? { id: groupId, name: groups.get(groupId) ?? `Group ${groupId}` } : null,
    },
    tags: Array.isArray(ticket['tags']) ? ticket['tags'].map(String) : [],
    brand: typeof ticket['brand_id'] === 'number' ? { id: ticket['brand_id'] } : null,
    via: via === null ? null : { channel: via },
    createdAt: String(ticket['created_at'] ?? ''),
    updatedAt: String(ticket['updated_at'] ?? ''),
  };
}
