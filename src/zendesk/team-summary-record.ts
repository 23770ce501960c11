import { z } from 'zod/mini';
import { COMPARED_METRICS } from '../metrics/agent-comparison';
import { TEAM_SUMMARY_FORMAT, type TeamSummary } from '../metrics/team-summary';
import { ZendeskApiError } from './api-errors';
import { AbortedError } from './clock';
import type { RequestScheduler } from './request-scheduler';
import './zod-messages';

/**
 * The team summary kept in the account itself, as one record of a custom object: published by a
 * manager (the CLI's `publish`), read by every agent's sidebar in a request or two. Custom objects
 * are Zendesk's own storage, readable by every agent through their session, so nothing outside
 * Zendesk is needed; that is also why the summary holds team-level figures only.
 */

export const SUMMARY_OBJECT_KEY = 'support_kpis_summary';
export const SUMMARY_EXTERNAL_ID = 'team-summary';
const PAYLOAD_FIELD = 'payload';
const GENERATED_FIELD = 'generated_at';
/** The local Zendesk's textarea bound, and a safe one for Zendesk's. */
export const PAYLOAD_MAX_CHARS = 65_535;

const OBJECT_PATH = `/api/v2/custom_objects/${SUMMARY_OBJECT_KEY}`;

export class SummaryPublishError extends Error {
  override name = 'SummaryPublishError';
}

/** Creates the object and its fields when they are missing (admins only), then writes the record. */
export async function publishTeamSummary(
  scheduler: RequestScheduler,
  summary: TeamSummary,
  signal?: AbortSignal,
): Promise<{ recordId: string; createdObject: boolean; chars: number }> {
  const payload = JSON.stringify(summary);
  if (payload.length > PAYLOAD_MAX_CHARS) {
    throw new SummaryPublishError(
      `the team summary is ${payload.length} characters, more than the ${PAYLOAD_MAX_CHARS} a record's text field holds; publish fewer periods or groups`,
    );
  }
  let createdObject = false;
  try {
    await scheduler.get(`${OBJECT_PATH}.json`, signal);
  } catch (error) {
    if (!(error instanceof ZendeskApiError) || error.status !== 404) throw explain(error);
    await send(
      scheduler,
      'POST',
      '/api/v2/custom_objects.json',
      {
        custom_object: {
          key: SUMMARY_OBJECT_KEY,
          title: 'Support KPIs summary',
          title_pluralized: 'Support KPIs summaries',
          description: "Team-level figures published by the Support KPIs app for agents' sidebars. No ticket data.",
        },
      },
      signal,
    );
    createdObject = true;
  }
  const fields = z
    .object({ custom_object_fields: z.array(z.looseObject({ key: z.string() })) })
    .parse((await scheduler.get(`${OBJECT_PATH}/fields.json`, signal)).body);
  const have = new Set(fields.custom_object_fields.map((field) => field.key));
  for (const [key, title, type] of [
    [PAYLOAD_FIELD, 'Summary (JSON)', 'textarea'],
    [GENERATED_FIELD, 'Generated at', 'text'],
  ] as const) {
    if (!have.has(key)) {
      await send(
        scheduler,
        'POST',
        `${OBJECT_PATH}/fields.json`,
        { custom_object_field: { key, title, type } },
        signal,
      );
    }
  }
  const answer = await send(
    scheduler,
    'PATCH',
    `${OBJECT_PATH}/records.json?external_id=${encodeURIComponent(SUMMARY_EXTERNAL_ID)}`,
    {
      custom_object_record: {
        name: 'Support KPIs team summary',
        custom_object_fields: { [PAYLOAD_FIELD]: payload, [GENERATED_FIELD]: summary.generated_at },
      },
    },
    signal,
  );
  const record = z.object({ custom_object_record: z.looseObject({ id: z.string() }) }).parse(answer);
  return { recordId: record.custom_object_record.id, createdObject, chars: payload.length };
}

async function send(
  scheduler: RequestScheduler,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  try {
    return (await scheduler.send({ method, path, body }, signal)).body;
  } catch (error) {
    throw explain(error);
  }
}

function explain(error: unknown): unknown {
  if (error instanceof ZendeskApiError && error.status === 403) {
    return new SummaryPublishError(
      `Zendesk refused ${error.path} (HTTP 403): publishing needs an admin's credentials, on a plan with custom objects (Suite Team and above)`,
    );
  }
  return error;
}

const figuresSchema = z.object({
  agents: z.int().check(z.nonnegative()),
  agent_medians: z.object(Object.fromEntries(COMPARED_METRICS.map((metric) => [metric, z.nullable(z.number())]))),
  team: z.nullable(
    z.object({
      created: z.number(),
      solved: z.number(),
      frt_median: z.nullable(z.number()),
      full_resolution_median: z.nullable(z.number()),
      fcr: z.nullable(z.number()),
      csat: z.nullable(z.number()),
      escalation: z.nullable(z.number()),
      reopen: z.nullable(z.number()),
    }),
  ),
});

