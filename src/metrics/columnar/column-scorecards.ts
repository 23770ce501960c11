import { rate } from '../aggregates';
import type { AgentScorecard, MetricBlock } from '../report-types';
import type { ReportWindow } from '../report-window';
import { DEFAULT_ESCALATION, type EscalationSettings, type HoursMode, type ReportFilters } from '../settings';
import { SATISFACTION_SCORES, TICKET_STATUSES } from '../ticket-record';
import { ColumnScratch, SlotTable, summarizeEach, type CreditedValues } from './credited-values';

/**
 * The team block and the scorecards of computeReport (version 1: no event streams, credit to the
 * current assignee) computed straight from tickets in columns, as the IndexedDB cache stores them
 * (src/zendesk/ticket-columns.ts), without building an object per ticket: at a million tickets the
 * records alone are hundreds of megabytes of heap and the garbage collector's work.
 *
 * The engine may not import the Zendesk layer, so the columns are described here by shape; the
 * cache's TicketColumns fits it as stored: one column per field, nothing rearranged.
 */
export interface ScorecardColumns {
  count: number;
  /**
   * One column per numeric field, by the record's field name (createdAt, solvedAt, assigneeId,
   * groupId, brandId, replies, reopens, groupStations and the durations are read); NaN for null.
   */
  numbers: Readonly<Record<string, Float64Array | Float32Array>>;
  /** Index into TICKET_STATUSES. */
  statuses: Uint8Array;
  /** Index into SATISFACTION_SCORES, or NO_SCORE_CODE for no score. */
  scores: Uint8Array;
  strings: readonly string[];
  /** One column per label (channel, type, priority): index into `strings`, or -1 for null. */
  labels: Readonly<Record<string, Int32Array>>;
  /** Each ticket's tag set; set k's tags are `strings` at `tagSetStrings[tagSetOffsets[k] .. tagSetOffsets[k + 1]]`. */
  tagSets: Uint32Array;
  tagSetOffsets: Uint32Array;
  tagSetStrings: Uint32Array;
}

/** The score code the cache writes for a ticket without a satisfaction score. */
export const NO_SCORE_CODE = 255;

export interface ColumnScorecardOptions {
  window: Pick<ReportWindow, 'from' | 'to'>;
  hours?: HoursMode;
  escalation?: EscalationSettings;
  filters?: ReportFilters;
  agentNames?: ReadonlyMap<number, string>;
  /** Memory kept from the previous report, reused (see ColumnScratch). */
  scratch?: ColumnScratch;
}

export interface ColumnScorecards {
  team: MetricBlock;
  agents: AgentScorecard[];
}

/** A column of ScorecardColumns was not what the shape promises: which one, and where. */
export class ColumnsError extends Error {
  override name = 'ColumnsError';
}

/** Counters per scorecard, at these offsets of a scorecard's stretch of `counts` (the team's are the agents' added up). */
const CREATED = 0;
const SOLVED = 1;
const BACKLOG = 2;
const UNREPLIED = 3;
const FCR_NUMERATOR = 4;
const FCR_DENOMINATOR = 5;
const ONE_TOUCH = 6;
const REOPENED = 7;
const ESCALATED = 8;
const CSAT_GOOD = 9;
const CSAT_BAD = 10;
const CSAT_OFFERED = 11;
const COUNTERS = 12;

/** The durations, in the order of DURATION_FIELDS: frt is of the created cohort, the rest of the solved one. */
const FRT = 0;
const FIRST_RESOLUTION = 1;
const FULL_RESOLUTION = 2;
const REQUESTER_WAIT = 3;
const ON_HOLD = 4;
const DURATIONS = 5;
const DURATION_FIELDS = ['replyTime', 'firstResolution', 'fullResolution', 'requesterWait', 'onHold'] as const;

const STATUS_CODE = Object.fromEntries(TICKET_STATUSES.map((status, code) => [status, code])) as Record<
  (typeof TICKET_STATUSES)[number],
  number
>;
const GOOD = SATISFACTION_SCORES.indexOf('good');
const BAD = SATISFACTION_SCORES.indexOf('bad');
const OFFERED = SATISFACTION_SCORES.indexOf('offered');

/** The column `field` of `columns`, checked to be `count` long. */
function columnOf<Column extends ArrayLike<number>>(
  columns: Readonly<Record<string, Column>>,
  field: string,
  list: string,
  count: number,
): Column {
  const column = Object.hasOwn(columns, field) ? columns[field] : undefined;
  if (column === undefined)
    throw new ColumnsError(`${list} has no "${field}": the columns do not hold what the scorecards read`);
  if (column.length !== count)
    throw new ColumnsError(`${list}.${field} holds ${column.length} values, expected ${count} for ${count} tickets`);
  return column;
}

