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
 *
 * Each numeric field is a column of its own (field-major), so the report's engine reads the stored
 * columns as they are (src/metrics/columnar), and counts and minutes that are exact in 32 bits are
 * stored in 32: at a million tickets the value is 112 MB instead of 176 and reads back a third faster.
 */
// 3: one column per field, 32-bit where exact; 2 (one interleaved Float64Array) is still read.
export const TICKET_COLUMNS_FORMAT = 'ticket-columns-3';
/** The format before: every ticket's numbers interleaved in one Float64Array, labels likewise. */
const INTERLEAVED_FORMAT = 'ticket-columns-2';

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

/** The numeric fields: each a column of `numbers` (and, in format 2, their order in each ticket's stretch). */
export const NUMBER_FIELDS = ['id', 'createdAt', ...NULLABLE_NUMBER_FIELDS] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
const NUMBERS_PER_TICKET = NUMBER_FIELDS.length;
/**
 * Ids and instants: always 64-bit. Zendesk's ids pass 2^24 and epoch milliseconds need 41 bits;
 * the other fields are counts and minutes, stored in 32 bits whenever every value fits exactly.
 */
const WIDE_FIELDS: ReadonlySet<NumberField> = new Set([
  'id',
  'createdAt',
  'assigneeId',
  'groupId',
  'brandId',
  'solvedAt',
]);

/** The record's nullable string fields, stored as indexes into `strings`. */
export const LABEL_FIELDS = ['channel', 'type', 'priority'] as const satisfies readonly (keyof TicketRecord)[];
export type LabelField = (typeof LABEL_FIELDS)[number];
const LABELS_PER_TICKET = LABEL_FIELDS.length;
const NO_LABEL = -1;

const NO_SCORE = 255;

/** A numeric column: 64-bit, or 32-bit when every value in it is exact in 32 bits. NaN stands for null. */
export type NumberColumn = Float64Array | Float32Array;

