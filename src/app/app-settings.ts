import { z } from 'zod/mini';
import { DEFAULT_ESCALATION, type EscalationSettings } from '../metrics/settings';
import { DEFAULT_CES_SCALE, MAX_SCALE_POINTS, type SurveySettings } from '../metrics/survey-scores';

/**
 * The app's settings (manifest.json parameters) as the engine and the UI use them. Zendesk hands
 * them over as strings, numbers or booleans; anything unreadable falls back to its default rather
 * than breaking the app, and the problem is listed for the admin.
 */

export interface KpiTargets {
  /** Median first reply time, minutes: met at or below. */
  frtMinutes: number | null;
  /** Median full resolution time, minutes: met at or below. */
  resolutionMinutes: number | null;
  /** Fractions in [0, 1]: met at or above (FCR, CSAT) or at or below (reopen, escalation). */
  fcr: number | null;
  csat: number | null;
  reopen: number | null;
  escalation: number | null;
  /** The achieved share of SLA targets, overall and per SLA metric: met at or above. */
  sla: number | null;
}

export interface AppSettings {
  escalation: EscalationSettings;
  targets: KpiTargets;
  /** "admin" and/or custom role ids whose holders see every agent's scorecard. */
  managerRoles: string[];
  /** Custom role ids whose holders see the agents of the groups they belong to (team leads). */
  leadRoles: string[];
  /** How long an agent's own stats are reused before they are fetched again. */
  statsTtlMinutes: number;
  /**
   * How many days back the report reads and keeps tickets (every unsolved ticket is kept whatever
   * its age): the bound on a large account's first load and on the browser's memory.
   */
  historyDays: number;
  /** The ticket fields holding NPS and CES answers (METRICS.md, survey scores from ticket fields). */
  surveys: SurveySettings;
  problems: string[];
}

export const DEFAULT_HISTORY_DAYS = 400;

const text = z.pipe(z.union([z.string(), z.number()]), z.transform(String));

function list(value: unknown): string[] {
  const parsed = text.safeParse(value ?? '');
  if (!parsed.success) return [];
  return parsed.data
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function readSettings(raw: Record<string, unknown>): AppSettings {
  const problems: string[] = [];
  const number = (key: string, fallback: number | null, min: number, max: number): number | null => {
    const value = raw[key];
    if (value === undefined || value === null || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      problems.push(key);
      return fallback;
    }
    return parsed;
  };
  const percent = (key: string) => {
    const value = number(key, null, 0, 100);
    return value === null ? null : value / 100;
  };
  // A field id that is not a whole positive number names no field: no survey rather than a guess.
  const fieldId = (key: string): number | null => {
    const value = number(key, null, 1, Number.MAX_SAFE_INTEGER);
    if (value === null || Number.isInteger(value)) return value;
    problems.push(key);
    return null;
  };
  const cesScale = (): readonly [number, number] => {
    const min = number('ces_scale_min', DEFAULT_CES_SCALE[0], -1_000_000, 1_000_000)!;
    const max = number('ces_scale_max', DEFAULT_CES_SCALE[1], -1_000_000, 1_000_000)!;
    if (Number.isInteger(min) && Number.isInteger(max) && min < max && max - min < MAX_SCALE_POINTS) return [min, max];
    // Either end alone may be fine; the pair is what cannot describe a scale, so both are named.
    for (const key of ['ces_scale_min', 'ces_scale_max']) if (!problems.includes(key)) problems.push(key);
    return DEFAULT_CES_SCALE;
  };
  const wholeDays = (key: string): number => {
    const days = number(key, DEFAULT_HISTORY_DAYS, 30, 3650)!;
    if (Number.isInteger(days)) return days;
    problems.push(key);
    return DEFAULT_HISTORY_DAYS;
  };
  const groupIds = list(raw['escalation_group_ids']).map(Number);
  if (groupIds.some((id) => !Number.isInteger(id) || id <= 0)) problems.push('escalation_group_ids');
  return {
    escalation: {
      tags: raw['escalation_tags'] === undefined ? DEFAULT_ESCALATION.tags : list(raw['escalation_tags']),
      groupIds: groupIds.filter((id) => Number.isInteger(id) && id > 0),
      minGroupStations:
        number('escalation_min_group_stations', DEFAULT_ESCALATION.minGroupStations, 0, 100) ??
        DEFAULT_ESCALATION.minGroupStations,
    },
    targets: {
      frtMinutes: number('target_frt_minutes', null, 0, 100_000),
      resolutionMinutes: number('target_resolution_minutes', null, 0, 1_000_000),
      fcr: percent('target_fcr_percent'),
      csat: percent('target_csat_percent'),
      reopen: percent('target_reopen_percent'),
      escalation: percent('target_escalation_percent'),
      sla: percent('target_sla_percent'),
    },
    managerRoles:
      raw['manager_roles'] === undefined ? ['admin'] : list(raw['manager_roles']).map((role) => role.toLowerCase()),
    leadRoles: list(raw['lead_roles']).map((role) => role.toLowerCase()),
    statsTtlMinutes: number('stats_cache_minutes', 30, 1, 1440) ?? 30,
    historyDays: wholeDays('history_days'),
    surveys: { npsFieldId: fieldId('nps_field_id'), cesFieldId: fieldId('ces_field_id'), cesScale: cesScale() },
    problems,
  };
}

/** Whether someone with this role sees every agent's scorecard. */
export function isManager(role: string | number, settings: AppSettings): boolean {
  return settings.managerRoles.includes(String(role).toLowerCase());
}

/**
 * Whose scorecards a viewer sees: a manager every agent's, a team lead (a role in `lead_roles`) the
 * agents of the groups the lead belongs to, anyone else only their own. A manager role wins over a
 * lead role; a lead in no group sees only themselves.
 */
export type ViewerScope = { kind: 'all' } | { kind: 'groups'; groupIds: ReadonlySet<number> } | { kind: 'self' };

export function viewerScope(
  user: { role: string | number; groups?: readonly number[] },
  settings: AppSettings,
): ViewerScope {
  if (isManager(user.role, settings)) return { kind: 'all' };
  const groups = user.groups ?? [];
  if (settings.leadRoles.includes(String(user.role).toLowerCase()) && groups.length > 0)
    return { kind: 'groups', groupIds: new Set(groups) };
  return { kind: 'self' };
}

/**
 * The agents a viewer may see scorecards of. A lead's agents are those holding tickets of the
 * lead's groups in the data read (the group memberships of other users are not readable by a
 * non-admin), and the lead themselves.
 */
export function visibleAgentIds(
  scope: ViewerScope,
  selfId: number,
  tickets: Iterable<{ groupId: number | null; assigneeId: number | null }>,
): ReadonlySet<number> | 'all' {
  if (scope.kind === 'all') return 'all';
  const ids = new Set([selfId]);
  if (scope.kind === 'groups')
    for (const ticket of tickets)
      if (ticket.assigneeId !== null && ticket.groupId !== null && scope.groupIds.has(ticket.groupId))
        ids.add(ticket.assigneeId);
  return ids;
}
