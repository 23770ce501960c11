import { Button } from '@zendeskgarden/react-buttons';
import { Table } from '@zendeskgarden/react-tables';
import { useMemo, useRef, useState } from 'react';
import type { DrillFocus } from '../../metrics/drill-down';
import type { AgentScorecard, MetricBlock } from '../../metrics/report-types';
import { useAppText } from '../components/app-context';
import { formatValue } from './kpi-tile';
import {
  columnMedians,
  LOW_BASIS,
  scorecardColumns,
  sortAgents,
  standout,
  type ScorecardColumn,
  type SortState,
} from './scorecard-model';

export interface DrillTarget {
  column: ScorecardColumn;
  scope: { kind: 'team' } | { kind: 'agent'; id: number | null; name: string };
  /** For an SLA cell of the breaches per agent per day: the day. */
  focus?: DrillFocus;
}

/**
 * One row per agent and a team row: every team metric, sortable, header kept in view, a dagger on
 * values resting on fewer than ten tickets, and arrows (not only colour) on values that stand out
 * against the agents' median. Every value opens the tickets behind it, and the name of an agent
 * whose page the viewer may open opens that page.
 */
export function ScorecardTable({
  team,
  agents,
  nameOf,
  onDrill,
  onOpenAgent,
}: {
  team: MetricBlock;
  agents: AgentScorecard[];
  nameOf: (agent: AgentScorecard) => string;
  onDrill: (target: DrillTarget) => void;
  /** The agent's page, for the ids it gives one to (agentPageAllowed); a name without one is text. */
  onOpenAgent?: { allowed: (id: number) => boolean; open: (id: number) => void };
}) {
  const { t, format } = useAppText();
  const [sort, setSort] = useState<SortState>({ key: 'solved', direction: 'desc' });
  const columns = useMemo(() => scorecardColumns(team), [team]);
  const medians = useMemo(() => columnMedians(agents, columns), [agents, columns]);
  const end = useRef<HTMLSpanElement>(null);
  const rows = useMemo(() => sortAgents(agents, sort, nameOf), [agents, sort, nameOf]);
  const toggle = (key: string) =>
    setSort((previous) => ({ key, direction: previous.key === key && previous.direction === 'desc' ? 'asc' : 'desc' }));
  const sortOf = (key: string) => (sort.key === key ? sort.direction : undefined);

  const cell = (block: MetricBlock, column: ScorecardColumn, scope: DrillTarget['scope'], isTeam: boolean) => {
    const value = column.read(block);
    const basis = column.basis(block);
    const mark = isTeam ? null : standout(column, value, basis, medians.get(column.key) ?? null);
    const lowBasis = !isTeam && basis > 0 && basis < LOW_BASIS;
    const scopeLabel = scope.kind === 'team' ? t('report.scorecard.team') : scope.name;
    return (
      <Table.Cell
        key={column.key}
        className={
          [mark ? `standout-${mark}` : '', column.group ? `group-${column.group}` : ''].join(' ').trim() || undefined
        }
      >
        <button
          type="button"
          className="cell-button"
          onClick={() => onDrill({ column, scope })}
          aria-label={t('report.scorecard.open_cell', { metric: t(column.label), who: scopeLabel })}
        >
          {formatValue(format, column.kind, value)}
          {mark && (
            <span className="standout-mark" title={t(`report.scorecard.standout_${mark}`)}>
              <span aria-hidden="true">{mark === 'better' ? ' ▲' : ' ▼'}</span>
              <span className="visually-hidden">{t(`report.scorecard.standout_${mark}`)}</span>
            </span>
          )}
          {lowBasis && (
            <span className="low-basis-mark" title={t('report.low_basis', { count: basis })}>
              <span aria-hidden="true">†</span>
              <span className="visually-hidden">{t('report.low_basis', { count: basis })}</span>
            </span>
          )}
        </button>
      </Table.Cell>
    );
  };

  const agentName = (agent: AgentScorecard) => {
    const { id } = agent;
    const name = nameOf(agent);
    if (!onOpenAgent || id === null || !onOpenAgent.allowed(id)) return name;
    return (
      <Button isLink onClick={() => onOpenAgent.open(id)} aria-label={t('agent_page.open_page', { name })}>
        {name}
      </Button>
    );
  };

  const baseCount = columns.filter((column) => !column.group).length;
  return (
    <>
      {/* A keyboard user otherwise tabs through every cell (hundreds) to reach what follows. */}
      <a
        className="skip-link"
        href="#scorecards-end"
        onClick={(event) => {
          event.preventDefault();
          end.current?.focus();
        }}
      >
        {t('report.skip_scorecards')}
      </a>
      <div className="scorecard-scroll" tabIndex={0} role="region" aria-label={t('report.scorecard.title')}>
        <Table size="small" className="scorecard-table">
          <Table.Caption className="visually-hidden">{t('report.scorecard.caption')}</Table.Caption>
          <colgroup>
            <col span={baseCount + 1} />
            {columns.length > baseCount && <col span={columns.length - baseCount} className="group-sla" />}
          </colgroup>
          <Table.Head isSticky>
            <Table.HeaderRow>
              <Table.SortableCell
                // On the header cell itself (className would go to its sort button): the cell is what stays in view.
                cellProps={{ className: 'agent-cell' }}
                onClick={() => toggle('name')}
                sort={sortOf('name')}
              >
                {t('report.scorecard.agent')}
              </Table.SortableCell>
              {columns.map((column) => (
                <Table.SortableCell
                  key={column.key}
                  className={column.group ? `group-${column.group}` : undefined}
                  onClick={() => toggle(column.key)}
                  sort={sortOf(column.key)}
                >
                  {t(column.label)}
                </Table.SortableCell>
              ))}
            </Table.HeaderRow>
          </Table.Head>
          <Table.Body>
            <Table.Row className="team-row">
              <Table.Cell className="agent-cell">
                <strong>{t('report.scorecard.team')}</strong>
              </Table.Cell>
              {columns.map((column) => cell(team, column, { kind: 'team' }, true))}
            </Table.Row>
            {rows.map((agent) => (
              <Table.Row key={agent.id ?? 'unassigned'}>
                <Table.Cell className="agent-cell">{agentName(agent)}</Table.Cell>
                {columns.map((column) =>
                  cell(agent, column, { kind: 'agent', id: agent.id, name: nameOf(agent) }, false),
                )}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <span id="scorecards-end" ref={end} tabIndex={-1} />
    </>
  );
}
