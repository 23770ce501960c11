import { z } from 'zod';
import { ZendeskApiError } from './api-errors';
import { apiPaths, pathOf } from './api-paths';
import { listPages } from './list-pages';
import type { RequestScheduler } from './request-scheduler';
import { describeIssues } from './schemas';

/**
 * The two reads a report asks for only when it needs them (both admin-only):
 * - ticket metric events, for SLA breaches: `GET /api/v2/incremental/ticket_metric_events`, a
 *   time-based incremental export (follow `next_page` until `end_of_stream` or a page with no
 *   events; https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metric_events/);
 * - satisfaction ratings, with their comments: `GET /api/v2/satisfaction_ratings`, cursor-paginated
 *   (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/).
 */

export const metricEventRecordSchema = z.looseObject({
  id: z.number(),
  ticket_id: z.number(),
  metric: z.string(),
  instance_id: z.number().nullish(),
  type: z.string(),
  time: z.iso.datetime({ offset: true }),
});
export type MetricEventRecord = z.output<typeof metricEventRecordSchema>;

const metricEventPageSchema = z.looseObject({
  ticket_metric_events: z.array(z.unknown()),
  next_page: z.string().nullish(),
  end_of_stream: z.boolean().optional(),
  count: z.number().optional(),
});

export interface PagedRead<T> {
  records: T[];
  skipped: number;
  requests: number;
}

export async function readMetricEvents(
  scheduler: RequestScheduler,
  startTime: number,
  signal?: AbortSignal,
  onPage?: (path: string, body: unknown) => void | Promise<void>,
): Promise<PagedRead<MetricEventRecord>> {
  const seen = new Map<number, MetricEventRecord>();
  let skipped = 0;
  let requests = 0;
  let path: string | null = apiPaths.metricEvents(startTime);
  const visited = new Set<string>();
  while (path !== null) {
    if (visited.has(path)) break; // the same start time again: nothing newer to read
    visited.add(path);
    const { body } = await scheduler.get(path, signal);
    requests++;
    const page = metricEventPageSchema.safeParse(body);
    if (!page.success)
      throw new ZendeskApiError(
        `GET ${path} returned a body that is not a metric events page (${describeIssues(page.error)})`,
        200,
        path,
      );
    await onPage?.(path, body);
    for (const raw of page.data.ticket_metric_events) {
      const event = metricEventRecordSchema.safeParse(raw);
      // Time-based pages overlap at their edges: the id keeps each event once.
      if (event.success) seen.set(event.data.id, event.data);
      else skipped++;
    }
    const done =
      page.data.end_of_stream === true || page.data.ticket_metric_events.length === 0 || !page.data.next_page;
    path = done ? null : pathOf(page.data.next_page!);
  }
  return { records: [...seen.values()], skipped, requests };
}

export const ratingRecordSchema = z.looseObject({
  id: z.number(),
  ticket_id: z.number().nullish(),
  assignee_id: z.number().nullish(),
  group_id: z.number().nullish(),
  score: z.string(),
  comment: z.string().nullish(),
  created_at: z.iso.datetime({ offset: true }).nullish(),
});
export type RatingRecord = z.output<typeof ratingRecordSchema>;

export async function readSatisfactionRatings(
  scheduler: RequestScheduler,
  startTime: number,
  signal?: AbortSignal,
  onPage?: (path: string, body: unknown) => void | Promise<void>,
): Promise<PagedRead<RatingRecord>> {
  const records: RatingRecord[] = [];
  let skipped = 0;
  let requests = 0;
  for await (const page of listPages(
    scheduler,
    apiPaths.satisfactionRatings(startTime),
    'satisfaction_ratings',
    signal,
  )) {
    requests++;
    await onPage?.(page.path, page.body);
    for (const raw of page.records) {
      const rating = ratingRecordSchema.safeParse(raw);
      if (rating.success) records.push(rating.data);
      else skipped++;
    }
  }
  return { records, skipped, requests };
}
