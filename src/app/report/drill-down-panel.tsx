import { Anchor, Button } from '@zendeskgarden/react-buttons';
import { Table } from '@zendeskgarden/react-tables';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DrillRow } from '../../metrics/drill-down';
import { EMPTY } from '../i18n/formatters';
import { useAppText } from '../components/app-context';
import { formatValue } from './kpi-tile';

/** Rows per page: every ticket is reachable, a page at a time, without drawing thousands of rows. */
export const PAGE_SIZE = 100;

/** Where a list's subjects come from (TicketSubjects): what is known, and a read of a page's. */
export interface SubjectSource {
  peek(id: number): string | null | undefined;
  read(ids: readonly number[], signal?: AbortSignal): Promise<unknown>;
}

export type DrillSortKey = 'ticket' | 'subject' | 'created' | 'status' | 'assignee' | 'value' | 'counted';
export interface DrillSort {
  key: DrillSortKey;
  direction: 'asc' | 'desc';
}

const TEXT_KEYS: ReadonlySet<DrillSortKey> = new Set(['subject', 'status', 'assignee']);

/** What a column sorts by: a number by value (never its text), a name or subject as text. */
export interface DrillSortReaders {
  nameOf: (id: number | null) => string;
  statusName: (status: DrillRow['ticket']['status']) => string;
  /** A ticket's subject: null when it has none, undefined while not read. */
  subjectOf?: (id: number) => string | null | undefined;
  /** Text order: the agent's language's (`Intl.Collator`), so "é" sorts by "e" and "9" before "10". */
  collator: Intl.Collator;
}

/**
 * The rows in the order the list shows them; the export writes this order too. Stable: equal
 * keys keep newest first, then the higher id. Empty values (no value, no subject, a subject not
 * read yet) go last whichever way the column is sorted.
 */
export function sortDrillRows(rows: readonly DrillRow[], sort: DrillSort, readers: DrillSortReaders): DrillRow[] {
  const { nameOf, statusName, subjectOf, collator } = readers;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const read = (row: DrillRow): number | string | null => {
    switch (sort.key) {
      case 'ticket':
        return row.ticket.id;
      case 'subject': {
        const subject = subjectOf?.(row.ticket.id);
        return subject ? subject : null;
      }
      case 'created':
        return row.ticket.createdAt;
      case 'status':
        return statusName(row.ticket.status);
      case 'assignee':
        return nameOf(row.ticket.assigneeId);
      case 'value':
        return row.value;
      case 'counted':
        return row.counted === null ? null : row.counted ? 1 : 0;
    }
  };
  // Each key read once, not twice per comparison: a list may hold tens of thousands of tickets.
  const keyed = rows.map((row) => ({ row, key: read(row) }));
  keyed.sort((a, b) => {
    const tie = b.row.ticket.createdAt - a.row.ticket.createdAt || b.row.ticket.id - a.row.ticket.id;
    if (a.key === null || b.key === null) return a.key === b.key ? tie : a.key === null ? 1 : -1;
    const order = typeof a.key === 'string' ? collator.compare(a.key, String(b.key)) : a.key - (b.key as number);
    return sign * order || tie;
  });
  return keyed.map(({ row }) => row);
}

/**
 * The tickets behind a number, newest first or sorted by any column, a page at a time; each
 * opens in Zendesk. Focus moves into the panel, and back to what opened it when it closes
 * (Escape or Close). The export writes every row in the order shown.
 */
