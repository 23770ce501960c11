/**
 * When two numbers differ enough to be worth flagging: one rule for the report's scorecards, the
 * sidebar's "me against the team" and the KPI tiles' change on the previous period, so that a gap
 * the report calls level is not a red ▼ in the sidebar.
 */

export type ComparedKind = 'duration' | 'rate' | 'count' | 'number';

/** Fewer tickets than this behind a value and it rests on too little to be flagged. */
export const LOW_BASIS = 10;

/** Durations: half or less, or one and a half times or more. */
export const DURATION_RATIO = 1.5;
/** Rates: this many percentage points or more apart. */
export const RATE_POINTS = 10;

/**
 * Whether `value` stands clearly above (`'higher'`) or below (`'lower'`) `reference`, or neither
 * (null). Counts and plain numbers use the durations' ratio; a reference of zero has no ratio.
 */
export function meaningfulGap(kind: ComparedKind, value: number, reference: number): 'higher' | 'lower' | null {
  if (kind === 'rate') {
    // In whole hundredths of a point: 0.7 - 0.6 is 0.0999… in floating point.
    const points = Math.round((value - reference) * 10_000) / 100;
    return points >= RATE_POINTS ? 'higher' : points <= -RATE_POINTS ? 'lower' : null;
  }
  if (reference <= 0) return null;
  if (value >= reference * DURATION_RATIO) return 'higher';
  if (value <= reference / 2) return 'lower';
  return null;
}

export type Standing = 'ahead' | 'behind' | 'level';

/**
 * One value against a reference (the agents' median): ahead or behind only for a meaningful gap on
 * enough tickets, level otherwise; null when either side is missing, better and worse mean nothing
 * for the metric, or the value rests on no ticket at all (an agent with no tickets is not behind).
 */
export function standingAgainst(
  kind: ComparedKind,
  value: number | null,
  reference: number | null,
  basis: number,
  higherIsBetter: boolean | null,
): Standing | null {
  if (value === null || reference === null || higherIsBetter === null || basis <= 0) return null;
  if (basis < LOW_BASIS) return 'level';
  const gap = meaningfulGap(kind, value, reference);
  if (gap === null) return 'level';
  return (gap === 'higher') === higherIsBetter ? 'ahead' : 'behind';
}

export type Direction = 'up' | 'down' | 'flat';

export interface PeriodChange {
  direction: Direction;
  /** Better (true), worse (false), or neither: no direction, no meaning, or a gap too small to flag. */
  good: boolean | null;
  delta: number;
}

/**
 * The change of a value on the previous period. A change that rounds to nothing as shown (a tenth
 * of a point for rates, a minute for durations, a whole count) is flat, never "down 0 (worse)"; only
 * a meaningful gap on enough tickets is called better or worse.
 */
export function periodChange(
  kind: ComparedKind,
  value: number | null,
  previous: number | null,
  higherIsBetter: boolean | null,
  basis: number,
): PeriodChange | null {
  if (value === null || previous === null) return null;
  const delta = value - previous;
  const shown =
    kind === 'rate'
      ? Math.round(delta * 1000) / 1000
      : kind === 'duration' || kind === 'count'
        ? Math.round(delta)
        : Math.round(delta * 100) / 100;
  const direction: Direction = shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat';
  const standing =
    direction === 'flat' ? null : standingAgainst(kind, value, previous, Math.max(basis, 0), higherIsBetter);
  return {
    direction,
    good: standing === 'ahead' ? true : standing === 'behind' ? false : null,
    delta: direction === 'flat' ? 0 : delta,
  };
}

/**
 * Whether a previous period can be compared with: it must start at or after the account's first
 * data (its oldest ticket), else it holds part of a period and its changes are meaningless.
 */
export function previousPeriodHasData(previousFrom: number, firstDataAt: number | null): boolean {
  return firstDataAt !== null && firstDataAt <= previousFrom;
}
