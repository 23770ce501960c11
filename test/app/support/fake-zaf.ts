import type { ZafSdkClient } from 'zendesk_app_framework_sdk';
import { openZafSession, type ZafSession } from '../../../src/app/zaf/zaf-session';
import { exportPage, GROUPS, lastChange, rawMetricSet, rawTicket, SPECS, USERS, type TicketSpec } from './fixture';

/**
 * Stands in for ZAF's client (src/app/zaf/zendesk-app-framework-sdk.d.ts). `request` answers like
 * ZAF with `httpCompleteResponse: true`: it resolves with `{status, responseJSON, headers}` on a
 * 2xx and rejects with the same shape otherwise. Every request and every invoke is recorded, and
 * events can be emitted as Zendesk would.
 */

type Json = Record<string, unknown>;

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A test's own answer for a URL, or undefined to fall through to the account's. */
export type Interceptor = (url: string) => FakeAnswer | Promise<FakeAnswer | undefined> | undefined;

export interface SlaFacts {
  policy_metrics?: Json[];
  metric_events?: Record<string, Json[]>;
}

export interface FakeIdentity {
  id: number;
  name?: string;
  role: string | number;
  locale?: string;
  timeZone?: string | null;
  /** Ids of the groups the user belongs to, as ZAF's currentUser.groups lists them. */
  groups?: number[];
}

export interface FakeContext {
  location: 'nav_bar' | 'ticket_sidebar';
  subdomain?: string;
  ticketId?: number | null;
}

export class Deferred {
  resolve!: () => void;
  readonly promise = new Promise<void>((resolve) => {
    this.resolve = resolve;
  });
}

export class FakeZafClient implements ZafSdkClient {
  /** Every URL asked for, in order. */
  readonly requests: string[] = [];
  /** Every request's options, as the app passed them. */
  readonly requestOptions: unknown[] = [];
  readonly invocations: { name: string; args: unknown[] }[] = [];
  readonly handlers = new Map<string, Set<(data: unknown) => void>>();
  private readonly interceptors: Interceptor[] = [];
  /** The tickets the account holds; a test may change one (a ticket that was updated). */
  specs: TicketSpec[] = [...SPECS];
  /** SLA policy metrics and metric events of each ticket, for the show-ticket sideloads. */
  readonly slas = new Map<number, SlaFacts>();

  constructor(
    readonly identity: FakeIdentity,
    readonly where: FakeContext,
    readonly settings: Record<string, unknown> = {},
    readonly appId: number | string = 4242,
  ) {}

  /** Answers matching URLs first, until the returned function is called. */
  intercept(interceptor: Interceptor): () => void {
    this.interceptors.unshift(interceptor);
    return () => {
      const index = this.interceptors.indexOf(interceptor);
      if (index >= 0) this.interceptors.splice(index, 1);
    };
  }

  requestsTo(pathPrefix: string): string[] {
    return this.requests.filter((url) => url.startsWith(pathPrefix));
  }

  emit(event: string, data?: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(data);
  }

  async request(options: unknown): Promise<unknown> {
    const url = (options as { url: string }).url;
    this.requests.push(url);
    this.requestOptions.push(options);
    let answer: FakeAnswer | undefined;
    for (const interceptor of this.interceptors) {
      answer = await interceptor(url);
      if (answer) break;
    }
    answer ??= this.answer(url);
    const complete = {
      status: answer.status,
      statusText: String(answer.status),
      responseJSON: answer.body,
      headers: answer.headers ?? {},
    };
    if (answer.status < 200 || answer.status > 299) throw complete;
    return complete;
  }