function checkShape(columns: ScorecardColumns): void {
  const { count } = columns;
  if (!Number.isSafeInteger(count) || count < 0) throw new ColumnsError(`count ${count} is not a ticket count`);
  const expect = (name: string, length: number, wanted: number) => {
    if (length !== wanted)
      throw new ColumnsError(`${name} holds ${length} values, expected ${wanted} for ${count} tickets`);
  };
  expect('statuses', columns.statuses.length, count);
  expect('scores', columns.scores.length, count);
  expect('tagSets', columns.tagSets.length, count);
  const offsets = columns.tagSetOffsets;
  if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== columns.tagSetStrings.length) {
    throw new ColumnsError('tagSetOffsets do not start at 0 and end at the length of tagSetStrings');
  }
}

/** Per tag set, whether it holds `tag` or any of `tags`. */
function tagSetFlags(columns: ScorecardColumns, tags: readonly string[]): Uint8Array {
  const { strings, tagSetOffsets, tagSetStrings } = columns;
  const wanted = new Set(tags);
  const flags = new Uint8Array(tagSetOffsets.length - 1);
  for (let set = 0; set < flags.length; set++) {
    const start = tagSetOffsets[set]!;
    const end = tagSetOffsets[set + 1]!;
    if (end < start) throw new ColumnsError(`tag set ${set} ends (${end}) before it starts (${start})`);
    for (let at = start; at < end; at++) {
      const index = tagSetStrings[at]!;
      if (index >= strings.length) throw new ColumnsError(`tag set ${set} names string ${index} of ${strings.length}`);
      if (wanted.has(strings[index]!)) flags[set] = 1;
    }
  }
  return flags;
}

/**
 * Per label code (shifted by one, so -1, null, is at 0), whether the filter lets it through; null
 * when the filter restricts nothing.
 */
function labelFilter(strings: readonly string[], allowed: readonly (string | null)[] | undefined): Uint8Array | null {
  if (!allowed || allowed.length === 0) return null;
  const set = new Set(allowed);
  const pass = new Uint8Array(strings.length + 1);
  pass[0] = set.has(null) ? 1 : 0;
  for (let i = 0; i < strings.length; i++) pass[i + 1] = set.has(strings[i]!) ? 1 : 0;
  return pass;
}

/**
 * An id list as a typed array, searched in place: filters name a few ids, and a Set asked about an
 * id read from a Float64Array boxes every id above 2^31 (Zendesk's are) into a heap number.
 */
class IdList {
  private readonly ids: Float64Array;
  private readonly withNull: boolean;

  constructor(ids: readonly (number | null)[]) {
    this.ids = Float64Array.from(ids.filter((id): id is number => id !== null));
    this.withNull = ids.includes(null);
  }

  get isEmpty(): boolean {
    return this.ids.length === 0 && !this.withNull;
  }

  /** Whether `id` (NaN for null) is in the list. */
  has(id: number): boolean {
    if (id !== id) return this.withNull;
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return true;
    return false;
  }
}

function idFilter(allowed: readonly (number | null)[] | undefined): IdList | null {
  return allowed && allowed.length > 0 ? new IdList(allowed) : null;
}

/**
 * computeReport's `team` and `agents` for these columns (METRICS.md, version 1): one pass over the
 * tickets into counters and per-duration value lists, then the statistics per scorecard.
 */
