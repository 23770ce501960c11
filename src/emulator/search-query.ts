/**
 * The part of Zendesk's search syntax the emulator understands
 * (https://support.zendesk.com/hc/en-us/articles/4408886879258): `key:value`, `key<value`,
 * `key>value`, `key<=value`, `key>=value`, for status, priority, type, ticket_type, group,
 * assignee, brand, tags, via, created, updated and solved. Anything else is refused with a clear
 * error instead of silently matching nothing.
 */

const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

export interface SearchTicket {
  status: string;
  priority: string | null;
  type: string | null;
  groupId: number | null;
  assigneeId: number | null;
  brandId: number | null;
  tags: readonly string[];
  channel: string | null;
  createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
}

export class SearchSyntaxError extends Error {
  override name = 'SearchSyntaxError';
}

type Comparison = ':' | '<' | '>' | '<=' | '>=';
type Predicate = (ticket: SearchTicket) => boolean;

function compare(left: number, operator: Comparison, right: number, rightEnd: number): boolean {
  switch (operator) {
    case ':':
      return left >= right && left < rightEnd;
    case '<':
      return left < right;
    case '<=':
      return left < rightEnd;
    case '>':
      return left >= rightEnd;
    case '>=':
      return left >= right;
  }
}

/** A date `2026-10-01` covers its whole UTC day; a datetime is an instant. */
function parseTime(value: string): [number, number] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isNaN(start)) return [start, start + 86_400_000];
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) throw new SearchSyntaxError(`"${value}" is not a date or a time`);
  return [instant, instant + 1000];
}

function idValue(value: string, currentUserId: number): number | null {
  if (value === 'none') return null;
  if (value === 'me') return currentUserId;
  if (!/^\d+$/.test(value)) throw new SearchSyntaxError(`"${value}" is not an id`);
  return Number(value);
}

export function parseSearchQuery(query: string, currentUserId: number): Predicate {
  const predicates: Predicate[] = [];
  for (const term of query.trim().split(/\s+/).filter(Boolean)) {
    const match = /^([a-z_]+)(:|<=|>=|<|>)(.+)$/.exec(term);
    if (!match)
      throw new SearchSyntaxError(
        `"${term}" is not a search term the emulator understands (key:value, key<value, ...)`,
      );
    const [, key, operator, raw] = match as unknown as [string, string, Comparison, string];
    const value = raw.replace(/^"|"$/g, '');
    switch (key) {
      case 'type':
        if (value !== 'ticket') throw new SearchSyntaxError('only type:ticket is searchable here');
        break;
      case 'status': {
        const rank = STATUS_ORDER.indexOf(value);
        if (rank < 0) throw new SearchSyntaxError(`"${value}" is not a ticket status`);
        predicates.push((ticket) => compare(STATUS_ORDER.indexOf(ticket.status), operator, rank, rank + 1));
        break;
      }
      case 'priority':
      case 'ticket_type':
      case 'via':
        predicates.push((ticket) => {
          const field = key === 'priority' ? ticket.priority : key === 'via' ? ticket.channel : ticket.type;
          return (field ?? 'none') === value;
        });
        break;
      case 'group':
      case 'assignee':
      case 'brand': {
        const id = idValue(value, currentUserId);
        predicates.push(
          (ticket) =>
            (key === 'group' ? ticket.groupId : key === 'assignee' ? ticket.assigneeId : ticket.brandId) === id,
        );
        break;
      }
      case 'tags':
      case 'tag':
        predicates.push((ticket) => ticket.tags.includes(value));
        break;
      case 'created':
      case 'updated':
      case 'solved': {
        const [start, end] = parseTime(value);
        predicates.push((ticket) => {
          const field = key === 'created' ? ticket.createdAt : key === 'updated' ? ticket.updatedAt : ticket.solvedAt;
          return field !== null && compare(field, operator, start, end);
        });
        break;
      }
      default:
        throw new SearchSyntaxError(`the emulator does not search by "${key}"`);
    }
  }
  return (ticket) => predicates.every((predicate) => predicate(ticket));
}
