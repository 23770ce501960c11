import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SATISFACTION_SCORES, TICKET_STATUSES, type TicketRecord } from '../../src/metrics/ticket-record';
import { isTicketRecord } from '../../src/zendesk/account-snapshot';
import {
  decodeTicketColumns,
  encodeTicketColumns,
  storedTicketColumns,
  TICKET_COLUMNS_FORMAT,
  type TicketColumns,
} from '../../src/zendesk/ticket-columns';
import { makeTicket } from '../metrics/make-ticket';
import { interleaved } from './interleaved-columns';

/** Every numeric field a different value, so two fields swapped in the columns show. */
function distinctTicket(id: number): TicketRecord {
  return {
    id,
    createdAt: 1_760_000_000_000 + id,
    status: 'solved',
    assigneeId: 1001,
    groupId: 1002,
    brandId: 1003,
    channel: 'email',
    type: 'incident',
    priority: 'urgent',
    tags: ['vip', 'billing'],
    satisfaction: 'bad',
    solvedAt: 1_760_000_100_000,
    replies: 4,
    reopens: 5,
    groupStations: 6,
    assigneeStations: 7,
    replyTimeCalendar: 8.5,
    replyTimeBusiness: 9,
    firstResolutionCalendar: 10,
    firstResolutionBusiness: 11,
    fullResolutionCalendar: 12,
    fullResolutionBusiness: 13,
    requesterWaitCalendar: 14,
    requesterWaitBusiness: 15,
    agentWaitCalendar: 16,
    agentWaitBusiness: 17,
    onHoldCalendar: 18,
    onHoldBusiness: -0,
    satisfactionComment: 'Took three emails to get an answer.',
    satisfactionReason: 'The issue took too long to resolve',
    fieldValues: [
      { fieldId: 360_030_001, value: 3 },
      { fieldId: 360_030_002, value: NaN },
    ],
  };
}

const allNull = makeTicket({ id: 2, channel: null });

/** Through a structured clone, as IndexedDB stores and returns it. */
function roundTrip(tickets: readonly TicketRecord[]): TicketRecord[] | null {
  return decodeTicketColumns(structuredClone(encodeTicketColumns(tickets)));
}

