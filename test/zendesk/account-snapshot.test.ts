import { describe, expect, it } from 'vitest';
import { isTicketRecord, parseSnapshot, SNAPSHOT_VERSION } from '../../src/zendesk/account-snapshot';
import { encodeTicketColumns } from '../../src/zendesk/ticket-columns';
import { makeTicket } from '../metrics/make-ticket';

const good = makeTicket({ id: 5, replies: 2, tags: ['vip'], satisfaction: 'good', channel: 'email' });

describe('isTicketRecord', () => {
  it('accepts a whole record, nulls included', () => {
    expect(isTicketRecord(good)).toBe(true);
    expect(isTicketRecord(makeTicket({ id: 1 }))).toBe(true);
  });

  it.each([
    ['a string id', { id: '5' }],
    ['a zero id', { id: 0 }],
    ['an unknown status', { status: 'archived' }],
    ['an unknown score', { satisfaction: 'great' }],
    ['a string count', { replies: '2' }],
    ['a string duration', { replyTimeBusiness: '10' }],
    ['a numeric channel', { channel: 3 }],
    ['tags that are not strings', { tags: [1] }],
    ['no tags', { tags: undefined }],
    ['a missing created time', { createdAt: undefined }],
  ])('rejects %s', (_name, change) => {
    expect(isTicketRecord({ ...good, ...change })).toBe(false);
  });

  it('rejects what is not an object', () => {
    expect(isTicketRecord(null)).toBe(false);
    expect(isTicketRecord('ticket')).toBe(false);
  });
});

describe('parseSnapshot', () => {
  const snapshot = {
    version: SNAPSHOT_VERSION,
    accountKey: 'acme|user:1',
    mode: 'admin',
    exportPosition: null,
    backfill: [],
    searchedUntil: null,
    coversFrom: 0,
    complete: true,
    tickets: [good],
    users: [],
    groups: [],
    directoryFetchedAt: 0,
    missingUserIds: [],
    updatedAt: 1,
    skipped: 0,
  };

  it('reads a stored snapshot back whole', () => {
    expect(parseSnapshot(snapshot, 'acme|user:1')).toEqual(snapshot);
  });

  it('reads a snapshot whose tickets are stored as columns', () => {
    const other = makeTicket({ id: 6, status: 'solved', tags: ['vip', 'billing'], priority: 'high' });
    const parsed = parseSnapshot(
      structuredClone({ ...snapshot, tickets: encodeTicketColumns([good, other]) }),
      'acme|user:1',
    );
    expect(parsed).toEqual({ ...snapshot, tickets: [good, other] });
  });

  it('reads a snapshot with damaged ticket columns as none', () => {
    const columns = encodeTicketColumns([good]);
    columns.scores[0] = 9;
    expect(parseSnapshot({ ...snapshot, tickets: columns }, 'acme|user:1')).toBeNull();
  });

  it.each([
    ['no tickets', undefined],
    ['tickets that are neither records nor columns', { 0: good }],
    ['null tickets', null],
  ])('reads a snapshot with %s as none', (_name, tickets) => {
    expect(parseSnapshot({ ...snapshot, tickets }, 'acme|user:1')).toBeNull();
  });

  it('reads a snapshot with one damaged ticket as none, so the pull starts afresh', () => {
    expect(parseSnapshot({ ...snapshot, tickets: [good, { ...good, id: 6, reopens: 'x' }] }, 'acme|user:1')).toBeNull();
  });
});
