import type { Plan } from './rate-limits';
import { FORBIDDEN, HttpError, NOT_FOUND, requireAdmin, type RequestContext } from './api/route';

/**
 * Zendesk's custom objects (the "new" custom objects API): objects, their fields, and records,
 * kept in memory for as long as the local Zendesk runs. What is modelled is what Zendesk
 * documents: only admins create, change or delete objects and fields; agents list objects and
 * fields, and read and write records; records are cursor paged, 100 a page at most, filtered by
 * ids or external ids, sorted by id or updated_at; an upsert by external id; the plan's object
 * limit. Custom objects need Suite Team or above (every plan the local Zendesk models), unless the
 * account is started without them, to test what a plan without them sees.
 */

/** Zendesk's documented number of custom objects per plan. */
export const OBJECT_LIMITS: Record<Plan, number> = {
  team: 3,
  growth: 5,
  professional: 30,
  enterprise: 50,
  'high-volume': 50,
};
export const FIELD_LIMIT = 100;
export const RECORD_LIMIT = 1_000_000;
const PAGE_MAX = 100;
/** The local Zendesk's bound on a text value; Zendesk refuses very long values too, at a limit it does not document. */
export const TEXTAREA_MAX_CHARS = 65_535;
const TEXT_MAX_CHARS = 255;

const FIELD_TYPES = ['text', 'textarea', 'integer', 'decimal', 'checkbox', 'date'] as const;
type FieldType = (typeof FIELD_TYPES)[number];

interface StoredField {
  id: number;
  key: string;
  title: string;
  type: FieldType;
  created_at: string;
  updated_at: string;
}

interface StoredRecord {
  id: string;
  name: string;
  external_id: string | null;
  fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  created_by_user_id: string;
  updated_by_user_id: string;
  /** For sorting by updated_at with ties by creation. */
  sequence: number;
}

interface StoredObject {
  key: string;
  title: string;
  title_pluralized: string;
  description: string;
  created_at: string;
  updated_at: string;
  created_by_user_id: string;
  updated_by_user_id: string;
  fields: StoredField[];
  records: Map<string, StoredRecord>;
}

export interface CustomObjectAnswer {
  status: number;
  body: unknown;
}

const OBJECTS_PATH = /^\/api\/v2\/custom_objects(?:\.json)?$/;
const OBJECT_PATH = /^\/api\/v2\/custom_objects\/([a-z][a-z0-9_]*)(?:\.json)?$/;
const FIELDS_PATH = /^\/api\/v2\/custom_objects\/([a-z][a-z0-9_]*)\/fields(?:\.json)?$/;
const RECORDS_PATH = /^\/api\/v2\/custom_objects\/([a-z][a-z0-9_]*)\/records(?:\.json)?$/;
const RECORD_PATH = /^\/api\/v2\/custom_objects\/([a-z][a-z0-9_]*)\/records\/([0-9A-Z]{26})(?:\.json)?$/;
const COUNT_PATH = /^\/api\/v2\/custom_objects\/([a-z][a-z0-9_]*)\/records\/count(?:\.json)?$/;
const SEARCH_PATH = /^\/api\/v2\/custom_objects\/([a-z][a-z0-9_]*)\/records\/search(?:\.json)?$/;
const OBJECT_LIMIT_PATH = /^\/api\/v2\/custom_objects\/limits\/object_limit(?:\.json)?$/;
const RECORD_LIMIT_PATH = /^\/api\/v2\/custom_objects\/limits\/record_limit(?:\.json)?$/;

