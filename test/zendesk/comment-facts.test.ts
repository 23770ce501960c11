import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import type { SatisfactionRating, TicketAudit } from '../../src/zendesk/event-schemas';
import { EventFacts, eventTimelines, storedTicketFactsSchema } from '../../src/zendesk/event-timelines';
import { at, solvedTicket } from '../metrics/make-ticket';

const REQUESTER = 50;
const AGENT = 11;
const staff = new Set([AGENT]);
const now = at('2026-12-01T00:00:00Z');

/** One update of ticket 1 with a public comment by `author` (and optionally a status). */
function audit(id: number, time: string, author: number, extra: Partial<{ creates: boolean; status: string }> = {}) {
  const children: TicketAudit['child_events'] = [
    { id: id * 10, event_type: 'Comment', author_id: author, public: true },
  ];
  if (extra.creates) children.push({ id: id * 10 + 1, event_type: 'Create', status: 'new', assignee_id: AGENT });
  if (extra.status) children.push({ id: id * 10 + 2, event_type: 'Change', status: extra.status });
  return { id, ticket_id: 1, created_at: time, updater_id: author, child_events: children } as TicketAudit;
}

const audits: TicketAudit[] = [
  audit(1, '2026-10-01T09:00:00Z', REQUESTER, { creates: true }),
  audit(2, '2026-10-01T10:00:00Z', AGENT, { status: 'pending' }),
  audit(3, '2026-10-01T11:00:00Z', REQUESTER, { status: 'open' }),
  audit(4, '2026-10-02T09:00:00Z', AGENT, { status: 'solved' }),
  // After the rating (3 October): the agent writes back.
  audit(5, '2026-10-04T09:00:00Z', AGENT),
];
const rating = {
  id: 7,
  ticket_id: 1,
  assignee_id: AGENT,
  group_id: null,
  score: 'bad',
  created_at: '2026-10-02T12:00:00Z',
  updated_at: '2026-10-03T12:00:00Z',
} as SatisfactionRating;

describe('comment facts from the ticket events (METRICS.md, Version 4)', () => {
  const timelines = eventTimelines({ audits, ratings: [rating], staff, now })!;
  const timeline = timelines.byTicket.get(1)!;

  it("counts the customer's public comments, the opening one included, and keeps staff's instants", () => {
    expect(timeline.endUserComments).toBe(2);
    expect(timeline.staffCommentTimes).toEqual([
      at('2026-10-01T10:00:00Z'),
      at('2026-10-02T09:00:00Z'),
      at('2026-10-04T09:00:00Z'),
    ]);
    expect(timeline.ratedAt).toBe(at('2026-10-03T12:00:00Z'));
  });

  it('reads a comment twice once, and keeps the facts through a stored snapshot', () => {
    const facts = new EventFacts();
    for (const each of [...audits, audits[2]!]) facts.addAudit(each);
    const stored = facts.toStored().map((entry) => storedTicketFactsSchema.parse(entry));
    const again = new EventFacts(stored).timelines({ ticketEvents: true, metricEvents: false }, staff, now);
    expect(again.byTicket.get(1)!.endUserComments).toBe(2);
  });

  it('does not count comments when the ticket was created before the events begin', () => {
    const later = eventTimelines({ audits: audits.slice(1), staff, now })!;
    expect(later.byTicket.get(1)!.endUserComments).toBeNull();
  });

  it('gives the report its contacts and the follow-up of the bad rating', () => {
    const ticket = solvedTicket(1, '2026-10-02T09:00:00Z', {
      assigneeId: AGENT,
      satisfaction: 'bad',
      replies: 2,
      reopens: 0,
    });
    const report = computeReport([ticket], {
      window: ReportWindow.of('2026-10-01', '2026-10-31', 'UTC'),
      timelines,
      voice: true,
    });
    expect(report.contacts!.team).toEqual({ solved: 1, requester_comments: 2, agent_replies: 2, from_events: 1 });
    expect(report.csat_comments!.ratings[0]).toMatchObject({
      rated_at: '2026-10-03T12:00:00Z',
      follow_up: true,
      follow_up_from: 'events',
    });
  });
});
