import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readEventDataset } from '../../src/zendesk/event-dataset';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import { buildDataset, userNames, type Dataset, type ResponseSource } from '../../src/zendesk/response-dataset';

/** Hand-built response bodies, shaped like the recorded ones (test/fixtures/zendesk). */

type Json = Record<string, unknown>;

function ticket(id: number, fields: Json = {}): Json {
  return {
    id,
    created_at: '2026-10-01T09:00:00Z',
    status: 'open',
    assignee_id: null,
    group_id: null,
    tags: [],
    ...fields,
  };
}

function metricSet(ticketId: number, fields: Json = {}): Json {
  return {
    id: 9000 + ticketId,
    ticket_id: ticketId,
    solved_at: null,
    replies: 0,
    reopens: 0,
    group_stations: 1,
    assignee_stations: 1,
    reply_time_in_minutes: { calendar: null, business: null },
    first_resolution_time_in_minutes: { calendar: null, business: null },
    full_resolution_time_in_minutes: { calendar: null, business: null },
    requester_wait_time_in_minutes: { calendar: null, business: null },
    agent_wait_time_in_minutes: { calendar: null, business: null },
    on_hold_time_in_minutes: { calendar: 0, business: 0 },
    ...fields,
  };
}

/** An after_cursor as Zendesk writes it (seen in every recorded cursor): base64 of "<epoch>.0||<id>|". */
function cursorAt(epochSeconds: number, ticketId: number): string {
  return Buffer.from(`${epochSeconds}.0||${ticketId}|`).toString('base64');
}

function cursorPage(tickets: Json[], afterCursor: string | null, extra: Json = {}): Json {
  return {
    tickets,
    after_url: null,
    before_url: null,
    after_cursor: afterCursor,
    before_cursor: null,
    end_of_stream: false,
    ...extra,
  };
}

/** A time-based export page; an `extra` key set to undefined is left out of the body. */
function timePage(tickets: Json[], endTime: number | null, extra: Json = {}): Json {
  const page: Json = {
    tickets,
    count: tickets.length,
    end_of_stream: false,
    next_page: null,
    end_time: endTime,
    ...extra,
  };
  for (const key of Object.keys(page)) if (page[key] === undefined) delete page[key];
  return page;
}

function recorded(status: number, body: unknown): Json {
  return {
    request: { method: 'GET', url: 'https://example.zendesk.com/api/v2/incremental/tickets/cursor.json?start_time=0' },
    response: { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body },
  };
}

const source = (name: string, body: unknown): ResponseSource => ({ name, body });

function only(dataset: Dataset, id: number): TicketRecord {
  const matches = dataset.tickets.filter((record) => record.id === id);
  expect(matches, `records for ticket ${id}`).toHaveLength(1);
  return matches[0]!;
}

/** Builds the dataset from the sources in the given order and in the reverse order: the result must not depend on it. */
function bothOrders(sources: ResponseSource[]): [Dataset, Dataset] {
  return [buildDataset(sources), buildDataset([...sources].reverse())];
}

