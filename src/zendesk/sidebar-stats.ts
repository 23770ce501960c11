import type { TicketRecord } from '../metrics/ticket-record';
import type { TeamSummary } from '../metrics/team-summary';
import type { AccountSnapshot, PullMode, SnapshotStore } from './account-snapshot';
import { systemClock, type Clock } from './clock';
import { pullOwnTickets } from './own-tickets-pull';
import type { RequestScheduler } from './request-scheduler';
import { userNames } from './response-dataset';
import { checkSummaryRecord, parseTeamSummary, readSummaryRecord, type SummaryRead } from './team-summary-record';

/**
 * What the ticket sidebar shows an agent: their own tickets, and where the team's comparison
 * figures come from. With a published team summary (team-summary-record.ts) the agent's browser
 * reads the summary and the agent's own tickets only, a few requests whatever the account's size;
 * without one (none yet, custom objects not on the plan, a summary that cannot be used) it pulls
 * the account's last 31 days, as before the summary existed, and says why.
 *
 * Both kinds are cached per agent (the whole-account pull under the stats key, the agent's own
 * tickets under the key with `|own`), and the last answer about the summary beside them, so a
 * warm sidebar within the time to live sends nothing. A missing summary is looked for again at
 * most hourly: an account without custom objects must not pay a refused request per refresh.
 */

/** The last 30 days in the agent's zone may start up to a day before 30 × 24 h ago. */
export const STATS_DAYS = 31;
/** How long "no summary" (or "unavailable", "invalid") is believed before the summary is looked for again. */
export const SUMMARY_RECHECK_MS = 3_600_000;
/**
 * A summary older than this is not used: its last 7 days would be another week. The CLI is meant
 * to run hourly and a manager's report publishes hourly, so a week means publishing has stopped.
 */
export const SUMMARY_MAX_AGE_MS = 7 * 86_400_000;

/** The sidebar's periods, which a summary must hold (the keys `support-kpis publish` writes). */
export const SIDEBAR_PERIOD_KEYS = ['last7', 'last30'] as const;

export type FallbackReason = 'none' | 'unavailable' | 'invalid' | 'stale';

export type TeamSource =
  /** The team's figures are the published summary's. */
  | { kind: 'summary'; summary: TeamSummary }
  /** The team's figures come from the account's tickets, pulled by this browser, for this reason. */
  | { kind: 'account'; reason: FallbackReason };

export interface SidebarStats {
  tickets: TicketRecord[];
  names: Map<number, string>;
  updatedAt: number;
  team: TeamSource;
}

/** The last answer about the summary, and when it was had. */
export interface SummaryMemo {
  checkedAt: number;
  read: SummaryRead;
}

export interface SummaryMemoStore {
  load(key: string): SummaryMemo | null;
  save(key: string, memo: SummaryMemo): void;
}

export class MemorySummaryMemos implements SummaryMemoStore {
  private readonly memos = new Map<string, SummaryMemo>();
  load(key: string): SummaryMemo | null {
    return this.memos.get(key) ?? null;
  }
  save(key: string, memo: SummaryMemo): void {
    this.memos.set(key, memo);
  }
}

const MEMO_PREFIX = 'support-kpis:summary:';

/** The part of the Web Storage API the memos use (this folder is also the CLI's, which has no DOM types). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Memos in the browser's storage, shared by the agent's ticket tabs. The summary holds team-level
 * figures only (every agent may read the record anyway), so keeping it there exposes nothing. A
 * stored memo is checked as strictly as Zendesk's answer; one that is not what this code writes
 * is ignored, and a storage that refuses (full, disabled) only costs the next load a request.
 */
export class StorageSummaryMemos implements SummaryMemoStore {
  constructor(private readonly storage: KeyValueStorage) {}

  load(key: string): SummaryMemo | null {
    let raw: unknown;
    try {
      raw = JSON.parse(this.storage.getItem(MEMO_PREFIX + key) ?? 'null');
    } catch {
      return null;
    }
    if (typeof raw !== 'object' || raw === null) return null;
    const { checkedAt, read } = raw as { checkedAt?: unknown; read?: { state?: unknown } & Record<string, unknown> };
    if (typeof checkedAt !== 'number' || !Number.isFinite(checkedAt) || typeof read !== 'object' || read === null)
      return null;
    switch (read.state) {
      case 'found': {
        const summary = parseTeamSummary(read['summary']);
        const publishedBy = read['publishedBy'];
        return summary && typeof publishedBy === 'number'
          ? { checkedAt, read: { state: 'found', summary, publishedBy } }
          : null;
      }
      case 'none':
        return { checkedAt, read: { state: 'none' } };
      case 'unavailable':
      case 'invalid':
        return typeof read['reason'] === 'string'
          ? { checkedAt, read: { state: read.state, reason: read['reason'] } }
          : null;
      default:
        return null;
    }
  }

  save(key: string, memo: SummaryMemo): void {
    try {
      this.storage.setItem(MEMO_PREFIX + key, JSON.stringify(memo));
    } catch {
      // Not kept: the next load asks Zendesk again, which is all a memo saves.
    }
  }
}

/** Whether a summary read can stand for the team in the sidebar, and if not why. */
export function teamSourceOf(read: SummaryRead, now: number): TeamSource {
  if (read.state !== 'found') return { kind: 'account', reason: read.state };
  const { summary } = read;
  if (now - Date.parse(summary.generated_at) > SUMMARY_MAX_AGE_MS) return { kind: 'account', reason: 'stale' };
  // The agent's own numbers are credited to the assignee (the app reads no event streams): a
  // summary credited by actor would compare them with medians of other scorecards.
  const periods = new Set(summary.periods.map((period) => period.key));
  if (summary.credit !== 'assignee' || SIDEBAR_PERIOD_KEYS.some((key) => !periods.has(key)))
    return { kind: 'account', reason: 'invalid' };
  return { kind: 'summary', summary };
}

