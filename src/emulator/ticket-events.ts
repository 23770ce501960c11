import type { TicketHistory } from './ticket-history';
import { SYSTEM_AUTHOR } from './ticket-history';
import { renderAudits } from './zendesk-objects';

/**
 * Records of the incremental ticket event export
 * (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-event-export),
 * one per audit, made from the audits themselves so that the two cannot disagree. Shaped as the
 * recorded exports in embulk's tests (test/fixtures/zendesk/embulk/ticket_events_*.json): the
 * audit's id, `timestamp`, `updater_id` (-1 for Zendesk itself), `via` as a label, and
 * `child_events` carrying each field under its own name. With `include=comment_events` a comment
 * is a full Comment event (`author_id`, `body`, `public`); without it, only `comment_present` and
 * `comment_public`, as recorded.
 */

const VIA_LABELS: Record<string, string> = {
  email: 'Mail',
  web: 'Web form',
  chat: 'Chat',
  api: 'Web service',
  voice: 'Voice',
  rule: 'Rule',
};

interface AuditEvent {
  id: number;
  type: string;
  author_id?: number;
  body?: string;
  public?: boolean;
  field_name?: string;
  value?: unknown;
  previous_value?: unknown;
}

/** Change events carry the previous value as Zendesk's export does: ids and statuses as strings. */
function previousValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return String(value);
  return value;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** The ticket event records of one ticket, one per update, in update order. */
export function renderTicketEvents(history: TicketHistory, withComments: boolean): Record<string, unknown>[] {
  const audits = renderAudits(history);
  return audits.map((audit, index) => {
    const update = history.updates[index]!;
    const via = VIA_LABELS[String((audit['via'] as { channel: string }).channel)] ?? 'Web form';
    const childEvents: Record<string, unknown>[] = [];
    let tagsBefore: string[] = [];
    for (const event of audit['events'] as AuditEvent[]) {
      const base = { id: event.id, via, via_reference_id: null };
      if (event.type === 'Comment') {
        childEvents.push(
          withComments
            ? {
                ...base,
                event_type: 'Comment',
                author_id: event.author_id,
                body: event.body,
                html_body: `<div class="zd-comment"><p>${escapeHtml(event.body ?? '')}</p></div>`,
                public: event.public,
                attachments: [],
              }
            : { ...base, comment_present: true, comment_public: event.public, event_type: 'Comment' },
        );
        continue;
      }
      const field = event.field_name!;
      const child: Record<string, unknown> = { ...base, [field]: event.value };
      if (field === 'tags') {
        const tags = (event.value as string[]) ?? [];
        if (event.type === 'Change') tagsBefore = (event.previous_value as string[] | null) ?? [];
        child['added_tags'] = tags.filter((tag) => !tagsBefore.includes(tag));
        child['removed_tags'] = tagsBefore.filter((tag) => !tags.includes(tag));
      }
      child['event_type'] = event.type;
      if (event.type === 'Change') child['previous_value'] = previousValue(event.previous_value);
      childEvents.push(child);
    }
    if (index === 0) {
      // The creating audit also sets the fields that never change afterwards, as recorded.
      for (const [field, value] of [
        ['requester_id', history.requesterId],
        ['subject', history.subject],
        ['priority', history.priority],
        ['type', history.type],
      ] as const) {
        if (value !== null)
          childEvents.push({ id: 0, via, via_reference_id: null, [field]: value, event_type: 'Create' });
      }
    }
    // Ids continue the audit's own event ids, so they stay unique within the ticket.
    let nextId = history.id * 1000 + 900;
    for (const child of childEvents) if (child['id'] === 0) child['id'] = nextId++;
    return {
      id: audit['id'],
      ticket_id: history.id,
      timestamp: Math.floor(update.at / 1000),
      created_at: audit['created_at'],
      updater_id: update.authorId === SYSTEM_AUTHOR ? -1 : update.authorId,
      via,
      system: { client: null, location: null, latitude: null, longitude: null },
      event_type: 'Audit',
      child_events: childEvents,
    };
  });
}
