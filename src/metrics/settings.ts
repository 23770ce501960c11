/** The knobs a report takes; the same ones are app settings (manifest.json) and CLI flags. */

export type HoursMode = 'calendar' | 'business';

export interface EscalationSettings {
  /** A ticket with any of these tags is escalated. */
  tags: readonly string[];
  /** A ticket whose current group is one of these is escalated. */
  groupIds: readonly number[];
  /** A ticket that passed through at least this many groups is escalated; 0 switches the rule off. */
  minGroupStations: number;
}

export const DEFAULT_ESCALATION: EscalationSettings = {
  tags: ['escalated'],
  groupIds: [],
  minGroupStations: 2,
};

/** Narrow a report to a slice of tickets. An absent or empty list means "no restriction". */
export interface ReportFilters {
  groupIds?: readonly (number | null)[];
  brandIds?: readonly (number | null)[];
  channels?: readonly (string | null)[];
  types?: readonly (string | null)[];
  priorities?: readonly (string | null)[];
}
