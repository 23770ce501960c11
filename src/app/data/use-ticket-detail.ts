import { useEffect, useState } from 'react';
import { AbortedError } from '../../zendesk/clock';
import type { RequestScheduler } from '../../zendesk/request-scheduler';
import { fetchTicketDetail, type TicketDetail } from '../../zendesk/ticket-detail';
import { describeProblem, type Problem } from './app-errors';

/** This ticket's metrics and SLA (at most two requests), read again when Zendesk says it changed. */
export function useTicketDetail(scheduler: RequestScheduler, ticketId: number | null, version: number) {
  const [state, setState] = useState<{ detail: TicketDetail | null; loading: boolean; problem: Problem | null }>({
    detail: null,
    loading: true,
    problem: null,
  });
  useEffect(() => {
    if (ticketId === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    fetchTicketDetail(scheduler, ticketId, controller.signal).then(
      (detail) => {
        if (!controller.signal.aborted) setState({ detail, loading: false, problem: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted || error instanceof AbortedError) return;
        setState((previous) => ({ ...previous, loading: false, problem: describeProblem(error) }));
      },
    );
    return () => controller.abort();
  }, [scheduler, ticketId, version]);
  return state;
}