  /** What the account itself answers, as Zendesk would. */
  answer(url: string): FakeAnswer {
    const parsed = new URL(url, 'https://acme.zendesk.com');
    const path = parsed.pathname;
    const admin = this.identity.role === 'admin';
    if (path === '/api/v2/incremental/tickets/cursor.json') {
      if (!admin) return forbidden();
      // A start time lists the tickets changed since; a cursor answers with the whole account again.
      const start = parsed.searchParams.get('start_time');
      const specs = start === null ? this.specs : this.specs.filter((spec) => lastChange(spec) >= Number(start));
      return {
        status: 200,
        body: exportPage(specs),
        headers: { 'zendesk-ratelimit-incremental-exports': 'total=10; remaining=9; resets=60' },
      };
    }
    // The event streams (admins only): this account has none, so each is one empty last page.
    const stream = EVENT_STREAM_KEYS[path];
    if (stream) {
      if (!admin) return forbidden();
      const body: Json =
        stream === 'satisfaction_ratings'
          ? { [stream]: [], meta: { has_more: false }, links: { next: null } }
          : { [stream]: [], end_of_stream: true, end_time: Number(parsed.searchParams.get('start_time')), count: 0 };
      return { status: 200, body };
    }
    if (path === '/api/v2/users.json') return { status: 200, body: listPage('users', USERS) };
    if (path === '/api/v2/groups.json') return { status: 200, body: listPage('groups', GROUPS) };
    if (path === '/api/v2/users/show_many.json') {
      const ids = new Set((parsed.searchParams.get('ids') ?? '').split(',').map(Number));
      return {
        status: 200,
        body: {
          users: USERS.filter((user) => ids.has(user.id as number)),
          next_page: null,
          previous_page: null,
          count: ids.size,
        },
      };
    }
    if (path === '/api/v2/search/export.json') {
      const visible = this.specs.filter((spec) => spec.status !== 'deleted');
      return {
        status: 200,
        body: {
          results: visible.map((spec) => ({ ...rawTicket(spec), result_type: 'ticket' })),
          facets: null,
          meta: { has_more: false, after_cursor: null, before_cursor: null },
          links: { next: null, prev: null },
        },
      };
    }
    if (path === '/api/v2/tickets/show_many.json') {
      const ids = new Set((parsed.searchParams.get('ids') ?? '').split(',').map(Number));
      const found = this.specs.filter((spec) => ids.has(spec.id) && spec.status !== 'deleted');
      return {
        status: 200,
        body: {
          tickets: found.map(rawTicket),
          metric_sets: found.map(rawMetricSet),
          next_page: null,
          previous_page: null,
          count: found.length,
        },
      };
    }
    const show = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path);
    if (show) {
      const id = Number(show[1]);
      const spec = this.specs.find((candidate) => candidate.id === id && candidate.status !== 'deleted');
      if (!spec) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
      const sla = this.slas.get(id) ?? {};
      const include = (parsed.searchParams.get('include') ?? '').split(',');
      const ticket: Json = { ...rawTicket(spec) };
      if (include.includes('slas')) ticket['slas'] = { policy_metrics: sla.policy_metrics ?? [] };
      if (include.includes('metric_events')) ticket['metric_events'] = sla.metric_events ?? {};
      return {
        status: 200,
        body: { ticket, ...(include.includes('metric_sets') ? { metric_sets: [rawMetricSet(spec)] } : {}) },
      };
    }
    return { status: 404, body: { error: 'InvalidEndpoint', description: `Not found: ${path}` } };
  }

  async get(paths: string | string[]): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const path of Array.isArray(paths) ? paths : [paths]) {
      if (path === 'currentUser') {
        result['currentUser'] = {
          id: this.identity.id,
          name: this.identity.name ?? `User ${this.identity.id}`,
          email: `user${this.identity.id}@acme.example`,
          role: this.identity.role,
          locale: this.identity.locale ?? 'en-US',
          timeZone:
            this.identity.timeZone === null
              ? null
              : { ianaName: this.identity.timeZone ?? 'Europe/Berlin', formattedOffset: 'GMT+01:00' },
          groups: (this.identity.groups ?? []).map((id) => ({ id, name: `Group ${id}` })),
        };
      } else if (path === 'colorScheme') {
        result['colorScheme'] = 'light';
      }
    }
    return result;
  }

  async set(): Promise<unknown> {
    return {};
  }

  async invoke(name: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ name, args });
    return {};
  }

  on(event: string, handler: (data: unknown) => void): void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
  }

  off(event: string, handler: (data: unknown) => void): void {
    this.handlers.get(event)?.delete(handler);
  }

  async metadata(): Promise<unknown> {
    return { appId: this.appId, installationId: 77, name: 'Support KPIs', version: '0.1.0', settings: this.settings };
  }

  async context(): Promise<unknown> {
    return {
      location: this.where.location,
      account: { subdomain: this.where.subdomain ?? 'acme' },
      instanceGuid: 'c0ffee00-0000-4000-8000-000000000000',
      product: 'support',
      ...(this.where.ticketId !== undefined ? { ticketId: this.where.ticketId } : {}),
    };
  }
}

const EVENT_STREAM_KEYS: Record<string, string> = {
  '/api/v2/incremental/ticket_events.json': 'ticket_events',
  '/api/v2/incremental/ticket_metric_events.json': 'ticket_metric_events',
  '/api/v2/satisfaction_ratings.json': 'satisfaction_ratings',
};

export function forbidden(): FakeAnswer {
  return {
    status: 403,
    body: {
      error: 'Forbidden',
      description:
        'You do not have access to this page. Please contact the account owner of this help desk for further help.',
    },
  };
}

function listPage(key: string, records: Json[]): Json {
  return {
    [key]: records,
    meta: { has_more: false, after_cursor: null, before_cursor: null },
    links: { next: null, prev: null },
  };
}

export async function fakeSession(
  identity: FakeIdentity,
  where: FakeContext,
  settings: Record<string, unknown> = {},
): Promise<{ client: FakeZafClient; session: ZafSession }> {
  const client = new FakeZafClient(identity, where, settings);
  const session = await openZafSession(client);
  return { client, session };
}

/** A minimal ResizeObserver for jsdom (recharts' ResponsiveContainer, the sidebar's resize); tests can fire it. */
export class FakeResizeObserver {
  static readonly live = new Set<FakeResizeObserver>();
  readonly targets = new Set<Element>();

  constructor(private readonly callback: (entries: unknown[], observer: FakeResizeObserver) => void) {}

  observe(target: Element): void {
    this.targets.add(target);
    FakeResizeObserver.live.add(this);
  }

  unobserve(target: Element): void {
    this.targets.delete(target);
  }

  disconnect(): void {
    this.targets.clear();
    FakeResizeObserver.live.delete(this);
  }

  /** Fires every observer watching `target` (or every observer). */
  static fire(target?: Element): void {
    for (const observer of [...FakeResizeObserver.live]) {
      if (target && !observer.targets.has(target)) continue;
      observer.callback(
        [...observer.targets].map((element) => ({
          target: element,
          contentRect: { width: 320, height: 240, top: 0, left: 0, right: 320, bottom: 240, x: 0, y: 0 },
        })),
        observer,
      );
    }
  }
}

export function installResizeObserver(): void {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = FakeResizeObserver;
}