describe('buildDataset: a ticket in several pages', () => {
  it('keeps the cursor page further along the stream, whatever the file names and input order say', () => {
    // By name "a" comes first, but its cursor is later: the cursor decides.
    const sources = [
      source('a.json', cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_200, 1))),
      source('b.json', cursorPage([ticket(1, { status: 'open' })], cursorAt(1_790_000_100, 1))),
    ];
    for (const dataset of bothOrders(sources)) {
      expect(dataset.warnings).toEqual([
        expect.objectContaining({
          source: '--input',
          message: expect.stringMatching(/^1 solved or closed ticket has no metric set/),
        }),
      ]);
      expect(only(dataset, 1).status).toBe('solved');
    }
  });

  it('orders cursor pages with the same second by the ticket id in the cursor', () => {
    const sources = [
      source('a.json', cursorPage([ticket(1, { status: 'pending' })], cursorAt(1_790_000_100, 9))),
      source('b.json', cursorPage([ticket(1, { status: 'hold' })], cursorAt(1_790_000_100, 5))),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('pending');
  });

  // Zendesk's time-based pages carry end_of_stream (every recorded zenpy page does); the trimmed
  // embulk ones do not. Both must be ordered by end_time.
  it.each([
    ['with end_of_stream, as Zendesk sends it', { end_of_stream: false }],
    ['without end_of_stream', { end_of_stream: undefined }],
  ])(
    'keeps the time-based page with the later end_time (%s), whatever the file names and input order say',
    (_, extra) => {
      const sources = [
        source('z-first.json', timePage([ticket(1, { status: 'open', assignee_id: 11 })], 1_790_000_100, extra)),
        source('a-second.json', timePage([ticket(1, { status: 'pending', assignee_id: 22 })], 1_790_000_200, extra)),
      ];
      for (const dataset of bothOrders(sources)) {
        expect(dataset.warnings).toEqual([]);
        expect(only(dataset, 1)).toMatchObject({ status: 'pending', assigneeId: 22 });
      }
    },
  );

  it('orders a long cursor chain by position, not by the name order of its files', () => {
    // page-3 < page-10 < page-20 by name, but the stream runs page-20, page-3, page-10.
    const sources = [
      source('page-10.json', cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_300, 1))),
      source('page-20.json', cursorPage([ticket(1, { status: 'new' })], cursorAt(1_790_000_100, 1))),
      source('page-3.json', cursorPage([ticket(1, { status: 'open' })], cursorAt(1_790_000_200, 1))),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('solved');
  });

  it('falls back to natural file-name order when a time page has no end_time', () => {
    // Natural order puts page-10 after page-2; plain string order would not.
    const sources = [
      source('dir/page-10.json', timePage([ticket(1, { status: 'closed' })], null)),
      source('dir/page-2.json', timePage([ticket(1, { status: 'open' })], 1_790_000_999)),
    ];
    for (const dataset of bothOrders(sources)) {
      expect(dataset.warnings.map((warning) => warning.source)).toEqual(['--input']);
      expect(only(dataset, 1).status).toBe('closed');
    }
  });

  it('falls back to natural file-name order when a cursor cannot be decoded', () => {
    const sources = [
      source('export/page-9.json', cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_900, 1))),
      source('export/page-10.json', cursorPage([ticket(1, { status: 'pending' })], 'xxxx')),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('pending');
  });

  it('falls back to natural file-name order when a cursor page has no after_cursor', () => {
    const sources = [
      source('page-1.json', cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_900, 1))),
      source('page-11.json', cursorPage([ticket(1, { status: 'hold' })], null)),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('hold');
  });

  it('keeps the later occurrence within one page', () => {
    const dataset = buildDataset([
      source(
        'page.json',
        timePage(
          [ticket(7, { status: 'open' }), ticket(8), ticket(7, { status: 'solved', tags: ['vip'] })],
          1_790_000_000,
        ),
      ),
    ]);
    expect(dataset.tickets).toHaveLength(2);
    expect(only(dataset, 7)).toMatchObject({ status: 'solved', tags: ['vip'] });
  });

  it('keeps every distinct ticket of every page', () => {
    const dataset = buildDataset([
      source('p1.json', cursorPage([ticket(1), ticket(2)], cursorAt(1_790_000_100, 2))),
      source('p2.json', cursorPage([ticket(2), ticket(3)], cursorAt(1_790_000_200, 3))),
      source('p3.json', timePage([ticket(4)], 1_790_000_300)),
    ]);
    expect(dataset.tickets.map((record) => record.id).sort()).toEqual([1, 2, 3, 4]);
    expect(dataset.pages).toBe(3);
    expect(dataset.skipped).toBe(0);
  });

  it('takes the later page’s metric set along with its ticket', () => {
    const sources = [
      source(
        'b.json',
        cursorPage([ticket(1)], cursorAt(1_790_000_100, 1), { metric_sets: [metricSet(1, { replies: 1 })] }),
      ),
      source(
        'a.json',
        cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_200, 1), {
          metric_sets: [metricSet(1, { replies: 4, solved_at: '2026-10-02T00:00:00Z' })],
        }),
      ),
    ];
    for (const dataset of bothOrders(sources)) {
      expect(only(dataset, 1)).toMatchObject({ status: 'solved', replies: 4, solvedAt: Date.UTC(2026, 9, 2) });
    }
  });
});

