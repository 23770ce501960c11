import { describe, expect, it } from 'vitest';
import { isManager, readSettings } from '../../src/app/app-settings';
import { DEFAULT_ESCALATION } from '../../src/metrics/settings';

describe('readSettings', () => {
  it('uses the defaults when nothing is set, and lists no problem', () => {
    expect(readSettings({})).toEqual({
      escalation: { tags: ['escalated'], groupIds: [], minGroupStations: 2 },
      targets: {
        frtMinutes: null,
        resolutionMinutes: null,
        fcr: null,
        csat: null,
        reopen: null,
        escalation: null,
        sla: null,
      },
      managerRoles: ['admin'],
      leadRoles: [],
      statsTtlMinutes: 30,
      historyDays: 400,
      surveys: { npsFieldId: null, cesFieldId: null, cesScale: [1, 7] },
      problems: [],
    });
    expect(readSettings({}).escalation.tags).toEqual(DEFAULT_ESCALATION.tags);
  });

  it('reads the survey fields and the CES scale as Zendesk hands them over', () => {
    const settings = readSettings({
      nps_field_id: '360012345678',
      ces_field_id: 360012345679,
      ces_scale_min: '0',
      ces_scale_max: 5,
    });
    expect(settings.surveys).toEqual({ npsFieldId: 360012345678, cesFieldId: 360012345679, cesScale: [0, 5] });
    expect(settings.problems).toEqual([]);
    expect(readSettings({ nps_field_id: '', ces_field_id: null }).surveys.npsFieldId).toBeNull();
  });

  it('names a field id that is no id and a CES scale that is no scale, and keeps no survey or the default scale', () => {
    for (const id of ['4.5', '0', '-7', 'nps', 1e20]) {
      const settings = readSettings({ nps_field_id: id, ces_field_id: '12' });
      expect(settings.surveys.npsFieldId, String(id)).toBeNull();
      expect(settings.surveys.cesFieldId).toBe(12);
      expect(settings.problems, String(id)).toEqual(['nps_field_id']);
    }
    for (const [min, max] of [
      [7, 7],
      [5, 1],
      ['1.5', 7],
      [0, 200],
    ] as const) {
      const settings = readSettings({ ces_field_id: 12, ces_scale_min: min, ces_scale_max: max });
      expect(settings.surveys.cesScale, `${min}-${max}`).toEqual([1, 7]);
      expect(settings.problems, `${min}-${max}`).toEqual(['ces_scale_min', 'ces_scale_max']);
    }
  });

  it('reads the days of history to keep: whole days from 30 to 3650, else the default 400 and a problem', () => {
    expect(readSettings({ history_days: '90' }).historyDays).toBe(90);
    expect(readSettings({ history_days: 3650 }).historyDays).toBe(3650);
    expect(readSettings({ history_days: '' }).historyDays).toBe(400);
    for (const days of ['29', 3651, '200.5', 'a year']) {
      const settings = readSettings({ history_days: days });
      expect(settings.historyDays, String(days)).toBe(400);
      expect(settings.problems, String(days)).toEqual(['history_days']);
    }
  });

  it('reads the strings and numbers Zendesk hands over; percent targets become fractions', () => {
    const settings = readSettings({
      escalation_tags: ' tier2, vip ,',
      escalation_group_ids: '201, 202',
      escalation_min_group_stations: '3',
      manager_roles: 'Admin, 360001234567',
      target_frt_minutes: '30',
      target_resolution_minutes: 1440,
      target_fcr_percent: 75,
      target_csat_percent: '90',
      target_reopen_percent: '5',
      target_escalation_percent: '12.5',
      target_sla_percent: '95',
      stats_cache_minutes: '15',
    });
    expect(settings.escalation).toEqual({ tags: ['tier2', 'vip'], groupIds: [201, 202], minGroupStations: 3 });
    expect(settings.targets).toEqual({
      frtMinutes: 30,
      resolutionMinutes: 1440,
      fcr: 0.75,
      csat: 0.9,
      reopen: 0.05,
      escalation: 0.125,
      sla: 0.95,
    });
    expect(settings.managerRoles).toEqual(['admin', '360001234567']);
    expect(settings.statsTtlMinutes).toBe(15);
    expect(settings.problems).toEqual([]);
  });

  it('keeps the default for each unreadable value and names it in problems', () => {
    const settings = readSettings({
      escalation_group_ids: '12, abc, -3, 4.5',
      escalation_min_group_stations: '-1',
      target_frt_minutes: 'soon',
      target_resolution_minutes: '2000000',
      target_csat_percent: '150',
      target_fcr_percent: '-5',
      stats_cache_minutes: '0',
    });
    expect([...settings.problems].sort()).toEqual(
      [
        'escalation_group_ids',
        'escalation_min_group_stations',
        'stats_cache_minutes',
        'target_csat_percent',
        'target_fcr_percent',
        'target_frt_minutes',
        'target_resolution_minutes',
      ].sort(),
    );
    expect(settings.escalation.groupIds).toEqual([12]);
    expect(settings.escalation.minGroupStations).toBe(2);
    expect(settings.targets).toEqual({
      frtMinutes: null,
      resolutionMinutes: null,
      fcr: null,
      csat: null,
      reopen: null,
      escalation: null,
      sla: null,
    });
    expect(settings.statsTtlMinutes).toBe(30);
  });

  it('treats an empty value as not set, except that empty escalation tags mean no tag', () => {
    const settings = readSettings({
      target_frt_minutes: '',
      stats_cache_minutes: '',
      escalation_tags: '',
      escalation_group_ids: '',
    });
    expect(settings.problems).toEqual([]);
    expect(settings.targets.frtMinutes).toBeNull();
    expect(settings.statsTtlMinutes).toBe(30);
    expect(settings.escalation.tags).toEqual([]);
    expect(settings.escalation.groupIds).toEqual([]);
  });

  it('accepts the bounds themselves', () => {
    const settings = readSettings({
      stats_cache_minutes: 1440,
      target_csat_percent: 100,
      target_reopen_percent: 0,
      escalation_min_group_stations: 0,
    });
    expect(settings.problems).toEqual([]);
    expect(settings.statsTtlMinutes).toBe(1440);
    expect(settings.targets.csat).toBe(1);
    expect(settings.targets.reopen).toBe(0);
    expect(settings.escalation.minGroupStations).toBe(0);
  });
});

describe('isManager', () => {
  it('admins are managers by default, agents are not', () => {
    const settings = readSettings({});
    expect(isManager('admin', settings)).toBe(true);
    expect(isManager('agent', settings)).toBe(false);
    expect(isManager(360001234567, settings)).toBe(false);
  });

  it('custom role ids count when listed, as numbers or strings, whatever the case of admin', () => {
    const settings = readSettings({ manager_roles: 'ADMIN, 360001234567' });
    expect(isManager('admin', settings)).toBe(true);
    expect(isManager('Admin', settings)).toBe(true);
    expect(isManager(360001234567, settings)).toBe(true);
    expect(isManager('360001234567', settings)).toBe(true);
    expect(isManager(360009999999, settings)).toBe(false);
    expect(isManager('agent', settings)).toBe(false);
  });

  it('a list without admin leaves admins out', () => {
    const settings = readSettings({ manager_roles: 360001234567 });
    expect(settings.managerRoles).toEqual(['360001234567']);
    expect(isManager('admin', settings)).toBe(false);
    expect(isManager(360001234567, settings)).toBe(true);
  });
});
