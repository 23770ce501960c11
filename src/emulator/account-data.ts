/**
 * What the emulated API serves, whatever it comes from: a simulated account whose tickets keep
 * changing as the clock runs, or saved responses (`--data DIR`) that stand still.
 */

export interface TicketVersion {
  id: number;
  /** The ticket as `GET /api/v2/tickets/{id}` returns it. */
  ticket: Record<string, unknown>;
  /** Its metric set, or null when the data has none. */
  metricSet: Record<string, unknown> | null;
  /** Epoch seconds of the update that made this version (`generated_timestamp`). */
  generatedTimestamp: number;
}

/** A position in the export stream: after the ticket `id` whose version is at `timestamp`. */
export interface StreamPosition {
  timestamp: number;
  id: number;
}

export interface StaffRecord {
  id: number;
  role: 'admin' | 'agent' | 'end-user';
  customRoleId: number | null;
  email: string;
  /** The groups they are a member of, when the data knows (ticket-restriction.ts reads it). */
  groupIds?: readonly number[];
  json: Record<string, unknown>;
}

export interface AccountData {
  readonly subdomain: string;
  /** Versions changed after `after` and at or before `until` (epoch s), in stream order. */
  changedTickets(after: StreamPosition, until: number, limit: number): TicketVersion[];
  /** The ticket as it stands at `asOf` (epoch ms), or null when it does not exist then. */
  ticket(id: number, asOf: number): TicketVersion | null;
  /** Every ticket as it stands at `asOf`, for search. */
  allTickets(asOf: number): TicketVersion[];
  users(): StaffRecord[];
  groups(): Record<string, unknown>[];
  brands(): Record<string, unknown>[];
  /** `GET /api/v2/ticket_fields`: the system fields and the account's custom fields. */
  ticketFields(): Record<string, unknown>[];
  /**
   * Installation settings that fit this account beyond the manifest's defaults (the survey
   * fields it holds), for the workspace's app.
   */
  appSettings(): Record<string, unknown>;
  audits(id: number, asOf: number): Record<string, unknown>[] | null;
  metricEvents(id: number, asOf: number): Record<string, unknown>[] | null;
  slas(id: number, asOf: number): Record<string, unknown> | null;
  /** Ticket event export records whose second is in [from, until] (epoch s), in stream order, at most `limit`. */
  ticketEvents(from: number, until: number, limit: number, withComments: boolean): TimedRecord[];
  /** Ticket metric events timed in [from, until] (epoch ms), by time then id, at most `limit`. */
  metricEventStream(from: number, until: number, limit: number): TimedRecord[];
  /** Satisfaction rating records as they stand at `asOf`, by update time then id. */
  satisfactionRatings(asOf: number): TimedRecord[];
}

/** A record of an event stream with the instant (epoch ms) it is ordered and filtered by. */
export interface TimedRecord {
  at: number;
  json: Record<string, unknown>;
}

export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  return a.timestamp - b.timestamp || a.id - b.id;
}
