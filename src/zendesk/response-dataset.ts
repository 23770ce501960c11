import type { z } from 'zod/mini';
import type { TicketRecord } from '../metrics/ticket-record';
import { readBody, type StreamPosition } from './saved-bodies/body-parts';
import {
  groupSchema,
  metricSetSchema,
  ticketSchema,
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
  /** What the body was read as, where known (e.g. "ticket list (offset paged)"). */
  kind?: string;
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

const byName = new Intl.Collator('en', { numeric: true });

function recordIdOf(record: unknown): number | string | null {
  if (typeof record === 'object' && record !== null && 'id' in record) {
    const value = (record as { id: unknown }).id;
    if (typeof value === 'number' || typeof value === 'string') return value;
  }
  return null;
}

function updatedAtOf(record: unknown): number | null {
  if (typeof record !== 'object' || record === null) return null;
  const value = (record as { updated_at?: unknown }).updated_at;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? time : null;
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

  /** `fieldIds`: the custom fields whose values the records keep (the NPS and CES fields named in the settings). */
  constructor(private readonly fieldIds: ReadonlySet<number> = new Set()) {}

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
      this.tickets.set(ticket.id, ticketRecordFromApi(ticket, metrics, this.fieldIds));
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
    schema: z.ZodMiniType<T>,
    into: Map<number, T>,
    noun: string,
  ): void {
    this.pages++;
    for (const raw of records) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) into.set(parsed.data.id, parsed.data);
      else
        this.skipRecord(source, `${noun}s page`, recordIdOf(raw), `${noun} skipped: ${describeIssues(parsed.error)}`);
    }
  }

  /** Something a body held that was not used, or a count worth knowing: a warning, not a skip. */
  note(source: string, kind: string, message: string): void {
    this.warnings.push({ source, kind, recordId: null, message });
  }

  skipRecord(source: string, kind: string, recordId: number | string | null, message: string): void {
    this.skipped++;
    this.warnings.push({ source, kind, recordId, message });
  }

  private readonly versions = new Map<number, { positioned: boolean; updatedAt: number | null }>();
  private readonly withoutMetrics = new Set<number>();
  /** Every ticket id met, skipped ones included, so their metric sets are not called orphans. */
  readonly seenTicketIds = new Set<number>();

  /**
   * Saved tickets, pages given positioned first in stream order: a positioned version replaces
   * an earlier one; an unpositioned one replaces what is known unless that is newer by updated_at.
   */
  addSavedTickets(
    source: string,
    kind: string,
    records: readonly unknown[],
    pool: ReadonlyMap<number, { raw: unknown }>,
    positioned: boolean,
  ): void {
    for (const raw of records) {
      const rawId = recordIdOf(raw);
      if (typeof rawId === 'number') this.seenTicketIds.add(rawId);
      const parsed = ticketSchema.safeParse(raw);
      if (!parsed.success) {
        this.skipRecord(source, kind, recordIdOf(raw), `ticket skipped: ${describeIssues(parsed.error)}`);
        continue;
      }
      const ticket = parsed.data;
      const updatedAt = updatedAtOf(raw);
      const known = this.versions.get(ticket.id);
      if (known && !(positioned && known.positioned)) {
        if (known.updatedAt !== null && updatedAt !== null && updatedAt < known.updatedAt) continue;
      }
      const rawMetrics = pool.get(ticket.id)?.raw ?? ticket.metric_set;
      let metrics: MetricSet | null = null;
      if (rawMetrics !== undefined && rawMetrics !== null) {
        const parsedMetrics = metricSetSchema.safeParse(rawMetrics);
        if (!parsedMetrics.success) {
          // Without its metric set the ticket would count as unsolved and unreplied: leave it out whole.
          this.skipRecord(
            source,
            kind,
            ticket.id,
            `ticket skipped: its metric set is malformed or out of range (${describeIssues(parsedMetrics.error)})`,
          );
          continue;
        }
        if (parsedMetrics.data.ticket_id !== ticket.id) {
          this.skipRecord(
            source,
            kind,
            ticket.id,
            `ticket skipped: its metric set belongs to ticket ${parsedMetrics.data.ticket_id}`,
          );
          continue;
        }
        metrics = parsedMetrics.data;
      }
      this.versions.set(ticket.id, { positioned, updatedAt });
      if (metrics === null) this.withoutMetrics.add(ticket.id);
      else this.withoutMetrics.delete(ticket.id);
      this.tickets.set(ticket.id, ticketRecordFromApi(ticket, metrics, this.fieldIds));
    }
  }

  /** Plain ticket lists carry no metric set: a solved ticket without one drops out of the solved numbers. */
  warnSolvedWithoutMetrics(): void {
    const ids = [...this.withoutMetrics].filter((ticketId) => {
      const status = this.tickets.get(ticketId)?.status;
      return status === 'solved' || status === 'closed';
    });
    if (ids.length === 0) return;
    this.warnings.push({
      source: '--input',
      recordId: null,
      message: `${ids.length} solved or closed ticket${ids.length === 1 ? ' has' : 's have'} no metric set anywhere in the input (ticket ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}): ${ids.length === 1 ? 'it is' : 'they are'} left out of Solved, resolution times, FCR, one-touch, reopens and replies, and ${ids.length === 1 ? 'its' : 'their'} first reply time is unknown; save /api/v2/ticket_metrics or export with include=metric_sets`,
    });
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

/** Saved responses sorted out: ticket pages in the order they are read, user and group records, what was ignored. */
export interface SortedResponses {
  ticketPages: { source: string; kind: string; tickets: unknown[]; metricSets: unknown[]; position: StreamPosition }[];
  /** Every metric set of every body (sideloads, ticket_metrics lists, single ticket metrics). */
  metricSets: { source: string; kind: string; records: unknown[] }[];
  userPages: { source: string; records: unknown[] }[];
  groupPages: { source: string; records: unknown[] }[];
  ignored: { source: string; reason: string }[];
  /** What a body held that the report does not use (or could not read beside what it did read). */
  notes: { source: string; kind: string; message: string }[];
  /** Sources with at least one part read. */
  pages: number;
}

/**
 * Positioned pages (export pages whose cursor or end_time says where they stand) come first in
 * stream order, then the unpositioned ones (lists, show_many, search) by file name; among the
 * latter a ticket's newest `updated_at` decides (DatasetCollector.addSavedTickets).
 */
export function sortResponses(sources: readonly ResponseSource[]): SortedResponses {
  const sorted: SortedResponses = {
    ticketPages: [],
    metricSets: [],
    userPages: [],
    groupPages: [],
    ignored: [],
    notes: [],
    pages: 0,
  };
  for (const { name, body } of [...sources].sort((a, b) => byName.compare(a.name, b.name))) {
    const read = readBody(body);
    if (read.ignoredReason !== null) {
      sorted.ignored.push({ source: name, reason: read.ignoredReason });
      continue;
    }
    if (read.parts.length > 0) sorted.pages++;
    if (read.unused.length > 0)
      sorted.notes.push({
        source: name,
        kind: read.shape,
        message: `not used by the report: ${read.unused.join(', ')}`,
      });
    if (read.problems.length > 0)
      sorted.notes.push({ source: name, kind: read.shape, message: `not read: ${read.problems.join('; ')}` });
    const bodyMetrics = read.parts.flatMap((part) => (part.kind === 'metric_sets' ? part.records : []));
    for (const part of read.parts) {
      switch (part.kind) {
        case 'tickets':
          sorted.ticketPages.push({
            source: name,
            kind: part.shape,
            tickets: part.records,
            metricSets: bodyMetrics,
            position: part.position,
          });
          break;
        case 'metric_sets':
          sorted.metricSets.push({ source: name, kind: part.shape, records: part.records });
          break;
        case 'users':
          sorted.userPages.push({ source: name, records: part.records });
          break;
        case 'groups':
          sorted.groupPages.push({ source: name, records: part.records });
          break;
      }
    }
  }
  const order = (a: SortedResponses['ticketPages'][number], b: SortedResponses['ticketPages'][number]): number => {
    if (a.position && b.position) {
      if (a.position[0] !== b.position[0]) return a.position[0] - b.position[0];
      if (a.position[1] !== b.position[1]) return a.position[1] - b.position[1];
    } else if (a.position || b.position) return a.position ? -1 : 1;
    return byName.compare(a.source, b.source);
  };
  sorted.ticketPages.sort(order);
  return sorted;
}

interface PooledMetricSet {
  source: string;
  kind: string;
  raw: unknown;
  id: number | string | null;
  updatedAt: number | null;
  /** The body's place among the ticket pages in stream order; -1 for a body that is not one. */
  rank: number;
}

/**
 * Newest `updated_at` first; then the later export page (the same metric set seen twice in one
 * export, unchanged in its `updated_at`, is the later version); then the higher metric-set id,
 * then the first file by name: the same winner in any input order.
 */
function newerMetricSet(a: PooledMetricSet, b: PooledMetricSet): boolean {
  if ((a.updatedAt ?? -Infinity) !== (b.updatedAt ?? -Infinity))
    return (a.updatedAt ?? -Infinity) > (b.updatedAt ?? -Infinity);
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (typeof a.id === 'number' && typeof b.id === 'number' && a.id !== b.id) return a.id > b.id;
  return byName.compare(a.source, b.source) < 0;
}

export function buildDataset(sources: readonly ResponseSource[], fieldIds?: ReadonlySet<number>): Dataset {
  const collector = new DatasetCollector(fieldIds);
  const sorted = sortResponses(sources);
  for (const { source, reason } of sorted.ignored) collector.ignore(source, reason);
  for (const note of sorted.notes) collector.note(note.source, note.kind, note.message);
  for (const { source, records } of sorted.userPages) collector.addUserPage(source, records);
  for (const { source, records } of sorted.groupPages) collector.addGroupPage(source, records);

  // Metric sets join their ticket on ticket_id from whichever body holds them.
  const pool = new Map<number, PooledMetricSet>();
  const duplicates = new Map<string, number>();
  const ranks = new Map(sorted.ticketPages.map((page, index) => [page.source, index]));
  for (const { source, kind, records } of sorted.metricSets) {
    for (const raw of records) {
      const ticketId = typeof raw === 'object' && raw !== null ? (raw as { ticket_id?: unknown }).ticket_id : undefined;
      if (typeof ticketId !== 'number') {
        collector.skipRecord(source, kind, recordIdOf(raw), 'metric set skipped: it has no numeric ticket_id');
        continue;
      }
      const entry: PooledMetricSet = {
        source,
        kind,
        raw,
        id: recordIdOf(raw),
        updatedAt: updatedAtOf(raw),
        rank: ranks.get(source) ?? -1,
      };
      const known = pool.get(ticketId);
      if (known) {
        // A ticket has one metric set: another id for it, or two in one body, is a duplicate.
        if (known.id !== entry.id || known.source === source) duplicates.set(source, (duplicates.get(source) ?? 0) + 1);
        if (newerMetricSet(entry, known)) pool.set(ticketId, entry);
      } else pool.set(ticketId, entry);
    }
  }
  for (const [source, count] of duplicates)
    collector.note(
      source,
      'metric sets',
      `${count} metric set${count === 1 ? '' : 's'} for a ticket that already has one: the newest updated_at is used`,
    );

  for (const page of sorted.ticketPages)
    collector.addSavedTickets(page.source, page.kind, page.tickets, pool, page.position !== null);
  collector.pages = sorted.pages;

  const orphans = new Map<string, number[]>();
  for (const [ticketId, entry] of pool) {
    if (collector.seenTicketIds.has(ticketId)) continue;
    const ids = orphans.get(entry.source);
    if (ids) ids.push(ticketId);
    else orphans.set(entry.source, [ticketId]);
  }
  for (const [source, ids] of orphans)
    collector.note(
      source,
      pool.get(ids[0]!)!.kind,
      `${ids.length} metric set${ids.length === 1 ? '' : 's'} for tickets not in the input (ticket ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}): not used`,
    );
  collector.warnSolvedWithoutMetrics();
  return collector.toDataset();
}

/** Display names by user id, for the scorecards. */
export function userNames(users: ReadonlyMap<number, User>): Map<number, string> {
  const names = new Map<number, string>();
  for (const [userId, user] of users) if (user.name) names.set(userId, user.name);
  return names;
}