export function DrillDownPanel({
  title,
  rows,
  valueKind,
  timeZone,
  nameOf,
  teamCounts = null,
  showAssignee = true,
  onOpenTicket,
  onExport,
  onClose,
  subjects,
}: {
  title: string;
  rows: DrillRow[];
  valueKind: 'duration' | 'rate' | 'count' | 'number';
  timeZone: string;
  nameOf: (id: number | null) => string;
  /** For a list of the viewer's own tickets behind a team number: the team's counts, without its tickets. */
  teamCounts?: { total: number; counted: number | null } | null;
  showAssignee?: boolean;
  onOpenTicket: (id: number) => void;
  onExport: (rowsInOrder: DrillRow[]) => void;
  onClose: () => void;
  /** The subjects of the rows shown, read a page at a time; without it there is no subject column. */
  subjects?: SubjectSource;
}) {
  const { t, format, locale } = useAppText();
  const heading = useRef<HTMLHeadingElement>(null);
  // What had focus when the panel opened (the tile or cell): focus goes back there on close.
  const [opener] = useState(() =>
    typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null),
  );
  useEffect(() => () => opener?.focus?.(), [opener]);
  const [sort, setSort] = useState<DrillSort>({ key: 'created', direction: 'desc' });
  const [page, setPage] = useState(0);
  useEffect(() => {
    heading.current?.focus();
    setPage(0);
  }, [title]);
  const statusName = (status: DrillRow['ticket']['status']) => t(`status.${status}`);
  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }), [locale]);
  // Sorting by subject needs every row's, not only the page's: read them all (100 a request),
  // then sort; until then the rows keep the order they had, and the table says it is busy.
  const [subjectsRead, setSubjectsRead] = useState(0);
  const allIds = useMemo(() => rows.map((row) => row.ticket.id), [rows]);
  const [readingAll, setReadingAll] = useState(false);
  useEffect(() => {
    if (!subjects || sort.key !== 'subject') return;
    if (allIds.every((id) => subjects.peek(id) !== undefined)) return;
    const controller = new AbortController();
    setReadingAll(true);
    subjects.read(allIds, controller.signal).then(
      () => {
        if (controller.signal.aborted) return;
        setReadingAll(false);
        setSubjectsRead((count) => count + 1);
      },
      // A failed read sorts what is known, the rest last: the list stays usable.
      () => !controller.signal.aborted && setReadingAll(false),
    );
    return () => controller.abort();
  }, [subjects, sort.key, allIds]);
  const lastSorted = useRef<DrillRow[] | null>(null);
  const sorted = useMemo(() => {
    if (readingAll && lastSorted.current) return lastSorted.current;
    return sortDrillRows(rows, sort, {
      nameOf,
      statusName,
      collator,
      ...(subjects ? { subjectOf: (id: number) => subjects.peek(id) } : {}),
    });
    // statusName reads t only; subjectsRead is when more subjects are known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort, nameOf, t, collator, subjects, subjectsRead, readingAll]);
  lastSorted.current = sorted;
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  // Redrawn when a page's subjects have arrived; a failed read leaves them empty, the list usable.
  const shownIds = shown.map((row) => row.ticket.id).join(',');
  useEffect(() => {
    if (!subjects || shownIds === '') return;
    const ids = shownIds.split(',').map(Number);
    if (ids.every((id) => subjects.peek(id) !== undefined)) return;
    const controller = new AbortController();
    subjects.read(ids, controller.signal).then(
      () => !controller.signal.aborted && setSubjectsRead((count) => count + 1),
      () => {},
    );
    return () => controller.abort();
  }, [subjects, shownIds]);
  const counted = rows.filter((row) => row.counted).length;
  const hasCounted = rows.some((row) => row.counted !== null);
  const hasValue = rows.some((row) => row.value !== null);
  const toggle = (key: DrillSortKey) => {
    // Text reads A to Z first; numbers, dates and ids the largest (newest) first.
    const first = TEXT_KEYS.has(key) ? 'asc' : 'desc';
    setSort((previous) => ({
      key,
      direction: previous.key !== key ? first : previous.direction === 'asc' ? 'desc' : 'asc',
    }));
    setPage(0);
  };
  const sortOf = (key: DrillSortKey) => (sort.key === key ? sort.direction : undefined);
  const header = (key: DrillSortKey, label: string) => (
    <Table.SortableCell onClick={() => toggle(key)} sort={sortOf(key)}>
      {label}
    </Table.SortableCell>
  );
  return (
    <section
      className="drill-panel"
      aria-labelledby="drill-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header>
        <h2 id="drill-title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <p>
          {hasCounted
            ? t('report.drill.summary_counted', { count: rows.length, counted })
            : t('report.drill.summary', { count: rows.length })}
        </p>
        {teamCounts && (
          <p>
            {teamCounts.counted === null
              ? t('report.drill.team_summary', { count: teamCounts.total })
              : t('report.drill.team_summary_counted', { count: teamCounts.total, counted: teamCounts.counted })}
          </p>
        )}
        <Button size="small" onClick={() => onExport(sorted)}>
          {t('report.drill.export')}
        </Button>
        <Button size="small" isBasic onClick={onClose}>
          {t('report.drill.close')}
        </Button>
      </header>
      <Table size="small" aria-busy={readingAll}>
        <Table.Head>
          <Table.HeaderRow>
            {header('ticket', t('report.drill.ticket'))}
            {subjects && header('subject', t('report.drill.subject'))}
            {header('created', t('report.drill.created'))}
            {header('status', t('report.drill.status'))}
            {showAssignee && header('assignee', t('report.drill.assignee'))}
            {hasValue && header('value', t('report.drill.value'))}
            {hasCounted && header('counted', t('report.drill.counted'))}
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          {shown.map((row) => (
            <Table.Row key={row.ticket.id}>
              <Table.Cell>
                <Anchor onClick={() => onOpenTicket(row.ticket.id)} href={`#ticket-${row.ticket.id}`}>
                  #{row.ticket.id}
                </Anchor>
              </Table.Cell>
              {subjects && (
                // Text, as React renders every string: a subject is whatever the requester wrote.
                <Table.Cell className="drill-subject">{subjects.peek(row.ticket.id) ?? EMPTY}</Table.Cell>
              )}
              <Table.Cell>{format.dateTime(row.ticket.createdAt, timeZone)}</Table.Cell>
              <Table.Cell>{statusName(row.ticket.status)}</Table.Cell>
              {showAssignee && <Table.Cell>{nameOf(row.ticket.assigneeId)}</Table.Cell>}
              {hasValue && (
                <Table.Cell>{formatValue(format, valueKind === 'rate' ? 'count' : valueKind, row.value)}</Table.Cell>
              )}
              {hasCounted && <Table.Cell>{row.counted ? t('report.drill.yes') : t('report.drill.no')}</Table.Cell>}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {pages > 1 && (
        <nav className="drill-pages">
          <Button size="small" isBasic disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('report.drill_page.previous')}
          </Button>
          <span aria-live="polite">
            {t('report.drill_page.range', {
              from: current * PAGE_SIZE + 1,
              to: current * PAGE_SIZE + shown.length,
              total: sorted.length,
            })}
          </span>
          <Button size="small" isBasic disabled={current === pages - 1} onClick={() => setPage(current + 1)}>
            {t('report.drill_page.next')}
          </Button>
        </nav>
      )}
    </section>
  );
}
