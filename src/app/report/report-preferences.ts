import { z } from 'zod/mini';
import { RANGE_PRESETS, type RangeChoice } from './report-period';

/**
 * What the report remembers per user between visits: the period, the filters, the hours mode and
 * the credit. Kept in localStorage under the user's id, so two agents on one browser keep their
 * own; a stored value that no longer reads (an older shape, a hand edit) is dropped, not trusted.
 */

const FILTER_FIELDS = ['group', 'brand', 'channel', 'type', 'priority'] as const;

const preferencesSchema = z.object({
  range: z.object({
    preset: z.enum(RANGE_PRESETS as [RangeChoice['preset'], ...RangeChoice['preset'][]]),
    from: z.optional(z.string()),
    to: z.optional(z.string()),
  }),
  filters: z.object(
    Object.fromEntries(FILTER_FIELDS.map((key) => [key, z.string()])) as Record<
      (typeof FILTER_FIELDS)[number],
      z.ZodMiniString
    >,
  ),
  hours: z.enum(['calendar', 'business']),
  /** Absent: the contract's default for the data (actor with ticket events). */
  credit: z.optional(z.enum(['actor', 'assignee'])),
});

export type ReportPreferences = z.infer<typeof preferencesSchema>;

/** Where the preferences of a user of an account live. */
export function preferencesKey(accountKey: string, userId: number): string {
  return `support-kpis:report-preferences:${accountKey}:${userId}`;
}

/** The stored preferences, or null when there are none or they do not read as preferences. */
export function loadPreferences(storage: Pick<Storage, 'getItem'> | null, key: string): ReportPreferences | null {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    // Storage can be refused (privacy settings, a sandboxed iframe): the report starts from its defaults.
    return null;
  }
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = preferencesSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function savePreferences(
  storage: Pick<Storage, 'setItem'> | null,
  key: string,
  preferences: ReportPreferences,
): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(preferences));
  } catch {
    // Full or refused storage: the choice holds for this visit only.
  }
}

/** The page's localStorage, or null where the iframe may not use it. */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
