import type { ReportFilters } from './settings';
import type { TicketRecord } from './ticket-record';

/** A filter list as a set, or null when it does not restrict anything. */
function toSet<T>(values: readonly T[] | undefined): ReadonlySet<T> | null {
  return values && values.length > 0 ? new Set(values) : null;
}

/** Whether a ticket is inside the report's filters (an empty filter lets everything through). */
export function filterPredicate(filters: ReportFilters = {}): (ticket: TicketRecord) => boolean {
  const groups = toSet(filters.groupIds);
  const brands = toSet(filters.brandIds);
  const channels = toSet(filters.channels);
  const types = toSet(filters.types);
  const priorities = toSet(filters.priorities);
  if (!groups && !brands && !channels && !types && !priorities) return () => true;
  return (ticket) =>
    (!groups || groups.has(ticket.groupId)) &&
    (!brands || brands.has(ticket.brandId)) &&
    (!channels || channels.has(ticket.channel)) &&
    (!types || types.has(ticket.type)) &&
    (!priorities || priorities.has(ticket.priority));
}