describe('buildDataset: joining tickets and metric sets', () => {
  it('maps every ticket field and metric-set field into the record', () => {
    const dataset = buildDataset([
      source(
        'page.json',
        cursorPage(
          [
            ticket(42, {
              created_at: '2026-10-01T09:30:00+02:00',
              status: 'solved',
              assignee_id: 101,
              group_id: 7,
              brand_id: 3,
              via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
              type: 'incident',
              priority: 'high',
              tags: ['billing', 'vip'],
              satisfaction_rating: { score: 'good', comment: 'thanks' },
              subject: 'unknown keys are ignored',
            }),
          ],
          cursorAt(1_790_000_000, 42),
          {
            metric_sets: [
              metricSet(42, {
                solved_at: '2026-10-02T10:00:00Z',
                replies: 2,
                reopens: 1,
                group_stations: 3,
                assignee_stations: 2,
                reply_time_in_minutes: { calendar: 65, business: 30 },
                first_resolution_time_in_minutes: { calendar: 600, business: 300 },
                full_resolution_time_in_minutes: { calendar: 1500, business: 700 },
                requester_wait_time_in_minutes: { calendar: 400, business: 200 },
                agent_wait_time_in_minutes: { calendar: 100, business: 50 },
                on_hold_time_in_minutes: { calendar: 20, business: 10 },
              }),
            ],
          },
        ),
      ),
    ]);
    expect(dataset.warnings).toEqual([]);
    expect(dataset.tickets).toEqual([
      {
        id: 42,
        createdAt: Date.UTC(2026, 9, 1, 7, 30),
        status: 'solved',
        assigneeId: 101,
        groupId: 7,
        brandId: 3,
        channel: 'email',
        type: 'incident',
        priority: 'high',
        tags: ['billing', 'vip'],
        satisfaction: 'good',
        solvedAt: Date.UTC(2026, 9, 2, 10),
        replies: 2,
        reopens: 1,
        groupStations: 3,
        assigneeStations: 2,
        replyTimeCalendar: 65,
        replyTimeBusiness: 30,
        firstResolutionCalendar: 600,
        firstResolutionBusiness: 300,
        fullResolutionCalendar: 1500,
        fullResolutionBusiness: 700,
        requesterWaitCalendar: 400,
        requesterWaitBusiness: 200,
        agentWaitCalendar: 100,
        agentWaitBusiness: 50,
        onHoldCalendar: 20,
        onHoldBusiness: 10,
        satisfactionComment: 'thanks',
        satisfactionReason: null,
        fieldValues: [],
      } satisfies TicketRecord,
    ]);
  });

  it('joins the metric_sets sideload on ticket_id, not on position', () => {
    const dataset = buildDataset([
      source(
        'page.json',
        timePage([ticket(1), ticket(2), ticket(3)], 1_790_000_000, {
          metric_sets: [metricSet(3, { replies: 3 }), metricSet(1, { replies: 1 }), metricSet(2, { replies: 2 })],
        }),
      ),
    ]);
    expect(dataset.tickets.map((record) => [record.id, record.replies]).sort()).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('reads a metric set embedded in the ticket', () => {
    const embedded = metricSet(5, {
      solved_at: '2026-10-03T00:00:00Z',
      reply_time_in_minutes: { calendar: 12, business: 6 },
    });
    const dataset = buildDataset([
      source('page.json', timePage([ticket(5, { status: 'closed', metric_set: embedded })], 1_790_000_000)),
    ]);
    expect(dataset.warnings).toEqual([]);
    expect(only(dataset, 5)).toMatchObject({
      solvedAt: Date.UTC(2026, 9, 3),
      replyTimeCalendar: 12,
      replyTimeBusiness: 6,
    });
  });

  it('gives null metric fields to a ticket without a metric set', () => {
    const dataset = buildDataset([
      source('page.json', timePage([ticket(1), ticket(2, { metric_set: null })], 1_790_000_000)),
    ]);
    expect(dataset.warnings).toEqual([]);
    for (const id of [1, 2]) {
      expect(only(dataset, id)).toMatchObject({
        solvedAt: null,
        replies: null,
        reopens: null,
        groupStations: null,
        assigneeStations: null,
        replyTimeCalendar: null,
        replyTimeBusiness: null,
        fullResolutionCalendar: null,
        onHoldBusiness: null,
      });
    }
  });

  it('reads null wrappers, null members and missing members as null fields, without a warning', () => {
    const dataset = buildDataset([
      source(
        'page.json',
        cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_000, 1), {
          metric_sets: [
            {
              ticket_id: 1,
              solved_at: '2026-10-02T00:00:00Z',
              replies: null,
              reopens: null,
              group_stations: null,
              assignee_stations: null,
              reply_time_in_minutes: null,
              first_resolution_time_in_minutes: { calendar: null, business: null },
              full_resolution_time_in_minutes: { calendar: 90 },
              requester_wait_time_in_minutes: { business: 45 },
              agent_wait_time_in_minutes: {},
              // on_hold_time_in_minutes is missing altogether
            },
          ],
        }),
      ),
    ]);
    expect(dataset.warnings).toEqual([]);
    expect(dataset.skipped).toBe(0);
    expect(only(dataset, 1)).toMatchObject({
      solvedAt: Date.UTC(2026, 9, 2),
      replies: null,
      reopens: null,
      groupStations: null,
      assigneeStations: null,
      replyTimeCalendar: null,
      replyTimeBusiness: null,
      firstResolutionCalendar: null,
      firstResolutionBusiness: null,
      fullResolutionCalendar: 90,
      fullResolutionBusiness: null,
      requesterWaitCalendar: null,
      requesterWaitBusiness: 45,
      agentWaitCalendar: null,
      agentWaitBusiness: null,
      onHoldCalendar: null,
      onHoldBusiness: null,
    });
  });

  it.each([
    ['a negative reply count', { replies: -1 }, 'replies'],
    ['minutes given as text', { reply_time_in_minutes: { calendar: '5', business: 5 } }, 'reply_time_in_minutes'],
    ['a solved_at that is not a timestamp', { solved_at: 'yesterday' }, 'solved_at'],
    ['a fractional reopen count', { reopens: 1.5 }, 'reopens'],
  ])('skips the whole ticket when its metric set has %s, and keeps the rest', (_, fields, field) => {
    const dataset = buildDataset([
      source(
        'exports/page-1.json',
        cursorPage([ticket(1), ticket(2), ticket(3)], cursorAt(1_790_000_000, 3), {
          metric_sets: [metricSet(1), metricSet(2, fields), metricSet(3)],
        }),
      ),
    ]);
    expect(dataset.tickets.map((record) => record.id).sort()).toEqual([1, 3]);
    expect(dataset.skipped).toBe(1);
    expect(dataset.warnings).toHaveLength(1);
    expect(dataset.warnings[0]).toMatchObject({ source: 'exports/page-1.json', recordId: 2 });
    expect(dataset.warnings[0]!.message).toContain('metric set');
    expect(dataset.warnings[0]!.message).toContain(field);
  });

  it('skips a ticket whose embedded metric set belongs to another ticket', () => {
    const dataset = buildDataset([
      source('page.json', timePage([ticket(1, { metric_set: metricSet(99) }), ticket(2)], 1_790_000_000)),
    ]);
    expect(dataset.tickets.map((record) => record.id)).toEqual([2]);
    expect(dataset.skipped).toBe(1);
    expect(dataset.warnings).toEqual([
      expect.objectContaining({ source: 'page.json', recordId: 1, message: expect.stringContaining('99') }),
    ]);
  });

  it('warns about a sideloaded metric set without a numeric ticket_id and counts it as skipped', () => {
    const dataset = buildDataset([
      source(
        'page.json',
        timePage([ticket(1)], 1_790_000_000, { metric_sets: [metricSet(1), { id: 777, ticket_id: '2' }] }),
      ),
    ]);
    expect(dataset.skipped).toBe(1);
    expect(dataset.warnings).toEqual([
      expect.objectContaining({ source: 'page.json', recordId: 777, message: expect.stringContaining('ticket_id') }),
    ]);
    expect(only(dataset, 1).replies).toBe(0);
  });

  it('warns, with a count, about a sideloaded metric set whose ticket is nowhere in the input', () => {
    const dataset = buildDataset([
      source(
        'page.json',
        timePage([ticket(1)], 1_790_000_000, { metric_sets: [metricSet(1, { replies: 2 }), metricSet(50)] }),
      ),
    ]);
    expect(dataset.warnings).toEqual([
      expect.objectContaining({
        source: 'page.json',
        message: expect.stringMatching(/^1 metric set for tickets not in the input \(ticket 50\): not used/),
      }),
    ]);
    expect(dataset.skipped).toBe(0);
    expect(dataset.tickets.map((record) => record.id)).toEqual([1]);
    expect(only(dataset, 1).replies).toBe(2);
  });
});

