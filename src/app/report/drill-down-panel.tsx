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

export type DrillSortKey = 'ticket' | 'created' | 'status' | 'assignee' | 'value' | 'counted';
export interface DrillSort {
  key: DrillSortKey;
  direction: 'asc' | 'desc';
}

/** The rows in the order the list shows them; the export writes this order too. */
export function sortDrillRows(
  rows: readonly DrillRow[],
  sort: DrillSort,
  nameOf: (id: number | null) => string,
  statusName: (status: DrillRow['ticket']['status']) => string,
): DrillRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const read = (row: DrillRow): number | string | null => {
    switch (sort.key) {
      case 'ticket':
        return row.ticket.id;
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
  return [...rows].sort((a, b) => {
    const va = read(a);
    const vb = read(b);
    // Empty values last whichever way, then newest first, so equal keys keep a stable order.
    if (va === null || vb === null) return va === vb ? b.ticket.createdAt - a.ticket.createdAt : va === null ? 1 : -1;
    const order = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return sign * order || b.ticket.createdAt - a.ticket.createdAt || b.ticket.id - a.ticket.id;
  });
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
  const { t, format } = useAppText();
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
  const sorted = useMemo(
    () => sortDrillRows(rows, sort, nameOf, statusName),
    // statusName reads t only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, sort, nameOf, t],
  );
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  // Redrawn when a page's subjects have arrived; a failed read leaves them empty, the list usable.
  const [, setSubjectsRead] = useState(0);
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
    setSort((previous) => ({
      key,
      direction: previous.key === key && previous.direction === 'desc' ? 'asc' : 'desc',
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
      <Table size="small">
        <Table.Head>
          <Table.HeaderRow>
            {header('ticket', t('report.drill.ticket'))}
            {subjects && <Table.HeaderCell>{t('report.drill.subject')}</Table.HeaderCell>}
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
