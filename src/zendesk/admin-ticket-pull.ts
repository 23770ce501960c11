import type { BackfillStretch } from './account-snapshot';
import { planStreams, readNewest, readOlder } from './event-stream-pull';
import { cursorTime, exportTickets, type ExportPosition } from './incremental-ticket-export';
import type { PullSession } from './pull-session';

/**
 * The admin pull: the cursor-based incremental ticket export with metric_sets, T/1000 requests
 * for T tickets; a refresh with nothing changed is one request (the export's last page).
 * A first pull with `recentFrom` reads the newest stretch first, then the older ones (`backfill`),
 * then what changed meanwhile. The event streams asked for follow the tickets in each stretch
 * (`event-stream-pull.ts`), so this period's report, events and all, is whole first.
 */
export async function pullAdminTickets(session: PullSession): Promise<void> {
  const { options } = session;
  const nowSeconds = () => Math.floor(session.clock.now() / 1000);
  if (!session.exportPosition) {
    const startTime = options.startTime ?? 0;
    const starts = [...new Set(options.recentFrom ?? [])]
      .filter((time) => time > startTime && time < nowSeconds())
      .sort((a, b) => b - a);
    session.exportPosition = { cursor: null, startTime: starts[0] ?? startTime };
    session.backfill = [...starts, startTime]
      .slice(1)
      .map((from, index) => ({ position: { cursor: null, startTime: from }, until: starts[index]! }));
    planStreams(session, starts);
  } else {
    // A cache from before the streams were asked for: they are read from the start, at once.
    planStreams(session, []);
  }
  const head = session.exportPosition;
  // Resumed in the history, the stretches newer than the one under way are already whole.
  const headCovers = session.backfill[0]?.until ?? head.startTime;
  await readStretch(session, head, undefined, headCovers, session.backfill.length > 0, (position) => {
    session.exportPosition = position;
  });
  await readNewest(session);
  if (session.backfill.length === 0) {
    // Only a stream's older stretches may be left, from a pull interrupted while reading them.
    await readOlder(session);
    return;
  }

  session.phase = 'history';
  while (session.backfill.length > 0) {
    const [stretch, ...rest] = session.backfill as [BackfillStretch, ...BackfillStretch[]];
    // The bar stays where it is (PullSession reports no less): the next page re-estimates.
    session.estimatedMsLeft = null;
    session.report();
    await readStretch(session, stretch.position, stretch.until, stretch.position.startTime, rest.length > 0, (at) => {
      session.backfill = [{ position: at, until: stretch.until }, ...rest];
    });
    session.backfill = rest;
    await readOlder(session, stretch.until);
  }
  await readOlder(session);
  // What changed while the history was read: usually the one request of an unchanged refresh.
  session.phase = 'tickets';
  const tail = session.exportPosition!;
  await readStretch(session, tail, undefined, tail.startTime, false, (position) => {
    session.exportPosition = position;
  });
  await readNewest(session);
}

/**
 * Reads one stretch; once its last page is in, every ticket changed since `covers` has been read.
 * `more`: whether other stretches follow, in which case there is no time left to tell.
 */
async function readStretch(
  session: PullSession,
  from: ExportPosition,
  until: number | undefined,
  covers: number,
  more: boolean,
  moved: (position: ExportPosition) => void,
): Promise<void> {
  const { clock, collector, options } = session;
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  const end = () => until ?? nowSeconds();
  // From the account's beginning, the stream really starts at its oldest ticket, not in 1970.
  let streamStart: number | null = from.cursor ? (cursorTime(from.cursor) ?? from.startTime) : null;
  let pages = 0;
  for await (const page of exportTickets(session.scheduler, from, nowSeconds, session.signal, until)) {
    streamStart ??= Math.max(
      from.startTime,
      Math.min(...page.body.tickets.map(generatedTimestamp).filter((time) => time !== null), end()),
    );
    await options.onResponse?.('tickets', page.path, page.body);
    collector.addTicketPage(page.path, page.body);
    if (page.last) session.coveredFrom = Math.min(session.coveredFrom ?? covers, covers);
    session.partial();
    moved(page.position);
    pages++;
    const share = page.body.end_of_stream ? 1 : exportShare(page.position, streamStart, end());
    // Pages left in this stretch at the pace of those read; the stretches still to come, at the
    // same tickets per second of time, over the time they span (a guess: no time left from it).
    const left = share === null || share <= 0 ? null : (pages * (1 - share)) / share;
    const pagesPerSecond = share === null || share <= 0 ? 0 : pages / share / Math.max(1, end() - streamStart);
    const later = more ? pagesPerSecond * Math.max(0, covers - accountStart(session, page.body.tickets)) : 0;
    session.expectLeft(left === null ? null : left + later, page.path, !more);
    session.report();
    await session.checkpoint();
  }
}

/**
 * Epoch seconds of the account's beginning as far as the pull can tell: the start asked for, or
 * the oldest ticket creation seen so far (old tickets updated lately are in the newest stretch).
 */
function accountStart(session: PullSession, page: readonly unknown[]): number {
  const asked = session.options.startTime ?? 0;
  if (asked > 0) return asked;
  for (const ticket of page) {
    const created = Date.parse(
      typeof ticket === 'object' && ticket !== null ? String((ticket as { created_at?: unknown }).created_at) : '',
    );
    if (Number.isFinite(created)) session.oldestCreated = Math.min(session.oldestCreated, Math.floor(created / 1000));
  }
  return Number.isFinite(session.oldestCreated) ? session.oldestCreated : Math.floor(session.clock.now() / 1000);
}

function generatedTimestamp(ticket: unknown): number | null {
  const value =
    typeof ticket === 'object' && ticket !== null
      ? (ticket as { generated_timestamp?: unknown }).generated_timestamp
      : undefined;
  return typeof value === 'number' ? value : null;
}

/**
 * The export runs through time: the share of the time from its start to now that the cursor has
 * passed is the share of the work done.
 */
function exportShare(position: ExportPosition, startTime: number, nowSeconds: number): number | null {
  const reached = position.cursor ? cursorTime(position.cursor) : null;
  if (reached === null || nowSeconds <= startTime) return null;
  return Math.min(1, Math.max(0, (reached - startTime) / (nowSeconds - startTime)));
}
