import type { AccountData, TicketVersion } from '../account-data';
import { paginate } from '../list-pagination';
import { HttpError, includes, NOT_FOUND, readableBy, requireReadable, type RequestContext, type Route } from './route';

const TICKET_SORT_FIELDS = ['id', 'created_at', 'updated_at', 'status'] as const;

/**
 * List Tickets' ordering: `sort=-updated_at` with cursor pagination, `sort_by` + `sort_order` with
 * offset pagination, as Zendesk documents them (a subset of the fields). The agent workspace lists
 * newest tickets first with it; without either parameter the order stays by id.
 */
function ticketListOrder(url: URL): ((a: TicketVersion, b: TicketVersion) => number) | null {
  const sort = url.searchParams.get('sort');
  const sortBy = url.searchParams.get('sort_by');
  if (sort === null && sortBy === null) return null;
  const field = sort !== null ? sort.replace(/^-/, '') : sortBy!;
  const descending = sort !== null ? sort.startsWith('-') : url.searchParams.get('sort_order') === 'desc';
  if (!(TICKET_SORT_FIELDS as readonly string[]).includes(field)) {
    throw new HttpError(400, {
      error: 'InvalidValue',
      description: `sort must be one of ${TICKET_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
    });
  }
  const key = (version: TicketVersion): string | number => {
    if (field === 'id') return version.id;
    if (field === 'status') return String(version.ticket['status']);
    return Date.parse(String(version.ticket[field]));
  };
  return (a, b) => {
    const left = key(a);
    const right = key(b);
    const byField = left < right ? -1 : left > right ? 1 : 0;
    return (descending ? -byField : byField) || (descending ? b.id - a.id : a.id - b.id);
  };
}

/** A ticket as show and show_many return it, with the `slas` and `metric_events` sideloads asked for. */
export function ticketJson(data: AccountData, version: TicketVersion, wanted: Set<string>, context: RequestContext) {
  const ticket: Record<string, unknown> = { ...version.ticket };
  if (wanted.has('slas')) ticket['slas'] = data.slas(version.id, context.now) ?? { policy_metrics: [] };
  if (wanted.has('metric_events')) {
    const grouped: Record<string, unknown[]> = {};
    for (const event of data.metricEvents(version.id, context.now) ?? []) {
      const metric = String(event['metric']);
      (grouped[metric] ??= []).push(event);
    }
    ticket['metric_events'] = grouped;
  }
  return ticket;
}

/** A ticket that exists at the request's time and is not deleted, or a 404; a 403 when the user may not read it. */
function readableTicket(data: AccountData, context: RequestContext, id: number): TicketVersion {
  const version = data.ticket(id, context.now);
  if (!version || version.ticket['status'] === 'deleted') throw new HttpError(404, NOT_FOUND);
  requireReadable(context, version);
  return version;
}

/** A ticket list (List Tickets, a user's requested or assigned tickets), in the order asked for, paged. */
function ticketList(versions: TicketVersion[], context: RequestContext) {
  const readable = readableBy(context);
  const list = versions.filter((version) => version.ticket['status'] !== 'deleted' && readable(version));
  const order = ticketListOrder(context.url);
  if (order) list.sort(order);
  return paginate(list, context.url, 'tickets', (version) => version.ticket, context.origin).body;
}

/**
 * Tickets: the list (with its orders), one, many by ids, one's audits and metric set, and a user's
 * requested and assigned tickets. Each holds only the tickets the signed-in user may read
 * (ticket-restriction.ts): lists and show_many leave the others out, a single one answers 403.
 */
export function ticketRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/tickets\/show_many(?:\.json)?$/,
      (context) => {
        const ids = (context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);
        if (ids.length > 100)
          throw new HttpError(400, { error: 'InvalidValue', description: 'show_many takes at most 100 ids' });
        const wanted = includes(context.url);
        const readable = readableBy(context);
        const versions = ids
          .map((id) => data.ticket(id, context.now))
          .filter(
            (version): version is TicketVersion =>
              version !== null && version.ticket['status'] !== 'deleted' && readable(version),
          );
        return {
          tickets: versions.map((version) => ticketJson(data, version, new Set(), context)),
          ...(wanted.has('metric_sets')
            ? { metric_sets: versions.map((version) => version.metricSet).filter(Boolean) }
            : {}),
        };
      },
    ],
    [
      /^\/api\/v2\/tickets\/(\d+)\/metrics(?:\.json)?$/,
      (context, match) => {
        const version = readableTicket(data, context, Number(match[1]));
        if (!version.metricSet) throw new HttpError(404, NOT_FOUND);
        return { ticket_metric: version.metricSet };
      },
    ],
    [
      /^\/api\/v2\/tickets\/(\d+)\/audits(?:\.json)?$/,
      (context, match) => {
        const id = Number(match[1]);
        const version = data.ticket(id, context.now);
        if (version) requireReadable(context, version);
        const audits = data.audits(id, context.now);
        if (!audits) throw new HttpError(404, NOT_FOUND);
        return paginate(audits, context.url, 'audits', (audit) => audit, context.origin).body;
      },
    ],
    [
      /^\/api\/v2\/tickets\/(\d+)(?:\.json)?$/,
      (context, match) => {
        const version = readableTicket(data, context, Number(match[1]));
        const wanted = includes(context.url);
        return {
          ticket: ticketJson(data, version, wanted, context),
          ...(wanted.has('metric_sets') && version.metricSet ? { metric_sets: [version.metricSet] } : {}),
        };
      },
    ],
    [/^\/api\/v2\/tickets(?:\.json)?$/, (context) => ticketList(data.allTickets(context.now), context)],
    [
      /^\/api\/v2\/users\/(\d+)\/tickets\/(requested|assigned)(?:\.json)?$/,
      (context, match) => {
        const userId = Number(match[1]);
        if (!data.users().some((user) => user.id === userId)) throw new HttpError(404, NOT_FOUND);
        const field = match[2] === 'requested' ? 'requester_id' : 'assignee_id';
        return ticketList(
          data.allTickets(context.now).filter((version) => version.ticket[field] === userId),
          context,
        );
      },
    ],
  ];
}
