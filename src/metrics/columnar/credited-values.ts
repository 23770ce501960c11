import { p90Rank, selectInPlace, type DurationSummary } from '../aggregates';

/**
 * One duration's values in ticket order, each with the scorecard it is credited to (slot 0 is the
 * team, which every value also counts in), grown by doubling.
 */
export class CreditedValues {
  values: Float64Array;
  slots: Int32Array;
  length = 0;
  min = Infinity;
  max = -Infinity;

  constructor(capacity = 1024) {
    this.values = new Float64Array(Math.max(capacity, 16));
    this.slots = new Int32Array(Math.max(capacity, 16));
  }

  /** Empties the list for another report, keeping its memory: a report's values fill it again. */
  reset(): void {
    this.length = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** A bucket per value, kept with the values so that a report after the first allocates nothing for it. */
  bucketsFor(length: number): Uint16Array {
    if (this.buckets.length < length) this.buckets = new Uint16Array(this.values.length);
    return this.buckets;
  }

  private buckets = new Uint16Array(0);

  push(value: number, slot: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length] = value;
    this.slots[this.length++] = slot;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  private grow(): void {
    const values = new Float64Array(this.length * 2);
    values.set(this.values);
    this.values = values;
    const slots = new Int32Array(this.length * 2);
    slots.set(this.slots);
    this.slots = slots;
  }
}

/**
 * Buckets per scorecard at most: small enough that every scorecard's histogram is cheap to clear and
 * walk, and that a bucket number fits the Uint16Array kept per value.
 */
const MAX_BUCKETS = 2048;
/** At least: fewer would leave most values in the buckets selected among. */
const MIN_BUCKETS = 16;
const NONE = -1;

/**
 * `{n, median, p90, mean}` per slot (0: the team, over every value), equal to summarize's on each
 * slot's values in ticket order, without sorting or moving the values themselves.
 *
 * Each value falls into one of B equal stretches of [min, max]; the bucket is a monotone
 * function of the value (a subtraction, a product and a floor, each monotone in IEEE arithmetic),
 * so counting values per bucket tells which bucket holds the k-th smallest and its rank within.
 * Only the values of those few buckets are copied out and selected among: for durations, a small
 * share of them, where quickselect over every value would pass over them several times. The sums
 * add in ticket order, as summarize adds a scorecard's values, so means agree to the last bit.
 */
export function summarizeEach(list: CreditedValues, slotCount: number): DurationSummary[] {
  const { values, slots, length, min, max } = list;
  const counts = new Float64Array(slotCount);
  const sums = new Float64Array(slotCount);
  // About as many histogram cells in all as values, so that few values cost few cells to clear and walk.
  const BUCKETS = Math.min(MAX_BUCKETS, Math.max(MIN_BUCKETS, Math.ceil(length / slotCount)));
  const histograms = new Int32Array(slotCount * BUCKETS);
  const buckets = list.bucketsFor(length);
  const range = max - min;
  // A single value, or a range too wide or too narrow to scale, puts everything in bucket 0: plain selection.
  const fit = (BUCKETS - 1) / range;
  const scale = range > 0 && Number.isFinite(fit) ? fit : 0;
  let teamSum = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i]!;
    const slot = slots[i]!;
    // (range · scale) may round just above BUCKETS - 1, never up to BUCKETS: the floor stays in range.
    const bucket = ((value - min) * scale) | 0;
    buckets[i] = bucket;
    teamSum += value;
    sums[slot] += value;
    histograms[slot * BUCKETS + bucket]++;
  }
  // The team's histogram is every slot's added up (slot 0 holds no value of its own); so are the counts.
  for (let slot = 1; slot < slotCount; slot++) {
    const at = slot * BUCKETS;
    let n = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const inBucket = histograms[at + bucket]!;
      histograms[bucket] += inBucket;
      n += inBucket;
    }
    counts[slot] = n;
  }
  counts[0] = length;
  sums[0] = teamSum;

  // Per slot, the ranks wanted (lower middle, upper middle, p90): each one's bucket and rank in it.
  const RANKS = 3;
  const rankBucket = new Int32Array(slotCount * RANKS).fill(NONE);
  const rankWithin = new Int32Array(slotCount * RANKS);
  // Where each (slot, bucket) wanted starts in `picked`, for the collection pass; NONE elsewhere.
  const pickedStart = new Int32Array(slotCount * BUCKETS).fill(NONE);
  let pickedLength = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    const n = counts[slot]!;
    if (n === 0) continue;
    const upper = n >>> 1;
    const ranks = [n % 2 === 0 ? upper - 1 : upper, upper, p90Rank(n) - 1];
    const at = slot * BUCKETS;
    let bucket = 0;
    let before = 0;
    for (let r = 0; r < RANKS; r++) {
      const rank = ranks[r]!;
      while (before + histograms[at + bucket]! <= rank) before += histograms[at + bucket++]!;
      rankBucket[slot * RANKS + r] = bucket;
      rankWithin[slot * RANKS + r] = rank - before;
      if (pickedStart[at + bucket] === NONE) {
        pickedStart[at + bucket] = pickedLength;
        pickedLength += histograms[at + bucket]!;
      }
    }
  }

  // Copies out the values of the wanted buckets, per slot and for the team, in one pass.
  const picked = new Float64Array(pickedLength);
  const filled = pickedStart.slice();
  for (let i = 0; i < length; i++) {
    const bucket = buckets[i]!;
    const team = filled[bucket]!;
    const own = filled[slots[i]! * BUCKETS + bucket]!;
    if (team !== NONE) picked[filled[bucket]++] = values[i]!;
    if (own !== NONE) picked[filled[slots[i]! * BUCKETS + bucket]++] = values[i]!;
  }

  const summaries: DurationSummary[] = new Array(slotCount);
  for (let slot = 0; slot < slotCount; slot++) {
    const n = counts[slot]!;
    if (n === 0) {
      summaries[slot] = { n: 0, median: null, p90: null, mean: null };
      continue;
    }
    const ranked = (r: number): number => {
      const bucket = rankBucket[slot * RANKS + r]!;
      const start = pickedStart[slot * BUCKETS + bucket]!;
      const size = histograms[slot * BUCKETS + bucket]!;
      return selectInPlace(picked, start + rankWithin[slot * RANKS + r]!, start, start + size - 1);
    };
    const lower = ranked(0);
    const upper = ranked(1);
    summaries[slot] = {
      n,
      median: n % 2 === 0 ? (lower + upper) / 2 : upper,
      p90: ranked(2),
      mean: sums[slot]! / n,
    };
  }
  return summaries;
}

