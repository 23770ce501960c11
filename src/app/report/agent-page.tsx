import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { agentPage } from '../../metrics/agent-page';
import type { ReportOptions } from '../../metrics/compute-report';
import type { TicketRecord } from '../../metrics/ticket-record';
import { useAppText } from '../components/app-context';
import { Field, Label, Select } from '@zendeskgarden/react-forms';

/**
 * Whose page a viewer may open: a manager (who sees every scorecard) anyone's, anyone else only
 * their own, as the brief of the scorecards has it; a lead's agents are theirs to compare in the
 * scorecards, not to open one by one.
 */
export function agentPageAllowed(
  visible: 'all' | ReadonlySet<number>,
  selfId: number,
  agentId: number | null,
): boolean {
  return visible === 'all' || agentId === selfId;
}

/**
 * Whom the agent page shows, shared by its own picker and the scorecards' names. `open` also asks
 * the page to take focus: a name clicked in a long table would otherwise change a section far
 * below without the reader (or a screen reader) being taken there; the picker only changes it.
 */
export function useAgentPageChoice() {
  const [state, setState] = useState<{ id: number | null; reveals: number }>({ id: null, reveals: 0 });
  const choose = useCallback((id: number) => setState((previous) => ({ ...previous, id })), []);
  const open = useCallback((id: number) => setState((previous) => ({ id, reveals: previous.reveals + 1 })), []);
  return { chosen: state.id, reveals: state.reveals, choose, open };
}

export type AgentPageChoice = ReturnType<typeof useAgentPageChoice>;

/**
 * One agent's page (METRICS.md, Version 4): their period against the team's bucket by bucket,
 * their open tickets oldest first, and their bad ratings with what the customers wrote.
 */
export function AgentPageSection({
  tickets,
  options,
  agents,
  visible,
  selfId,
  timeZone,
  nameOf,
  onOpenTicket,
  choice,
}: {
  tickets: readonly TicketRecord[];
  options: ReportOptions;
  /** The scorecards' ids the viewer sees. */
  agents: readonly (number | null)[];
  visible: 'all' | ReadonlySet<number>;
  selfId: number;
  timeZone: string;
  nameOf: (id: number | null) => string;
  onOpenTicket: (id: number) => void;
  /** Held by the report when the scorecards open the page; the page holds its own otherwise. */
  choice?: AgentPageChoice;
}) {
  const { t, format } = useAppText();
  const choices = agents.filter((id): id is number => id !== null && agentPageAllowed(visible, selfId, id));
  const own = useAgentPageChoice();
  const { chosen, reveals, choose } = choice ?? own;
  const agentId =
    chosen !== null && choices.includes(chosen) ? chosen : ((choices.includes(selfId) ? selfId : choices[0]) ?? null);
  const page = useMemo(
    () => (agentId === null ? null : agentPage(tickets, options, agentId)),
    [tickets, options, agentId],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (reveals === 0) return;
    heading.current?.focus();
    // Focus alone scrolls only until the heading's edge shows; the page's table belongs in view too.
    heading.current?.scrollIntoView({ block: 'start' });
  }, [reveals]);
  if (page === null || agentId === null) return null;
  const withSla = page.trend.some((row) => row.team.sla_achieved !== undefined);
  const pair = (agent: string, team: string) => `${agent} / ${team}`;
  return (
    <section aria-labelledby="agent-page-title" className="agent-page">
      <h2 id="agent-page-title" ref={heading} tabIndex={-1}>
        {t('agent_page.title', { name: nameOf(agentId) })}
      </h2>
      {choices.length > 1 && (
        <div className="agent-page-choice">
          <Field>
            <Label>{t('agent_page.choose')}</Label>
            <Select value={agentId} onChange={(event) => choose(Number(event.target.value))}>
              {choices.map((id) => (
                <option key={id} value={id}>
                  {nameOf(id)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      <p className="view-note">{t('agent_page.legend')}</p>
      <div className="table-scroll">
        <table className="view-table agent-trend" data-testid="agent-trend">
          <caption>{t('agent_page.trend')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agent_page.from')}</th>
              <th scope="col">{t('metrics.solved.name')}</th>
              <th scope="col">{t('agent_page.frt')}</th>
              <th scope="col">{t('agent_page.resolution')}</th>
              <th scope="col">{t('agent_page.csat')}</th>
              {withSla && <th scope="col">{t('agent_page.sla')}</th>}
            </tr>
          </thead>
          <tbody>
            {page.trend.map((row) => (
              <tr key={row.start}>
                <th scope="row">{format.date(row.start)}</th>
                <td>{pair(format.number(row.agent.solved, 0), format.number(row.team.solved, 0))}</td>
                <td>{pair(format.duration(row.agent.frt_median), format.duration(row.team.frt_median))}</td>
                <td>
                  {pair(
                    format.duration(row.agent.full_resolution_median),
                    format.duration(row.team.full_resolution_median),
                  )}
                </td>
                <td>
                  {pair(
                    `${format.number(row.agent.csat_good, 0)}:${format.number(row.agent.csat_bad, 0)}`,
                    `${format.number(row.team.csat_good, 0)}:${format.number(row.team.csat_bad, 0)}`,
                  )}
                </td>
                {withSla && (
                  <td>
                    {pair(format.number(row.agent.sla_breached ?? 0, 0), format.number(row.team.sla_breached ?? 0, 0))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('agent_page.open')}</h3>
      {page.open.length === 0 ? (
        <p>{t('agent_page.no_open')}</p>
      ) : (
        <ul data-testid="agent-open">
          {page.open.map((ticket) => (
            <li key={ticket.id}>
              <button type="button" className="cell-button" onClick={() => onOpenTicket(ticket.id)}>
                {t('voice.ticket', { id: String(ticket.id) })}
              </button>{' '}
              · {t(`status.${ticket.status}`)} · {format.dateTime(Date.parse(ticket.created_at), timeZone)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('agent_page.bad_ratings')}</h3>
      {page.bad_ratings.length === 0 ? (
        <p>{t('voice.no_ratings')}</p>
      ) : (
        <ul data-testid="agent-bad-ratings">
          {page.bad_ratings.map((row) => (
            <li key={row.ticket_id}>
              <button type="button" className="cell-button" onClick={() => onOpenTicket(row.ticket_id)}>
                {t('voice.ticket', { id: String(row.ticket_id) })}
              </button>
              {row.reason !== null && <span> · {row.reason}</span>}
              <blockquote>{row.comment ?? t('voice.no_comment')}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
