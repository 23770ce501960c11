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

/** Buckets per scorecard: small enough that every scorecard's histogram is cheap to clear and walk. */
const BUCKETS = 2048;
const NONE = -1;

/**
 * `{n, median, p90, mean}` per slot (0: the team, over every value), equal to summarize's on each
 * slot's values in ticket order, without sorting or moving the values themselves.
 *
 * Each value falls into one of BUCKETS equal stretches of [min, max]; the bucket is a monotone
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
  const histograms = new Int32Array(slotCount * BUCKETS);
  const buckets = new Uint16Array(length);
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
    counts[slot]++;
    histograms[slot * BUCKETS + bucket]++;
  }
  // The team's histogram is every slot's added up (slot 0 holds no value of its own).
  for (let slot = 1; slot < slotCount; slot++) {
    const at = slot * BUCKETS;
    for (let bucket = 0; bucket < BUCKETS; bucket++) histograms[bucket] += histograms[at + bucket]!;
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