function invalid(detail: string, status = 422): HttpError {
  return new HttpError(status, {
    errors: [{ code: 'InvalidInput', status: String(status), title: 'Invalid input', detail }],
  });
}

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class CustomObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  private nextFieldId = 4_398_096_842_877;
  private sequence = 0;

  constructor(
    private readonly plan: Plan,
    readonly available = true,
  ) {}

  /** Whether `path` is this API's: the server lets its writes through. */
  static handles(path: string): boolean {
    return (
      path === '/api/v2/custom_objects' ||
      path.startsWith('/api/v2/custom_objects/') ||
      path === '/api/v2/custom_objects.json'
    );
  }

  handle(context: RequestContext, method: string, body: unknown): CustomObjectAnswer {
    if (!this.available) {
      throw new HttpError(403, {
        errors: [
          {
            code: 'Forbidden',
            status: '403',
            title: 'Forbidden',
            detail: 'Custom objects are not available on this plan',
          },
        ],
      });
    }
    if (context.user.role === 'end-user') throw new HttpError(403, FORBIDDEN);
    const path = context.url.pathname;
    let match: RegExpExecArray | null;
    if (OBJECT_LIMIT_PATH.test(path)) return ok({ count: this.objects.size, limit: OBJECT_LIMITS[this.plan] });
    if (RECORD_LIMIT_PATH.test(path)) return ok({ count: this.recordCount(), limit: RECORD_LIMIT });
    if (OBJECTS_PATH.test(path)) {
      if (method === 'GET')
        return ok({ custom_objects: [...this.objects.values()].map((o) => this.objectJson(context, o)) });
      if (method === 'POST') return this.createObject(context, body);
    } else if ((match = OBJECT_PATH.exec(path))) {
      const object = this.object(match[1]!);
      if (method === 'GET') return ok({ custom_object: this.objectJson(context, object) });
      if (method === 'DELETE') {
        requireAdmin(context);
        this.objects.delete(object.key);
        return { status: 204, body: undefined };
      }
    } else if ((match = FIELDS_PATH.exec(path))) {
      const object = this.object(match[1]!);
      if (method === 'GET')
        return ok({ custom_object_fields: object.fields.map((f) => this.fieldJson(context, object, f)) });
      if (method === 'POST') return this.createField(context, object, body);
    } else if ((match = COUNT_PATH.exec(path))) {
      const object = this.object(match[1]!);
      if (method === 'GET') return ok({ count: { value: object.records.size, refreshed_at: iso(context.now) } });
    } else if ((match = SEARCH_PATH.exec(path))) {
      const object = this.object(match[1]!);
      if (method === 'GET') {
        const query = (context.url.searchParams.get('query') ?? '').toLowerCase();
        const found = [...object.records.values()].filter(
          (r) => r.name.toLowerCase().includes(query) || (r.external_id ?? '').toLowerCase().includes(query),
        );
        return ok({ count: found.length, ...this.page(context, object, found) });
      }
    } else if ((match = RECORDS_PATH.exec(path))) {
      const object = this.object(match[1]!);
      if (method === 'GET') return ok(this.page(context, object, this.filtered(context, object)));
      if (method === 'POST') return this.writeRecord(context, object, null, body, 201);
      const externalId = context.url.searchParams.get('external_id');
      if (externalId === null || externalId.length === 0) throw invalid('external_id is required', 400);
      const existing = [...object.records.values()].find((r) => r.external_id === externalId) ?? null;
      if (method === 'PATCH') return this.writeRecord(context, object, existing, body, 200, externalId);
      if (method === 'DELETE') {
        if (!existing) throw new HttpError(404, NOT_FOUND);
        object.records.delete(existing.id);
        return { status: 204, body: undefined };
      }
    } else if ((match = RECORD_PATH.exec(path))) {
      const object = this.object(match[1]!);
      const record = object.records.get(match[2]!);
      if (!record) throw new HttpError(404, NOT_FOUND);
      if (method === 'GET') return ok({ custom_object_record: recordJson(context, object, record) });
      if (method === 'PATCH') return this.writeRecord(context, object, record, body, 200);
      if (method === 'DELETE') {
        object.records.delete(record.id);
        return { status: 204, body: undefined };
      }
    } else {
      throw new HttpError(404, NOT_FOUND);
    }
    throw new HttpError(405, { error: 'MethodNotAllowed', description: `${method} is not allowed on ${path}` });
  }

  private object(key: string): StoredObject {
    const object = this.objects.get(key);
    if (!object) throw new HttpError(404, NOT_FOUND);
    return object;
  }

  private recordCount(): number {
    let count = 0;
    for (const object of this.objects.values()) count += object.records.size;
    return count;
  }

  private createObject(context: RequestContext, body: unknown): CustomObjectAnswer {
    requireAdmin(context);
    const input = member(body, 'custom_object');
    const key = stringField(input, 'key', 'custom_object');
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(key))
      throw invalid(`custom_object.key "${key}" must be lower case letters, digits and _`);
    if (this.objects.has(key)) throw invalid(`custom_object.key "${key}" is already taken`);
    if (this.objects.size >= OBJECT_LIMITS[this.plan]) {
      throw invalid(`this plan allows ${OBJECT_LIMITS[this.plan]} custom objects`, 422);
    }
    const now = iso(context.now);
    const who = String(context.user.id);
    const object: StoredObject = {
      key,
      title: stringField(input, 'title', 'custom_object'),
      title_pluralized: stringField(input, 'title_pluralized', 'custom_object'),
      description: typeof input['description'] === 'string' ? input['description'] : '',
      created_at: now,
      updated_at: now,
      created_by_user_id: who,
      updated_by_user_id: who,
      fields: [],
      records: new Map(),
    };
    this.objects.set(key, object);
    return { status: 201, body: { custom_object: this.objectJson(context, object) } };
  }

  private createField(context: RequestContext, object: StoredObject, body: unknown): CustomObjectAnswer {
    requireAdmin(context);
    const input = member(body, 'custom_object_field');
    const key = stringField(input, 'key', 'custom_object_field');
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key))
      throw invalid(`custom_object_field.key "${key}" must be lower case letters, digits and _`);
    if (object.fields.some((field) => field.key === key))
      throw invalid(`custom_object_field.key "${key}" is already taken`);
    if (object.fields.length >= FIELD_LIMIT) throw invalid(`a custom object holds ${FIELD_LIMIT} fields at most`);
    const type = input['type'] ?? 'text';
    if (!FIELD_TYPES.includes(type as FieldType))
      throw invalid(`custom_object_field.type "${String(type)}" is not one of ${FIELD_TYPES.join(', ')}`);
    const now = iso(context.now);
    const field: StoredField = {
      id: this.nextFieldId++,
      key,
      title: stringField(input, 'title', 'custom_object_field'),
      type: type as FieldType,
      created_at: now,
      updated_at: now,
    };
    object.fields.push(field);
    return { status: 201, body: { custom_object_field: this.fieldJson(context, object, field) } };
  }

  private writeRecord(
    context: RequestContext,
    object: StoredObject,
    existing: StoredRecord | null,
    body: unknown,
    status: number,
    externalId: string | null = null,
  ): CustomObjectAnswer {
    const input = member(body, 'custom_object_record');
    const values = input['custom_object_fields'] ?? {};
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw invalid('custom_object_record.custom_object_fields must be an object');
    }
    const fields = { ...(existing?.fields ?? {}) };
    for (const [key, value] of Object.entries(values)) {
      const field = object.fields.find((candidate) => candidate.key === key);
      if (!field) throw invalid(`custom_object_fields.${key} is not a field of ${object.key}`);
      fields[key] = checkedValue(field, value);
    }
    const name = input['name'] ?? existing?.name;
    if (typeof name !== 'string' || name.length === 0) throw invalid('custom_object_record.name is required');
    const now = iso(context.now);
    const who = String(context.user.id);
    if (!existing && this.recordCount() >= RECORD_LIMIT)
      throw invalid(`the account holds ${RECORD_LIMIT} records at most`);
    const givenExternal = typeof input['external_id'] === 'string' ? input['external_id'] : null;
    const record: StoredRecord = existing
      ? { ...existing, name, fields, updated_at: now, updated_by_user_id: who, sequence: ++this.sequence }
      : {
          id: this.recordId(context.now),
          name,
          external_id: externalId ?? givenExternal,
          fields,
          created_at: now,
          updated_at: now,
          created_by_user_id: who,
          updated_by_user_id: who,
          sequence: ++this.sequence,
        };
    if (!existing && record.external_id !== null) {
      for (const other of object.records.values()) {
        if (other.external_id === record.external_id)
          throw invalid(`external_id "${record.external_id}" is already taken`);
      }
    }
    object.records.set(record.id, record);
    return { status: existing ? 200 : status, body: { custom_object_record: recordJson(context, object, record) } };
  }

  /** A ULID-shaped id (26 characters of Crockford's base 32), time first, as Zendesk's are. */
  private recordId(now: number): string {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let time = '';
    let rest = now;
    for (let i = 0; i < 10; i++) {
      time = alphabet[rest % 32]! + time;
      rest = Math.floor(rest / 32);
    }
    let tail = '';
    let counter = ++this.sequence;
    for (let i = 0; i < 16; i++) {
      tail = alphabet[counter % 32]! + tail;
      counter = Math.floor(counter / 32);
    }
    return time + tail;
  }

  private filtered(context: RequestContext, object: StoredObject): StoredRecord[] {
    const params = context.url.searchParams;
    let records = [...object.records.values()];
    const ids = params.get('filter[ids]');
    if (ids) {
      const wanted = new Set(ids.split(','));
      records = records.filter((record) => wanted.has(record.id));
    }
    const externalIds = params.get('filter[external_ids]');
    if (externalIds) {
      const wanted = new Set(externalIds.split(','));
      records = records.filter((record) => record.external_id !== null && wanted.has(record.external_id));
    }
    return records;
  }

  private page(context: RequestContext, object: StoredObject, records: StoredRecord[]) {
    const params = context.url.searchParams;
    const sort = params.get('sort') ?? 'id';
    const comparators: Record<string, (a: StoredRecord, b: StoredRecord) => number> = {
      id: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      updated_at: (a, b) => a.sequence - b.sequence,
    };
    const descending = sort.startsWith('-');
    const comparator = comparators[descending ? sort.slice(1) : sort];
    if (!comparator) throw invalid(`sort must be one of id, updated_at, -id, -updated_at`, 400);
    records.sort(descending ? (a, b) => comparator(b, a) : comparator);

    const sizeText = params.get('page[size]');
    const size = sizeText === null ? PAGE_MAX : Number(sizeText);
    if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX)
      throw invalid(`page[size] must be from 1 to ${PAGE_MAX}`, 400);
    const after = params.get('page[after]');
    const before = params.get('page[before]');
    if (after !== null && before !== null) throw invalid('page[before] and page[after] cannot be used together', 400);
    let start = 0;
    if (after !== null) start = decodeCursor(after) + 1;
    let end = start + size;
    if (before !== null) {
      end = decodeCursor(before);
      start = Math.max(0, end - size);
    }
    const slice = records.slice(start, Math.min(end, records.length));
    const hasMore = start + slice.length < records.length;
    const base = `${context.origin}${context.url.pathname}`;
    const link = (cursorName: string, cursor: string) => {
      const query = new URLSearchParams(params);
      query.delete('page[after]');
      query.delete('page[before]');
      query.set(cursorName, cursor);
      return `${base}?${query.toString()}`;
    };
    const afterCursor = slice.length > 0 ? encodeCursor(start + slice.length - 1) : null;
    const beforeCursor = slice.length > 0 && start > 0 ? encodeCursor(start) : null;
    return {
      custom_object_records: slice.map((record) => recordJson(context, object, record)),
      meta: { after_cursor: afterCursor, before_cursor: beforeCursor, has_more: hasMore },
      links: {
        next: hasMore && afterCursor ? link('page[after]', afterCursor) : null,
        prev: beforeCursor ? link('page[before]', beforeCursor) : null,
      },
    };
  }

  private objectJson(context: RequestContext, object: StoredObject) {
    return {
      key: object.key,
      title: object.title,
      title_pluralized: object.title_pluralized,
      description: object.description,
      raw_title: object.title,
      raw_title_pluralized: object.title_pluralized,
      raw_description: object.description,
      include_in_list_view: true,
      created_at: object.created_at,
      updated_at: object.updated_at,
      created_by_user_id: object.created_by_user_id,
      updated_by_user_id: object.updated_by_user_id,
      url: `${context.origin}/api/v2/custom_objects/${object.key}`,
    };
  }

  private fieldJson(context: RequestContext, object: StoredObject, field: StoredField) {
    return {
      id: field.id,
      key: field.key,
      title: field.title,
      raw_title: field.title,
      description: '',
      raw_description: '',
      type: field.type,
      active: true,
      required: false,
      system: false,
      position: object.fields.indexOf(field),
      regexp_for_validation: null,
      created_at: field.created_at,
      updated_at: field.updated_at,
      url: `${context.origin}/api/v2/custom_objects/${object.key}/fields?id=${field.id}`,
    };
  }
}

