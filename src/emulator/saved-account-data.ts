import {
  comparePositions,
  type AccountData,
  type StaffRecord,
  type StreamPosition,
  type TicketVersion,
  type TimedRecord,
} from './account-data';
import { sortResponses, type ResponseSource } from '../zendesk/response-dataset';
import { recordedExchangeSchema } from '../zendesk/schemas';
import { renderTicketFields } from './ticket-fields';

/**
 * Serves saved responses (`--data DIR`, the `--input` format) as a standing account: the tickets
 * as the pages left them (the later occurrence winning), their metric sets, users and groups.
 * There is no history behind them, so audits, metric events and SLAs are not found; the event
 * exports serve the saved event pages, if any. Data without
 * any admin gets one (`admin@emulator.invalid`), so that someone can sign in to read it.
 */

export const FALLBACK_ADMIN_EMAIL = 'admin@emulator.invalid';

/** The saved event streams, by the key their pages hold them under, and the field that times a record. */
const STREAM_TIMES = {
  ticket_events: 'created_at',
  ticket_metric_events: 'time',
  satisfaction_ratings: 'updated_at',
} as const;
type StreamKey = keyof typeof STREAM_TIMES;

/**
 * Every record of the saved event pages, each once by id (time-based pages overlap at their
 * edges; the later file wins), by time then id. A record without an id or a readable time is
 * left out, as the client leaves it out.
 */
function savedStreams(sources: readonly ResponseSource[]): Record<StreamKey, TimedRecord[]> {
  const byId: Record<StreamKey, Map<number, TimedRecord>> = {
    ticket_events: new Map(),
    ticket_metric_events: new Map(),
    satisfaction_ratings: new Map(),
  };
  for (const source of [...sources].sort((a, b) => a.name.localeCompare(b.name))) {
    const exchange = recordedExchangeSchema.safeParse(source.body);
    const body = record(exchange.success ? exchange.data.response.body : source.body);
    if (!body) continue;
    for (const key of Object.keys(STREAM_TIMES) as StreamKey[]) {
      const records = body[key];
      if (!Array.isArray(records)) continue;
      for (const raw of records) {
        const json = record(raw);
        const at = Date.parse(String(json?.[STREAM_TIMES[key]] ?? json?.['created_at']));
        if (json && typeof json['id'] === 'number' && Number.isFinite(at)) byId[key].set(json['id'], { at, json });
      }
    }
  }
  const ordered = (map: Map<number, TimedRecord>) =>
    [...map.values()].sort((a, b) => a.at - b.at || Number(a.json['id']) - Number(b.json['id']));
  return {
    ticket_events: ordered(byId.ticket_events),
    ticket_metric_events: ordered(byId.ticket_metric_events),
    satisfaction_ratings: ordered(byId.satisfaction_ratings),
  };
}