const summarySchema = z.object({
  format: z.literal(TEAM_SUMMARY_FORMAT),
  generated_at: z.iso.datetime(),
  time_zone: z.string(),
  hours: z.enum(['calendar', 'business']),
  credit: z.enum(['assignee', 'actor']),
  min_agents: z.int().check(z.positive()),
  periods: z.array(
    z.object({
      key: z.string(),
      from: z.string(),
      to: z.string(),
      all: figuresSchema,
      groups: z.array(z.extend(figuresSchema, { group_id: z.int() })),
    }),
  ),
});

const recordsSchema = z.object({
  custom_object_records: z.array(
    z.looseObject({
      id: z.string(),
      updated_by_user_id: z.string(),
      updated_at: z.string(),
      custom_object_fields: z.record(z.string(), z.unknown()),
    }),
  ),
});

export type SummaryRead =
  | { state: 'found'; summary: TeamSummary; publishedBy: number }
  /** Nobody has published one yet (no object or no record). */
  | { state: 'none' }
  /** Custom objects are not on the plan, or this user may not read them. */
  | { state: 'unavailable'; reason: string }
  /** A record is there but cannot be trusted or read: say so, and fall back. */
  | { state: 'invalid'; reason: string };

type SummaryRecord = z.output<typeof recordsSchema>['custom_object_records'][number];

/** The record read, not trusted yet: `checkSummaryRecord` says whether it may be. */
export type SummaryRecordRead = SummaryRead | { state: 'record'; record: SummaryRecord };

/**
 * Reads the published summary: one request, plus one to check who wrote it, since any agent may
 * write a custom object record; only a summary last written by an admin is used.
 */
export async function readTeamSummary(scheduler: RequestScheduler, signal?: AbortSignal): Promise<SummaryRead> {
  const read = await readSummaryRecord(scheduler, signal);
  return read.state === 'record' ? checkSummaryRecord(scheduler, read.record, signal) : read;
}

/** The first step of readTeamSummary: the record, in one request (the sidebar starts other reads beside the second). */
export async function readSummaryRecord(scheduler: RequestScheduler, signal?: AbortSignal): Promise<SummaryRecordRead> {
  let body: unknown;
  try {
    body = (
      await scheduler.get(
        `${OBJECT_PATH}/records.json?filter[external_ids]=${encodeURIComponent(SUMMARY_EXTERNAL_ID)}`,
        signal,
      )
    ).body;
  } catch (error) {
    if (error instanceof ZendeskApiError && error.status === 404) return { state: 'none' };
    if (error instanceof ZendeskApiError && error.status === 403) {
      return { state: 'unavailable', reason: 'custom objects are not available on this plan or to this role' };
    }
    throw error;
  }
  const records = recordsSchema.safeParse(body);
  if (!records.success)
    return {
      state: 'invalid',
      reason: `the records answer is not what Zendesk sends: ${records.error.issues[0]?.message ?? ''}`,
    };
  const record = records.data.custom_object_records[0];
  return record ? { state: 'record', record } : { state: 'none' };
}

/** The second step: the record's summary, if an admin wrote it last and it is a summary document. */
export async function checkSummaryRecord(
  scheduler: RequestScheduler,
  record: SummaryRecord,
  signal?: AbortSignal,
): Promise<SummaryRead> {
  const payload = record.custom_object_fields[PAYLOAD_FIELD];
  let parsed: unknown;
  try {
    parsed = typeof payload === 'string' ? JSON.parse(payload) : undefined;
  } catch {
    parsed = undefined;
  }
  const summary = parseTeamSummary(parsed);
  const publisher = Number(record.updated_by_user_id);
  const author = await scheduler.get(`/api/v2/users/${publisher}.json`, signal).catch((error: unknown) => {
    if (error instanceof AbortedError) throw error;
    return null;
  });
  const role = z.object({ user: z.looseObject({ role: z.string() }) }).safeParse(author?.body);
  if (!role.success || role.data.user.role !== 'admin') {
    return { state: 'invalid', reason: `the summary was last written by user ${publisher}, who is not an admin` };
  }
  if (!summary) {
    return { state: 'invalid', reason: `the summary's ${PAYLOAD_FIELD} is not a ${TEAM_SUMMARY_FORMAT} document` };
  }
  return { state: 'found', summary, publishedBy: publisher };
}

/** A team summary document, checked field by field, or null when it is not one. */
export function parseTeamSummary(value: unknown): TeamSummary | null {
  const summary = summarySchema.safeParse(value);
  return summary.success ? (summary.data as TeamSummary) : null;
}