describe('ticket columns round trip', () => {
  it('gives back every field of every ticket, nulls included', () => {
    const tickets = [distinctTicket(1), allNull, makeTicket({ id: 3, status: 'hold', tags: [] })];
    expect(roundTrip(tickets)).toStrictEqual(tickets);
  });

  it('gives back every status and every score, and no score', () => {
    const tickets = TICKET_STATUSES.flatMap((status, s) =>
      [...SATISFACTION_SCORES, null].map((satisfaction, k) => makeTicket({ id: 1 + s * 10 + k, status, satisfaction })),
    );
    expect(roundTrip(tickets)).toStrictEqual(tickets);
  });

  it('gives back the rating text and the survey fields of tickets that have them beside tickets that do not', () => {
    const tickets = [
      makeTicket({ id: 1 }),
      distinctTicket(2),
      makeTicket({ id: 3, satisfactionReason: 'The issue was not resolved', fieldValues: [{ fieldId: 9, value: 10 }] }),
    ];
    const decoded = roundTrip(tickets)!;
    expect(decoded).toStrictEqual(tickets);
    expect(decoded[1]!.fieldValues![1]!.value).toBeNaN();
  });

  it('gives back no tickets', () => {
    expect(roundTrip([])).toStrictEqual([]);
  });

  it('keeps one copy of a string used as channel, type, priority and tag', () => {
    const tickets = [
      makeTicket({ id: 1, channel: 'api', type: 'api', priority: 'api', tags: ['api'] }),
      makeTicket({ id: 2, channel: 'web', tags: ['api', 'web'] }),
    ];
    const columns = encodeTicketColumns(tickets);
    expect([...columns.strings].sort()).toEqual(['api', 'web']);
    expect(decodeTicketColumns(structuredClone(columns))).toStrictEqual(tickets);
  });

  it('keeps tags in order and does not merge sets that differ only in order', () => {
    const tickets = [
      makeTicket({ id: 1, tags: ['b', 'a'] }),
      makeTicket({ id: 2, tags: ['a', 'b'] }),
      makeTicket({ id: 3, tags: ['a'] }),
      makeTicket({ id: 4, tags: ['a', 'b', 'c'] }),
      makeTicket({ id: 5, tags: ['a', 'b'] }),
    ];
    const columns = encodeTicketColumns(tickets);
    expect(columns.tagSetOffsets.length - 1).toBe(4);
    expect(decodeTicketColumns(structuredClone(columns))).toStrictEqual(tickets);
  });

  it('shares one frozen tags array between tickets with the same tags', () => {
    const decoded = roundTrip([makeTicket({ id: 1, tags: ['vip'] }), makeTicket({ id: 2, tags: ['vip'] })])!;
    expect(decoded[0]!.tags).toBe(decoded[1]!.tags);
    expect(Object.isFrozen(decoded[0]!.tags)).toBe(true);
  });

  it('gives back strings outside ASCII, empty ones and ones with separators', () => {
    const tickets = [
      makeTicket({ id: 1, channel: 'واتساپ', type: '', priority: 'высокий', tags: ['😀', 'a,b', 'a\u0000b', '"', ''] }),
      makeTicket({ id: 2, channel: '', tags: ['a', 'b'] }),
    ];
    expect(roundTrip(tickets)).toStrictEqual(tickets);
  });

  it('keeps the values of large, fractional, negative and extreme numbers', () => {
    const ticket = makeTicket({
      id: Number.MAX_SAFE_INTEGER,
      createdAt: -1,
      assigneeId: 2 ** 53 - 1,
      replyTimeCalendar: 0.1,
      onHoldBusiness: Infinity,
      agentWaitBusiness: -Infinity,
    });
    expect(roundTrip([ticket])).toStrictEqual([ticket]);
  });

  it('reads tickets decoded from columns and encoded again the same', () => {
    const tickets = [distinctTicket(1), allNull, distinctTicket(3)];
    expect(roundTrip(roundTrip(tickets)!)).toStrictEqual(tickets);
  });

  it('gives back any tickets (property)', () => {
    const text = fc.oneof(
      fc.constantFrom('email', 'web', 'vip', 'billing'),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const nullableNumber = fc.option(fc.oneof(fc.integer(), fc.double({ noNaN: true })), { nil: null });
    const ticket = fc.record(
      {
        id: fc.integer({ min: 1 }),
        createdAt: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.double({ noNaN: true })),
        status: fc.constantFrom(...TICKET_STATUSES),
        assigneeId: nullableNumber,
        groupId: nullableNumber,
        brandId: nullableNumber,
        channel: fc.option(text, { nil: null }),
        type: fc.option(text, { nil: null }),
        priority: fc.option(text, { nil: null }),
        tags: fc.array(text, { maxLength: 4 }),
        satisfaction: fc.constantFrom(...SATISFACTION_SCORES, null),
        solvedAt: nullableNumber,
        replies: nullableNumber,
        reopens: nullableNumber,
        groupStations: nullableNumber,
        assigneeStations: nullableNumber,
        replyTimeCalendar: nullableNumber,
        replyTimeBusiness: nullableNumber,
        firstResolutionCalendar: nullableNumber,
        firstResolutionBusiness: nullableNumber,
        fullResolutionCalendar: nullableNumber,
        fullResolutionBusiness: nullableNumber,
        requesterWaitCalendar: nullableNumber,
        requesterWaitBusiness: nullableNumber,
        agentWaitCalendar: nullableNumber,
        agentWaitBusiness: nullableNumber,
        onHoldCalendar: nullableNumber,
        onHoldBusiness: nullableNumber,
        satisfactionComment: fc.option(text, { nil: null }),
        satisfactionReason: fc.option(text, { nil: null }),
        fieldValues: fc.array(
          fc.record(
            { fieldId: fc.integer({ min: 1 }), value: fc.oneof(fc.integer(), fc.constant(NaN)) },
            { noNullPrototype: true },
          ),
          { maxLength: 2 },
        ),
      },
      { noNullPrototype: true },
    ) satisfies fc.Arbitrary<TicketRecord>;
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 30 }), (tickets) => {
        const decoded = roundTrip(tickets);
        expect(decoded).toStrictEqual(tickets);
        expect(decoded!.every(isTicketRecord)).toBe(true);
      }),
    );
  });

  it('reads columns whose arrays belong to another realm, as jsdom clones them', () => {
    const tickets = [distinctTicket(1), allNull];
    const columns = encodeTicketColumns(tickets);
    const foreign = runInNewContext(
      `const typed = (record, make) => Object.fromEntries(Object.entries(record).map(([key, column]) => [key, make(column)]));
       ({ ...columns,
          numbers: typed(columns.numbers, (column) => column.constructor.name === 'Float32Array' ? new Float32Array(column) : new Float64Array(column)),
          labels: typed(columns.labels, (column) => new Int32Array(column)),
          statuses: new Uint8Array(columns.statuses), scores: new Uint8Array(columns.scores), tagSets: new Uint32Array(columns.tagSets),
          tagSetOffsets: new Uint32Array(columns.tagSetOffsets), tagSetStrings: new Uint32Array(columns.tagSetStrings),
          ratingTexts: new Int32Array(columns.ratingTexts), fieldOffsets: new Uint32Array(columns.fieldOffsets),
          fieldIds: new Float64Array(columns.fieldIds), fieldNumbers: new Float64Array(columns.fieldNumbers),
          strings: Array.from(columns.strings) })`,
      { columns },
    ) as TicketColumns;
    expect(foreign.numbers.id).not.toBeInstanceOf(Float64Array);
    expect(foreign.numbers.replies).not.toBeInstanceOf(Float32Array);
    expect(decodeTicketColumns(foreign)).toStrictEqual(tickets);
  });

  it('builds records with the field order of TicketRecord', () => {
    expect(Object.keys(roundTrip([distinctTicket(1)])![0]!)).toEqual(Object.keys(distinctTicket(1)));
  });
});

