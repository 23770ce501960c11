import type { CreditMode, TicketTimelines } from '../../metrics/ticket-timeline';
import { useAppText } from '../components/app-context';

/**
 * When the numbers cannot be credited to who did the work (METRICS.md, Credit: without ticket
 * events every person falls back to the current assignee), why: the viewer's role cannot read the
 * ticket events (admins only), or they have not been read. Null when the credit is what it says:
 * ticket events were read, or the current assignee was chosen.
 */
export type CreditFallback = 'role' | 'not_read';

export function creditFallback(
  credit: CreditMode | undefined,
  timelines: TicketTimelines | undefined,
  viewerIsAdmin: boolean,
): CreditFallback | null {
  if (credit === 'assignee' || timelines?.ticketEvents) return null;
  return viewerIsAdmin ? 'not_read' : 'role';
}

/** The label under the scorecards when the fallback applies: no number shown without its definition. */
export function CreditNote({ fallback }: { fallback: CreditFallback | null }) {
  const { t } = useAppText();
  if (fallback === null) return null;
  return (
    <p className="credit-fallback" role="note">
      {t(`report.credit.fallback_${fallback}`)}
    </p>
  );
}