function within(records: readonly TimedRecord[], from: number, until: number, limit: number): TimedRecord[] {
  const out: TimedRecord[] = [];
  for (const timed of records) {
    if (out.length >= limit || timed.at > until) break;
    if (timed.at >= from) out.push(timed);
  }
  return out;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export class SavedAccountData implements AccountData {
  private readonly versions: TicketVersion[] = [];
  private readonly byId = new Map<number, TicketVersion>();
  private readonly staff: StaffRecord[] = [];
  private readonly groupList: Record<string, unknown>[] = [];
  private readonly savedStreams: Record<StreamKey, TimedRecord[]>;

  constructor(
    sources: readonly ResponseSource[],
    readonly subdomain = 'saved',
  ) {
    const sorted = sortResponses(sources);
    for (const page of sorted.ticketPages) {
      const metricSets = new Map<number, Record<string, unknown>>();
      for (const raw of page.metricSets) {
        const set = record(raw);
        if (set && typeof set['ticket_id'] === 'number') metricSets.set(set['ticket_id'], set);
      }
      for (const raw of page.tickets) {
        const ticket = record(raw);
        if (!ticket || typeof ticket['id'] !== 'number') continue;
        const id = ticket['id'];
        const embedded = record(ticket['metric_set']);
        const { metric_set: _embedded, ...plain } = ticket;
        const generated =
          typeof ticket['generated_timestamp'] === 'number'
            ? ticket['generated_timestamp']
            : Math.floor(Date.parse(String(ticket['updated_at'] ?? ticket['created_at'])) / 1000) || 0;
        this.byId.set(id, {
          id,
          ticket: plain,
          metricSet: metricSets.get(id) ?? embedded,
          generatedTimestamp: generated,
        });
      }
    }
    this.versions = [...this.byId.values()].sort((a, b) =>
      comparePositions({ timestamp: a.generatedTimestamp, id: a.id }, { timestamp: b.generatedTimestamp, id: b.id }),
    );

    const users = new Map<number, Record<string, unknown>>();
    for (const page of sorted.userPages) {
      for (const raw of page.records) {
        const user = record(raw);
        if (user && typeof user['id'] === 'number') users.set(user['id'], user);
      }
    }
    for (const [id, user] of users) {
      const role = user['role'] === 'admin' || user['role'] === 'agent' ? user['role'] : 'end-user';
      this.staff.push({
        id,
        role,
        customRoleId: typeof user['custom_role_id'] === 'number' ? user['custom_role_id'] : null,
        email: String(user['email'] ?? `user${id}@emulator.invalid`),
        json: user,
      });
    }
    if (!this.staff.some((user) => user.role === 'admin')) {
      const id = 1;
      this.staff.push({
        id,
        role: 'admin',
        customRoleId: null,
        email: FALLBACK_ADMIN_EMAIL,
        json: { id, name: 'Emulator Admin', email: FALLBACK_ADMIN_EMAIL, role: 'admin', active: true },
      });
    }
    this.savedStreams = savedStreams(sources);
    for (const page of sorted.groupPages) {
      for (const raw of page.records) {
        const group = record(raw);
        if (group && typeof group['id'] === 'number') this.groupList.push(group);
      }
    }
  }

  changedTickets(after: StreamPosition, until: number, limit: number): TicketVersion[] {
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const version = this.versions[mid]!;
      if (comparePositions({ timestamp: version.generatedTimestamp, id: version.id }, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const out: TicketVersion[] = [];
    for (let i = lo; i < this.versions.length && out.length < limit; i++) {
      if (this.versions[i]!.generatedTimestamp > until) break;
      out.push(this.versions[i]!);
    }
    return out;
  }

  ticket(id: number): TicketVersion | null {
    return this.byId.get(id) ?? null;
  }

  allTickets(): TicketVersion[] {
    return [...this.byId.values()];
  }

  users(): StaffRecord[] {
    return this.staff;
  }

  groups(): Record<string, unknown>[] {
    return this.groupList;
  }

  brands(): Record<string, unknown>[] {
    const ids = new Set(
      this.versions.map((version) => version.ticket['brand_id']).filter((id): id is number => typeof id === 'number'),
    );
    return [...ids].map((id) => ({ id, name: `Brand ${id}`, active: true }));
  }

  /** The custom fields the saved tickets hold, by id: saved responses do not say their type or title. */
  ticketFields(): Record<string, unknown>[] {
    const ids = new Set<number>();
    for (const version of this.versions) {
      const fields = version.ticket['custom_fields'];
      if (!Array.isArray(fields)) continue;
      for (const field of fields) {
        const id = (field as { id?: unknown } | null)?.id;
        if (typeof id === 'number') ids.add(id);
      }
    }
    const custom = [...ids].sort((a, b) => a - b).map((id) => ({ id, type: 'text', title: `Field ${id}` }));
    return renderTicketFields(`https://${this.subdomain}.zendesk.com`, custom);
  }

  /** Saved responses do not say which fields are surveys: the app keeps the manifest's defaults. */
  appSettings(): Record<string, unknown> {
    return {};
  }

  audits(): null {
    return null;
  }

  metricEvents(): null {
    return null;
  }

  slas(): null {
    return null;
  }

  // The event streams are the saved event pages (`export --include events,sla,csat`), as saved:
  // a ticket event page saved without comment events is served without them.
  ticketEvents(from: number, until: number, limit: number): TimedRecord[] {
    return within(this.savedStreams.ticket_events, from * 1000, until * 1000 + 999, limit);
  }

  metricEventStream(from: number, until: number, limit: number): TimedRecord[] {
    return within(this.savedStreams.ticket_metric_events, from, until, limit);
  }

  satisfactionRatings(asOf: number): TimedRecord[] {
    return within(this.savedStreams.satisfaction_ratings, 0, asOf, Number.MAX_SAFE_INTEGER);
  }
}