export interface TicketColumns {
  format: typeof TICKET_COLUMNS_FORMAT;
  count: number;
  /** One column per numeric field, `count` long. NaN stands for null (a NaN value reads back as null). */
  numbers: Record<NumberField, NumberColumn>;
  /** Index into TICKET_STATUSES. */
  statuses: Uint8Array;
  /** Index into SATISFACTION_SCORES, or 255 for no score. */
  scores: Uint8Array;
  /** Every string the tickets hold (channels, types, priorities, tags), each once. */
  strings: string[];
  /** Each ticket's channel, type and priority, a column each: index into `strings`, or -1 for null. */
  labels: Record<LabelField, Int32Array>;
  /**
   * Each ticket's tag set: an index into the distinct sets, which most tickets share (none, or one
   * of a few). Set k's tags are `strings` at `tagSetStrings[tagSetOffsets[k]]` up to
   * `tagSetOffsets[k + 1]`.
   */
  tagSets: Uint32Array;
  tagSetOffsets: Uint32Array;
  tagSetStrings: Uint32Array;
  /** Each ticket's rating comment and reason, ticket after ticket: index into `strings`, or -1 for none. */
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

/** The column in 32 bits when that loses nothing (NaN and -0 included), else as it is. */
function narrowed(column: Float64Array): NumberColumn {
  const narrow = Float32Array.from(column);
  // NaN stays NaN, and rounding keeps the sign of a zero: a value is exact when it comes back equal.
  for (let i = 0; i < column.length; i++) if (narrow[i] !== column[i] && column[i] === column[i]) return column;
  return narrow;
}

export function encodeTicketColumns(tickets: readonly TicketRecord[]): TicketColumns {
  const count = tickets.length;
  // 64-bit while written; the counts' and minutes' columns are narrowed once whole.
  const column = () => new Float64Array(count);
  const numbers: Record<NumberField, Float64Array> = {
    id: column(),
    createdAt: column(),
    assigneeId: column(),
    groupId: column(),
    brandId: column(),
    solvedAt: column(),
    replies: column(),
    reopens: column(),
    groupStations: column(),
    assigneeStations: column(),
    replyTimeCalendar: column(),
    replyTimeBusiness: column(),
    firstResolutionCalendar: column(),
    firstResolutionBusiness: column(),
    fullResolutionCalendar: column(),
    fullResolutionBusiness: column(),
    requesterWaitCalendar: column(),
    requesterWaitBusiness: column(),
    agentWaitCalendar: column(),
    agentWaitBusiness: column(),
    onHoldCalendar: column(),
    onHoldBusiness: column(),
  };
  const { id, createdAt, assigneeId, groupId, brandId, solvedAt, replies, reopens, groupStations } = numbers;
  const { assigneeStations, replyTimeCalendar, replyTimeBusiness, firstResolutionCalendar } = numbers;
  const { firstResolutionBusiness, fullResolutionCalendar, fullResolutionBusiness, requesterWaitCalendar } = numbers;
  const { requesterWaitBusiness, agentWaitCalendar, agentWaitBusiness, onHoldCalendar, onHoldBusiness } = numbers;
  const statuses = new Uint8Array(count);
  const scores = new Uint8Array(count);
  const channels = new Int32Array(count);
  const types = new Int32Array(count);
  const priorities = new Int32Array(count);
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
    id[i] = ticket.id;
    createdAt[i] = ticket.createdAt;
    assigneeId[i] = ticket.assigneeId ?? NaN;
    groupId[i] = ticket.groupId ?? NaN;
    brandId[i] = ticket.brandId ?? NaN;
    solvedAt[i] = ticket.solvedAt ?? NaN;
    replies[i] = ticket.replies ?? NaN;
    reopens[i] = ticket.reopens ?? NaN;
    groupStations[i] = ticket.groupStations ?? NaN;
    assigneeStations[i] = ticket.assigneeStations ?? NaN;
    replyTimeCalendar[i] = ticket.replyTimeCalendar ?? NaN;
    replyTimeBusiness[i] = ticket.replyTimeBusiness ?? NaN;
    firstResolutionCalendar[i] = ticket.firstResolutionCalendar ?? NaN;
    firstResolutionBusiness[i] = ticket.firstResolutionBusiness ?? NaN;
    fullResolutionCalendar[i] = ticket.fullResolutionCalendar ?? NaN;
    fullResolutionBusiness[i] = ticket.fullResolutionBusiness ?? NaN;
    requesterWaitCalendar[i] = ticket.requesterWaitCalendar ?? NaN;
    requesterWaitBusiness[i] = ticket.requesterWaitBusiness ?? NaN;
    agentWaitCalendar[i] = ticket.agentWaitCalendar ?? NaN;
    agentWaitBusiness[i] = ticket.agentWaitBusiness ?? NaN;
    onHoldCalendar[i] = ticket.onHoldCalendar ?? NaN;
    onHoldBusiness[i] = ticket.onHoldBusiness ?? NaN;
    statuses[i] = statusCodes.get(ticket.status)!;
    scores[i] = ticket.satisfaction === null ? NO_SCORE : scoreCodes.get(ticket.satisfaction)!;
    channels[i] = labelIndex(ticket.channel);
    types[i] = labelIndex(ticket.type);
    priorities[i] = labelIndex(ticket.priority);
    tagSets[i] = tagSetOf(ticket.tags);
    ratingTexts[i * 2] = labelIndex(ticket.satisfactionComment ?? null);
    ratingTexts[i * 2 + 1] = labelIndex(ticket.satisfactionReason ?? null);
    for (const field of ticket.fieldValues ?? NO_FIELDS) {
      fieldIds.push(field.fieldId);
      fieldNumbers.push(field.value);
    }
    fieldOffsets[i + 1] = fieldIds.length;
  }

