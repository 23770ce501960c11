/**
 * Axis ticks and labels for the report's charts, chosen here rather than by recharts: recharts
 * picks ticks by dividing the data range, which gives fractions of a ticket and durations such as
 * "11h 40m", and cuts the top label when the domain ends at the data's maximum.
 */

/** Count steps: 1, 2, 5 times a power of ten, so every tick is a whole number of tickets. */
function niceCountStep(rough: number): number {
  if (rough <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

/** Duration steps in minutes: whole minutes, hours or days, in the steps people read clocks in. */
const DURATION_STEPS = [
  1,
  2,
  5,
  10,
  15,
  30,
  60,
  120,
  180,
  240,
  360,
  480,
  720,
  1440,
  2880,
  4320,
  7 * 1440,
  14 * 1440,
  30 * 1440,
];

export interface Ticks {
  /** From 0 up to and including the top, which is at or above the data's maximum. */
  ticks: number[];
  /** The axis domain: [0, top], so the top tick is drawn and its label never falls off the chart. */
  domain: [number, number];
}

function ticksOf(step: number, max: number): Ticks {
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { ticks, domain: [0, top] };
}

/** Integer ticks for counts (at most about `target` + 1 of them); 0 to 1 when there is nothing. */
export function countTicks(max: number, target = 4): Ticks {
  if (!Number.isFinite(max) || max <= 0) return ticksOf(1, 1);
  return ticksOf(niceCountStep(max / target), max);
}

/** Duration ticks (minutes) at whole minutes, hours or days; beyond the steps, whole multiples of 30 days. */
export function durationTicks(maxMinutes: number, target = 4): Ticks {
  if (!Number.isFinite(maxMinutes) || maxMinutes <= 0) return ticksOf(1, 1);
  const rough = maxMinutes / target;
  const step = DURATION_STEPS.find((candidate) => candidate >= rough) ?? Math.ceil(rough / 43_200) * 43_200;
  return ticksOf(step, maxMinutes);
}

/** Rates (fractions) in steps of 25 points: a rate's axis always ends at 100%. */
export function rateTicks(): Ticks {
  return { ticks: [0, 0.25, 0.5, 0.75, 1], domain: [0, 1] };
}

/**
 * The indices of the date labels to draw so that none overlaps: every nth, n chosen from the room
 * each label needs; the last one always drawn (today, or the range's end), the one before it
 * dropped when it would crowd it.
 */
export function dateTickIndices(count: number, widthPx: number, labelPx: number): number[] {
  if (count <= 0) return [];
  const fit = Math.max(1, Math.floor(widthPx / Math.max(1, labelPx)));
  const every = Math.max(1, Math.ceil(count / fit));
  const indices: number[] = [];
  for (let i = 0; i < count; i += every) indices.push(i);
  const last = count - 1;
  if (indices.at(-1) !== last) {
    if (last - indices.at(-1)! < every && indices.length > 1) indices.pop();
    indices.push(last);
  }
  return indices;
}

/** Whether dates need their year: the range crosses a new year, or is not in the current one. */
export function needsYear(firstIso: string, lastIso: string, todayIso: string): boolean {
  const year = (iso: string) => iso.slice(0, 4);
  return year(firstIso) !== year(lastIso) || year(lastIso) !== year(todayIso);
}

/** The axis' date labels in the locale (its own digits and month names), with the year when needed. */
export function dateLabeller(locale: string, withYear: boolean): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
  return (iso) => format.format(new Date(`${iso}T00:00:00Z`));
}

/** Roughly how wide a label is drawn at the axis' font size; wide scripts and digits err wide. */
export function labelWidthPx(sample: string, fontPx = 11): number {
  return Math.ceil([...sample].length * fontPx * 0.62) + 12;
}
