import type { HoursMode } from './settings';
import type { TicketRecord } from './ticket-record';

/** Reads each duration of a ticket in one hours mode: the same choice for the whole report. */
export interface DurationPickers {
  reply(ticket: TicketRecord): number | null;
  firstResolution(ticket: TicketRecord): number | null;
  fullResolution(ticket: TicketRecord): number | null;
  requesterWait(ticket: TicketRecord): number | null;
  onHold(ticket: TicketRecord): number | null;
}

const CALENDAR: DurationPickers = {
  reply: (t) => t.replyTimeCalendar,
  firstResolution: (t) => t.firstResolutionCalendar,
  fullResolution: (t) => t.fullResolutionCalendar,
  requesterWait: (t) => t.requesterWaitCalendar,
  onHold: (t) => t.onHoldCalendar,
};

const BUSINESS: DurationPickers = {
  reply: (t) => t.replyTimeBusiness,
  firstResolution: (t) => t.firstResolutionBusiness,
  fullResolution: (t) => t.fullResolutionBusiness,
  requesterWait: (t) => t.requesterWaitBusiness,
  onHold: (t) => t.onHoldBusiness,
};

export function durationPickers(hours: HoursMode): DurationPickers {
  return hours === 'business' ? BUSINESS : CALENDAR;
}