  const stored = Object.fromEntries(
    NUMBER_FIELDS.map((field) => [field, WIDE_FIELDS.has(field) ? numbers[field] : narrowed(numbers[field])]),
  ) as Record<NumberField, NumberColumn>;
  return {
    format: TICKET_COLUMNS_FORMAT,
    count,
    numbers: stored,
    statuses,
    scores,
    strings,
    labels: { channel: channels, type: types, priority: priorities },
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
  Float32Array: Float32Array;
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

function isNumberColumn(value: unknown, count: number): value is NumberColumn {
  return (isTypedArray(value, 'Float64Array') || isTypedArray(value, 'Float32Array')) && value.length === count;
}

function orNull(value: number): number | null {
  return value !== value ? null : value;
}

type Stored = Partial<Record<keyof TicketColumns, unknown>>;

/** Format 2's interleaved numbers and labels as format 3's columns: an old cache reads as it did. */
function deinterleaved(stored: Stored, count: number): Pick<TicketColumns, 'numbers' | 'labels'> | null {
  const { numbers, labels } = stored;
  if (!isTypedArray(numbers, 'Float64Array') || numbers.length !== count * NUMBERS_PER_TICKET) return null;
  if (!isTypedArray(labels, 'Int32Array') || labels.length !== count * LABELS_PER_TICKET) return null;
  const columns = NUMBER_FIELDS.map(() => new Float64Array(count));
  for (let i = 0; i < count; i++) {
    const base = i * NUMBERS_PER_TICKET;
    for (let f = 0; f < NUMBERS_PER_TICKET; f++) columns[f]![i] = numbers[base + f]!;
  }
  const labelColumns = LABEL_FIELDS.map(() => new Int32Array(count));
  for (let i = 0; i < count; i++) {
    for (let f = 0; f < LABELS_PER_TICKET; f++) labelColumns[f]![i] = labels[i * LABELS_PER_TICKET + f]!;
  }
  return {
    numbers: Object.fromEntries(NUMBER_FIELDS.map((field, f) => [field, columns[f]!])) as TicketColumns['numbers'],
    labels: Object.fromEntries(LABEL_FIELDS.map((field, f) => [field, labelColumns[f]!])) as TicketColumns['labels'],
  };
}

/** Format 3's columns, each checked to be there, typed and `count` long; null when one is not. */
function fieldColumns(stored: Stored, count: number): Pick<TicketColumns, 'numbers' | 'labels'> | null {
  const { numbers, labels } = stored;
  if (typeof numbers !== 'object' || numbers === null || typeof labels !== 'object' || labels === null) return null;
  const numberColumns = numbers as Partial<Record<NumberField, unknown>>;
  const labelColumns = labels as Partial<Record<LabelField, unknown>>;
  for (const field of NUMBER_FIELDS) {
    const column = numberColumns[field];
    if (!isNumberColumn(column, count)) return null;
    // Ids and instants in 32 bits would have lost digits: such a column was not written by this code.
    if (WIDE_FIELDS.has(field) && !isTypedArray(column, 'Float64Array')) return null;
  }
  for (const field of LABEL_FIELDS) {
    const column = labelColumns[field];
    if (!isTypedArray(column, 'Int32Array') || column.length !== count) return null;
  }
  return { numbers: numbers as TicketColumns['numbers'], labels: labels as TicketColumns['labels'] };
}

/**
 * The stored value as whole, well-formed columns in this format (an old format's rearranged), or
 * null for anything else: every array there, of its type and length, and the tag sets' offsets
 * in order. The values inside (codes, string indexes, ids) are checked by whoever reads them:
 * decodeTicketColumns here, the columnar engine as it goes.
 */
export function storedTicketColumns(value: unknown): TicketColumns | null {
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Stored;
  const { count, statuses, scores, strings, tagSets, tagSetOffsets, tagSetStrings } = stored;
  const { ratingTexts, fieldOffsets, fieldIds, fieldNumbers } = stored;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return null;
  if (stored.format !== TICKET_COLUMNS_FORMAT && stored.format !== INTERLEAVED_FORMAT) return null;
  if (!isTypedArray(statuses, 'Uint8Array') || statuses.length !== count) return null;
  if (!isTypedArray(scores, 'Uint8Array') || scores.length !== count) return null;
  if (!isTypedArray(tagSets, 'Uint32Array') || tagSets.length !== count) return null;
  if (!isTypedArray(tagSetOffsets, 'Uint32Array') || !isTypedArray(tagSetStrings, 'Uint32Array')) return null;
  if (!Array.isArray(strings)) return null;
  if (!isTypedArray(ratingTexts, 'Int32Array') || ratingTexts.length !== count * 2) return null;
  if (!isTypedArray(fieldOffsets, 'Uint32Array') || fieldOffsets.length !== count + 1) return null;
  if (!isTypedArray(fieldIds, 'Float64Array') || !isTypedArray(fieldNumbers, 'Float64Array')) return null;
  if (fieldIds.length !== fieldNumbers.length || fieldOffsets[0] !== 0 || fieldOffsets[count] !== fieldIds.length)
    return null;
  const sets = tagSetOffsets.length - 1;
  if (sets < 0 || tagSetOffsets[0] !== 0 || tagSetOffsets[sets] !== tagSetStrings.length) return null;
  for (let set = 0; set < sets; set++) if (tagSetOffsets[set + 1]! < tagSetOffsets[set]!) return null;
  for (let index = 0; index < strings.length; index++) if (typeof strings[index] !== 'string') return null;
  const columns = stored.format === INTERLEAVED_FORMAT ? deinterleaved(stored, count) : fieldColumns(stored, count);
  if (columns === null) return null;
  return {
    format: TICKET_COLUMNS_FORMAT,
    count,
    ...columns,
    statuses,
    scores,
    strings: strings as string[],
    tagSets,
    tagSetOffsets,
    tagSetStrings,
    ratingTexts,
    fieldOffsets,
    fieldIds,
    fieldNumbers,
  };
}

/**
 * The records held in stored columns, or null for anything that is not whole, well-formed columns:
 * a damaged cache reads as none, as a damaged record array does.
 *
 * Tickets with the same tags share one frozen tags array: nothing changes a record's tags (they
 * are `readonly`), and ticketRecordFromApi already shares a frozen empty one.
 */
export function decodeTicketColumns(value: unknown): TicketRecord[] | null {
  const columns = storedTicketColumns(value);
  return columns === null ? null : ticketRecordsOf(columns);
}

/** The records of checked columns (storedTicketColumns), or null when a value in them is not a record's. */
export function ticketRecordsOf(columns: TicketColumns): TicketRecord[] | null {
  const { count, numbers, labels, statuses, scores, strings, tagSets, tagSetOffsets, tagSetStrings } = columns;
  const { ratingTexts, fieldOffsets, fieldIds, fieldNumbers } = columns;
  const stringCount = strings.length;
  const setCount = tagSetOffsets.length - 1;
  const sets: (readonly string[])[] = new Array(setCount);
  for (let set = 0; set < setCount; set++) {
    const start = tagSetOffsets[set]!;
    const end = tagSetOffsets[set + 1]!;
    const tags: string[] = new Array(end - start);
    for (let at = start; at < end; at++) {
      const index = tagSetStrings[at]!;
      if (index >= stringCount) return null;
      tags[at - start] = strings[index]!;
    }
    sets[set] = Object.freeze(tags);
  }

  const label = (index: number): string | null | undefined =>
    index === NO_LABEL ? null : index >= 0 && index < stringCount ? strings[index] : undefined;

  const { id: ids, createdAt: created, assigneeId, groupId, brandId, solvedAt, replies, reopens } = numbers;
  const { groupStations, assigneeStations, replyTimeCalendar, replyTimeBusiness, firstResolutionCalendar } = numbers;
  const { firstResolutionBusiness, fullResolutionCalendar, fullResolutionBusiness, requesterWaitCalendar } = numbers;
  const { requesterWaitBusiness, agentWaitCalendar, agentWaitBusiness, onHoldCalendar, onHoldBusiness } = numbers;
  const { channel: channels, type: types, priority: priorities } = labels;
  const tickets: TicketRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    const createdAt = created[i]!;
    if (!Number.isInteger(id) || id <= 0 || createdAt !== createdAt) return null;
    const status = TICKET_STATUSES[statuses[i]!];
    const scoreCode = scores[i]!;
    const satisfaction = scoreCode === NO_SCORE ? null : SATISFACTION_SCORES[scoreCode];
    const channel = label(channels[i]!);
    const type = label(types[i]!);
    const priority = label(priorities[i]!);
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
      assigneeId: orNull(assigneeId[i]!),
      groupId: orNull(groupId[i]!),
      brandId: orNull(brandId[i]!),
      channel,
      type,
      priority,
      tags,
      satisfaction,
      solvedAt: orNull(solvedAt[i]!),
      replies: orNull(replies[i]!),
      reopens: orNull(reopens[i]!),
      groupStations: orNull(groupStations[i]!),
      assigneeStations: orNull(assigneeStations[i]!),
      replyTimeCalendar: orNull(replyTimeCalendar[i]!),
      replyTimeBusiness: orNull(replyTimeBusiness[i]!),
      firstResolutionCalendar: orNull(firstResolutionCalendar[i]!),
      firstResolutionBusiness: orNull(firstResolutionBusiness[i]!),
      fullResolutionCalendar: orNull(fullResolutionCalendar[i]!),
      fullResolutionBusiness: orNull(fullResolutionBusiness[i]!),
      requesterWaitCalendar: orNull(requesterWaitCalendar[i]!),
      requesterWaitBusiness: orNull(requesterWaitBusiness[i]!),
      agentWaitCalendar: orNull(agentWaitCalendar[i]!),
      agentWaitBusiness: orNull(agentWaitBusiness[i]!),
      onHoldCalendar: orNull(onHoldCalendar[i]!),
      onHoldBusiness: orNull(onHoldBusiness[i]!),
      satisfactionComment: comment,
      satisfactionReason: reason,
      fieldValues,
    };
  }
  return tickets;
}
