import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketHistory } from '../../src/emulator/ticket-history';
import {
  adminOf,
  agentOf,
  bearer,
  DAY,
  ids,
  NOW,
  smallData,
  startTestEmulator,
  type Json,
  type TestEmulator,
} from './support';

/**
 * GET /api/v2/deleted_tickets: who may list them, what each entry says (read off the seeded
 * histories here: the update that set the status to deleted, and the status before it), paging,
 * order, and Zendesk's 30-day scrub.
 */

const { account, data } = smallData(3);
const admin = adminOf(account);
const lead = account.staff.find((member) => member.customRole !== null)!;
const plainAgent = agentOf(account);

interface Deletion {
  history: TicketHistory;
  at: number;
  by: number;
  previous: string;
}

function deletionOf(history: TicketHistory): Deletion | null {
  let status = 'new';
  for (const update of history.updates) {
    if (update.changes.status === 'deleted') return { history, at: update.at, by: update.authorId, previous: status };
    if (update.changes.status !== undefined) status = update.changes.status;
  }
  return null;
}
const deletions = account.tickets.map(deletionOf).filter((deletion): deletion is Deletion => deletion !== null);
const listedAt = (now: number) =>
  deletions
    .filter((deletion) => deletion.at <= now && now - deletion.at < 30 * DAY)
    .sort((a, b) => a.history.updates[0]!.at - b.history.updates[0]!.at || a.history.id - b.history.id);

let env: TestEmulator;
beforeEach(async () => {
  env = await startTestEmulator({ data, adminEmail: admin.email });
});
afterEach(async () => {
  await env.close();
});

describe('GET /api/v2/deleted_tickets', () => {
  it('the seeded account has tickets deleted in the last 30 days', () => {
    expect(listedAt(NOW).length).toBeGreaterThanOrEqual(2);
  });

  it('lists them oldest created first, each with its actor, time, previous status and subject', async () => {
    const reply = await env.get('/api/v2/deleted_tickets.json');
    expect(reply.status, reply.text).toBe(200);
    const expected = listedAt(NOW);
    expect(reply.body['count']).toBe(expected.length);
    expect(reply.body['deleted_tickets']).toEqual(
      expected.map((deletion) => {
        const actor = account.staff.find((member) => member.id === deletion.by)!;
        return {
          id: deletion.history.id,
          subject: deletion.history.subject,
          actor: { id: actor.id, name: actor.name },
          deleted_at: new Date(deletion.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          previous_state: deletion.previous,
        };
      }),
    );
  });

  it('is for admins and team leads; a plain agent gets 403', async () => {
    expect((await env.get('/api/v2/deleted_tickets.json', { auth: bearer(lead.id) })).status).toBe(200);
    const refused = await env.get('/api/v2/deleted_tickets.json', { auth: bearer(plainAgent.id) });
    expect(refused.status).toBe(403);
    expect(refused.body['error']).toBe('Forbidden');
  });

  it('pages by cursor and by offset, and sorts by deleted_at descending', async () => {
    const expected = listedAt(NOW).map((deletion) => deletion.history.id);
    const byCursor: number[] = [];
    let path: string | null = '/api/v2/deleted_tickets.json?page%5Bsize%5D=1';
    while (path !== null && byCursor.length <= expected.length) {
      const reply = await env.get(path);
      byCursor.push(...ids(reply.body['deleted_tickets'] as Json[]));
      const meta = reply.body['meta'] as { has_more: boolean };
      path = meta.has_more ? (reply.body['links'] as { next: string }).next : null;
    }
    expect(byCursor).toEqual(expected);
    const second = await env.get('/api/v2/deleted_tickets.json?per_page=1&page=2');
    expect(ids(second.body['deleted_tickets'] as Json[])).toEqual([expected[1]]);
    const newestFirst = await env.get('/api/v2/deleted_tickets.json?sort_by=deleted_at&sort_order=desc');
    const byDeletion = [...listedAt(NOW)].sort((a, b) => b.at - a.at).map((deletion) => deletion.history.id);
    expect(ids(newestFirst.body['deleted_tickets'] as Json[])).toEqual(byDeletion);
    const bad = await env.get('/api/v2/deleted_tickets.json?sort_by=priority');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('sort_by must be one of');
  });

  it('a ticket deleted more than 30 days ago has been scrubbed and is no longer listed', async () => {
    const first = listedAt(NOW)[0]!;
    const later = first.at + 30 * DAY + 60_000;
    env.clock.advance(later - NOW);
    const reply = await env.get('/api/v2/deleted_tickets.json');
    const listed = ids(reply.body['deleted_tickets'] as Json[]);
    expect(listed).not.toContain(first.history.id);
    expect(listed).toEqual(listedAt(later).map((deletion) => deletion.history.id));
  });

  it('is limited to 10 requests a minute', async () => {
    for (let i = 0; i < 10; i++) expect((await env.get('/api/v2/deleted_tickets.json')).status).toBe(200);
    const limited = await env.get('/api/v2/deleted_tickets.json');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
