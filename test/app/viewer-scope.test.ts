import { describe, expect, it } from 'vitest';
import { readSettings, viewerScope, visibleAgentIds } from '../../src/app/app-settings';

/** Whose scorecards each role sees (issue 15: managers all, team leads their groups', agents their own). */
describe('viewerScope and visibleAgentIds', () => {
  const settings = readSettings({ manager_roles: 'admin, 900', lead_roles: '700' });
  const tickets = [
    { groupId: 1, assigneeId: 11 },
    { groupId: 1, assigneeId: 12 },
    { groupId: 2, assigneeId: 21 },
    { groupId: 1, assigneeId: null },
    { groupId: null, assigneeId: 31 },
  ];

  it('a manager role sees every agent, even when also in lead_roles', () => {
    expect(viewerScope({ role: 'admin', groups: [1] }, settings)).toEqual({ kind: 'all' });
    expect(viewerScope({ role: 900 }, settings)).toEqual({ kind: 'all' });
    expect(visibleAgentIds({ kind: 'all' }, 5, tickets)).toBe('all');
    const both = readSettings({ manager_roles: '700', lead_roles: '700' });
    expect(viewerScope({ role: 700, groups: [1] }, both)).toEqual({ kind: 'all' });
  });

  it("a team lead sees the agents of the groups they belong to, and themselves, not other groups' agents", () => {
    const scope = viewerScope({ role: '700', groups: [1] }, settings);
    expect(scope).toEqual({ kind: 'groups', groupIds: new Set([1]) });
    expect(visibleAgentIds(scope, 5, tickets)).toEqual(new Set([5, 11, 12]));
  });

  it('a team lead in no group, and an agent, see only themselves', () => {
    expect(viewerScope({ role: 700, groups: [] }, settings)).toEqual({ kind: 'self' });
    expect(viewerScope({ role: 'agent', groups: [1, 2] }, settings)).toEqual({ kind: 'self' });
    expect(visibleAgentIds({ kind: 'self' }, 11, tickets)).toEqual(new Set([11]));
  });

  it('lead_roles is read as a comma-separated list, empty by default', () => {
    expect(readSettings({}).leadRoles).toEqual([]);
    expect(readSettings({ lead_roles: ' 700 , 701,' }).leadRoles).toEqual(['700', '701']);
    expect(readSettings({ lead_roles: 700 }).leadRoles).toEqual(['700']);
  });
});