describe('damaged ticket columns read as none', () => {
  const tickets = [distinctTicket(1), allNull, makeTicket({ id: 3, tags: ['vip'] })];
  const good = (): TicketColumns => encodeTicketColumns(tickets);
  const damaged = (change: (columns: TicketColumns) => unknown) => {
    const columns = good();
    const result = change(columns);
    return result === undefined ? columns : result;
  };

  it('reads the undamaged columns', () => {
    expect(decodeTicketColumns(good())).toStrictEqual(tickets);
  });

  it.each<[string, (columns: TicketColumns) => unknown]>([
    ['null', () => null],
    ['a string', () => 'columns'],
    ['an array of records', () => tickets],
    ['another format', (columns) => ({ ...columns, format: 'columns-0' })],
    ['no format', (columns) => ({ ...columns, format: undefined })],
    ['a count that does not match', (columns) => ({ ...columns, count: columns.count + 1 })],
    ['a fractional count', (columns) => ({ ...columns, count: 2.5 })],
    ['a negative count', (columns) => ({ ...columns, count: -1 })],
    ['a count that is a string', (columns) => ({ ...columns, count: '3' })],
    [
      'a truncated number column',
      (columns) => ({ ...columns, numbers: { ...columns.numbers, replies: columns.numbers.replies.slice(0, -1) } }),
    ],
    [
      'a number column missing',
      ({ numbers: { groupId: _groupId, ...numbers }, ...columns }) => ({ ...columns, numbers }),
    ],
    ['numbers in one plain array', (columns) => ({ ...columns, numbers: [...columns.numbers.id] })],
    [
      'a number column in a plain array',
      (columns) => ({ ...columns, numbers: { ...columns.numbers, replies: [...columns.numbers.replies] } }),
    ],
    [
      'a number column of the wrong type',
      (columns) => ({ ...columns, numbers: { ...columns.numbers, replies: new Int32Array(columns.numbers.replies) } }),
    ],
    [
      'ids in 32 bits',
      (columns) => ({ ...columns, numbers: { ...columns.numbers, id: new Float32Array(columns.numbers.id) } }),
    ],
    [
      'a number column that only claims to be a Float64Array',
      (columns) => ({
        ...columns,
        numbers: {
          ...columns.numbers,
          solvedAt: Object.assign([...columns.numbers.solvedAt], { [Symbol.toStringTag]: 'Float64Array' }),
        },
      }),
    ],
    ['truncated statuses', (columns) => ({ ...columns, statuses: columns.statuses.slice(0, -1) })],
    ['truncated scores', (columns) => ({ ...columns, scores: columns.scores.slice(0, -1) })],
    [
      'a truncated label column',
      (columns) => ({ ...columns, labels: { ...columns.labels, type: columns.labels.type.slice(0, -1) } }),
    ],
    [
      'a label column missing',
      ({ labels: { priority: _priority, ...labels }, ...columns }) => ({ ...columns, labels }),
    ],
    ['no labels', (columns) => ({ ...columns, labels: null })],
    ['truncated tag sets', (columns) => ({ ...columns, tagSets: columns.tagSets.slice(0, -1) })],
    ['truncated tag set strings', (columns) => ({ ...columns, tagSetStrings: columns.tagSetStrings.slice(0, -1) })],
    ['no tag set offsets', (columns) => ({ ...columns, tagSetOffsets: new Uint32Array(0) })],
    [
      'tag set offsets that go back',
      (columns) => {
        columns.tagSetOffsets[1] = columns.tagSetOffsets[2]! + 1;
      },
    ],
    [
      'tag set offsets that do not start at 0',
      (columns) => {
        columns.tagSetOffsets[0] = 1;
      },
    ],
    [
      'a tag set index out of range',
      (columns) => {
        columns.tagSets[2] = columns.tagSetOffsets.length - 1;
      },
    ],
    [
      'a tag string index out of range',
      (columns) => {
        columns.tagSetStrings[0] = columns.strings.length;
      },
    ],
    [
      'a label index out of range',
      (columns) => {
        columns.labels.channel[0] = columns.strings.length;
      },
    ],
    [
      'a label index below -1',
      (columns) => {
        columns.labels.priority[1] = -2;
      },
    ],
    [
      'an unknown status code',
      (columns) => {
        columns.statuses[1] = TICKET_STATUSES.length;
      },
    ],
    [
      'an unknown score code',
      (columns) => {
        columns.scores[1] = SATISFACTION_SCORES.length;
      },
    ],
    [
      'a null id',
      (columns) => {
        columns.numbers.id[0] = NaN;
      },
    ],
    [
      'a zero id',
      (columns) => {
        columns.numbers.id[0] = 0;
      },
    ],
    [
      'a negative id',
      (columns) => {
        columns.numbers.id[0] = -4;
      },
    ],
    [
      'a fractional id',
      (columns) => {
        columns.numbers.id[0] = 1.5;
      },
    ],
    [
      'a null created time',
      (columns) => {
        columns.numbers.createdAt[0] = NaN;
      },
    ],
    ['strings that are not all strings', (columns) => ({ ...columns, strings: [...columns.strings.slice(1), 7] })],
    [
      'strings with a hole',
      (columns) => {
        columns.strings.length += 1;
        columns.strings.push('x');
      },
    ],
    ['strings that are not an array', (columns) => ({ ...columns, strings: 'email,vip' })],
    ['no strings', (columns) => ({ ...columns, strings: undefined })],
    ['no numbers', ({ numbers: _numbers, ...columns }) => columns],
  ])('%s', (_name, change) => {
    expect(decodeTicketColumns(damaged(change))).toBeNull();
  });
});

