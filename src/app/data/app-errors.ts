import { PullError } from '../../zendesk/pull-error';
import { ZendeskApiError } from '../../zendesk/api-errors';

/** What went wrong, in the terms the UI explains to a person: each kind has its own message. */
export type ProblemKind = 'permission' | 'rate-limit' | 'offline' | 'server-error' | 'not-found' | 'unknown';

export interface Problem {
  kind: ProblemKind;
  /** The technical detail, shown on request. */
  detail: string;
}

export function describeProblem(error: unknown): Problem {
  const cause = error instanceof PullError && error.cause !== undefined ? error.cause : error;
  const detail = error instanceof Error ? error.message : String(error);
  if (cause instanceof ZendeskApiError) {
    if (cause.status === 401 || cause.status === 403) return { kind: 'permission', detail };
    if (cause.status === 429) return { kind: 'rate-limit', detail };
    if (cause.status === 404) return { kind: 'not-found', detail };
    // The scheduler gave up retrying: Zendesk answered, with errors of its own, not a rate limit.
    if (cause.status !== null && cause.status >= 500) return { kind: 'server-error', detail };
    if (cause.status === null) return { kind: 'offline', detail };
  }
  return { kind: 'unknown', detail };
}
