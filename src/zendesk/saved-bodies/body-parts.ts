import { recordedExchangeSchema } from '../schemas';

/**
 * Splits one saved Zendesk response body into every array of records it holds, so that a ticket
 * page keeps its sideloads and a sideload page keeps its tickets. Each part says which kind of
 * body it came from, for warnings.
 */

/** Where a ticket page stands in its export stream; null for lists, search and single tickets. */
export type StreamPosition = [seconds: number, ticketId: number] | null;

export type BodyPart =
  | { kind: 'tickets'; shape: string; records: unknown[]; position: StreamPosition }
  | { kind: 'metric_sets'; shape: string; records: unknown[] }
  | { kind: 'users'; records: unknown[] }
  | { kind: 'groups'; records: unknown[] };

export interface ReadBody {
  /** What the body was read as, e.g. "incremental ticket export (cursor)". */
  shape: string;
  parts: BodyPart[];
  /** Event streams (ticket events, metric events, ratings): read by event-dataset.ts. */
  events: boolean;
  /** Arrays the report does not use, with their counts, e.g. "brands (3)". */
  unused: string[];
  /** Keys that should have held records but did not. */
  problems: string[];
  /** Set when nothing in the body is Zendesk data. */
  ignoredReason: string | null;
}

const EVENT_KEYS = ['ticket_events', 'ticket_metric_events', 'satisfaction_ratings'];
/** Envelope keys that carry paging or counts, never records. */
const ENVELOPE_KEYS = new Set([
  'next_page',
  'previous_page',
  'count',
  'end_time',
  'end_of_stream',
  'after_cursor',
  'before_cursor',
  'after_url',
  'before_url',
  'meta',
  'links',
  'facets',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A ticket with no envelope: the fields every ticket has. */
function isBareTicket(body: Record<string, unknown>): boolean {
  return typeof body['id'] === 'number' && typeof body['status'] === 'string' && typeof body['created_at'] === 'string';
}

function ticketShape(body: Record<string, unknown>): { shape: string; position: StreamPosition } {
  if ('after_cursor' in body && 'end_of_stream' in body) {
    const cursor = body['after_cursor'];
    return {
      shape: 'incremental ticket export (cursor)',
      position: typeof cursor === 'string' ? cursorPosition(cursor) : null,
    };
  }
  if ('end_time' in body) {
    const end = body['end_time'];
    return {
      shape: 'incremental ticket export (time-based)',
      position: typeof end === 'number' && Number.isFinite(end) ? [end, Number.POSITIVE_INFINITY] : null,
    };
  }
  if (isObject(body['meta'])) return { shape: 'ticket list (cursor paged)', position: null };
  if ('next_page' in body) return { shape: 'ticket list (offset paged)', position: null };
  return { shape: 'ticket list (show_many or unpaged)', position: null };
}

/** A cursor encodes "<epoch seconds>.<fraction>||<ticket id>|" in base64 (seen in every recorded cursor). */
function cursorPosition(cursor: string): StreamPosition {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(cursor)) return null;
  let decoded: string;
  try {
    decoded = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const match = /^(\d+(?:\.\d+)?)\|\|(\d+)\|$/.exec(decoded);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

export function readBody(body: unknown): ReadBody {
  const read: ReadBody = { shape: '', parts: [], events: false, unused: [], problems: [], ignoredReason: null };
  const exchange = recordedExchangeSchema.safeParse(body);
  if (exchange.success) {
    const { status } = exchange.data.response;
    if (status < 200 || status > 299) return { ...read, ignoredReason: `a recorded HTTP ${status} response, not data` };
    return readBody(exchange.data.response.body);
  }
  if (!isObject(body)) return { ...read, ignoredReason: 'not a JSON object' };

  if (isBareTicket(body) && !('tickets' in body)) {
    read.shape = 'a single ticket without envelope';
    read.parts.push({ kind: 'tickets', shape: read.shape, records: [body], position: null });
    return read;
  }

  const shapes: string[] = [];
  const list = (key: string): unknown[] | null => {
    if (!(key in body)) return null;
    const value = body[key];
    if (Array.isArray(value)) return value;
    read.problems.push(`"${key}" is not a list`);
    return null;
  };
  const single = (key: string): unknown[] | null => {
    if (!(key in body)) return null;
    if (isObject(body[key])) return [body[key]];
    read.problems.push(`"${key}" is not an object`);
    return null;
  };

  const tickets = list('tickets');
  if (tickets) {
    const { shape, position } = ticketShape(body);
    shapes.push(shape);
    read.parts.push({ kind: 'tickets', shape, records: tickets, position });
  }
  const ticket = single('ticket');
  if (ticket) {
    shapes.push('a single ticket');
    read.parts.push({ kind: 'tickets', shape: 'a single ticket', records: ticket, position: null });
  }
  const results = list('results');
  if (results) {
    const shape = isObject(body['meta']) ? 'search export' : 'search results';
    shapes.push(shape);
    const found = results.filter((result) => isObject(result) && result['result_type'] === 'ticket');
    const others = results.length - found.length;
    if (others > 0) read.unused.push(`${others} search results that are not tickets`);
    read.parts.push({ kind: 'tickets', shape, records: found, position: null });
  }
  for (const [key, shape] of [
    ['metric_sets', 'metric_sets sideload'],
    ['ticket_metrics', 'ticket metrics list'],
  ] as const) {
    const records = list(key);
    if (records) {
      shapes.push(shape);
      read.parts.push({ kind: 'metric_sets', shape, records });
    }
  }
  // Zendesk sends one object; its OpenAPI example wraps it in an array: both are read.
  const metric = Array.isArray(body['ticket_metric']) ? list('ticket_metric') : single('ticket_metric');
  if (metric) {
    shapes.push('a single ticket metric');
    read.parts.push({ kind: 'metric_sets', shape: 'a single ticket metric', records: metric });
  }
  for (const kind of ['users', 'groups'] as const) {
    const records = list(kind) ?? single(kind.slice(0, -1));
    if (records) {
      shapes.push(`${kind} page`);
      read.parts.push({ kind, records });
    }
  }
  for (const key of EVENT_KEYS)
    if (key in body) {
      read.events = true;
      shapes.push(key.replace(/_/g, ' '));
    }
  const known = new Set([
    'tickets',
    'ticket',
    'results',
    'metric_sets',
    'ticket_metrics',
    'ticket_metric',
    'users',
    'user',
    'groups',
    'group',
    ...EVENT_KEYS,
  ]);
  for (const [key, value] of Object.entries(body)) {
    if (known.has(key) || ENVELOPE_KEYS.has(key)) continue;
    if (Array.isArray(value)) read.unused.push(`${key} (${value.length})`);
  }
  read.shape = shapes.join(' + ');
  if (read.parts.length === 0 && !read.events) {
    const keys = Object.keys(body);
    read.ignoredReason =
      read.problems.length > 0
        ? read.problems.join('; ')
        : `no reader knows this body (top-level keys: ${keys.length === 0 ? 'none' : keys.slice(0, 12).join(', ')})`;
  }
  return read;
}