export function columnScorecards(columns: ScorecardColumns, options: ColumnScorecardOptions): ColumnScorecards {
  checkShape(columns);
  const { count, statuses, scores, tagSets, strings } = columns;
  const column = (name: string) => columnOf(columns.numbers, name, 'numbers', count);
  const suffix = (options.hours ?? 'calendar') === 'business' ? 'Business' : 'Calendar';
  const createdAtColumn = column('createdAt');
  const solvedAtColumn = column('solvedAt');
  const assigneeColumn = column('assigneeId');
  const groupColumn = column('groupId');
  const brandColumn = column('brandId');
  const repliesColumn = column('replies');
  const reopensColumn = column('reopens');
  const groupStationsColumn = column('groupStations');
  const [replyColumn, firstResolutionColumn, fullResolutionColumn, requesterWaitColumn, onHoldColumn] =
    DURATION_FIELDS.map((name) => column(name + suffix)) as [
      Float64Array | Float32Array,
      Float64Array | Float32Array,
      Float64Array | Float32Array,
      Float64Array | Float32Array,
      Float64Array | Float32Array,
    ];

  const escalation = options.escalation ?? DEFAULT_ESCALATION;
  const excludedSet = tagSetFlags(columns, ['closed_by_merge']);
  const escalatedSet = tagSetFlags(columns, escalation.tags);
  const setCount = excludedSet.length;
  const minGroupStations = escalation.minGroupStations;
  const escalationGroups = new IdList(escalation.groupIds);
  const escalatesByGroup = !escalationGroups.isEmpty;

  const filters = options.filters ?? {};
  const groups = idFilter(filters.groupIds);
  const brands = idFilter(filters.brandIds);
  const labelFilters = [
    [labelFilter(strings, filters.channels), 'channel'],
    [labelFilter(strings, filters.types), 'type'],
    [labelFilter(strings, filters.priorities), 'priority'],
  ] as const;
  const activeLabelFilters = labelFilters
    .filter(([pass]) => pass !== null)
    .map(([pass, name]) => ({ pass: pass!, codes: columnOf(columns.labels, name, 'labels', count) }));
  const filtering = groups !== null || brands !== null || activeLabelFilters.length > 0;

  const { from, to } = options.window;
  const STATUS_COUNT = TICKET_STATUSES.length;
  const DELETED = STATUS_CODE.deleted;
  const SOLVED_CODE = STATUS_CODE.solved;
  const CLOSED_CODE = STATUS_CODE.closed;
  const HOLD_CODE = STATUS_CODE.hold;
  const stringCount = strings.length;

  // Scorecard slots: 0 is the team, then one per assignee in order of first appearance.
  const slotTable = new SlotTable();
  const slotIds = slotTable.ids;
  let counts = new Int32Array(COUNTERS * 64);
  let repliesBySlot = new Float64Array(64);
  let teamReplies = 0;
  const durations = (options.scratch ?? new ColumnScratch()).take(DURATIONS);
  const [frt, firstResolution, fullResolution, requesterWait, onHold] = durations as [
    CreditedValues,
    CreditedValues,
    CreditedValues,
    CreditedValues,
    CreditedValues,
  ];
  let lastAssignee = NaN;
  let lastSlot = -1;

  for (let i = 0; i < count; i++) {
    const status = statuses[i]!;
    if (status >= STATUS_COUNT) throw new ColumnsError(`ticket row ${i}: status code ${status} is not a status`);
    const tagSet = tagSets[i]!;
    if (tagSet >= setCount) throw new ColumnsError(`ticket row ${i}: tag set ${tagSet} of ${setCount}`);
    if (status === DELETED || excludedSet[tagSet] === 1) continue;
    if (filtering) {
      if (groups !== null && !groups.has(groupColumn[i]!)) continue;
      if (brands !== null && !brands.has(brandColumn[i]!)) continue;
      let passes = true;
      for (let f = 0; f < activeLabelFilters.length; f++) {
        const filter = activeLabelFilters[f]!;
        const code = filter.codes[i]!;
        if (code < -1 || code >= stringCount)
          throw new ColumnsError(`ticket row ${i}: label ${code} of ${stringCount}`);
        if (filter.pass[code + 1] === 0) {
          passes = false;
          break;
        }
      }
      if (!passes) continue;
    }

    const createdAt = createdAtColumn[i]!;
    if (createdAt !== createdAt) throw new ColumnsError(`ticket row ${i}: no createdAt`);
    const solvedAt = solvedAtColumn[i]!;
    const solvedStatus = status === SOLVED_CODE || status === CLOSED_CODE;
    const inCreated = createdAt >= from && createdAt < to;
    // A NaN solvedAt (null) compares false: never in the solved cohort.
    const inSolved = solvedStatus && solvedAt >= from && solvedAt < to;
    const inBacklog = status <= HOLD_CODE;
    if (!inCreated && !inSolved && !inBacklog) continue;

    const assignee = assigneeColumn[i]!;
    let slot: number;
    if (assignee === lastAssignee) slot = lastSlot;
    else {
      slot = slotTable.slotOf(assignee);
      if (repliesBySlot.length < slotTable.ids.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
        const replies = new Float64Array(repliesBySlot.length * 2);
        replies.set(repliesBySlot);
        repliesBySlot = replies;
      }
      lastAssignee = assignee;
      lastSlot = slot;
    }
    const agent = slot * COUNTERS;

    if (inBacklog) {
      counts[agent + BACKLOG]++;
    }
    if (inCreated) {
      counts[agent + CREATED]++;
      const group = groupColumn[i]!;
      const stations = groupStationsColumn[i]!;
      if (
        (minGroupStations > 0 && stations >= minGroupStations) ||
        escalatedSet[tagSet] === 1 ||
        (escalatesByGroup && escalationGroups.has(group))
      ) {
        counts[agent + ESCALATED]++;
      }
      const reply = replyColumn[i]!;
      if (reply === reply) frt.push(reply, slot);
      else if (!solvedStatus) {
        counts[agent + UNREPLIED]++;
      }
    }
    if (inSolved) {
      const repliesValue = repliesColumn[i]!;
      const reopensValue = reopensColumn[i]!;
      const replies = repliesValue !== repliesValue ? 0 : repliesValue;
      const reopens = reopensValue !== reopensValue ? 0 : reopensValue;
      counts[agent + SOLVED]++;
      const first = firstResolutionColumn[i]!;
      if (first === first) firstResolution.push(first, slot);
      const full = fullResolutionColumn[i]!;
      if (full === full) fullResolution.push(full, slot);
      const wait = requesterWaitColumn[i]!;
      if (wait === wait) requesterWait.push(wait, slot);
      const hold = onHoldColumn[i]!;
      if (hold === hold) onHold.push(hold, slot);
      if (replies >= 1) {
        counts[agent + FCR_DENOMINATOR]++;
        if (replies === 1 && reopens === 0) {
          counts[agent + FCR_NUMERATOR]++;
        }
      }
      if (replies < 2) {
        counts[agent + ONE_TOUCH]++;
      }
      if (reopens > 0) {
        counts[agent + REOPENED]++;
      }
      // Added in ticket order for the team too, as computeReport adds them: a sum of the agents' could round otherwise.
      teamReplies += replies;
      repliesBySlot[slot] += replies;
      const score = scores[i]!;
      if (score === GOOD) {
        counts[agent + CSAT_GOOD]++;
      } else if (score === BAD) {
        counts[agent + CSAT_BAD]++;
      } else if (score >= SATISFACTION_SCORES.length && score !== NO_SCORE_CODE) {
        throw new ColumnsError(`ticket row ${i}: score code ${score} is not a satisfaction score`);
      }
      if (score === GOOD || score === BAD || score === OFFERED) {
        counts[agent + CSAT_OFFERED]++;
      }
    }
  }

  const slots = slotIds.length;
  for (let slot = 1; slot < slots; slot++) {
    for (let counter = 0; counter < COUNTERS; counter++) counts[counter] += counts[slot * COUNTERS + counter]!;
  }
  repliesBySlot[0] = teamReplies;
  const summaries = durations.map((list) => summarizeEach(list, slots));
  const block = (slot: number): MetricBlock => {
    const at = slot * COUNTERS;
    const solved = counts[at + SOLVED]!;
    const good = counts[at + CSAT_GOOD]!;
    const bad = counts[at + CSAT_BAD]!;
    return {
      created: counts[at + CREATED]!,
      solved,
      backlog: counts[at + BACKLOG]!,
      frt: { ...summaries[FRT]![slot]!, unreplied: counts[at + UNREPLIED]! },
      first_resolution: summaries[FIRST_RESOLUTION]![slot]!,
      full_resolution: summaries[FULL_RESOLUTION]![slot]!,
      requester_wait: summaries[REQUESTER_WAIT]![slot]!,
      on_hold: summaries[ON_HOLD]![slot]!,
      fcr: rate(counts[at + FCR_NUMERATOR]!, counts[at + FCR_DENOMINATOR]!),
      one_touch: rate(counts[at + ONE_TOUCH]!, solved),
      reopen: rate(counts[at + REOPENED]!, solved),
      escalation: rate(counts[at + ESCALATED]!, counts[at + CREATED]!),
      csat: { ...rate(good, good + bad), offered: counts[at + CSAT_OFFERED]! },
      replies_per_solved: solved === 0 ? null : repliesBySlot[slot]! / solved,
    };
  };

  const agents: AgentScorecard[] = [];
  for (let slot = 1; slot < slots; slot++) {
    const id = slotIds[slot]!;
    agents.push({ id, name: id === null ? null : (options.agentNames?.get(id) ?? null), ...block(slot) });
  }
  // computeReport's order: by id, unassigned last.
  agents.sort((a, b) => (a.id === null ? (b.id === null ? 0 : 1) : b.id === null ? -1 : a.id - b.id));
  return { team: block(0), agents };
}
