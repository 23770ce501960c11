import type { TicketTimelines } from '../metrics/ticket-timeline';
import {
  metricEventPageSchema,
  satisfactionRatingPageSchema,
  satisfactionRatingSchema,
  ticketAuditSchema,
  ticketEventPageSchema,
  ticketMetricEventSchema,
  type SatisfactionRating,
  type TicketAudit,
  type TicketMetricEvent,
} from './event-schemas';
import { eventTimelines } from './event-timelines';
import type { DatasetWarning, ResponseSource } from './response-dataset';
import { describeIssues, recordedExchangeSchema, type User } from './schemas';
import type { z } from 'zod/mini';

export interface EventDataset {
  /** Undefined when the sources hold no event stream: the report is then version 1's. */
  timelines: TicketTimelines | undefined;
  warnings: DatasetWarning[];
  skipped: number;
}

/**
 * Reads the event-stream bodies among saved responses (in any order; the other bodies are the
 * ticket dataset's): ticket event export pages, ticket metric event pages and satisfaction rating
 * pages. Each record is checked; a bad one is skipped with a warning naming its file and id.
 */
export function readEventDataset(
  sources: readonly ResponseSource[],
  users: ReadonlyMap<number, User>,
  now: number,
): EventDataset {
  const warnings: DatasetWarning[] = [];
  let audits: TicketAudit[] | undefined;
  let metricEvents: TicketMetricEvent[] | undefined;
  let ratings: SatisfactionRating[] | undefined;
  let skipped = 0;
  const take = <T>(source: string, records: unknown[], schema: z.ZodMiniType<T>, into: T[], what: string): T[] => {
    for (const raw of records) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) into.push(parsed.data);
      else {
        skipped++;
        warnings.push({
          source,
          kind: `${what}s`,
          recordId: idOf(raw),
          message: `${what} skipped: ${describeIssues(parsed.error)}`,
        });
      }
    }
    return into;
  };
  const notAList = (source: string, key: string): void => {
    warnings.push({
      source,
      kind: key.replace(/_/g, ' '),
      recordId: null,
      message: `not read: "${key}" is not a list`,
    });
  };
  for (const { name, body: raw } of sources) {
    const exchange = recordedExchangeSchema.safeParse(raw);
    const body = exchange.success ? exchange.data.response.body : raw;
    if (typeof body !== 'object' || body === null) continue;
    // One body may hold several streams: each is read.
    if ('ticket_events' in body) {
      const page = ticketEventPageSchema.safeParse(body);
      if (page.success) audits = take(name, page.data.ticket_events, ticketAuditSchema, audits ?? [], 'ticket event');
      else notAList(name, 'ticket_events');
    }
    if ('ticket_metric_events' in body) {
      const page = metricEventPageSchema.safeParse(body);
      if (!page.success) notAList(name, 'ticket_metric_events');
      else
        metricEvents = take(
          name,
          page.data.ticket_metric_events,
          ticketMetricEventSchema,
          metricEvents ?? [],
          'ticket metric event',
        );
    }
    if ('satisfaction_ratings' in body) {
      const page = satisfactionRatingPageSchema.safeParse(body);
      if (!page.success) notAList(name, 'satisfaction_ratings');
      else
        ratings = take(
          name,
          page.data.satisfaction_ratings,
          satisfactionRatingSchema,
          ratings ?? [],
          'satisfaction rating',
        );
    }
  }
  const staff = new Set<number>();
  for (const [userId, user] of users) if (user.role === 'agent' || user.role === 'admin') staff.add(userId);
  // Pages overlap at their edges (time-based exports): each event once, by id.
  const timelines = eventTimelines({
    audits: audits && uniqueById(audits),
    metricEvents: metricEvents && uniqueById(metricEvents),
    ratings: ratings && uniqueById(ratings),
    staff,
    now,
  });
  return { timelines, warnings, skipped };
}

function uniqueById<T extends { id: number }>(records: T[]): T[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

function idOf(record: unknown): number | string | null {
  if (typeof record !== 'object' || record === null || !('id' in record)) return null;
  const value = (record as { id: unknown }).id;
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}
