import type { EscalationSettings } from './settings';
import type { TicketRecord } from './ticket-record';

/** Precompiled escalation rules (METRICS.md, "Escalated"): any one rule is enough. */
export class EscalationRule {
  private readonly tags: ReadonlySet<string>;
  private readonly groupIds: ReadonlySet<number>;
  private readonly minGroupStations: number;

  constructor(settings: EscalationSettings) {
    this.tags = new Set(settings.tags);
    this.groupIds = new Set(settings.groupIds);
    this.minGroupStations = settings.minGroupStations;
  }

  isEscalated(ticket: Pick<TicketRecord, 'groupStations' | 'tags' | 'groupId'>): boolean {
    if (this.minGroupStations > 0 && (ticket.groupStations ?? 0) >= this.minGroupStations) return true;
    if (this.tags.size > 0) {
      for (const tag of ticket.tags) if (this.tags.has(tag)) return true;
    }
    return ticket.groupId !== null && this.groupIds.has(ticket.groupId);
  }
}
