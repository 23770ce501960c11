import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../src/metrics/ticket-record';
import { buildDataset, type ResponseSource } from '../../src/zendesk/response-dataset';
import { readEventDataset } from '../../src/zendesk/event-dataset';

/**
 * Every recorded response in test/fixtures/zendesk must go through buildDataset: data pages without
 * a single warning or skipped record, everything else as an "ignored" warning. The expectations are
 * read from the JSON here, independently of the code under test.
 */

const RECORDED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/zendesk');

type Kind = 'tickets' | 'users' | 'groups' | 'events' | 'other' | 'ticket';

interface RecordedFile {
  /** Path relative to RECORDED_DIR, e.g. `local/recorded/users-00.json`. */
  name: string;
  /** The file as stored (local files keep their request/response wrapper). */
  raw: unknown;
  /** What Zendesk sent. */
  body: Record<string, unknown>;
  kind: Kind;
}

type JsonObject = Record<string, unknown>;

function listJson(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listJson(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

function unwrap(raw: unknown): JsonObject {
  const object = raw as JsonObject;
  if ('request' in object && 'response' in object) return (object.response as JsonObject).body as JsonObject;
  return object;
}

function kindOf(body: JsonObject): Kind {
  if (Array.isArray(body.tickets)) return 'tickets';
  if (Array.isArray(body.users)) return 'users';
  if (Array.isArray(body.groups)) return 'groups';
  if (Array.isArray(body.ticket_events)) return 'events';
  // A single ticket with its related objects: read as a ticket since issue 13.
  if (typeof body.ticket === 'object' && body.ticket !== null) return 'ticket';
  return 'other';
}

const files: RecordedFile[] = listJson(RECORDED_DIR)
  .map((path) => {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    const body = unwrap(raw);
    return { name: relative(RECORDED_DIR, path), raw, body, kind: kindOf(body) };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

const ticketFiles = files.filter((file) => file.kind === 'tickets');
const userFiles = files.filter((file) => file.kind === 'users');
const dataFiles = files.filter((file) => file.kind !== 'other' && file.kind !== 'events');
const eventFiles = files.filter((file) => file.kind === 'events');
const otherFiles = files.filter((file) => file.kind === 'other');

const rawTickets = (file: RecordedFile): JsonObject[] => file.body.tickets as JsonObject[];
const rawUsers = (file: RecordedFile): JsonObject[] => file.body.users as JsonObject[];

function idsOf(records: readonly { id?: unknown }[]): number[] {
  return [...new Set(records.map((record) => record.id as number))].sort((a, b) => a - b);
}

function sourceOf(file: RecordedFile): ResponseSource {
  return { name: file.name, body: file.raw };
}

/** The last occurrence of each ticket in one page (a page may repeat a ticket; the later one wins). */
function lastOccurrences(file: RecordedFile): Map<number, JsonObject> {
  const byId = new Map<number, JsonObject>();
  for (const ticket of rawTickets(file)) byId.set(ticket.id as number, ticket);
  return byId;
}

function metricSetFor(file: RecordedFile, ticket: JsonObject): JsonObject | null {
  const sideloaded = (file.body.metric_sets as JsonObject[] | undefined)?.find((set) => set.ticket_id === ticket.id);
  return sideloaded ?? (ticket.metric_set as JsonObject | undefined) ?? null;
}

describe('the recorded Zendesk responses', () => {
  it('are all found, and sorted into the kinds the README lists', () => {
    expect(files.length).toBe(116);
    expect(ticketFiles.length).toBe(108);
    expect(userFiles.map((file) => file.name)).toEqual([
      'local/recorded/users-00.json',
      'local/recorded/users-01.json',
    ]);
    expect(otherFiles.map((file) => file.name)).toEqual([
      'embulk/error_data.json',
      'embulk/scores.json',
      'embulk/ticket_fields.json',
    ]);
  });

  it('include both export styles, the metric_sets sideload and the embedded metric_set', () => {
    // Guards the per-file tests below against silently covering less than the README promises.
    expect(ticketFiles.some((file) => 'after_cursor' in file.body)).toBe(true);
    expect(ticketFiles.some((file) => 'end_time' in file.body && !('after_cursor' in file.body))).toBe(true);
    expect(ticketFiles.some((file) => Array.isArray(file.body.metric_sets))).toBe(true);
    expect(ticketFiles.some((file) => rawTickets(file).some((ticket) => ticket.metric_set))).toBe(true);
    expect(files.some((file) => file.raw !== file.body)).toBe(true);
  });
});

describe.each(ticketFiles.map((file) => [file.name, file] as const))('ticket export page %s', (_, file) => {
  const dataset = buildDataset([sourceOf(file)]);

  it('parses without a warning or a skipped record', () => {
    // Only the count of solved tickets the page holds no metric set for (cursor pages carry none).
    expect(dataset.warnings.filter((warning) => warning.source !== '--input')).toEqual([]);
    expect(dataset.skipped).toBe(0);
    expect(dataset.pages).toBe(1);
    expect(dataset.users.size).toBe(0);
  });

  it('yields one record per distinct ticket id in the file', () => {
    expect(dataset.tickets.length).toBe(idsOf(rawTickets(file)).length);
    expect(idsOf(dataset.tickets)).toEqual(idsOf(rawTickets(file)));
  });

  it('carries each ticket’s own fields and its metric set into the record', () => {
    const raw = lastOccurrences(file);
    for (const record of dataset.tickets) {
      const ticket = raw.get(record.id)!;
      const expected: Partial<TicketRecord> = {
        createdAt: Date.parse(ticket.created_at as string),
        status: ticket.status as TicketRecord['status'],
        assigneeId: (ticket.assignee_id as number | null) ?? null,
        groupId: (ticket.group_id as number | null) ?? null,
        tags: ticket.tags as string[],
      };
      const metrics = metricSetFor(file, ticket);
      if (metrics === null) {
        Object.assign(expected, {
          solvedAt: null,
          replies: null,
          reopens: null,
          groupStations: null,
          replyTimeCalendar: null,
        });
      } else {
        const reply = metrics.reply_time_in_minutes as { calendar: number | null } | null;
        Object.assign(expected, {
          solvedAt: metrics.solved_at === null ? null : Date.parse(metrics.solved_at as string),
          replies: metrics.replies,
          reopens: metrics.reopens,
          groupStations: metrics.group_stations,
          replyTimeCalendar: reply?.calendar ?? null,
        });
      }
      expect(record, `ticket ${record.id}`).toMatchObject(expected);
    }
  });
});

describe.each(userFiles.map((file) => [file.name, file] as const))('user page %s', (_, file) => {
  const dataset = buildDataset([sourceOf(file)]);

  it('parses without a warning or a skipped record', () => {
    expect(dataset.warnings).toEqual([]);
    expect(dataset.skipped).toBe(0);
    expect(dataset.pages).toBe(1);
    expect(dataset.tickets).toEqual([]);
  });

  it('yields every distinct user with the name from the file', () => {
    const expectedIds = idsOf(rawUsers(file));
    expect([...dataset.users.keys()].sort((a, b) => a - b)).toEqual(expectedIds);
    for (const user of rawUsers(file)) expect(dataset.users.get(user.id as number)?.name).toBe(user.name);
  });
});

describe.each(otherFiles.map((file) => [file.name, file] as const))('non-data response %s', (_, file) => {
  it('is reported as ignored, once, without a crash or a skipped record', () => {
    const dataset = buildDataset([sourceOf(file)]);
    expect(dataset.warnings).toHaveLength(1);
    expect(dataset.warnings[0]).toMatchObject({ source: file.name, recordId: null });
    expect(dataset.warnings[0]!.message).toMatch(/^ignored: /);
    expect(dataset.skipped).toBe(0);
    expect(dataset.pages).toBe(0);
    expect(dataset.tickets).toEqual([]);
    expect(dataset.users.size).toBe(0);
    expect(dataset.groups.size).toBe(0);
  });
});

describe.each(eventFiles.map((file) => [file.name, file] as const))('ticket event export %s', (_, file) => {
  it('is left to the event reader: no ticket data, no warning, and every event read', () => {
    const dataset = buildDataset([sourceOf(file)]);
    expect(dataset).toMatchObject({ warnings: [], skipped: 0, pages: 0, tickets: [] });
    const events = readEventDataset([sourceOf(file)], new Map(), Date.parse('2026-12-01T00:00:00Z'));
    expect(events.warnings).toEqual([]);
    expect(events.skipped).toBe(0);
    expect(events.timelines).toBeDefined();
  });
});

describe('page order on the recorded exports', () => {
  // The duplicated tickets in the recordings are identical, so the later page is marked with a tag
  // to see which occurrence won. In both pairs the later page comes first by file name.
  function markTickets(file: RecordedFile, tag: string): ResponseSource {
    const copy = structuredClone(file.raw) as JsonObject;
    const body = unwrap(copy);
    for (const ticket of body.tickets as JsonObject[]) ticket.tags = [...(ticket.tags as string[]), tag];
    return { name: file.name, body: copy };
  }
  const byName = (name: string): RecordedFile => files.find((file) => file.name === `local/recorded/${name}.json`)!;

  it.each([
    ['time-based', 'again-00', 'paging-00', 'end_time'],
    ['cursor', 'again-01', 'paging-01', 'after_cursor'],
  ])('keeps the later %s page’s occurrence', (_, laterName, earlierName, positionKey) => {
    const later = byName(laterName);
    const earlier = byName(earlierName);
    expect(positionKey in later.body).toBe(true);
    const common = rawTickets(later)
      .map((ticket) => ticket.id as number)
      .filter((id) => lastOccurrences(earlier).has(id));
    expect(common.length).toBeGreaterThan(50);

    for (const sources of [
      [markTickets(later, 'later-page'), sourceOf(earlier)],
      [sourceOf(earlier), markTickets(later, 'later-page')],
    ]) {
      const dataset = buildDataset(sources);
      const winners = common.filter((id) =>
        dataset.tickets.find((record) => record.id === id)!.tags.includes('later-page'),
      );
      expect(winners).toEqual(common);
    }
  });
});

describe('all recorded responses together', () => {
  const sources = files.map(sourceOf);
  const dataset = buildDataset(sources);
  const expectedTicketIds = idsOf(ticketFiles.flatMap(rawTickets));
  const expectedUserIds = idsOf(userFiles.flatMap(rawUsers));

  it('hold one record per distinct ticket id across every page', () => {
    expect(expectedTicketIds.length).toBe(1401);
    expect(dataset.tickets.length).toBe(expectedTicketIds.length);
    expect(idsOf(dataset.tickets)).toEqual(expectedTicketIds);
  });

  it('hold every distinct user', () => {
    expect(expectedUserIds.length).toBe(138);
    expect([...dataset.users.keys()].sort((a, b) => a - b)).toEqual(expectedUserIds);
  });

  it('warn only about the non-data files, skip nothing, and count every data page', () => {
    const ignored = dataset.warnings.filter((warning) => warning.message.startsWith('ignored: '));
    expect(ignored.map((warning) => warning.source).sort()).toEqual(otherFiles.map((file) => file.name));
    // Beside them: the related objects nothing reads, and the count of solved tickets without a metric set.
    expect(dataset.warnings.filter((warning) => !ignored.includes(warning)).map((warning) => warning.source)).toEqual([
      'embulk/ticket_with_related_objects.json',
      '--input',
    ]);
    expect(dataset.skipped).toBe(0);
    expect(dataset.pages).toBe(dataFiles.length);
  });

  it('give the same records whatever order the files come in', () => {
    const byId = (tickets: readonly TicketRecord[]) => new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const reversed = buildDataset([...sources].reverse());
    expect(byId(reversed.tickets)).toEqual(byId(dataset.tickets));
    expect(reversed.users).toEqual(dataset.users);
  });
});
