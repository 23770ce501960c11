import { describe, expect, it } from 'vitest';
import {
  CUSTOM_STATUS_IDS,
  DEFAULT_TICKET_FORM_ID,
  embeddedRating,
  renderAudits,
  TICKET_FIELDS,
} from '../../src/emulator/zendesk-objects';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import { SURVEY_FIELDS } from '../../src/emulator/survey-fields';
import { NOW, smallAccount, smallData } from './support';

describe('Zendesk objects as real responses carry them', () => {
  it('embeds offered and unoffered ratings without an id, rated ones with id, comment and reason', () => {
    const url = 'https://acme.zendesk.com';
    expect(embeddedRating(url, 7, null, 'solved')).toEqual({ score: 'unoffered' });
    expect(embeddedRating(url, 7, null, 'open')).toBeNull();
    expect(embeddedRating(url, 7, 'offered', 'solved')).toEqual({ score: 'offered' });
    const bad = embeddedRating(url, 7, 'bad', 'solved')!;
    expect(Object.keys(bad).sort()).toEqual(['comment', 'id', 'reason', 'score', 'url']);
    expect(typeof bad['reason']).toBe('string');
    expect(embeddedRating(url, 7, 'bad', 'solved')).toEqual(bad);
  });

  it('gives every ticket its form and the custom status of its status, every metric set its status time', () => {
    const { data } = smallData();
    const versions = data.allTickets(NOW);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      expect(version.ticket['ticket_form_id']).toBe(DEFAULT_TICKET_FORM_ID);
      expect(version.ticket['custom_status_id']).toBe(CUSTOM_STATUS_IDS[String(version.ticket['status'])]);
      expect(version.metricSet!['custom_status_updated_at']).toBe(version.metricSet!['status_updated_at']);
    }
  });

  it('gives users their restriction and organization', () => {
    const { data } = smallData();
    for (const user of data.users()) {
      expect(user.json).toHaveProperty('organization_id');
      expect(user.json).toHaveProperty('ticket_restriction');
      if (user.role === 'end-user') expect(user.json['ticket_restriction']).toBe('requested');
    }
  });

  it('fills the custom fields from the history: escalated once in Tier 2, an invoice reference on billing tickets', () => {
    const { account, data } = smallData();
    let escalated = 0;
    let invoices = 0;
    for (const history of account.tickets) {
      const version = data.ticket(history.id, Number.MAX_SAFE_INTEGER)!;
      const values = new Map(
        (version.ticket['custom_fields'] as { id: number; value: unknown }[]).map((field) => [field.id, field.value]),
      );
      const wasInTier2 = history.updates.some((update) => update.changes.group_id === account.tier2GroupId);
      const billing = history.updates[0]!.changes.tags!.includes('billing');
      expect(values.get(TICKET_FIELDS.escalated.id)).toBe(wasInTier2);
      expect(values.get(TICKET_FIELDS.invoice.id)).toBe(billing ? `INV-${100_000 + history.id}` : null);
      if (wasInTier2) escalated++;
      if (billing) invoices++;
    }
    expect(escalated).toBeGreaterThan(0);
    expect(invoices).toBeGreaterThan(0);
  });

  it('fills the survey fields on about a third of the closed tickets, answered by the requester after the solve, the same for the same seed', () => {
    const { account, data } = smallData();
    const { nps, ces } = SURVEY_FIELDS;
    let closed = 0;
    let answered = 0;
    let offScale = 0;
    let withCes = 0;
    const groups = { promoters: 0, passives: 0, detractors: 0 };
    for (const history of account.tickets) {
      const version = data.ticket(history.id, Number.MAX_SAFE_INTEGER);
      if (!version) continue;
      const values = new Map(
        (version.ticket['custom_fields'] as { id: number; value: unknown }[]).map((field) => [field.id, field.value]),
      );
      if (version.ticket['status'] === 'closed') closed++;
      const score = values.get(nps.id);
      const effort = values.get(ces.id);
      if (score === null) {
        expect(effort, `ticket ${history.id}: effort without NPS`).toBeNull();
        continue;
      }
      answered++;
      const answer = history.updates.find((update) => update.changes.custom_fields !== undefined)!;
      expect(answer.authorId).toBe(history.requesterId);
      expect(answer.comment).toBeUndefined();
      const solvedBefore = history.updates.filter(
        (update) => update.at < answer.at && update.changes.status === 'solved',
      );
      expect(solvedBefore.length, `ticket ${history.id} answered before a solve`).toBeGreaterThan(0);
      expect(typeof score).toBe('number');
      if ((score as number) > 10) offScale++;
      else if ((score as number) >= 9) groups.promoters++;
      else if ((score as number) >= 7) groups.passives++;
      else groups.detractors++;
      if (effort !== null) {
        withCes++;
        expect(effort).toBeGreaterThanOrEqual(1);
        expect(effort).toBeLessThanOrEqual(7);
      }
    }
    expect(answered / closed).toBeGreaterThan(0.2);
    expect(answered / closed).toBeLessThan(0.45);
    expect(withCes / answered).toBeGreaterThan(0.6);
    expect(offScale, 'a few answers off the scale').toBeLessThan(answered * 0.06);
    for (const [group, count] of Object.entries(groups)) expect(count, group).toBeGreaterThan(answered * 0.1);
    const again = new SimulatedAccountData(smallAccount(3));
    const someAnswered = account.tickets.find((history) =>
      history.updates.some((update) => update.changes.custom_fields !== undefined),
    )!;
    expect(again.ticket(someAnswered.id, NOW)?.ticket['custom_fields']).toEqual(
      data.ticket(someAnswered.id, NOW)?.ticket['custom_fields'],
    );
  });

  it("records in each audit's metadata.system where the update came from", () => {
    const { account } = smallData();
    const byEmail = account.tickets.find((history) => history.channel === 'email')!;
    const audits = renderAudits(byEmail);
    expect((audits[0]!['metadata'] as { system: Record<string, unknown> }).system).toMatchObject({
      message_id: `<ticket-${byEmail.id}-0@mail.example>`,
    });
    for (const audit of audits) {
      const system = (audit['metadata'] as { system: Record<string, unknown> }).system;
      const channel = (audit['via'] as { channel: string }).channel;
      if (channel === 'web')
        expect(Object.keys(system)).toEqual(expect.arrayContaining(['client', 'ip_address', 'location']));
      if (channel === 'rule') expect(system).toEqual({});
    }
    // One author, one browser and address, on every ticket.
    const webSystems = account.tickets
      .flatMap((history) => renderAudits(history))
      .filter(
        (audit) =>
          audit['author_id'] === account.staff[1]!.id && (audit['via'] as { channel: string }).channel === 'web',
      )
      .map((audit) => JSON.stringify((audit['metadata'] as { system: unknown }).system));
    expect(webSystems.length).toBeGreaterThan(1);
    expect(new Set(webSystems).size).toBe(1);
  });
});
