import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketVersion } from '../../src/emulator/account-data';
import type { StaffMember } from '../../src/emulator/seed-account';
import {
  adminOf,
  agentOf,
  bearer,
  ids,
  NOW,
  query,
  smallData,
  sorted,
  startTestEmulator,
  type Json,
  type TestEmulator,
} from './support';

/**
 * Restricted agents (Zendesk's `ticket_restriction`) on every endpoint that reads tickets: lists,
 * show_many, search and its export, ticket metrics and a user's requested tickets leave out what
 * they may not read; a single ticket, its audits and its metric set answer 403. What each agent
 * may read is worked out here from the seed (their groups, the ticket's group and assignee), not
 * from the emulator's rule.
 */

const { account, data } = smallData(3);
const admin = adminOf(account);
const plainAgent = agentOf(account);
const byGroups = account.staff.find((member) => member.ticketRestriction === 'groups')!;
const byAssigned = account.staff.find((member) => member.ticketRestriction === 'assigned')!;

const live = (): TicketVersion[] => data.allTickets(NOW).filter((v) => v.ticket['status'] !== 'deleted');

/** The seed's answer to "may this agent read this ticket?", by their restriction. */
function expectedReadable(member: StaffMember, version: TicketVersion): boolean {
  const ticket = version.ticket;
  if (ticket['assignee_id'] === member.id || ticket['requester_id'] === member.id) return true;
  if (member.ticketRestriction === 'groups') return member.groupIds.includes(ticket['group_id'] as number);
  return member.ticketRestriction === null;
}
const readableIds = (member: StaffMember) =>
  live()
    .filter((v) => expectedReadable(member, v))
    .map((v) => v.id);
const hiddenFrom = (member: StaffMember) => live().find((v) => !expectedReadable(member, v))!;
const shownTo = (member: StaffMember) => live().find((v) => expectedReadable(member, v) && v.metricSet !== null)!;

let env: TestEmulator;
beforeAll(async () => {
  env = await startTestEmulator({ data, adminEmail: admin.email });
});
afterAll(async () => {
  await env.close();
});

async function allPages(path: string, key: string, auth: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | null = path;
  for (let page = 0; next !== null && page < 100; page++) {
    const reply = await env.get(next, { auth });
    expect(reply.status, reply.text).toBe(200);
    out.push(...(reply.body[key] as Json[]));
    const links = reply.body['links'] as { next: string | null } | undefined;
    const meta = reply.body['meta'] as { has_more: boolean } | undefined;
    next = meta ? (meta.has_more ? links!.next : null) : ((reply.body['next_page'] as string | null) ?? null);
  }
  return out;
}

describe('the seeded restricted agents', () => {
  it('see a part of the account, and each sees tickets the other does not', () => {
    const all = live().length;
    for (const member of [byGroups, byAssigned]) {
      const count = readableIds(member).length;
      expect(count, member.ticketRestriction!).toBeGreaterThan(0);
      expect(count, member.ticketRestriction!).toBeLessThan(all);
    }
    expect(readableIds(byGroups).length).toBeGreaterThan(readableIds(byAssigned).length);
    expect(readableIds(plainAgent).length).toBe(all);
  });
});