describe('the numbers in 32 bits where exact', () => {
  it('keeps counts and whole or binary-fraction minutes in 32 bits, ids and instants in 64', () => {
    const columns = encodeTicketColumns([distinctTicket(1), allNull, makeTicket({ id: 3_000_000_123 })]);
    for (const field of ['id', 'createdAt', 'assigneeId', 'groupId', 'brandId', 'solvedAt'] as const)
      expect(columns.numbers[field], field).toBeInstanceOf(Float64Array);
    for (const field of ['replies', 'reopens', 'replyTimeCalendar', 'onHoldBusiness'] as const)
      expect(columns.numbers[field], field).toBeInstanceOf(Float32Array);
  });

  it('keeps a column in 64 bits when one value in it would round, and gives every value back', () => {
    const tickets = [distinctTicket(1), makeTicket({ id: 2, replyTimeCalendar: 0.1, reopens: 16_777_217 })];
    const columns = encodeTicketColumns(tickets);
    expect(columns.numbers.replyTimeCalendar).toBeInstanceOf(Float64Array);
    expect(columns.numbers.reopens).toBeInstanceOf(Float64Array);
    expect(columns.numbers.replyTimeBusiness).toBeInstanceOf(Float32Array);
    expect(decodeTicketColumns(structuredClone(columns))).toStrictEqual(tickets);
  });

  it('gives back any number in any field exactly', () => {
    // NaN is how a column holds null, so a NaN reads back as null (as before columns were split).
    const value = fc.option(fc.double({ noNaN: true }), { nil: null });
    fc.assert(
      fc.property(value, value, fc.integer({ min: 1, max: 2 ** 40 }), (replies, minutes, id) => {
        const tickets = [makeTicket({ id, replies, fullResolutionBusiness: minutes }), allNull];
        expect(decodeTicketColumns(structuredClone(encodeTicketColumns(tickets)))).toStrictEqual(tickets);
      }),
    );
  });
});

