import { describe, expect, it } from 'vitest';
import { CUSTOM_STATUS_IDS, DEFAULT_TICKET_FORM_ID, embeddedRating } from '../../src/emulator/zendesk-objects';
import { NOW, smallData } from './support';

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
});
