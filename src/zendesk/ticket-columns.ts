import { SATISFACTION_SCORES, TICKET_STATUSES, type FieldValue, type TicketRecord } from '../metrics/ticket-record';

/**
 * Tickets as the IndexedDB cache keeps them: one column per field instead of one object per ticket.
 *
 * The sidebar reads the cached tickets back before it can show a number, and IndexedDB hands a
 * stored value back through a structured clone, which rebuilds thousands of small objects property
 * by property: tens of milliseconds for 6,000 tickets in Chromium, before each record is checked.
 * A typed array clones as one copy of its memory, so columns read back several times faster, and
 * building the records from them here, checking every value on the way, costs less than checking
 * cloned records did.
 */
// 2: the rating's comment and reason and the survey fields' values; a cache of 1 lacks them, so it is read again.
export const TICKET_COLUMNS_FORMAT = 'ticket-columns-2';

/** The record's numeric fields that may be null (no value yet), shared with the snapshot's record checks. */
export const NULLABLE_NUMBER_FIELDS = [
  'assigneeId',
  'groupId',
  'brandId',
  'solvedAt',
  'replies',
  'reopens',
  'groupStations',
  'assigneeStations',
  'replyTimeCalendar',
  'replyTimeBusiness',
  'firstResolutionCalendar',
  'firstResolutionBusiness',
  'fullResolutionCalendar',
  'fullResolutionBusiness',
  'requesterWaitCalendar',
  'requesterWaitBusiness',
  'agentWaitCalendar',
  'agentWaitBusiness',
  'onHoldCalendar',
  'onHoldBusiness',
] as const satisfies readonly (keyof TicketRecord)[];

/** The numeric fields, in the order they sit in each ticket's stretch of `numbers`. */
export const NUMBER_FIELDS = ['id', 'createdAt', ...NULLABLE_NUMBER_FIELDS] as const;
const NUMBERS_PER_TICKET = NUMBER_FIELDS.length;

/** The record's nullable string fields, stored as indexes into `labels`. */
export const LABEL_FIELDS = ['channel', 'type', 'priority'] as const satisfies readonly (keyof TicketRecord)[];
const LABELS_PER_TICKET = LABEL_FIELDS.length;
const NO_LABEL = -1;

const NO_SCORE = 255;

export interface TicketColumns {
  format: typeof TICKET_COLUMNS_FORMAT;
  count: number;
  /**
   * Each ticket's numeric fields in `NUMBER_FIELDS` order, ticket after ticket, so building a
   * record reads one contiguous stretch. NaN stands for null (a NaN value reads back as null).
   */
  numbers: Float64Array;
  /** Index into TICKET_STATUSES. */
  statuses: Uint8Array;
  /** Index into SATISFACTION_SCORES, or 255 for no score. */
  scores: Uint8Array;
  /** Every string the tickets hold (channels, types, priorities, tags), each once. */
  strings: string[];
  /** Each ticket's channel, type and priority, ticket after ticket: index into `strings`, or -1 for null. */
  labels: Int32Array;
  /**
   * Each ticket's tag set: an index into the distinct sets, which most tickets share (none, or one
   * of a few). Set k's tags are `strings` at `tagSetStrings[tagSetOffsets[k]]` up to
   * `tagSetOffsets[k + 1]`.
   */
  tagSets: Uint32Array;
  tagSetOffsets: Uint32Array;
  tagSetStrings: Uint32Array;
  /** Each ticket's rating comment and reason: index into `strings`, or -1 for none. */
  ratingTexts: Int32Array;
  /**
   * The survey fields' values, which few tickets have: ticket i's are at `fieldOffsets[i]` up to
   * `fieldOffsets[i + 1]` of `fieldIds` and `fieldNumbers` (NaN for an invalid answer).
   */
  fieldOffsets: Uint32Array;
  fieldIds: Float64Array;
  fieldNumbers: Float64Array;
}

const NO_FIELDS: readonly FieldValue[] = Object.freeze([]);

/** A node of the tag-set trie: the set that ends here, and the sets that go on with one more tag. */
interface TagSetNode {
  set: number | undefined;
  next: Map<number, TagSetNode> | undefined;
}

