import type { z } from 'zod';
import type { TicketRecord } from '../metrics/ticket-record';
import {
  cursorTicketPageSchema,
  groupPageSchema,
  groupSchema,
  metricSetSchema,
  recordedExchangeSchema,
  ticketSchema,
  timeTicketPageSchema,
  userPageSchema,
  userSchema,
  type Group,
  describeIssues,
  type MetricSet,
  type User,
} from './schemas';
export { describeIssues } from './schemas';
import { ticketRecordFromApi } from './ticket-record-from-api';

/**
 * Turns saved Zendesk response bodies (in any order) into the engine's input: one record per
 * ticket, the later occurrence winning, plus the users and groups. Pure: the caller reads files.
 */

export interface ResponseSource {
  /** Where the body came from (a file path), used to order pages and in every warning. */
  name: string;
  body: unknown;
}

export interface DatasetWarning {
  source: string;
  /** The record's id where it has one. */
  recordId: number | string | null;
  message: string;
}

export interface Dataset {
  tickets: TicketRecord[];
  users: Map<number, User>;
  groups: Map<number, Group>;
  /** Records that were not what Zendesk would send, and were left out. */
  skipped: number;
  /** Sources that were read as Zendesk responses. */
  pages: number;
  warnings: DatasetWarning[];
}

type TicketPage =
  | { style: 'cursor'; source: string; page: z.output<typeof cursorTicketPageSchema> }
  | { style: 'time'; source: string; page: z.output<typeof timeTicketPageSchema> };

type Classified =
  | { kind: 'tickets'; page: TicketPage }
  | { kind: 'users'; records: unknown[] }
  | { kind: 'groups'; records: unknown[] }
  | { kind: 'extra' }
  | { kind: 'unknown'; reason: string };

function classify(source: string, body: unknown): Classified {
  const exchange = recordedExchangeSchema.safeParse(body);
  if (exchange.success) {
    const { status } = exchange.data.response;
    if (status < 200 || status > 299)
      return { kind: 'unknown', reason: `a recorded HTTP ${status} response, not data` };
    return classify(source, exchange.data.response.body);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: 'unknown', reason: 'not a JSON object' };
  }
  if ('tickets' in body) {
    const cursor = cursorTicketPageSchema.safeParse(body);
    if (cursor.success) return { kind: 'tickets', page: { style: 'cursor', source, page: cursor.data } };
    const time = timeTicketPageSchema.safeParse(body);
    if (time.success) return { kind: 'tickets', page: { style: 'time', source, page: time.data } };
    return {
      kind: 'unknown',
      reason: `a "tickets" body that is not an incremental export page (${describeIssues(time.error)})`,
    };
  }
  // The event streams, saved alongside by `export --include`: read by event-dataset.ts.
  if ('ticket_events' in body || 'ticket_metric_events' in body || 'satisfaction_ratings' in body)
    return { kind: 'extra' };
  if ('users' in body) {
    const users = userPageSchema.safeParse(body);
    return users.success
      ? { kind: 'users', records: users.data.users }
      : { kind: 'unknown', reason: '"users" is not a list' };
  }
  if ('groups' in body) {
    const groups = groupPageSchema.safeParse(body);
    return groups.success
      ? { kind: 'groups', records: groups.data.groups }
      : { kind: 'unknown', reason: '"groups" is not a list' };
  }
  return { kind: 'unknown', reason: 'not a ticket export, user or group page' };
}

function recordIdOf(record: unknown): number | string | null {
  if (typeof record === 'object' && record !== null && 'id' in record) {
    const value = (record as { id: unknown }).id;
    if (typeof value === 'number' || typeof value === 'string') return value;
  }
  return null;
}

/**
 * A page's place in its export stream, so that the later occurrence of a ticket wins whatever
 * order the files come in. A cursor encodes "<epoch seconds>.<fraction>||<ticket id>|" in base64
 * (seen in every recorded cursor); a time-based page ends at `end_time`.
 */
function streamPosition(ticketPage: TicketPage): [number, number] | null {
  if (ticketPage.style === 'time') {
    const end = ticketPage.page.end_time;
    return typeof end === 'number' ? [end, Number.POSITIVE_INFINITY] : null;
  }
  const cursor = ticketPage.page.after_cursor;
  if (!cursor) return null;
  const decoded = decodeBase64(cursor);
  const match = decoded === null ? null : /^(\d+(?:\.\d+)?)\|\|(\d+)\|$/.exec(decoded);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function decodeBase64(text: string): string | null {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return binary;
  } catch {
    return null;
  }
}

const byName = new Intl.Collator('en', { numeric: true });

/** Orders ticket pages by stream position when every page has one, otherwise by file name. */
function orderTicketPages(pages: TicketPage[]): TicketPage[] {
  const positions = new Map(pages.map((page) => [page, streamPosition(page)]));
  const allPositioned = pages.every((page) => positions.get(page) !== null);
  return [...pages].sort((a, b) => {
    if (allPositioned) {
      const pa = positions.get(a)!;
      const pb = positions.get(b)!;
      if (pa[0] !== pb[0]) return pa[0] - pb[0];
      if (pa[1] !== pb[1]) return pa[1] - pb[1];
    }
    return byName.compare(a.source, b.source);
  });
}

/**
 * Collects records as pages arrive, in stream order: a later occurrence of a ticket replaces the
 * earlier one. A live pull feeds it page by page; `buildDataset` feeds it saved pages once ordered.
 */
export class DatasetCollector {
  readonly tickets = new Map<number, TicketRecord>();
  readonly users = new Map<number, User>();
  readonly groups = new Map<number, Group>();
  readonly warnings: DatasetWarning[] = [];
  skipped = 0;
  pages = 0;