/**
 * Scorecard slots by assignee id, in typed arrays: a Map keyed by ids read from a Float64Array
 * boxes every id above 2^31 (Zendesk's are) into a heap number per lookup, a million of them per
 * report. Open addressing with linear probing; NaN (no assignee) has a slot of its own.
 */
export class SlotTable {
  private keys = new Float64Array(64);
  private slotOfKey = new Int32Array(64).fill(NONE);
  private mask = 63;
  private unassigned = NONE;
  /** The id of each slot after the first (slot 0 is the team): null for the unassigned. */
  readonly ids: (number | null)[] = [null];

  /** The slot of `id` (NaN for no assignee), made on first sight. */
  slotOf(id: number): number {
    if (id !== id) {
      if (this.unassigned === NONE) this.unassigned = this.ids.push(null) - 1;
      return this.unassigned;
    }
    // The low 32 bits of the id (ToInt32 wraps modulo 2^32), mixed.
    let at = Math.imul(id | 0, 0x9e3779b1) & this.mask;
    for (;;) {
      const slot = this.slotOfKey[at]!;
      if (slot === NONE) break;
      if (this.keys[at] === id) return slot;
      at = (at + 1) & this.mask;
    }
    const slot = this.ids.push(id) - 1;
    this.keys[at] = id;
    this.slotOfKey[at] = slot;
    if (this.ids.length * 2 > this.mask) this.rehash();
    return slot;
  }

  private rehash(): void {
    const { keys, slotOfKey } = this;
    this.mask = keys.length * 2 - 1;
    this.keys = new Float64Array(keys.length * 2);
    this.slotOfKey = new Int32Array(keys.length * 2).fill(NONE);
    for (let i = 0; i < keys.length; i++) {
      const slot = slotOfKey[i]!;
      if (slot === NONE) continue;
      let at = Math.imul(keys[i]! | 0, 0x9e3779b1) & this.mask;
      while (this.slotOfKey[at] !== NONE) at = (at + 1) & this.mask;
      this.keys[at] = keys[i]!;
      this.slotOfKey[at] = slot;
    }
  }
}

/**
 * The memory of one report's value lists, for the next report to reuse: a report keeps one and
 * passes it on each filter change, so a million tickets' durations are not allocated again each time.
 */
export class ColumnScratch {
  private lists: CreditedValues[] | null = null;

  /** `count` emptied lists; the same ones each time (a report is computed by one call at a time). */
  take(count: number): CreditedValues[] {
    if (this.lists === null || this.lists.length !== count) {
      this.lists = Array.from({ length: count }, () => new CreditedValues());
    }
    for (const list of this.lists) list.reset();
    return this.lists;
  }
}
