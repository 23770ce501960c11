import { useCallback } from 'react';
import type { RequestScheduler } from '../../zendesk/request-scheduler';
import { fetchTicketDetail, type TicketDetail } from '../../zendesk/ticket-detail';
import { useAbortableLoad, type Load } from './use-abortable-load';

/** This ticket's metrics and SLA (at most two requests); `retry` reads it again when Zendesk says it changed. */
export function useTicketDetail(scheduler: RequestScheduler, ticketId: number | null) {
  const load = useCallback<Load<TicketDetail | null>>(
    async (signal, update) => {
      if (ticketId === null) return;
      const detail = await fetchTicketDetail(scheduler, ticketId, signal);
      update(() => detail);
    },
    [scheduler, ticketId],
  );
  const { value, ...rest } = useAbortableLoad<TicketDetail | null>(null, ticketId === null ? null : load);
  return { detail: value, ...rest };
}