export interface SidebarStatsOptions {
  scheduler: RequestScheduler;
  store: SnapshotStore;
  memos: SummaryMemoStore;
  /** The agent's cache key (account and user). */
  key: string;
  userId: number;
  /** How the whole-account fallback reads: admins through the incremental export, agents through search. */
  mode: PullMode;
  ttlMinutes: number;
  /** Read from Zendesk however fresh the cache (the Refresh button), the summary included. */
  forced: boolean;
  /** The whole-account snapshot, if its read was started early (preloadStats). */
  cachedAccount?: Promise<AccountSnapshot | null>;
  clock?: Clock;
  signal?: AbortSignal;
  /** Once the cache has been read, whatever it held (for a performance mark). */
  onCacheRead?: () => void;
  /** The cached stats, shown while they are read again (or, when fresh, instead). */
  onCached?: (stats: SidebarStats) => void;
}

/** The cache key of the agent's own tickets. */
export const ownKey = (key: string) => `${key}|own`;

/**
 * Shows what the cache holds through `onCached`, then, unless that is fresh, reads Zendesk:
 * the summary (1 request, plus 1 to check who wrote it) and, with a usable one, the agent's own
 * tickets; otherwise the account. Resolves with what was read, or null when the cache was fresh.
 */
export async function loadSidebarStats(options: SidebarStatsOptions): Promise<SidebarStats | null> {
  const { scheduler, store, memos, key, mode, signal } = options;
  const clock = options.clock ?? systemClock;
  const ttl = options.ttlMinutes * 60_000;
  const now = clock.now();
  const [account, ownCached] = await Promise.all([options.cachedAccount ?? store.load(key), store.load(ownKey(key))]);
  const memo = memos.load(key);
  options.onCacheRead?.();
  const memoTeam = memo ? teamSourceOf(memo.read, now) : null;
  const accountUsable = account !== null && account.complete && account.mode === mode;
  const ownUsable = ownCached !== null && ownCached.complete && memoTeam?.kind === 'summary';

  let fresh = false;
  if (ownUsable && (!accountUsable || ownCached.updatedAt >= account.updatedAt)) {
    options.onCached?.({
      tickets: ownCached.tickets,
      names: new Map(),
      updatedAt: ownCached.updatedAt,
      team: memoTeam,
    });
    fresh = now - ownCached.updatedAt < ttl && now - memo!.checkedAt < ttl;
  } else if (accountUsable) {
    options.onCached?.({
      tickets: account.tickets,
      names: userNames(new Map(account.users.map((user) => [user.id, user]))),
      updatedAt: account.updatedAt,
      team: memoTeam?.kind === 'account' ? memoTeam : { kind: 'account', reason: 'none' },
    });
    fresh = now - account.updatedAt < ttl;
  }
  if (fresh && !options.forced) return null;

  // A whole-account snapshot from before the summary existed was made when there was none: the
  // time its directory was read stands for the last look.
  const lastLook = memo?.checkedAt ?? (accountUsable ? account.directoryFetchedAt : null);
  const look =
    options.forced || lastLook === null || memoTeam?.kind === 'summary' || now - lastLook >= SUMMARY_RECHECK_MS;
  const startTime = Math.floor(now / 1000) - STATS_DAYS * 86_400;
  // Once a record is there, the agent's own tickets are read beside the check of who wrote it:
  // the first number waits for the slower of the two, not for both in turn.
  const ownAbort = new AbortController();
  const abortOwn = () => ownAbort.abort();
  signal?.addEventListener('abort', abortOwn);
  const readOwn = () =>
    pullOwnTickets({
      scheduler,
      userId: options.userId,
      accountKey: ownKey(key),
      startTime,
      store,
      clock,
      signal: ownAbort.signal,
    });
  let own: ReturnType<typeof readOwn> | null = null;
  try {
    let team: TeamSource = memoTeam ?? { kind: 'account', reason: 'none' };
    if (look) {
      const first = await readSummaryRecord(scheduler, signal);
      let read: SummaryRead;
      if (first.state === 'record') {
        own = readOwn();
        // Its failure is met where it is awaited; until then it must not count as unhandled.
        own.catch(() => undefined);
        read = await checkSummaryRecord(scheduler, first.record, signal);
      } else read = first;
      memos.save(key, { checkedAt: clock.now(), read });
      team = teamSourceOf(read, now);
    }

    if (team.kind === 'summary') {
      const result = await (own ?? readOwn());
      return { tickets: result.tickets, names: new Map(), updatedAt: result.snapshot.updatedAt, team };
    }
    if (own) {
      // A record that cannot be used: the own tickets are not needed after all.
      ownAbort.abort();
      await own.catch(() => undefined);
    }
    // Loaded only here: with a published summary (the usual case) the sidebar never reads the
    // account, so its page does not download the whole-account pull.
    const { pullAccount } = await import('./account-pull');
    const result = await pullAccount({
      scheduler,
      mode,
      store,
      accountKey: key,
      // The app does not read the event streams yet: at the export limit of 10 a minute they would
      // hold back the first number, and an agent's browser would spend requests on refusals.
      streams: [],
      startTime,
      clock,
      ...(signal ? { signal } : {}),
    });
    return {
      tickets: result.dataset.tickets,
      names: userNames(result.dataset.users),
      updatedAt: result.snapshot.updatedAt,
      team,
    };
  } finally {
    ownAbort.abort();
    signal?.removeEventListener('abort', abortOwn);
  }
}
