import type { AccountData, StaffRecord, StreamPosition, TicketVersion, TimedRecord } from './account-data';
import { metricEventJson, renderPolicyMetrics, ticketMetricStory, type TimedEvent } from './metric-events';
import { ratingVersions, type RatingVersion } from './satisfaction-ratings';
import type { SeedAccount } from './seed-account';
import type { TicketHistory } from './ticket-history';
import { renderTicketEvents } from './ticket-events';
import { renderTicketFields } from './ticket-fields';
import { SURVEY_FIELDS } from './survey-fields';
import {
  baseUrl,
  renderAudits,
  renderEndUser,
  renderStaff,
  renderTicket,
  TICKET_FIELDS,
  visibleHistory,
} from './zendesk-objects';

/** A map that forgets everything once it holds `limit` entries: enough for paging, bounded in memory. */
class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K, make: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = make();
      this.entries.set(key, value);
    }
    return value;
  }
}

/** Events one ticket can have at most (metric-events.ts numbers them within it). */
const EVENTS_PER_TICKET = 1000;

/** Every metric event of the account in export order, as compact columns (built on first use). */
interface MetricEventIndex {
  times: Float64Array;
  tickets: Int32Array;
  positions: Int32Array;
}

/**
 * Serves a seeded account as of any instant. Every update of every ticket is indexed by time, so
 * the export stream at instant T is read straight off the index: a ticket appears at its latest
 * update at or before T. Rendered versions are cached by how many updates they include.
 */
export class SimulatedAccountData implements AccountData {
  readonly subdomain: string;
  private readonly byId = new Map<number, TicketHistory>();
  /** Every update as (epoch s, ticket id, index of the update in its ticket), in stream order. */
  private readonly stream: { timestamp: number; id: number; index: number }[] = [];
  private readonly versions = new Map<number, { count: number; version: TicketVersion }>();
  private readonly staffRecords: StaffRecord[];
  private readonly ticketEventCache = new BoundedCache<string, Record<string, unknown>[]>(4000);
  private readonly metricEventCache = new BoundedCache<number, TimedEvent[]>(4000);
  private metricIndex: MetricEventIndex | null = null;
  /** Every version of every rating, by time: a listing as of any instant is one pass over it. */
  private ratingIndex: (RatingVersion & { ticketId: number })[] | null = null;

