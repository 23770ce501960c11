import { Anchor, Button } from '@zendeskgarden/react-buttons';
import { Table } from '@zendeskgarden/react-tables';
import { useEffect, useRef } from 'react';
import type { DrillRow } from '../../metrics/drill-down';
import { useAppText } from '../components/app-context';
import { formatValue } from './kpi-tile';

const SHOWN = 200;

/**
 * The tickets behind a number, newest first; each opens in Zendesk. Shows the first 200 and
 * exports all of them. Focus moves into the panel and back out when it closes.
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
  onExport: () => void;
  onClose: () => void;
}) {
  const { t, format } = useAppText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);
  const sorted = [...rows].sort((a, b) => b.ticket.createdAt - a.ticket.createdAt);
  const counted = rows.filter((row) => row.counted).length;
  const hasCounted = rows.some((row) => row.counted !== null);
  const hasValue = rows.some((row) => row.value !== null);
  return (
    <section
      className="drill-panel"
      aria-labelledby="drill-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header>
        <h2 id="drill-title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <p>
          {hasCounted
            ? t('report.drill.summary_counted', { total: rows.length, counted })
            : t('report.drill.summary', { total: rows.length })}
        </p>
        {teamCounts && (
          <p>
            {teamCounts.counted === null
              ? t('report.drill.team_summary', { total: teamCounts.total })
              : t('report.drill.team_summary_counted', { total: teamCounts.total, counted: teamCounts.counted })}
          </p>
        )}
        <Button size="small" onClick={onExport}>
          {t('report.drill.export')}
        </Button>
        <Button size="small" isBasic onClick={onClose}>
          {t('report.drill.close')}
        </Button>
      </header>
      <Table size="small">
        <Table.Head>
          <Table.HeaderRow>
            <Table.HeaderCell>{t('report.drill.ticket')}</Table.HeaderCell>
            <Table.HeaderCell>{t('report.drill.created')}</Table.HeaderCell>
            <Table.HeaderCell>{t('report.drill.status')}</Table.HeaderCell>
            {showAssignee && <Table.HeaderCell>{t('report.drill.assignee')}</Table.HeaderCell>}
            {hasValue && <Table.HeaderCell>{t('report.drill.value')}</Table.HeaderCell>}
            {hasCounted && <Table.HeaderCell>{t('report.drill.counted')}</Table.HeaderCell>}
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          {sorted.slice(0, SHOWN).map((row) => (
            <Table.Row key={row.ticket.id}>
              <Table.Cell>
                <Anchor onClick={() => onOpenTicket(row.ticket.id)} href={`#ticket-${row.ticket.id}`}>
                  #{row.ticket.id}
                </Anchor>
              </Table.Cell>
              <Table.Cell>{format.dateTime(row.ticket.createdAt, timeZone)}</Table.Cell>
              <Table.Cell>{t(`status.${row.ticket.status}`)}</Table.Cell>
              {showAssignee && <Table.Cell>{nameOf(row.ticket.assigneeId)}</Table.Cell>}
              {hasValue && (
                <Table.Cell>{formatValue(format, valueKind === 'rate' ? 'count' : valueKind, row.value)}</Table.Cell>
              )}
              {hasCounted && <Table.Cell>{row.counted ? t('report.drill.yes') : t('report.drill.no')}</Table.Cell>}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {sorted.length > SHOWN && <p>{t('report.drill.more', { shown: SHOWN, total: sorted.length })}</p>}
    </section>
  );
}