export function encodeTicketColumns(tickets: readonly TicketRecord[]): TicketColumns {
  const count = tickets.length;
  const numbers = new Float64Array(count * NUMBERS_PER_TICKET);
  const statuses = new Uint8Array(count);
  const scores = new Uint8Array(count);
  const labels = new Int32Array(count * LABELS_PER_TICKET);
  const tagSets = new Uint32Array(count);
  const ratingTexts = new Int32Array(count * 2);
  const fieldOffsets = new Uint32Array(count + 1);
  const fieldIds: number[] = [];
  const fieldNumbers: number[] = [];

  const strings: string[] = [];
  const stringIndexes = new Map<string, number>();
  const stringIndex = (value: string): number => {
    let index = stringIndexes.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      stringIndexes.set(value, index);
    }
    return index;
  };
  const labelIndex = (value: string | null): number => (value === null ? NO_LABEL : stringIndex(value));

  const tagSetOffsets: number[] = [0];
  const tagSetStrings: number[] = [];
  const tagSetRoot: TagSetNode = { set: undefined, next: undefined };
  // Tickets decoded from a snapshot share their tags arrays: most find their set without a walk.
  const tagSetsByArray = new Map<readonly string[], number>();
  const tagSetOf = (tags: readonly string[]): number => {
    const known = tagSetsByArray.get(tags);
    if (known !== undefined) return known;
    let node = tagSetRoot;
    for (const tag of tags) {
      const index = stringIndex(tag);
      node.next ??= new Map();
      let child = node.next.get(index);
      if (child === undefined) {
        child = { set: undefined, next: undefined };
        node.next.set(index, child);
      }
      node = child;
    }
    if (node.set === undefined) {
      node.set = tagSetOffsets.length - 1;
      for (const tag of tags) tagSetStrings.push(stringIndex(tag));
      tagSetOffsets.push(tagSetStrings.length);
    }
    tagSetsByArray.set(tags, node.set);
    return node.set;
  };

  const statusCodes = new Map<string, number>(TICKET_STATUSES.map((status, code) => [status, code]));
  const scoreCodes = new Map<string, number>(SATISFACTION_SCORES.map((score, code) => [score, code]));

  for (let i = 0; i < count; i++) {
    const ticket = tickets[i]!;
    const base = i * NUMBERS_PER_TICKET;
    // NUMBER_FIELDS' order, written out as decodeTicketColumns reads it.
    numbers[base] = ticket.id;
    numbers[base + 1] = ticket.createdAt;
    numbers[base + 2] = ticket.assigneeId ?? NaN;
    numbers[base + 3] = ticket.groupId ?? NaN;
    numbers[base + 4] = ticket.brandId ?? NaN;
    numbers[base + 5] = ticket.solvedAt ?? NaN;
    numbers[base + 6] = ticket.replies ?? NaN;
    numbers[base + 7] = ticket.reopens ?? NaN;
    numbers[base + 8] = ticket.groupStations ?? NaN;
    numbers[base + 9] = ticket.assigneeStations ?? NaN;
    numbers[base + 10] = ticket.replyTimeCalendar ?? NaN;
    numbers[base + 11] = ticket.replyTimeBusiness ?? NaN;
    numbers[base + 12] = ticket.firstResolutionCalendar ?? NaN;
    numbers[base + 13] = ticket.firstResolutionBusiness ?? NaN;
    numbers[base + 14] = ticket.fullResolutionCalendar ?? NaN;
    numbers[base + 15] = ticket.fullResolutionBusiness ?? NaN;
    numbers[base + 16] = ticket.requesterWaitCalendar ?? NaN;
    numbers[base + 17] = ticket.requesterWaitBusiness ?? NaN;
    numbers[base + 18] = ticket.agentWaitCalendar ?? NaN;
    numbers[base + 19] = ticket.agentWaitBusiness ?? NaN;
    numbers[base + 20] = ticket.onHoldCalendar ?? NaN;
    numbers[base + 21] = ticket.onHoldBusiness ?? NaN;
    statuses[i] = statusCodes.get(ticket.status)!;
    scores[i] = ticket.satisfaction === null ? NO_SCORE : scoreCodes.get(ticket.satisfaction)!;
    const labelBase = i * LABELS_PER_TICKET;
    labels[labelBase] = labelIndex(ticket.channel);
    labels[labelBase + 1] = labelIndex(ticket.type);
    labels[labelBase + 2] = labelIndex(ticket.priority);
    tagSets[i] = tagSetOf(ticket.tags);
    ratingTexts[i * 2] = labelIndex(ticket.satisfactionComment ?? null);
    ratingTexts[i * 2 + 1] = labelIndex(ticket.satisfactionReason ?? null);
    for (const field of ticket.fieldValues ?? NO_FIELDS) {
      fieldIds.push(field.fieldId);
      fieldNumbers.push(field.value);
    }
    fieldOffsets[i + 1] = fieldIds.length;
  }

  return {
    format: TICKET_COLUMNS_FORMAT,
    count,
    numbers,
    statuses,
    scores,
    strings,
    labels,
    tagSets,
    tagSetOffsets: Uint32Array.from(tagSetOffsets),
    tagSetStrings: Uint32Array.from(tagSetStrings),
    ratingTexts,
    fieldOffsets,
    fieldIds: Float64Array.from(fieldIds),
    fieldNumbers: Float64Array.from(fieldNumbers),
  };
}