describe('caches of format 2 (interleaved)', () => {
  const tickets = [distinctTicket(1), allNull, makeTicket({ id: 3, status: 'hold', tags: ['vip'] })];

  it('read back as the same records', () => {
    expect(decodeTicketColumns(structuredClone(interleaved(encodeTicketColumns(tickets))))).toStrictEqual(tickets);
  });

  it('read as this format’s columns, one per field', () => {
    const columns = storedTicketColumns(interleaved(encodeTicketColumns(tickets)))!;
    expect(columns.format).toBe(TICKET_COLUMNS_FORMAT);
    expect([...columns.numbers.replies]).toEqual([4, NaN, NaN]);
    expect([...columns.numbers.id]).toEqual([1, 2, 3]);
    expect([...columns.labels.channel]).toEqual([...encodeTicketColumns(tickets).labels.channel]);
  });

  it('read as none when damaged', () => {
    const stored = interleaved(encodeTicketColumns(tickets));
    expect(decodeTicketColumns({ ...stored, numbers: (stored['numbers'] as Float64Array).slice(1) })).toBeNull();
    expect(decodeTicketColumns({ ...stored, labels: (stored['labels'] as Int32Array).slice(1) })).toBeNull();
    expect(decodeTicketColumns({ ...stored, numbers: encodeTicketColumns(tickets).numbers })).toBeNull();
  });
});

it('names its format', () => {
  expect(encodeTicketColumns([]).format).toBe(TICKET_COLUMNS_FORMAT);
});

describe('the stored codes', () => {
  it('are pinned: statuses and scores are stored by position, so reordering them needs a new format tag', () => {
    expect(TICKET_COLUMNS_FORMAT).toBe('ticket-columns-3');
    expect(TICKET_STATUSES).toEqual(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']);
    expect(SATISFACTION_SCORES).toEqual(['offered', 'unoffered', 'good', 'bad']);
  });
});