describe('buildDataset: malformed tickets', () => {
  const page = timePage(
    [
      ticket(1),
      ticket(2, { created_at: '2026-02-30T10:00:00Z' }),
      ticket(3, { status: 'archived' }),
      ticket(4, { id: '4' }),
      ticket(5, { created_at: 'last Tuesday' }),
      ticket(6, { status: 'solved' }),
      ticket(7, { tags: 'vip' }),
    ],
    1_790_000_000,
  );
  const dataset = buildDataset([source('exports/tickets-2026-10.json', page)]);

  it('keeps the well-formed tickets', () => {
    expect(dataset.tickets.map((record) => record.id).sort()).toEqual([1, 6]);
    expect(only(dataset, 6).status).toBe('solved');
  });

  it('counts each malformed ticket as skipped, once', () => {
    expect(dataset.skipped).toBe(5);
    expect(dataset.pages).toBe(1);
  });

  it('names the source, the record id and the faulty field in each warning', () => {
    const skips = dataset.warnings.filter((warning) => warning.source !== '--input');
    expect(skips.map(({ source: name, recordId }) => [name, recordId])).toEqual([
      ['exports/tickets-2026-10.json', 2],
      ['exports/tickets-2026-10.json', 3],
      ['exports/tickets-2026-10.json', '4'],
      ['exports/tickets-2026-10.json', 5],
      ['exports/tickets-2026-10.json', 7],
    ]);
    const messages = skips.map((warning) => warning.message);
    expect(messages.every((message) => message.startsWith('ticket skipped: '))).toBe(true);
    expect(messages[0]).toContain('created_at');
    expect(messages[1]).toContain('status');
    expect(messages[2]).toContain('id');
    expect(messages[3]).toContain('created_at');
    expect(messages[4]).toContain('tags');
  });

  it('skips records that are not objects, or have no id, with a null record id', () => {
    const result = buildDataset([
      source('page.json', timePage([null, 17, { status: 'open' }, ticket(1)] as Json[], 1_790_000_000)),
    ]);
    expect(result.tickets.map((record) => record.id)).toEqual([1]);
    expect(result.skipped).toBe(3);
    expect(result.warnings.map((warning) => warning.recordId)).toEqual([null, null, null]);
  });
});