interface TypedArrays {
  Float64Array: Float64Array;
  Int32Array: Int32Array;
  Uint32Array: Uint32Array;
  Uint8Array: Uint8Array;
}

/**
 * The name a typed array carries in its internal slot (undefined for anything else). Not
 * `instanceof`: a structured clone may hand back arrays of another realm (jsdom's does).
 */
const typedArrayName = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Symbol.toStringTag,
)!.get as (this: unknown) => string | undefined;

function isTypedArray<Name extends keyof TypedArrays>(value: unknown, name: Name): value is TypedArrays[Name] {
  return typedArrayName.call(value) === name;
}

function orNull(value: number): number | null {
  return value !== value ? null : value;
}

/**
 * The records held in stored columns, or null for anything that is not whole, well-formed columns:
 * a damaged cache reads as none, as a damaged record array does.
 *
 * Tickets with the same tags share one frozen tags array: nothing changes a record's tags (they
 * are `readonly`), and ticketRecordFromApi already shares a frozen empty one.
 */
export function decodeTicketColumns(value: unknown): TicketRecord[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const columns = value as Partial<Record<keyof TicketColumns, unknown>>;
  const { count, numbers, statuses, scores, strings, labels, tagSets, tagSetOffsets, tagSetStrings } = columns;
  const { ratingTexts, fieldOffsets, fieldIds, fieldNumbers } = columns;
  if (
    columns.format !== TICKET_COLUMNS_FORMAT ||
    typeof count !== 'number' ||
    !Number.isSafeInteger(count) ||
    count < 0
  )
    return null;
  if (!isTypedArray(numbers, 'Float64Array') || numbers.length !== count * NUMBERS_PER_TICKET) return null;
  if (!isTypedArray(statuses, 'Uint8Array') || statuses.length !== count) return null;
  if (!isTypedArray(scores, 'Uint8Array') || scores.length !== count) return null;
  if (!isTypedArray(labels, 'Int32Array') || labels.length !== count * LABELS_PER_TICKET) return null;
  if (!isTypedArray(tagSets, 'Uint32Array') || tagSets.length !== count) return null;
  if (!isTypedArray(tagSetOffsets, 'Uint32Array') || !isTypedArray(tagSetStrings, 'Uint32Array')) return null;
  if (!Array.isArray(strings)) return null;
  if (!isTypedArray(ratingTexts, 'Int32Array') || ratingTexts.length !== count * 2) return null;
  if (!isTypedArray(fieldOffsets, 'Uint32Array') || fieldOffsets.length !== count + 1) return null;
  if (!isTypedArray(fieldIds, 'Float64Array') || !isTypedArray(fieldNumbers, 'Float64Array')) return null;
  if (fieldIds.length !== fieldNumbers.length || fieldOffsets[0] !== 0 || fieldOffsets[count] !== fieldIds.length)
    return null;
  const stringCount = strings.length;
  for (let index = 0; index < stringCount; index++) if (typeof strings[index] !== 'string') return null;

  const setCount = tagSetOffsets.length - 1;
  if (setCount < 0 || tagSetOffsets[0] !== 0 || tagSetOffsets[setCount] !== tagSetStrings.length) return null;
  const sets: (readonly string[])[] = new Array(setCount);
  for (let set = 0; set < setCount; set++) {
    const start = tagSetOffsets[set]!;
    const end = tagSetOffsets[set + 1]!;
    if (end < start) return null;
    const tags: string[] = new Array(end - start);
    for (let at = start; at < end; at++) {
      const index = tagSetStrings[at]!;
      if (index >= stringCount) return null;
      tags[at - start] = strings[index] as string;
    }
    sets[set] = Object.freeze(tags);
  }

  const label = (index: number): string | null | undefined =>
    index === NO_LABEL ? null : index >= 0 && index < stringCount ? (strings[index] as string) : undefined;

  const tickets: TicketRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const base = i * NUMBERS_PER_TICKET;
    const id = numbers[base]!;
    const createdAt = numbers[base + 1]!;
    if (!Number.isInteger(id) || id <= 0 || createdAt !== createdAt) return null;
    const status = TICKET_STATUSES[statuses[i]!];
    const scoreCode = scores[i]!;
    const satisfaction = scoreCode === NO_SCORE ? null : SATISFACTION_SCORES[scoreCode];
    const labelBase = i * LABELS_PER_TICKET;
    const channel = label(labels[labelBase]!);
    const type = label(labels[labelBase + 1]!);
    const priority = label(labels[labelBase + 2]!);
    const tags = sets[tagSets[i]!];
    const comment = label(ratingTexts[i * 2]!);
    const reason = label(ratingTexts[i * 2 + 1]!);
    const fieldStart = fieldOffsets[i]!;
    const fieldEnd = fieldOffsets[i + 1]!;
    if (fieldEnd < fieldStart || fieldEnd > fieldIds.length) return null;
    let fieldValues = NO_FIELDS;
    if (fieldEnd > fieldStart) {
      const values: FieldValue[] = [];
      for (let at = fieldStart; at < fieldEnd; at++) {
        const fieldId = fieldIds[at]!;
        if (!Number.isSafeInteger(fieldId) || fieldId <= 0) return null;
        values.push({ fieldId, value: fieldNumbers[at]! });
      }
      fieldValues = values;
    }
    if (
      status === undefined ||
      satisfaction === undefined ||
      channel === undefined ||
      type === undefined ||
      priority === undefined ||
      tags === undefined ||
      comment === undefined ||
      reason === undefined
    ) {
      return null;
    }
    // TicketRecord's field order, so every decoded record gets the shape records built elsewhere have.
    tickets[i] = {
      id,
      createdAt,
      status,
      assigneeId: orNull(numbers[base + 2]!),
      groupId: orNull(numbers[base + 3]!),
      brandId: orNull(numbers[base + 4]!),
      channel,
      type,
      priority,
      tags,
      satisfaction,
      solvedAt: orNull(numbers[base + 5]!),
      replies: orNull(numbers[base + 6]!),
      reopens: orNull(numbers[base + 7]!),
      groupStations: orNull(numbers[base + 8]!),
      assigneeStations: orNull(numbers[base + 9]!),
      replyTimeCalendar: orNull(numbers[base + 10]!),
      replyTimeBusiness: orNull(numbers[base + 11]!),
      firstResolutionCalendar: orNull(numbers[base + 12]!),
      firstResolutionBusiness: orNull(numbers[base + 13]!),
      fullResolutionCalendar: orNull(numbers[base + 14]!),
      fullResolutionBusiness: orNull(numbers[base + 15]!),
      requesterWaitCalendar: orNull(numbers[base + 16]!),
      requesterWaitBusiness: orNull(numbers[base + 17]!),
      agentWaitCalendar: orNull(numbers[base + 18]!),
      agentWaitBusiness: orNull(numbers[base + 19]!),
      onHoldCalendar: orNull(numbers[base + 20]!),
      onHoldBusiness: orNull(numbers[base + 21]!),
      satisfactionComment: comment,
      satisfactionReason: reason,
      fieldValues,
    };
  }
  return tickets;
}
