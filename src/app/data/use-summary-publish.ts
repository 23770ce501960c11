import { useEffect, useMemo, useState } from 'react';
import { ticketsInPlay } from '../../metrics/compute-report';
import { summaryWindows } from '../../metrics/summary-periods';
import { buildTeamSummary } from '../../metrics/team-summary';
import { isUnsolved, type TicketRecord } from '../../metrics/ticket-record';
import { ZafTransport } from '../../zendesk/browser/zaf-transport';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import { publishTeamSummary } from '../../zendesk/team-summary-record';
import type { ZafSession } from '../zaf/zaf-session';

/**
 * An admin's report publishes the team summary the agents' sidebars read (team-summary-record.ts),
 * so an account needs no cron job for it: after a whole load, at most once an hour per browser,
 * in three requests (the object, its fields, the record; creating them the first time). The CLI's
 * `publish` makes the same document. Only admins: Zendesk lets only them create the object, and
 * the sidebar trusts only a record an admin wrote last.
 */

/** A summary is published again once the last one from this browser is this old. */
export const PUBLISH_EVERY_MS = 3_600_000;

const LAST_KEY_PREFIX = 'support-kpis:summary-published:';

export type PublishOutcome =
  | { status: 'published'; at: number; recordId: string }
  | { status: 'not-due' }
  | { status: 'failed'; at: number; message: string };

/**
 * The tickets the summary's periods can count: those in play in the longest period, and every
 * unsolved one (an agent with only a backlog has a scorecard). The rest of the history changes
 * nothing, and a report may hold a million tickets.
 */
export function summaryTickets(tickets: readonly TicketRecord[], now: number, timeZone: string): TicketRecord[] {
  const windows = summaryWindows(now, timeZone);
  const longest = windows.reduce((a, b) => (b.window.from < a.window.from ? b : a)).window;
  const inPlay = new Set(ticketsInPlay(tickets, longest));
  return tickets.filter((ticket) => inPlay.has(ticket) || isUnsolved(ticket.status));
}

/**
 * Publishes when due: the last attempt from this browser (published or failed: a plan without
 * custom objects refuses every time) is an hour old or more. `storage` remembers it per account.
 */
export async function publishSummaryIfDue(options: {
  scheduler: RequestScheduler;
  tickets: readonly TicketRecord[];
  timeZone: string;
  account: string;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  now: number;
  signal?: AbortSignal;
}): Promise<PublishOutcome> {
  const { storage, now, timeZone } = options;
  const key = LAST_KEY_PREFIX + options.account;
  let last = Number.NaN;
  try {
    last = Number(storage?.getItem(key) ?? Number.NaN);
  } catch {
    // Unreadable storage: publish, as a first visit would.
  }
  if (Number.isFinite(last) && now - last < PUBLISH_EVERY_MS) return { status: 'not-due' };
  const remember = () => {
    try {
      storage?.setItem(key, String(now));
    } catch {
      // Not kept: the next whole load publishes again, which costs three requests.
    }
  };
  const summary = buildTeamSummary(summaryTickets(options.tickets, now, timeZone), {
    periods: summaryWindows(now, timeZone),
    now,
  });
  try {
    const published = await publishTeamSummary(options.scheduler, summary, options.signal);
    remember();
    return { status: 'published', at: now, recordId: published.recordId };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    remember();
    return { status: 'failed', at: now, message: error instanceof Error ? error.message : String(error) };
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * For the nav-bar report: publishes once the tickets on screen are the whole account (`whole`),
 * if the viewer is an admin and it is due. The outcome is for the report to show, if it likes.
 */
export function useSummaryPublish(
  session: ZafSession,
  tickets: readonly TicketRecord[] | null,
  whole: boolean,
): PublishOutcome | null {
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const admin = session.user.role === 'admin';
  const scheduler = useMemo(
    () =>
      new RequestScheduler(
        new ZafTransport(session.client, `${session.context.account.subdomain}|user:${session.user.id}|publish`),
        { rules: appRules(), concurrency: 1 },
      ),
    [session],
  );
  useEffect(() => {
    if (!admin || !whole || !tickets || tickets.length === 0) return;
    const controller = new AbortController();
    publishSummaryIfDue({
      scheduler,
      tickets,
      timeZone: session.user.timeZone ?? 'UTC',
      account: session.context.account.subdomain,
      storage: browserStorage(),
      now: Date.now(),
      signal: controller.signal,
    }).then(
      (result) => {
        if (!controller.signal.aborted) setOutcome(result);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [admin, whole, tickets, scheduler, session]);
  return outcome;
}
