import { isExcluded, type TicketRecord } from '../../metrics/ticket-record';
import type { CreditMode, TicketTimelines } from '../../metrics/ticket-timeline';
import { useAppText } from '../components/app-context';

/**
 * When numbers cannot be credited to who did the work (METRICS.md, Credit: without a ticket's
 * events each of its people falls back to the current assignee), why: the viewer's role cannot
 * read the ticket events (admins only), they have not been read, or some tickets of the period
 * have none (their creation is older than the events read). Null when the credit is what it says:
 * every ticket's events were read, or the current assignee was chosen.
 */
export type CreditFallback = 'role' | 'not_read' | { tickets: number };

export function creditFallback(
  credit: CreditMode | undefined,
  timelines: TicketTimelines | undefined,
  viewerIsAdmin: boolean,
  tickets: Iterable<TicketRecord> = [],
): CreditFallback | null {
  if (credit === 'assignee') return null;
  if (!timelines?.ticketEvents) return viewerIsAdmin ? 'not_read' : 'role';
  let without = 0;
  for (const ticket of tickets) if (!isExcluded(ticket) && !timelines.byTicket.get(ticket.id)?.people) without++;
  return without > 0 ? { tickets: without } : null;
}

/** The label under the scorecards when the fallback applies: no number shown without its definition. */
export function CreditNote({ fallback }: { fallback: CreditFallback | null }) {
  const { t } = useAppText();
  if (fallback === null) return null;
  return (
    <p className="credit-fallback" role="note">
      {typeof fallback === 'object'
        ? t('report.credit.fallback_some', { count: fallback.tickets })
        : t(`report.credit.fallback_${fallback}`)}
    </p>
  );
}
