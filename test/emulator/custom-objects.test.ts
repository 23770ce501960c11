import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/api-server';
import { OBJECT_LIMITS } from '../../src/emulator/custom-objects';
import type { Plan } from '../../src/emulator/rate-limits';
import { adminOf, agentOf, API_TOKEN, basicAuth, frozenClock, smallData, type Json } from './support';

const { account, data } = smallData();
const admin = basicAuth(adminOf(account).email);
const agent = basicAuth(agentOf(account).email);

interface Answer {
  status: number;
  body: Json;
}

async function start(options: { plan?: Plan; customObjects?: boolean } = {}) {
  const emulator = await startEmulator({ data, clock: frozenClock(), apiToken: API_TOKEN, port: 0, ...options });
  const call = async (method: string, path: string, auth: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(path.startsWith('http') ? path : `${emulator.url}${path}`, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  return { emulator, call };
}

const OBJECT = { custom_object: { key: 'kpi_summary', title: 'KPI summary', title_pluralized: 'KPI summaries' } };
const FIELD = { custom_object_field: { key: 'payload', title: 'Payload', type: 'textarea' } };

describe('custom objects in the local Zendesk', () => {
  let emulator: RunningEmulator;
  let call: Awaited<ReturnType<typeof start>>['call'];
  beforeAll(async () => {
    ({ emulator, call } = await start());
  });
  afterAll(() => emulator.close());

  it('lets only admins create objects and fields, and agents list them', async () => {
    expect((await call('POST', '/api/v2/custom_objects', agent, OBJECT)).status).toBe(403);
    const created = await call('POST', '/api/v2/custom_objects', admin, OBJECT);
    expect(created.status).toBe(201);
    expect(created.body['custom_object']).toMatchObject({ key: 'kpi_summary', title: 'KPI summary' });
    expect((await call('POST', '/api/v2/custom_objects', admin, OBJECT)).status).toBe(422);

    expect((await call('POST', '/api/v2/custom_objects/kpi_summary/fields', agent, FIELD)).status).toBe(403);
    expect((await call('POST', '/api/v2/custom_objects/kpi_summary/fields', admin, FIELD)).status).toBe(201);
    const fields = await call('GET', '/api/v2/custom_objects/kpi_summary/fields', agent);
    expect((fields.body['custom_object_fields'] as Json[]).map((field) => [field['key'], field['type']])).toEqual([
      ['payload', 'textarea'],
    ]);
    const listed = await call('GET', '/api/v2/custom_objects', agent);
    expect((listed.body['custom_objects'] as Json[]).map((object) => object['key'])).toEqual(['kpi_summary']);
  });

  it('upserts a record by external id, and filters by it', async () => {
    const path = '/api/v2/custom_objects/kpi_summary/records?external_id=team';
    const record = { custom_object_record: { name: 'Team summary', custom_object_fields: { payload: '{"a":1}' } } };
    const first = await call('PATCH', path, admin, record);
    expect(first.status).toBe(200);
    const id = (first.body['custom_object_record'] as Json)['id'] as string;
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    const second = await call('PATCH', path, admin, {
      custom_object_record: { custom_object_fields: { payload: '{"a":2}' } },
    });
    expect(second.body['custom_object_record']).toMatchObject({
      id,
      name: 'Team summary',
      external_id: 'team',
      custom_object_fields: { payload: '{"a":2}' },
      updated_by_user_id: String(adminOf(account).id),
    });

    const found = await call('GET', '/api/v2/custom_objects/kpi_summary/records?filter[external_ids]=team', agent);
    expect((found.body['custom_object_records'] as Json[]).map((r) => r['id'])).toEqual([id]);
    const none = await call('GET', '/api/v2/custom_objects/kpi_summary/records?filter[external_ids]=other', agent);
    expect(none.body['custom_object_records']).toEqual([]);
    expect((await call('GET', `/api/v2/custom_objects/kpi_summary/records/${id}`, agent)).status).toBe(200);
  });

  it('refuses values that are not what the field holds, and fields the object does not have', async () => {
    const path = '/api/v2/custom_objects/kpi_summary/records';
    const bad = (fields: Json) =>
      call('POST', path, admin, { custom_object_record: { name: 'x', custom_object_fields: fields } });
    expect((await bad({ payload: 12 })).status).toBe(422);
    expect((await bad({ payload: 'x'.repeat(70_000) })).body).toMatchObject({
      errors: [{ detail: 'custom_object_fields.payload is longer than 65535 characters' }],
    });
    expect((await bad({ colour: 'red' })).status).toBe(422);
    expect((await call('POST', path, admin, { nothing: true })).status).toBe(400);
  });

  it('pages records by cursor, 100 at most, and sorts them', async () => {
    for (let i = 0; i < 5; i++) {
      await call('POST', '/api/v2/custom_objects/kpi_summary/records', agent, {
        custom_object_record: { name: `r${i}`, external_id: `r${i}` },
      });
    }
    expect((await call('GET', '/api/v2/custom_objects/kpi_summary/records?page[size]=101', agent)).status).toBe(400);
    const seen: string[] = [];
    let next: string | null = '/api/v2/custom_objects/kpi_summary/records?page[size]=2&sort=-updated_at';
    let pages = 0;
    while (next) {
      const page: Answer = await call('GET', next, agent);
      seen.push(...(page.body['custom_object_records'] as Json[]).map((r) => r['name'] as string));
      next = (page.body['links'] as { next: string | null }).next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['r4', 'r3', 'r2', 'r1', 'r0', 'Team summary']);
    const count = await call('GET', '/api/v2/custom_objects/kpi_summary/records/count', agent);
    expect(count.body['count']).toMatchObject({ value: 6 });
    const search = await call('GET', '/api/v2/custom_objects/kpi_summary/records/search?query=team', agent);
    expect(search.body['count']).toBe(1);
  });

  it('deletes a record by external id', async () => {
    expect((await call('DELETE', '/api/v2/custom_objects/kpi_summary/records?external_id=r0', agent)).status).toBe(204);
    expect((await call('DELETE', '/api/v2/custom_objects/kpi_summary/records?external_id=r0', agent)).status).toBe(404);
  });
});

describe('custom object limits and plans', () => {
  it("stops at the plan's number of objects", async () => {
    const { emulator, call } = await start({ plan: 'team' });
    try {
      for (let i = 0; i < OBJECT_LIMITS.team; i++) {
        const object = { custom_object: { key: `o${i}`, title: `O${i}`, title_pluralized: `O${i}s` } };
        expect((await call('POST', '/api/v2/custom_objects', admin, object)).status).toBe(201);
      }
      const over = await call('POST', '/api/v2/custom_objects', admin, {
        custom_object: { key: 'one_more', title: 'x', title_pluralized: 'xs' },
      });
      expect(over.status).toBe(422);
      expect((await call('GET', '/api/v2/custom_objects/limits/object_limit', admin)).body).toEqual({
        count: 3,
        limit: 3,
      });
    } finally {
      await emulator.close();
    }
  });

  it('answers 403 on an account without custom objects', async () => {
    const { emulator, call } = await start({ customObjects: false });
    try {
      const answer = await call('GET', '/api/v2/custom_objects', agent);
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ errors: [{ code: 'Forbidden' }] });
    } finally {
      await emulator.close();
    }
  });

  it('still refuses writes elsewhere in the API', async () => {
    const { emulator, call } = await start();
    try {
      expect((await call('POST', '/api/v2/tickets.json', admin, { ticket: {} })).status).toBe(405);
    } finally {
      await emulator.close();
    }
  });
});
