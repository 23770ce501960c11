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
import type { z } from 'zod';

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
  const take = <T>(source: string, records: unknown[], schema: z.ZodType<T>, into: T[], what: string): T[] => {
    for (const raw of records) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) into.push(parsed.data);
      else warnings.push({ source, recordId: idOf(raw), message: `${what}: ${describeIssues(parsed.error)}` });
    }
    return into;
  };
  for (const { name, body: raw } of sources) {
    const exchange = recordedExchangeSchema.safeParse(raw);
    const body = exchange.success ? exchange.data.response.body : raw;
    if (typeof body !== 'object' || body === null) continue;
    if ('ticket_events' in body) {
      const page = ticketEventPageSchema.safeParse(body);
      if (page.success) audits = take(name, page.data.ticket_events, ticketAuditSchema, audits ?? [], 'ticket event');
    } else if ('ticket_metric_events' in body) {
      const page = metricEventPageSchema.safeParse(body);
      if (page.success)
        metricEvents = take(
          name,
          page.data.ticket_metric_events,
          ticketMetricEventSchema,
          metricEvents ?? [],
          'ticket metric event',
        );
    } else if ('satisfaction_ratings' in body) {
      const page = satisfactionRatingPageSchema.safeParse(body);
      if (page.success)
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
  return { timelines, warnings, skipped: warnings.length };
}

function uniqueById<T extends { id: number }>(records: T[]): T[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

function idOf(record: unknown): number | string | null {
  if (typeof record !== 'object' || record === null || !('id' in record)) return null;
  const value = (record as { id: unknown }).id;
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}