describe.each([
  ['groups', byGroups],
  ['assigned', byAssigned],
] as const)('an agent restricted to %s tickets', (_name, member) => {
  const auth = bearer(member.id);

  it('GET /tickets/{id}: 403 outside what they may read, 200 inside', async () => {
    const hidden = await env.get(`/api/v2/tickets/${hiddenFrom(member).id}.json`, { auth });
    expect(hidden.status).toBe(403);
    expect(hidden.body['error']).toBe('Forbidden');
    const shown = await env.get(`/api/v2/tickets/${shownTo(member).id}.json`, { auth });
    expect(shown.status).toBe(200);
    // The admin reads the hidden one.
    expect((await env.get(`/api/v2/tickets/${hiddenFrom(member).id}.json`)).status).toBe(200);
  });

  it('GET /tickets/show_many leaves out the tickets they may not read', async () => {
    const mixed = live().slice(0, 100);
    const reply = await env.get(
      `/api/v2/tickets/show_many.json?ids=${mixed.map((v) => v.id).join(',')}&include=metric_sets`,
      { auth },
    );
    expect(reply.status).toBe(200);
    const expected = mixed.filter((v) => expectedReadable(member, v)).map((v) => v.id);
    expect(expected.length).toBeLessThan(mixed.length);
    expect(sorted(ids(reply.body['tickets'] as Json[]))).toEqual(sorted(expected));
    expect(sorted((reply.body['metric_sets'] as Json[]).map((set) => set['ticket_id'] as number))).toEqual(
      sorted(expected.filter((id) => data.ticket(id, NOW)!.metricSet !== null)),
    );
  });

  it('GET /tickets lists only their tickets', async () => {
    const tickets = await allPages('/api/v2/tickets.json?page%5Bsize%5D=100', 'tickets', auth);
    expect(sorted(ids(tickets))).toEqual(sorted(readableIds(member)));
  });

  it('search counts and returns only their tickets; the search export too', async () => {
    const expected = live().filter((v) => expectedReadable(member, v) && v.ticket['status'] !== 'closed');
    const search = await env.get(`/api/v2/search.json${query({ query: 'status<closed', per_page: 100 })}`, { auth });
    expect(search.body['count']).toBe(expected.length);
    const exported = await allPages(
      `/api/v2/search/export.json${query({ query: 'status<closed', 'filter[type]': 'ticket', 'page[size]': 100 })}`,
      'results',
      auth,
    );
    expect(sorted(ids(exported))).toEqual(sorted(expected.map((v) => v.id)));
  });

  it('audits and a ticket’s metrics: 403 outside, 200 inside', async () => {
    const hidden = hiddenFrom(member).id;
    const shown = shownTo(member).id;
    expect((await env.get(`/api/v2/tickets/${hidden}/audits.json`, { auth })).status).toBe(403);
    expect((await env.get(`/api/v2/tickets/${hidden}/metrics.json`, { auth })).status).toBe(403);
    expect((await env.get(`/api/v2/tickets/${shown}/audits.json`, { auth })).status).toBe(200);
    const metrics = await env.get(`/api/v2/tickets/${shown}/metrics.json`, { auth });
    expect((metrics.body['ticket_metric'] as Json)['ticket_id']).toBe(shown);
  });

  it('GET /ticket_metrics lists only the metric sets of their tickets', async () => {
    const sets = await allPages('/api/v2/ticket_metrics.json?page%5Bsize%5D=100', 'ticket_metrics', auth);
    const expected = live().filter((v) => v.metricSet !== null && expectedReadable(member, v));
    expect(sorted(sets.map((set) => set['ticket_id'] as number))).toEqual(sorted(expected.map((v) => v.id)));
  });

  it("GET /users/{id}/tickets/requested holds only the requester's tickets they may read", async () => {
    // A requester with tickets both inside and outside what the agent may read.
    const requester = account.endUsers.find((user) => {
      const theirs = live().filter((v) => v.ticket['requester_id'] === user.id);
      return theirs.some((v) => expectedReadable(member, v)) && theirs.some((v) => !expectedReadable(member, v));
    })!;
    expect(requester).toBeDefined();
    const theirs = live().filter((v) => v.ticket['requester_id'] === requester.id);
    const path = `/api/v2/users/${requester.id}/tickets/requested.json`;
    const asAgent = await allPages(path, 'tickets', auth);
    expect(sorted(ids(asAgent))).toEqual(sorted(theirs.filter((v) => expectedReadable(member, v)).map((v) => v.id)));
    const asAdmin = await allPages(path, 'tickets', bearer(admin.id));
    expect(sorted(ids(asAdmin))).toEqual(sorted(theirs.map((v) => v.id)));
  });
});

describe("a user's requested and assigned tickets", () => {
  it('lists by requester or assignee, and answers 404 for a user who does not exist', async () => {
    const assigned = await allPages(
      `/api/v2/users/${plainAgent.id}/tickets/assigned.json`,
      'tickets',
      bearer(admin.id),
    );
    const expected = live().filter((v) => v.ticket['assignee_id'] === plainAgent.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(ids(assigned))).toEqual(sorted(expected.map((v) => v.id)));
    expect((await env.get('/api/v2/users/999999999/tickets/requested.json')).status).toBe(404);
  });
});
