import { describe, expect, it } from 'vitest';
import { mayRead, parseTicketRestriction, type TicketReader } from '../../src/emulator/ticket-restriction';

const agent = (restriction: TicketReader['restriction']): TicketReader => ({
  id: 7,
  role: 'agent',
  restriction,
  groupIds: [100, 200],
  organizationId: 55,
});
const inGroup = { requester_id: 1, assignee_id: 2, group_id: 200, organization_id: null };
const elsewhere = { requester_id: 1, assignee_id: 2, group_id: 300, organization_id: 55 };
const assignedToThem = { requester_id: 1, assignee_id: 7, group_id: 300, organization_id: null };
const requestedByThem = { requester_id: 7, assignee_id: null, group_id: null, organization_id: null };

describe('mayRead', () => {
  it('lets admins and unrestricted agents read every ticket, and end users none through it', () => {
    for (const ticket of [inGroup, elsewhere, assignedToThem]) {
      expect(mayRead({ ...agent(null), role: 'admin' }, ticket)).toBe(true);
      expect(mayRead({ ...agent('assigned'), role: 'admin' }, ticket)).toBe(true);
      expect(mayRead(agent(null), ticket)).toBe(true);
      expect(mayRead({ ...agent(null), role: 'end-user' }, ticket)).toBe(false);
    }
  });

  it('restricted to groups: tickets in one of their groups, and their own', () => {
    expect(mayRead(agent('groups'), inGroup)).toBe(true);
    expect(mayRead(agent('groups'), elsewhere)).toBe(false);
    expect(mayRead(agent('groups'), assignedToThem)).toBe(true);
    expect(mayRead(agent('groups'), { ...inGroup, group_id: null })).toBe(false);
  });

  it('restricted to assigned or requested: only tickets assigned to them or requested by them', () => {
    for (const restriction of ['assigned', 'requested'] as const) {
      expect(mayRead(agent(restriction), inGroup)).toBe(false);
      expect(mayRead(agent(restriction), elsewhere)).toBe(false);
      expect(mayRead(agent(restriction), assignedToThem)).toBe(true);
      expect(mayRead(agent(restriction), requestedByThem)).toBe(true);
    }
  });

  it("restricted to organization: their organization's tickets, none when they have no organization", () => {
    expect(mayRead(agent('organization'), elsewhere)).toBe(true);
    expect(mayRead(agent('organization'), inGroup)).toBe(false);
    expect(mayRead({ ...agent('organization'), organizationId: null }, { ...inGroup, organization_id: null })).toBe(
      false,
    );
  });
});

describe('parseTicketRestriction', () => {
  it("reads Zendesk's four values and null, and anything else as no restriction", () => {
    expect(parseTicketRestriction('groups')).toBe('groups');
    expect(parseTicketRestriction('organization')).toBe('organization');
    expect(parseTicketRestriction(null)).toBeNull();
    expect(parseTicketRestriction('everything')).toBeNull();
  });
});
