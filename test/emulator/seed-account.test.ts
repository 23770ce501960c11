import { describe, expect, it } from 'vitest';
import { seedAccount } from '../../src/emulator/seed-account';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import { SYSTEM_AUTHOR } from '../../src/emulator/ticket-history';
import { wallClock } from '../../src/metrics/time-zone';
import { DAY, NOW, smallAccount } from './support';

describe('seedAccount: determinism', () => {
  it('gives the same account for the same options, down to every ticket update and staff member', () => {
    const a = smallAccount(3);
    const b = smallAccount(3);
    expect(b.tickets).toEqual(a.tickets);
    expect(b.staff).toEqual(a.staff);
    expect(b.endUsers).toEqual(a.endUsers);
    expect(b.groups).toEqual(a.groups);
    expect(b.options).toEqual(a.options);
    // And the rendered API objects agree too.
    const da = new SimulatedAccountData(a).allTickets(NOW);
    const db = new SimulatedAccountData(b).allTickets(NOW);
    expect(db.map((v) => v.ticket)).toEqual(da.map((v) => v.ticket));
    expect(db.map((v) => v.metricSet)).toEqual(da.map((v) => v.metricSet));
  });

  it('gives a different account for a different seed', () => {
    const a = smallAccount(3);
    const b = smallAccount(4);
    expect(b.tickets).not.toEqual(a.tickets);
    expect(b.staff.map((m) => m.name)).not.toEqual(a.staff.map((m) => m.name));
    // Not just shuffled: the first ticket's creation time differs.
    expect(b.tickets[0]!.updates[0]!.at).not.toBe(a.tickets[0]!.updates[0]!.at);
  });

  it('fills in the documented defaults and simulates the horizon past now', () => {
    const account = smallAccount(3);
    expect(account.options).toEqual({
      seed: 3,
      tickets: 600,
      days: 30,
      now: NOW,
      horizonDays: 14,
      timeZone: 'America/New_York',
      subdomain: 'acme',
    });
    // 600 tickets over 30 days of history, plus the same rate over the 14-day horizon.
    expect(account.tickets).toHaveLength(Math.round((600 * 44) / 30));
    const created = account.tickets.map((t) => t.updates[0]!.at);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW - 30 * DAY);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW + 14 * DAY);
    // Ids grow with creation time.
    for (let i = 1; i < account.tickets.length; i++) {
      expect(account.tickets[i]!.id).toBe(account.tickets[i - 1]!.id + 1);
      expect(created[i]!).toBeGreaterThanOrEqual(created[i - 1]!);
    }
    const visible = account.tickets.filter((t) => t.updates[0]!.at <= NOW).length;
    expect(visible).toBeGreaterThan(540);
    expect(visible).toBeLessThan(660);
  });

  it('keeps every ticket history well formed: updates in time order, the first one by the requester setting the status', () => {
    const account = smallAccount(5);
    const staffIds = new Set(account.staff.map((m) => m.id));
    for (const ticket of account.tickets) {
      const [first, ...rest] = ticket.updates;
      expect(first!.authorId).toBe(ticket.requesterId);
      expect(first!.changes.status).toBe('new');
      expect(first!.comment?.public).toBe(true);
      let last = first!.at;
      for (const update of rest) {
        expect(update.at).toBeGreaterThan(last);
        last = update.at;
        expect(
          update.authorId === ticket.requesterId || update.authorId === SYSTEM_AUTHOR || staffIds.has(update.authorId),
        ).toBe(true);
      }
      // Nothing is simulated past the horizon.
      expect(last).toBeLessThanOrEqual(NOW + 14 * DAY);
    }
  });
});

