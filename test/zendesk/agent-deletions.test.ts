import { afterEach, describe, expect, it } from 'vitest';
import { isUnsolved } from '../../src/metrics/ticket-record';
import { EmulatorClock } from '../../src/emulator/emulator-clock';
import type { StaffMember } from '../../src/emulator/seed-account';
import type { TicketHistory } from '../../src/emulator/ticket-history';
import { pullAccount, type PullResult } from '../../src/zendesk/account-pull';
import { MemorySnapshotStore } from '../../src/zendesk/account-snapshot';
import { VirtualClock } from '../../src/zendesk/clock';
import { FetchTransport } from '../../src/zendesk/node/fetch-transport';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import {
  adminOf,
  agentOf,
  API_TOKEN,
  HOUR,
  MINUTE,
  NOW,
  smallData,
  startTestEmulator,
  type TestEmulator,
} from '../emulator/support';

/**
 * The agent path (search export + show_many) against the local Zendesk, for a ticket deleted
 * after the first pull: search never returns it again, so only the deletion check takes it out of
 * the backlog. Admins and team leads read the deleted-tickets list; a plain agent, refused it,
 * rechecks the unsolved tickets it holds and is told what that cannot see.
 */

const { account, data } = smallData(3);
const admin = adminOf(account);
const lead = account.staff.find((member) => member.customRole !== null)!;
const plainAgent = agentOf(account);

/** A ticket of the seed deleted in the last three weeks before NOW, and when. */
const deleted = account.tickets
  .map((history: TicketHistory) => ({ history, at: history.updates.find((u) => u.changes.status === 'deleted')?.at }))
  .find(
    (entry): entry is { history: TicketHistory; at: number } =>
      entry.at !== undefined && entry.at < NOW - 2 * HOUR && entry.at > NOW - 21 * 86_400_000,
  )!;

let env: TestEmulator | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

/** Pulls as `member` before the deletion, then refreshes after it: 30 minutes on, and two hours on. */
async function pullAcrossTheDeletion(member: StaffMember) {
  const firstAt = deleted.at - 10 * MINUTE;
  // One time for both sides: the client's waits (rate limits) move Zendesk's clock as well.
  const clock = new VirtualClock(firstAt);
  env = await startTestEmulator({
    data,
    adminEmail: admin.email,
    clock: new EmulatorClock(firstAt, 1, () => clock.now()),
  });
  const transport = new FetchTransport({
    baseUrl: env.url,
    credentials: { kind: 'api-token', email: member.email, token: API_TOKEN },
  });
  const scheduler = new RequestScheduler(transport, { clock, maxRetries: 0 });
  const store = new MemorySnapshotStore();
  const pull = () => pullAccount({ scheduler, mode: 'agent', store, clock });
  const advance = (ms: number) => clock.advance(ms);
  const first = await pull();
  advance(40 * MINUTE);
  const soon = await pull();
  advance(2 * HOUR);
  const later = await pull();
  return { first, soon, later };
}

const holds = (result: PullResult, id: number) => result.dataset.tickets.find((ticket) => ticket.id === id);

describe('the agent path learns of a ticket deleted after its first pull', () => {
  it('the seed has such a ticket, unsolved until deleted', () => {
    expect(deleted).toBeDefined();
    const before = data.ticket(deleted.history.id, deleted.at - 1)!;
    expect(isUnsolved(before.ticket['status'] as 'new')).toBe(true);
  });

  it.each([
    ['an admin', admin],
    ['a team lead', lead],
  ] as const)(
    '%s: the deleted-tickets list takes it out of the backlog at the next due check',
    async (_who, member) => {
      const { first, soon, later } = await pullAcrossTheDeletion(member);
      const id = deleted.history.id;
      expect(isUnsolved(holds(first, id)!.status)).toBe(true);
      expect(first.deletions.method).toBe('not-due');
      // Within the hour no check is due: search alone cannot see the deletion.
      expect(soon.deletions.method).toBe('not-due');
      expect(holds(soon, id)).toBeDefined();
      expect(later.deletions).toEqual({ method: 'deleted-tickets', removed: 1, unseen: [] });
      expect(holds(later, id)).toBeUndefined();
      expect(later.dataset.tickets.filter((ticket) => isUnsolved(ticket.status)).map((t) => t.id)).not.toContain(id);
    },
  );

  it('a plain agent, refused the list, rechecks the unsolved tickets and says it cannot see deleted solved ones', async () => {
    const { first, later } = await pullAcrossTheDeletion(plainAgent);
    const id = deleted.history.id;
    expect(holds(first, id)).toBeDefined();
    expect(later.deletions).toEqual({ method: 'unsolved-recheck', removed: 1, unseen: ['deleted-solved-tickets'] });
    expect(holds(later, id)).toBeUndefined();
    // Every ticket it still holds is one Zendesk still has.
    for (const ticket of later.dataset.tickets)
      expect(data.ticket(ticket.id, env!.clock.now())!.ticket['status']).not.toBe('deleted');
  });
});
