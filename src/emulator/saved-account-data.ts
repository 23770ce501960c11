import {
  comparePositions,
  type AccountData,
  type StaffRecord,
  type StreamPosition,
  type TicketVersion,
  type TimedRecord,
} from './account-data';
import { sortResponses, type ResponseSource } from '../zendesk/response-dataset';

/**
 * Serves saved responses (`--data DIR`, the `--input` format) as a standing account: the tickets
 * as the pages left them (the later occurrence winning), their metric sets, users and groups.
 * There is no history behind them, so audits, metric events and SLAs are not found, and the event
 * exports are empty. Data without
 * any admin gets one (`admin@emulator.invalid`), so that someone can sign in to read it.
 */

export const FALLBACK_ADMIN_EMAIL = 'admin@emulator.invalid';

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

  audits(): null {
    return null;
  }

  metricEvents(): null {
    return null;
  }

  slas(): null {
    return null;
  }

  // Saved responses hold no history to tell events from: the event streams are empty.
  ticketEvents(): TimedRecord[] {
    return [];
  }

  metricEventStream(): TimedRecord[] {
    return [];
  }

  satisfactionRatings(): TimedRecord[] {
    return [];
  }
}