describe('buildDataset: recorded exchanges', () => {
  it('reads the body of a recorded 200 response', () => {
    const dataset = buildDataset([
      source('zenpy/x-00.json', recorded(200, cursorPage([ticket(1), ticket(2)], cursorAt(1_790_000_000, 2)))),
    ]);
    expect(dataset.warnings).toEqual([]);
    expect(dataset.pages).toBe(1);
    expect(dataset.tickets.map((record) => record.id).sort()).toEqual([1, 2]);
  });

  it.each([301, 404, 429, 500, 503])('ignores a recorded HTTP %i response, with a warning naming it', (status) => {
    const body =
      status === 429 ? { error: 'APIRateLimitExceeded' } : cursorPage([ticket(1)], cursorAt(1_790_000_000, 1));
    const dataset = buildDataset([source('zenpy/x-01.json', recorded(status, body))]);
    expect(dataset.tickets).toEqual([]);
    expect(dataset.pages).toBe(0);
    expect(dataset.skipped).toBe(0);
    expect(dataset.warnings).toHaveLength(1);
    expect(dataset.warnings[0]).toMatchObject({ source: 'zenpy/x-01.json', recordId: null });
    expect(dataset.warnings[0]!.message).toMatch(/^ignored: /);
    expect(dataset.warnings[0]!.message).toContain(String(status));
  });

  it('orders a recorded cursor page by its cursor like a raw one', () => {
    const sources = [
      source(
        'zenpy/a-00.json',
        recorded(200, cursorPage([ticket(1, { status: 'solved' })], cursorAt(1_790_000_200, 1))),
      ),
      source('zenpy/a-01.json', recorded(200, cursorPage([ticket(1, { status: 'open' })], cursorAt(1_790_000_100, 1)))),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('solved');
  });
});

describe('buildDataset: users and groups', () => {
  const dataset = buildDataset([
    source('users.json', {
      users: [
        { id: 101, name: 'Ana', role: 'agent', active: true, email: 'ana@example.com' },
        { id: 102, name: null, role: 'admin' },
        { id: 103 },
        { id: 'x104', name: 'Broken' },
        { id: 105, name: '' },
      ],
      next_page: null,
      count: 5,
    }),
    source('groups.json', {
      groups: [{ id: 7, name: 'Tier 2', deleted: false }, { id: -1, name: 'Bad' }, { id: 8 }],
      next_page: null,
    }),
  ]);

  it('reads users by id and skips the malformed one with a warning', () => {
    expect([...dataset.users.keys()].sort()).toEqual([101, 102, 103, 105]);
    expect(dataset.users.get(101)).toMatchObject({ id: 101, name: 'Ana', role: 'agent', active: true });
    expect(dataset.users.get(103)).toMatchObject({ id: 103, name: null, role: null });
    expect(dataset.warnings).toContainEqual(expect.objectContaining({ source: 'users.json', recordId: 'x104' }));
  });

  it('reads groups by id and skips the malformed one with a warning', () => {
    expect([...dataset.groups.keys()].sort()).toEqual([7, 8]);
    expect(dataset.groups.get(7)).toMatchObject({ id: 7, name: 'Tier 2' });
    expect(dataset.groups.get(8)).toMatchObject({ id: 8, name: null });
    expect(dataset.warnings).toContainEqual(expect.objectContaining({ source: 'groups.json', recordId: -1 }));
  });

  it('counts both pages and both skipped records', () => {
    expect(dataset.pages).toBe(2);
    expect(dataset.skipped).toBe(2);
    expect(dataset.warnings).toHaveLength(2);
    expect(dataset.tickets).toEqual([]);
  });

  it('userNames maps ids to the users that have a name', () => {
    expect(userNames(dataset.users)).toEqual(new Map([[101, 'Ana']]));
  });
});

describe('buildDataset: bodies that are not data', () => {
  it.each([
    ['an array', [ticket(1)]],
    ['a string', 'tickets'],
    ['null', null],
    ['an empty object', {}],
    ['a "tickets" body whose tickets are not a list', { tickets: { 1: ticket(1) }, end_time: 1_790_000_000 }],
    ['a "users" body whose users are not a list', { users: 'none' }],
    ['a "groups" body whose groups are not a list', { groups: null }],
  ])('ignores %s with one warning', (_, body) => {
    const dataset = buildDataset([source('odd.json', body), source('page.json', timePage([ticket(1)], 1_790_000_000))]);
    expect(dataset.tickets.map((record) => record.id)).toEqual([1]);
    expect(dataset.pages).toBe(1);
    expect(dataset.skipped).toBe(0);
    expect(dataset.warnings).toEqual([
      { source: 'odd.json', recordId: null, message: expect.stringMatching(/^ignored: /) },
    ]);
  });

  it('returns an empty dataset for no sources', () => {
    const dataset = buildDataset([]);
    expect(dataset).toMatchObject({ tickets: [], skipped: 0, pages: 0, warnings: [] });
    expect(dataset.users.size).toBe(0);
    expect(dataset.groups.size).toBe(0);
  });
});

/** Bodies from Zendesk's OpenAPI examples (test/fixtures/shapes/README.md), ids adjusted to join. */
const shapes = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/shapes/${name}`, import.meta.url), 'utf8')) as Json;
const oasTicket = (shapes('oas-tickets.json').tickets as Json[])[0]!;
const oasMetrics = shapes('oas-ticket-metrics.json').ticket_metrics as Json[];

describe('buildDataset: every shape Zendesk sends', () => {
  const solvedTickets = [
    { ...oasTicket, id: 1517, status: 'solved' },
    { ...oasTicket, id: 1511, status: 'solved' },
  ];

  it('joins a /api/v2/ticket_metrics list (offset paged) to a plain ticket list on ticket_id', () => {
    const sources = [
      source('tickets.json', { tickets: solvedTickets, next_page: null, previous_page: null, count: 2 }),
      source('metrics.json', { ...shapes('oas-ticket-metrics.json'), next_page: null, count: 2 }),
    ];
    for (const dataset of bothOrders(sources)) {
      expect(dataset.warnings).toEqual([]);
      expect(only(dataset, 1517)).toMatchObject({
        replies: 1,
        replyTimeCalendar: 16,
        solvedAt: Date.parse('2020-07-20T06:21:26Z'),
      });
      expect(only(dataset, 1511).solvedAt).not.toBeNull();
    }
  });

  it('joins a cursor-paged ticket_metrics list and a single ticket_metric (object, or the OAS array) to single tickets', () => {
    const cursorMetrics = {
      ticket_metrics: [oasMetrics[1]],
      meta: { has_more: false, after_cursor: null, before_cursor: null },
      links: { next: null, prev: null },
    };
    const single = { ticket_metric: oasMetrics[0] };
    for (const metric of [single, shapes('oas-ticket-metric.json')]) {
      const dataset = buildDataset([
        source('t1517.json', { ticket: solvedTickets[0] }),
        source('t1511.json', { ticket: solvedTickets[1] }),
        source('m1517.json', metric),
        source('m1511.json', cursorMetrics),
      ]);
      expect(dataset.warnings).toEqual([]);
      expect(only(dataset, 1517).replies).toBe(1);
      expect(only(dataset, 1511).solvedAt).not.toBeNull();
    }
  });

  it('warns, with a count and what it means, about solved tickets with no metric set anywhere in the input', () => {
    const dataset = buildDataset([source('recent.json', { tickets: solvedTickets, next_page: null, count: 2 })]);
    expect(dataset.tickets).toHaveLength(2);
    expect(dataset.warnings).toEqual([
      expect.objectContaining({
        source: '--input',
        message: expect.stringMatching(/^2 solved or closed tickets have no metric set .*left out of Solved/),
      }),
    ]);
  });

  it('keeps the ticket, its sideloaded users and groups, from one body', () => {
    const dataset = buildDataset([
      source('show.json', {
        ticket: oasTicket,
        users: [{ id: 235323, name: 'Ana', role: 'agent' }],
        groups: [{ id: 98738, name: 'Tier 1' }],
      }),
    ]);
    expect(dataset.tickets.map((record) => record.id)).toEqual([35436]);
    expect(dataset.users.get(235323)?.name).toBe('Ana');
    expect(dataset.groups.get(98738)?.name).toBe('Tier 1');
    expect(dataset.warnings).toEqual([]);
  });

  it('reads the ticket results of search and search export, naming the other results as unused', () => {
    const search = shapes('oas-search.json');
    const exported = shapes('oas-search-export.json');
    const dataset = buildDataset([
      source('search.json', {
        ...search,
        results: [...(search.results as Json[]), { ...oasTicket, result_type: 'ticket' }],
      }),
      source('export.json', { ...exported, results: [{ ...oasTicket, id: 2, result_type: 'ticket' }] }),
    ]);
    expect(dataset.tickets.map((record) => record.id).sort()).toEqual([2, 35436]);
    expect(dataset.warnings).toEqual([
      {
        source: 'search.json',
        kind: 'search results',
        recordId: null,
        message: 'not used by the report: 2 search results that are not tickets',
      },
    ]);
  });

  it('reads a bare ticket without envelope', () => {
    const dataset = buildDataset([source('ticket-35436.json', oasTicket)]);
    expect(dataset.tickets.map((record) => record.id)).toEqual([35436]);
    expect(dataset.pages).toBe(1);
  });

  it('names the top-level keys of a body no reader knows', () => {
    const dataset = buildDataset([source('fields.json', { ticket_fields: [], count: 0 })]);
    expect(dataset.warnings[0]!.message).toBe(
      'ignored: no reader knows this body (top-level keys: ticket_fields, count)',
    );
  });

  it('names the arrays a body holds that the report does not use, with the kind it was read as', () => {
    const dataset = buildDataset([
      source('t.json', { tickets: [oasTicket], brands: [{ id: 1 }, { id: 2 }], count: 1 }),
    ]);
    expect(dataset.warnings).toEqual([
      {
        source: 't.json',
        kind: 'ticket list (show_many or unpaged)',
        recordId: null,
        message: 'not used by the report: brands (2)',
      },
    ]);
  });
});

describe('buildDataset: positioned and unpositioned pages', () => {
  const at = (status: string, updatedAt: string): Json => ticket(1, { status, updated_at: updatedAt });

  it('an older show_many page does not undo the export; the export pages keep their stream order', () => {
    const sources = [
      source('export-2.json', cursorPage([at('pending', '2026-10-02T00:00:00Z')], cursorAt(1_790_000_200, 1))),
      source('export-1.json', cursorPage([at('open', '2026-10-01T00:00:00Z')], cursorAt(1_790_000_100, 1))),
      source('zz-show-many.json', { tickets: [at('new', '2026-09-30T00:00:00Z')] }),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('pending');
  });

  it('a newer ticket in an unpositioned page wins, whatever its file name', () => {
    const sources = [
      source('export-1.json', cursorPage([at('open', '2026-10-01T00:00:00Z')], cursorAt(1_790_000_100, 1))),
      source('a-list.json', { tickets: [at('hold', '2026-10-03T00:00:00Z')], next_page: null }),
      source('b-list.json', { tickets: [at('new', '2026-09-01T00:00:00Z')], next_page: null }),
    ];
    for (const dataset of bothOrders(sources)) expect(only(dataset, 1).status).toBe('hold');
  });
});

describe('buildDataset: metric sets that match nothing or twice', () => {
  it('warns about duplicates with a count and keeps the newest updated_at, in any order', () => {
    const sources = [
      source(
        'page.json',
        timePage([ticket(1)], 1_790_000_000, {
          metric_sets: [metricSet(1, { replies: 1, updated_at: '2026-10-01T00:00:00Z' })],
        }),
      ),
      source('metrics.json', {
        ticket_metrics: [metricSet(1, { id: 5, replies: 4, updated_at: '2026-10-02T00:00:00Z' })],
      }),
    ];
    for (const dataset of bothOrders(sources)) {
      expect(only(dataset, 1).replies).toBe(4);
      expect(dataset.warnings).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            /^1 metric set for a ticket that already has one: the newest updated_at is used$/,
          ),
        }),
      ]);
    }
  });

  it.each([
    ['1e300 minutes', { reply_time_in_minutes: { calendar: 1e300, business: 1 } }],
    ['negative minutes', { on_hold_time_in_minutes: { calendar: -5, business: 0 } }],
    ['1e300 replies', { replies: 1e300 }],
  ])('refuses %s, naming the file and the ticket', (_, fields) => {
    const dataset = buildDataset([
      source(
        'p.json',
        timePage([ticket(1), ticket(2)], 1_790_000_000, { metric_sets: [metricSet(1, fields), metricSet(2)] }),
      ),
    ]);
    expect(dataset.tickets.map((record) => record.id)).toEqual([2]);
    expect(dataset.skipped).toBe(1);
    expect(dataset.warnings).toEqual([
      expect.objectContaining({
        source: 'p.json',
        recordId: 1,
        message: expect.stringContaining('ticket skipped: its metric set is malformed or out of range'),
      }),
    ]);
  });
});

describe('readEventDataset: every stream a body holds', () => {
  it('reads ratings beside metric events in one body, and names a stream that is not a list', () => {
    const rating = {
      id: 70,
      ticket_id: 1,
      assignee_id: 101,
      group_id: null,
      score: 'good',
      created_at: '2026-10-02T11:00:00Z',
    };
    const events = readEventDataset(
      [
        source('both.json', { ticket_metric_events: [], satisfaction_ratings: [rating, { id: 71, score: 'great' }] }),
        source('odd.json', { ticket_events: 'none' }),
      ],
      new Map(),
      Date.parse('2026-10-03T00:00:00Z'),
    );
    expect(events.timelines?.byTicket.get(1)?.ratedAssignee).toBe(101);
    expect(events.skipped).toBe(1);
    expect(events.warnings).toEqual([
      expect.objectContaining({ source: 'both.json', kind: 'satisfaction ratings', recordId: 71 }),
      { source: 'odd.json', kind: 'ticket events', recordId: null, message: 'not read: "ticket_events" is not a list' },
    ]);
  });
});
