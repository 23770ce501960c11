import type { TicketRecord } from './ticket-record';
import type { TicketTimeline } from './ticket-timeline';

/**
 * How often the customer had to write before a ticket was solved, beside how often agents
 * replied (METRICS.md, Version 4: contacts to resolution).
 */
export interface ContactsBlock {
  solved: number;
  /** Mean public comments by anyone not staff per solved ticket, the opening one included. */
  requester_comments: number | null;
  /** Mean of the metric set's `replies` per solved ticket (null as 0), as `replies_per_solved`. */
  agent_replies: number | null;
  /** Solved tickets counted from their events; the rest as 1 + the metric set's reopens. */
  from_events: number;
}

export interface ContactsReport {
  team: ContactsBlock;
  /** By id, unassigned last; credited to the solver. */
  agents: (ContactsBlock & { id: number | null })[];
}

/**
 * The customer's contacts on one solved ticket: counted from the comment events when the
 * events hold the ticket's creation (so its first comment is among them); otherwise the first
 * contact plus each reopen of the metric set, a lower bound that misses replies while it was open.
 */
export function requesterContacts(
  ticket: TicketRecord,
  timeline: TicketTimeline | undefined,
  ticketEventsRead: boolean,
): { contacts: number; fromEvents: boolean } {
  const counted = timeline?.endUserComments;
  if (ticketEventsRead && counted !== undefined && counted !== null) return { contacts: counted, fromEvents: true };
  return { contacts: 1 + (ticket.reopens ?? 0), fromEvents: false };
}

class ContactsCounter {
  solved = 0;
  contacts = 0;
  replies = 0;
  fromEvents = 0;

  block(): ContactsBlock {
    return {
      solved: this.solved,
      requester_comments: this.solved === 0 ? null : this.contacts / this.solved,
      agent_replies: this.solved === 0 ? null : this.replies / this.solved,
      from_events: this.fromEvents,
    };
  }
}

export class ContactsTally {
  private readonly team = new ContactsCounter();
  private readonly byAgent = new Map<number | null, ContactsCounter>();

  constructor(private readonly ticketEventsRead: boolean) {}

  /** A ticket of the solved cohort, credited to `solver`. */
  add(ticket: TicketRecord, timeline: TicketTimeline | undefined, solver: number | null): void {
    const { contacts, fromEvents } = requesterContacts(ticket, timeline, this.ticketEventsRead);
    let agent = this.byAgent.get(solver);
    if (!agent) {
      agent = new ContactsCounter();
      this.byAgent.set(solver, agent);
    }
    for (const counter of [this.team, agent]) {
      counter.solved++;
      counter.contacts += contacts;
      counter.replies += ticket.replies ?? 0;
      if (fromEvents) counter.fromEvents++;
    }
  }

  result(): ContactsReport {
    const ids = [...this.byAgent.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    return { team: this.team.block(), agents: ids.map((id) => ({ id, ...this.byAgent.get(id)!.block() })) };
  }
}