  private warn(source: string, recordId: number | string | null, message: string): void {
    this.warnings.push({ source, recordId, message });
  }

  private skip(source: string, recordId: number | string | null, message: string): void {
    this.skipped++;
    this.warn(source, recordId, message);
  }

  /** Adds one ticket page (incremental export, show_many or search export page) in stream order. */
  addTicketPage(source: string, page: { tickets: unknown[]; metric_sets?: unknown[] | undefined }): void {
    this.pages++;
    const sideloaded = new Map<number, unknown>();
    for (const raw of page.metric_sets ?? []) {
      const ticketId = typeof raw === 'object' && raw !== null ? (raw as { ticket_id?: unknown }).ticket_id : undefined;
      if (typeof ticketId === 'number') sideloaded.set(ticketId, raw);
      else this.skip(source, recordIdOf(raw), 'metric set skipped: it has no numeric ticket_id');
    }
    for (const raw of page.tickets) {
      const parsed = ticketSchema.safeParse(raw);
      if (!parsed.success) {
        this.skip(source, recordIdOf(raw), `ticket skipped: ${describeIssues(parsed.error)}`);
        continue;
      }
      const ticket = parsed.data;
      const rawMetrics = sideloaded.get(ticket.id) ?? ticket.metric_set;
      let metrics: MetricSet | null = null;
      if (rawMetrics !== undefined && rawMetrics !== null) {
        const parsedMetrics = metricSetSchema.safeParse(rawMetrics);
        if (!parsedMetrics.success) {
          // Without its metric set the ticket would count as unsolved and unreplied: leave it out whole.
          this.skip(
            source,
            ticket.id,
            `ticket skipped: its metric set is malformed (${describeIssues(parsedMetrics.error)})`,
          );
          continue;
        }
        if (parsedMetrics.data.ticket_id !== ticket.id) {
          this.skip(
            source,
            ticket.id,
            `ticket skipped: its metric set belongs to ticket ${parsedMetrics.data.ticket_id}`,
          );
          continue;
        }
        metrics = parsedMetrics.data;
      }
      this.tickets.set(ticket.id, ticketRecordFromApi(ticket, metrics));
    }
  }

  addUserPage(source: string, records: readonly unknown[]): void {
    this.addDirectoryPage(source, records, userSchema, this.users, 'user');
  }

  addGroupPage(source: string, records: readonly unknown[]): void {
    this.addDirectoryPage(source, records, groupSchema, this.groups, 'group');
  }

  private addDirectoryPage<T extends { id: number }>(
    source: string,
    records: readonly unknown[],
    schema: z.ZodType<T>,
    into: Map<number, T>,
    noun: string,
  ): void {
    this.pages++;
    for (const raw of records) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) into.set(parsed.data.id, parsed.data);
      else this.skip(source, recordIdOf(raw), `${noun} skipped: ${describeIssues(parsed.error)}`);
    }
  }

  /** A body that is not data: named in a warning, nothing else changes. */
  ignore(source: string, reason: string): void {
    this.warn(source, null, `ignored: ${reason}`);
  }

  toDataset(): Dataset {
    return {
      tickets: [...this.tickets.values()],
      users: this.users,
      groups: this.groups,
      skipped: this.skipped,
      pages: this.pages,
      warnings: this.warnings,
    };
  }
}

/** Saved responses sorted out: ticket pages in stream order, user and group records, what was ignored. */
export interface SortedResponses {
  ticketPages: { source: string; tickets: unknown[]; metricSets: unknown[] }[];
  userPages: { source: string; records: unknown[] }[];
  groupPages: { source: string; records: unknown[] }[];
  ignored: { source: string; reason: string }[];
}

export function sortResponses(sources: readonly ResponseSource[]): SortedResponses {
  const sorted: SortedResponses = { ticketPages: [], userPages: [], groupPages: [], ignored: [] };
  const ticketPages: TicketPage[] = [];
  for (const { name, body } of [...sources].sort((a, b) => byName.compare(a.name, b.name))) {
    const classified = classify(name, body);
    switch (classified.kind) {
      case 'unknown':
        sorted.ignored.push({ source: name, reason: classified.reason });
        break;
      case 'extra':
        break;
      case 'tickets':
        ticketPages.push(classified.page);
        break;
      case 'users':
        sorted.userPages.push({ source: name, records: classified.records });
        break;
      case 'groups':
        sorted.groupPages.push({ source: name, records: classified.records });
        break;
    }
  }
  sorted.ticketPages = orderTicketPages(ticketPages).map(({ source, page }) => ({
    source,
    tickets: page.tickets,
    metricSets: page.metric_sets ?? [],
  }));
  return sorted;
}

export function buildDataset(sources: readonly ResponseSource[]): Dataset {
  const collector = new DatasetCollector();
  const sorted = sortResponses(sources);
  for (const { source, reason } of sorted.ignored) collector.ignore(source, reason);
  for (const { source, records } of sorted.userPages) collector.addUserPage(source, records);
  for (const { source, records } of sorted.groupPages) collector.addGroupPage(source, records);
  for (const { source, tickets, metricSets } of sorted.ticketPages)
    collector.addTicketPage(source, { tickets, metric_sets: metricSets });
  return collector.toDataset();
}

/** Display names by user id, for the scorecards. */
export function userNames(users: ReadonlyMap<number, User>): Map<number, string> {
  const names = new Map<number, string>();
  for (const [userId, user] of users) if (user.name) names.set(userId, user.name);
  return names;
}