  constructor(readonly account: SeedAccount) {
    this.subdomain = account.options.subdomain;
    for (const history of account.tickets) {
      this.byId.set(history.id, history);
      history.updates.forEach((update, index) =>
        this.stream.push({ timestamp: Math.floor(update.at / 1000), id: history.id, index }),
      );
    }
    this.stream.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id || a.index - b.index);
    this.staffRecords = [
      ...account.staff.map((member) => ({
        id: member.id,
        role: member.role,
        customRoleId: member.customRole?.id ?? null,
        email: member.email,
        groupIds: member.groupIds,
        json: renderStaff(account, member),
      })),
      ...account.endUsers.map((user) => ({
        id: user.id,
        role: 'end-user' as const,
        customRoleId: null,
        email: user.email,
        json: renderEndUser(account, user),
      })),
    ];
  }

  private version(history: TicketHistory, count: number): TicketVersion {
    const cached = this.versions.get(history.id);
    if (cached && cached.count === count) return cached.version;
    const visible =
      count === history.updates.length ? history : { ...history, updates: history.updates.slice(0, count) };
    const rendered = renderTicket(this.account, visible);
    const version: TicketVersion = {
      id: history.id,
      ticket: rendered.ticket,
      metricSet: rendered.metricSet,
      generatedTimestamp: rendered.generatedTimestamp,
    };
    this.versions.set(history.id, { count, version });
    return version;
  }

  changedTickets(after: StreamPosition, until: number, limit: number): TicketVersion[] {
    const out: TicketVersion[] = [];
    // First stream entry after `after`.
    let lo = 0;
    let hi = this.stream.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const entry = this.stream[mid]!;
      if (entry.timestamp < after.timestamp || (entry.timestamp === after.timestamp && entry.id <= after.id))
        lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.stream.length && out.length < limit; i++) {
      const entry = this.stream[i]!;
      if (entry.timestamp > until) break;
      const history = this.byId.get(entry.id)!;
      const next = history.updates[entry.index + 1];
      // Only the ticket's latest update up to `until` places it in the stream.
      if (next && Math.floor(next.at / 1000) <= until) continue;
      out.push(this.version(history, entry.index + 1));
    }
    return out;
  }

  ticket(id: number, asOf: number): TicketVersion | null {
    const history = this.byId.get(id);
    if (!history) return null;
    const visible = visibleHistory(history, asOf);
    return visible ? this.version(history, visible.updates.length) : null;
  }

  allTickets(asOf: number): TicketVersion[] {
    const out: TicketVersion[] = [];
    for (const history of this.account.tickets) {
      const visible = visibleHistory(history, asOf);
      if (visible) out.push(this.version(history, visible.updates.length));
    }
    return out;
  }

  users(): StaffRecord[] {
    return this.staffRecords;
  }

  groups(): Record<string, unknown>[] {
    return this.account.groups.map((group) => ({
      id: group.id,
      url: `https://${this.subdomain}.zendesk.com/api/v2/groups/${group.id}.json`,
      name: group.name,
      description: group.description,
      default: group.id === 360_001,
      deleted: false,
      is_public: true,
      created_at: '2024-01-15T09:00:00Z',
      updated_at: '2024-01-15T09:00:00Z',
    }));
  }

  brands(): Record<string, unknown>[] {
    return this.account.brands.map((brand) => ({
      id: brand.id,
      name: brand.name,
      subdomain: brand.subdomain,
      active: true,
      default: brand.id === 1,
    }));
  }

  ticketFields(): Record<string, unknown>[] {
    return renderTicketFields(baseUrl(this.account), Object.values(TICKET_FIELDS));
  }

  /**
   * The demo app reads its survey scores from the account's survey fields, and treats the Team
   * lead custom role as team leads (who see their groups' agents), as an admin would set it once.
   */
  appSettings(): Record<string, unknown> {
    return {
      nps_field_id: SURVEY_FIELDS.nps.id,
      ces_field_id: SURVEY_FIELDS.ces.id,
      lead_roles: String(this.account.teamLeadRole.id),
    };
  }

  audits(id: number, asOf: number): Record<string, unknown>[] | null {
    const history = this.byId.get(id);
    const visible = history ? visibleHistory(history, asOf) : null;
    return visible ? renderAudits(visible) : null;
  }

  /** A ticket's metric events over its whole simulated life; each depends only on what came before it. */
  private metricEventsOf(history: TicketHistory): TimedEvent[] {
    return this.metricEventCache.get(history.id, () => ticketMetricStory(this.account, history).events);
  }

  metricEvents(id: number, asOf: number): Record<string, unknown>[] | null {
    const history = this.byId.get(id);
    if (!history || !visibleHistory(history, asOf)) return null;
    return this.metricEventsOf(history)
      .filter((event) => event.at <= asOf)
      .map(metricEventJson);
  }

  slas(id: number, asOf: number): Record<string, unknown> | null {
    const history = this.byId.get(id);
    const visible = history ? visibleHistory(history, asOf) : null;
    return visible ? renderPolicyMetrics(ticketMetricStory(this.account, visible)) : null;
  }

  ticketEvents(from: number, until: number, limit: number, withComments: boolean): TimedRecord[] {
    const out: TimedRecord[] = [];
    let lo = 0;
    let hi = this.stream.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stream[mid]!.timestamp < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.stream.length && out.length < limit; i++) {
      const entry = this.stream[i]!;
      if (entry.timestamp > until) break;
      const history = this.byId.get(entry.id)!;
      // Audits depend only on the updates before them, so the whole history's serve any instant.
      const records = this.ticketEventCache.get(`${entry.id}|${withComments}`, () =>
        renderTicketEvents(history, withComments),
      );
      out.push({ at: history.updates[entry.index]!.at, json: records[entry.index]! });
    }
    return out;
  }

  private metricEventIndex(): MetricEventIndex {
    if (this.metricIndex) return this.metricIndex;
    // One number per event orders the export: its second since the first ticket, then its
    // ticket, then its place in the ticket's own list (already by time, then id). A typed array
    // of such keys sorts natively, far faster than a comparator over a million events.
    const origin = Math.floor((this.account.tickets[0]?.updates[0]?.at ?? 0) / 1000);
    // A loop, not a spread: spreading 200k ids into Math.max overflows the call stack.
    const ticketSpan = this.account.tickets.reduce((most, history) => Math.max(most, history.id), 0) + 1;
    const keys: number[] = [];
    let maxSecond = 0;
    for (const history of this.account.tickets) {
      // Not through the cache: a million short-lived events are cheap, a cache of them is not.
      const events = ticketMetricStory(this.account, history).events;
      events.forEach((event, position) => {
        const second = Math.floor(event.at / 1000) - origin;
        maxSecond = Math.max(maxSecond, second);
        keys.push((second * ticketSpan + history.id) * EVENTS_PER_TICKET + position);
      });
    }
    if ((maxSecond + 1) * ticketSpan * EVENTS_PER_TICKET > Number.MAX_SAFE_INTEGER) {
      throw new RangeError('the account spans too many seconds and tickets to index its metric events');
    }
    const sortedKeys = Float64Array.from(keys).sort();
    const times = new Float64Array(sortedKeys.length);
    const tickets = new Int32Array(sortedKeys.length);
    const positions = new Int32Array(sortedKeys.length);
    sortedKeys.forEach((key, i) => {
      positions[i] = key % EVENTS_PER_TICKET;
      const rest = (key - positions[i]!) / EVENTS_PER_TICKET;
      tickets[i] = rest % ticketSpan;
      times[i] = ((rest - tickets[i]!) / ticketSpan + origin) * 1000;
    });
    this.metricIndex = { times, tickets, positions };
    return this.metricIndex;
  }

  metricEventStream(from: number, until: number, limit: number): TimedRecord[] {
    const index = this.metricEventIndex();
    let lo = 0;
    let hi = index.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.times[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const out: TimedRecord[] = [];
    for (let i = lo; i < index.times.length && out.length < limit; i++) {
      if (index.times[i]! > until) break;
      const event = this.metricEventsOf(this.byId.get(index.tickets[i]!)!)[index.positions[i]!]!;
      out.push({ at: event.at, json: metricEventJson(event) });
    }
    return out;
  }

  satisfactionRatings(asOf: number): TimedRecord[] {
    if (!this.ratingIndex) {
      const url = baseUrl(this.account);
      this.ratingIndex = this.account.tickets
        .flatMap((history) => ratingVersions(url, history).map((version) => ({ ...version, ticketId: history.id })))
        .sort((a, b) => a.at - b.at || a.ticketId - b.ticketId);
    }
    const current = new Map<number, RatingVersion>();
    for (const version of this.ratingIndex) {
      if (version.at > asOf) break;
      current.set(version.ticketId, version);
    }
    const out: TimedRecord[] = [];
    for (const { record } of current.values()) if (record) out.push({ at: record.updatedAt, json: record.json });
    return out.sort((a, b) => a.at - b.at || Number(a.json['id']) - Number(b.json['id']));
  }
}