describe('seedAccount: the default account looks like a real support team', () => {
  // One default-sized account (20,000 tickets over 120 days), seeded once.
  const account = seedAccount({ seed: 1, tickets: 20_000, days: 120, now: NOW });
  const data = new SimulatedAccountData(account);
  const visible = data.allTickets(NOW);
  const tz = account.options.timeZone;

  it('shows about 20,000 tickets by now, and ~30 staff in 5 groups including Tier 2', () => {
    expect(visible.length).toBeGreaterThan(19_000);
    expect(visible.length).toBeLessThan(21_000);
    expect(account.staff.length).toBeGreaterThanOrEqual(25);
    expect(account.staff.length).toBeLessThanOrEqual(40);
    expect(account.groups).toHaveLength(5);
    expect(account.groups.map((g) => g.name)).toContain('Tier 2');
    expect(account.groups.find((g) => g.id === account.tier2GroupId)!.name).toBe('Tier 2');
    // Every group is staffed.
    for (const group of account.groups) expect(account.staff.some((m) => m.groupIds.includes(group.id))).toBe(true);
    expect(account.staff.filter((m) => m.role === 'admin').length).toBeGreaterThanOrEqual(1);
    expect(account.staff.some((m) => m.customRole !== null)).toBe(true);
  });

  it('spreads tickets over several channels, types, priorities and brands', () => {
    const distinct = (pick: (t: Record<string, unknown>) => unknown) => new Set(visible.map((v) => pick(v.ticket)));
    const channels = distinct((t) => (t['via'] as { channel: string }).channel);
    expect(channels.size).toBeGreaterThanOrEqual(4);
    expect([...channels]).toEqual(expect.arrayContaining(['email', 'web', 'chat', 'voice']));
    expect(distinct((t) => t['type']).size).toBeGreaterThanOrEqual(4);
    expect(distinct((t) => t['priority'])).toEqual(new Set(['low', 'normal', 'high', 'urgent']));
    expect(distinct((t) => t['brand_id']).size).toBeGreaterThanOrEqual(2);
    expect(distinct((t) => t['group_id']).size).toBe(5);
    // No one value swamps the rest: the commonest channel has under 60%.
    const byChannel = new Map<string, number>();
    for (const v of visible) {
      const channel = (v.ticket['via'] as { channel: string }).channel;
      byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
    }
    expect(Math.max(...byChannel.values()) / visible.length).toBeLessThan(0.6);
  });

  it('has quiet weekends and a business-hours peak (in the account time zone)', () => {
    const byWeekday = new Array<number>(7).fill(0);
    const byHour = new Array<number>(24).fill(0);
    for (const v of visible) {
      const clock = wallClock(Date.parse(String(v.ticket['created_at'])), tz);
      byWeekday[new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay()]!++;
      byHour[clock.hour]!++;
    }
    const weekdayMean = (byWeekday[1]! + byWeekday[2]! + byWeekday[3]! + byWeekday[4]! + byWeekday[5]!) / 5;
    const weekendMean = (byWeekday[0]! + byWeekday[6]!) / 2;
    expect(weekdayMean / weekendMean).toBeGreaterThan(2);
    const peak = byHour.indexOf(Math.max(...byHour));
    expect(peak).toBeGreaterThanOrEqual(9);
    expect(peak).toBeLessThan(17);
    // The night is quiet: 03:00 has under a fifth of the peak hour's arrivals.
    expect(byHour[3]! / byHour[peak]!).toBeLessThan(0.2);
  });

  it('has agents who differ in median reply time and in CSAT', () => {
    const byAgent = new Map<number, { replies: number[]; good: number; bad: number }>();
    for (const v of visible) {
      const assignee = v.ticket['assignee_id'] as number | null;
      if (assignee === null) continue;
      const entry = byAgent.get(assignee) ?? { replies: [], good: 0, bad: 0 };
      byAgent.set(assignee, entry);
      const reply = (v.metricSet!['reply_time_in_minutes'] as { business: number | null }).business;
      if (reply !== null) entry.replies.push(reply);
      const score = (v.ticket['satisfaction_rating'] as { score?: string } | null)?.score;
      if (score === 'good') entry.good++;
      if (score === 'bad') entry.bad++;
    }
    const median = (values: number[]) => {
      const s = [...values].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const busy = [...byAgent.values()].filter((e) => e.replies.length >= 100 && e.good + e.bad >= 50);
    expect(busy.length).toBeGreaterThanOrEqual(20);
    const medians = busy.map((e) => median(e.replies));
    const csat = busy.map((e) => e.good / (e.good + e.bad));
    expect(Math.max(...medians) - Math.min(...medians)).toBeGreaterThan(60);
    expect(new Set(medians).size).toBeGreaterThan(busy.length / 2);
    expect(Math.max(...csat) - Math.min(...csat)).toBeGreaterThan(0.15);
    // Plausible CSAT overall: mostly good, never all good.
    const good = busy.reduce((s, e) => s + e.good, 0);
    const bad = busy.reduce((s, e) => s + e.bad, 0);
    expect(good / (good + bad)).toBeGreaterThan(0.6);
    expect(good / (good + bad)).toBeLessThan(0.97);
  });

  it('keeps a realistic mix of states: most old tickets closed, a live backlog, a few deletions, merges, reopens and escalations', () => {
    const count = (predicate: (v: (typeof visible)[number]) => boolean) => visible.filter(predicate).length;
    const status = (v: (typeof visible)[number]) => String(v.ticket['status']);
    const backlog = count((v) => ['new', 'open', 'pending', 'hold'].includes(status(v)));
    expect(backlog).toBeGreaterThan(100);
    expect(backlog).toBeLessThan(2_000);
    expect(count((v) => status(v) === 'closed') / visible.length).toBeGreaterThan(0.8);
    const deleted = count((v) => status(v) === 'deleted');
    expect(deleted).toBeGreaterThan(0);
    expect(deleted / visible.length).toBeLessThan(0.01);
    const merged = count((v) => (v.ticket['tags'] as string[]).includes('closed_by_merge'));
    expect(merged).toBeGreaterThan(0);
    expect(merged / visible.length).toBeLessThan(0.01);
    const reopened = count((v) => (v.metricSet!['reopens'] as number) > 0);
    expect(reopened / visible.length).toBeGreaterThan(0.02);
    expect(reopened / visible.length).toBeLessThan(0.2);
    const escalated = count((v) => (v.metricSet!['group_stations'] as number) >= 2);
    expect(escalated / visible.length).toBeGreaterThan(0.03);
    expect(escalated / visible.length).toBeLessThan(0.3);
    expect(count((v) => v.ticket['group_id'] === account.tier2GroupId)).toBe(escalated);
  });
});

describe('seedAccount: restricted agents', () => {
  const account = smallAccount(3);
  const users = new SimulatedAccountData(account).users();

  it("has an agent restricted to their groups and one to their assigned tickets, rendered as Zendesk's users", () => {
    for (const restriction of ['groups', 'assigned'] as const) {
      const member = account.staff.find((m) => m.ticketRestriction === restriction);
      expect(member?.role).toBe('agent');
      const user = users.find((u) => u.id === member!.id)!;
      expect(user.json).toMatchObject({ restricted_agent: true, ticket_restriction: restriction });
    }
  });

  it('leaves admins and the other agents unrestricted, and end users to the tickets they requested', () => {
    const restricted = users.filter((u) => u.json['restricted_agent'] === true);
    expect(restricted).toHaveLength(2);
    for (const user of users.filter((u) => u.role !== 'end-user' && !restricted.includes(u)))
      expect(user.json['ticket_restriction']).toBeNull();
    for (const user of users.filter((u) => u.role === 'end-user'))
      expect(user.json['ticket_restriction']).toBe('requested');
  });
});
