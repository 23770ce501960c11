import { z } from 'zod/mini';
import type { PullMode } from '../zendesk/account-snapshot';
import { pullAccount, STREAM_NUMBERS, type PullOptions, type PullResult } from '../zendesk/account-pull';
import type { DeletionCheck } from '../zendesk/agent-ticket-pull';
import { apiPaths } from '../zendesk/api-paths';
import type { Clock } from '../zendesk/clock';
import { credentialsFromEnv, CredentialsError, FetchTransport } from '../zendesk/node/fetch-transport';
import { FileSnapshotStore } from '../zendesk/node/file-snapshot-store';
import { RequestScheduler } from '../zendesk/request-scheduler';
import { ProgressDisplay } from './progress-display';
import type { SourceArgs } from './report-args';
import { UsageError } from './usage-error';

/** What the CLI needs from its surroundings to read a live account; tests pass their own. */
export interface LiveEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  stderr: (text: string) => void;
  stderrIsTerminal: boolean;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
}

const meSchema = z.looseObject({ user: z.looseObject({ id: z.number(), role: z.string() }) });

/** Admins get the incremental export; everyone else the agent path (https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user). */
async function whoAmI(scheduler: RequestScheduler): Promise<{ id: number; mode: PullMode }> {
  const parsed = meSchema.safeParse((await scheduler.get(apiPaths.me())).body);
  if (!parsed.success) throw new Error('GET /api/v2/users/me.json did not say who the credentials belong to');
  if (parsed.data.user.id === null || parsed.data.user.role === 'end-user') {
    throw new Error('the credentials belong to an end user or to nobody: an agent or admin is needed');
  }
  return { id: parsed.data.user.id, mode: parsed.data.user.role === 'admin' ? 'admin' : 'agent' };
}

export async function readLiveAccount(
  source: Extract<SourceArgs, { kind: 'live' }>,
  environment: LiveEnvironment,
  extra: Pick<PullOptions, 'onResponse' | 'streams' | 'fieldIds'> = {},
): Promise<PullResult & { mode: PullMode; scheduler: RequestScheduler }> {
  let credentials;
  try {
    credentials = credentialsFromEnv(environment.env);
  } catch (error) {
    if (error instanceof CredentialsError) throw new UsageError(error.message);
    throw error;
  }
  const transport = new FetchTransport({
    baseUrl: source.baseUrl,
    credentials,
    ...(environment.fetch ? { fetch: environment.fetch } : {}),
  });
  const scheduler = new RequestScheduler(transport, {
    ...(environment.clock ? { clock: environment.clock } : {}),
    ...(environment.random ? { random: environment.random } : {}),
    concurrency: 1,
  });
  const display = new ProgressDisplay(environment.stderr, environment.stderrIsTerminal, () =>
    (environment.clock ?? Date).now(),
  );
  // An OAuth token does not say whose it is, as an email does: the cache is keyed by the user
  // Zendesk says it belongs to, so two people's tokens never share one cache.
  const keyedByUser = credentials.kind === 'oauth' && source.cacheDir !== null;
  const me = source.as === 'auto' || keyedByUser ? await whoAmI(scheduler) : null;
  const mode = source.as === 'auto' ? me!.mode : source.as;
  try {
    const result = await pullAccount({
      scheduler,
      mode,
      ...(keyedByUser ? { accountKey: `${transport.accountKey}|user:${me!.id}` } : {}),
      startTime: source.since,
      ...(source.cacheDir !== null ? { store: new FileSnapshotStore(source.cacheDir) } : {}),
      ...(environment.clock ? { clock: environment.clock } : {}),
      onProgress: (progress) => display.update(progress),
      ...extra,
    });
    if (result.saveFailure !== null)
      environment.stderr(
        `warning: nothing was cached (${result.saveFailure}); the next report reads everything again\n`,
      );
    const deletions = deletionWarning(result.deletions);
    if (deletions !== null) environment.stderr(`warning: ${deletions}\n`);
    return { ...result, requests: scheduler.requests, mode, scheduler };
  } finally {
    display.finish();
  }
}

/**
 * What a pull could not learn of deleted tickets, for the user: search never returns a deleted
 * ticket, and a role that may not list deleted tickets rechecks only the unsolved ones it holds.
 */
export function deletionWarning(check: DeletionCheck): string | null {
  if (!check.unseen.includes('deleted-solved-tickets')) return null;
  return (
    `this role may not list deleted tickets: the unsolved tickets held were checked again (${check.removed} ` +
    `deleted since the last pull, dropped), but a solved or closed ticket deleted after it was read ` +
    `still counts in created, solved and their metrics; an admin's report has none of them`
  );
}

/** What each stream's absence leaves the report with (METRICS.md, Version 2 fallbacks). */
const FALLBACKS = {
  events: 'every number is credited to the current assignee, as with --credit assignee, and daily rows have no backlog',
  sla: 'the report has no SLA numbers',
  csat: 'CSAT is credited to the solver, or to the current assignee without ticket events',
} as const;

/**
 * Lines for stderr saying which numbers a live report lacks and why: each event stream Zendesk
 * refused to these credentials (they are for admins only), and what the report does instead.
 */
export function missingStreamNotes(result: Pick<PullResult, 'refusedStreams'>): string[] {
  return result.refusedStreams.map(
    (refused) =>
      `note: the report leaves out ${STREAM_NUMBERS[refused.stream]}: Zendesk refused its events to these credentials (HTTP ${refused.status}, admins only); ${FALLBACKS[refused.stream]}\n`,
  );
}
