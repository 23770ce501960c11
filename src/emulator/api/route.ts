import type { StaffRecord, TicketVersion } from '../account-data';
import { mayRead, readerOf } from '../ticket-restriction';

/** What every route table shares: the request as a route sees it, and Zendesk's errors. */

export interface RequestContext {
  user: StaffRecord;
  url: URL;
  origin: string;
  /** Zendesk time of the request, epoch ms. */
  now: number;
  viaApp: boolean;
}

export type Route = [RegExp, (context: RequestContext, match: RegExpExecArray) => unknown];

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export const FORBIDDEN = {
  error: 'Forbidden',
  description:
    'You do not have access to this page. Please contact the account owner of this help desk for further help.',
};
export const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };
export const MINUTE = 60_000;

export function requireAdmin(context: RequestContext): void {
  if (context.user.role !== 'admin') throw new HttpError(403, FORBIDDEN);
}

/** Which tickets the signed-in user may read (their role and `ticket_restriction`), for filtering lists. */
export function readableBy(context: RequestContext): (version: TicketVersion) => boolean {
  const reader = readerOf(context.user);
  return (version) => mayRead(reader, version.ticket);
}

/**
 * A ticket the user may not read answers 403, as Zendesk answers a restricted agent who opens a
 * ticket outside their groups (the ticket exists; they are not shown it).
 */
export function requireReadable(context: RequestContext, version: TicketVersion): void {
  if (!readableBy(context)(version)) throw new HttpError(403, FORBIDDEN);
}

export function integerParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: `${name} must be a whole number from ${min} to ${max}`,
    });
  }
  return value;
}

export function includes(url: URL): Set<string> {
  return new Set(
    (url.searchParams.get('include') ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
}
