import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/zendesk/response-dataset';
import { adminOf, NOW, smallData, startTestEmulator, type Json, type TestEmulator } from '../emulator/support';

/**
 * What the local Zendesk now sends beyond the recorded responses (custom field values, metric sets
 * with generated_timestamp and reply_time_in_seconds, users with last_login_at, photo and
 * user_fields) is read by the same reader as real saved data, without a warning or a skipped record.
 */

const { account, data } = smallData(3);
let env: TestEmulator;
beforeAll(async () => {
  env = await startTestEmulator({ data, adminEmail: adminOf(account).email });
});
afterAll(async () => {
  await env.close();
});

describe("the local Zendesk's responses through buildDataset", () => {
  it('a show_many page with metric sets and a users page: every record read, nothing skipped', async () => {
    const live = data.allTickets(NOW).filter((v) => v.ticket['status'] !== 'deleted');
    const ids = live.slice(0, 100).map((v) => v.id);
    const tickets = await env.get(`/api/v2/tickets/show_many.json?ids=${ids.join(',')}&include=metric_sets`);
    const users = await env.get('/api/v2/users.json?page%5Bsize%5D=100');
    const firstTicket = (tickets.body['tickets'] as Json[])[0]!;
    expect((firstTicket['custom_fields'] as unknown[]).length).toBeGreaterThan(0);
    expect((tickets.body['metric_sets'] as Json[])[0]).toHaveProperty('generated_timestamp');
    expect((users.body['users'] as Json[])[0]).toHaveProperty('last_login_at');

    const dataset = buildDataset([
      { name: 'show_many.json', body: tickets.body },
      { name: 'users.json', body: users.body },
    ]);
    expect(dataset.warnings).toEqual([]);
    expect(dataset.skipped).toBe(0);
    expect(dataset.tickets.map((ticket) => ticket.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(dataset.users.size).toBe((users.body['users'] as unknown[]).length);
  });
});