function recordJson(context: RequestContext, object: StoredObject, record: StoredRecord) {
  return {
    id: record.id,
    name: record.name,
    external_id: record.external_id,
    custom_object_key: object.key,
    custom_object_fields: Object.fromEntries(
      object.fields.map((field) => [field.key, record.fields[field.key] ?? null]),
    ),
    created_at: record.created_at,
    updated_at: record.updated_at,
    created_by_user_id: record.created_by_user_id,
    updated_by_user_id: record.updated_by_user_id,
    url: `${context.origin}/api/v2/custom_objects/${object.key}/records/${record.id}`,
  };
}

function ok(body: unknown): CustomObjectAnswer {
  return { status: 200, body };
}

function member(body: unknown, name: string): Record<string, unknown> {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`the body must hold a "${name}" object`, 400);
  return value as Record<string, unknown>;
}

function stringField(input: Record<string, unknown>, name: string, owner: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${owner}.${name} is required`);
  return value;
}

function checkedValue(field: StoredField, value: unknown): unknown {
  if (value === null) return null;
  const wrong = () => invalid(`custom_object_fields.${field.key} is not a valid ${field.type} value`);
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') throw wrong();
      const max = field.type === 'text' ? TEXT_MAX_CHARS : TEXTAREA_MAX_CHARS;
      if (value.length > max) throw invalid(`custom_object_fields.${field.key} is longer than ${max} characters`);
      return value;
    }
    case 'integer':
      if (!Number.isInteger(value)) throw wrong();
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong();
      return value;
    case 'checkbox':
      if (typeof value !== 'boolean') throw wrong();
      return value;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw wrong();
      return value;
  }
}

function encodeCursor(index: number): string {
  return Buffer.from(JSON.stringify({ from: index })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const from = (parsed as { from?: unknown }).from;
    if (typeof from === 'number' && Number.isInteger(from) && from >= 0) return from;
  } catch {
    // fall through to the error below
  }
  throw invalid('the page cursor is not valid', 400);
}
