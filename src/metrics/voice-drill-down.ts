import { creditedPeople, defaultCredit, type ReportOptions } from './compute-report';
import { followUp } from './csat-comments';
import { requesterContacts } from './contacts-to-resolution';
import type { DrillRow, DrillScope } from './drill-down';
import { filterPredicate } from './report-filters';
import {
  DEFAULT_CES_SCALE,
  fieldValue,
  NPS_PASSIVE_FROM,
  NPS_PROMOTER_FROM,
  NPS_SCALE,
  onScale,
} from './survey-scores';
import { isExcluded, solvedWithin, type TicketRecord } from './ticket-record';

/**
 * The tickets behind each Version 4 number, exactly those it was computed from:
 * - `csat_bad`: the bad ratings; `bad_follow_up`: the same, `counted` when followed up;
 * - `nps`: the answers on the scale, value the answer, `counted` for promoters (a detractor is
 *   `counted: false` with a value under 7; a passive has `counted: null`);
 * - `ces`: the answers on the scale, value the answer;
 * - `contacts`: the solved tickets, value the customer's contacts.
 */
export const VOICE_DRILL_METRICS = ['csat_bad', 'bad_follow_up', 'nps', 'ces', 'contacts'] as const;
export type VoiceDrillMetric = (typeof VOICE_DRILL_METRICS)[number];

export function voiceTicketsBehind(
  tickets: readonly TicketRecord[],
  options: ReportOptions,
  metric: VoiceDrillMetric,
  scope: DrillScope,
): DrillRow[] {
  const { window } = options;
  const timelines = options.timelines;
  const credit = options.credit ?? defaultCredit(timelines);
  const eventsRead = timelines?.ticketEvents === true;
  const matches = filterPredicate(options.filters);
  const rows: DrillRow[] = [];
  for (const ticket of tickets) {
    if (isExcluded(ticket) || !matches(ticket) || !solvedWithin(ticket, window)) continue;
    const timeline = timelines?.byTicket.get(ticket.id);
    const people = creditedPeople(ticket, timeline, credit);
    const owner = metric === 'csat_bad' || metric === 'bad_follow_up' ? people.rated : people.solver;
    if (scope.kind === 'agent' && owner !== scope.id) continue;
    switch (metric) {
      case 'csat_bad':
        if (ticket.satisfaction === 'bad') rows.push({ ticket, value: null, counted: null });
        break;
      case 'bad_follow_up':
        if (ticket.satisfaction === 'bad')
          rows.push({ ticket, value: null, counted: followUp(ticket, timeline, eventsRead).followed });
        break;
      case 'nps':
      case 'ces': {
        const fieldId = metric === 'nps' ? options.surveys?.npsFieldId : options.surveys?.cesFieldId;
        if (fieldId === null || fieldId === undefined) break;
        const value = fieldValue(ticket, fieldId);
        const scale = metric === 'nps' ? NPS_SCALE : (options.surveys?.cesScale ?? DEFAULT_CES_SCALE);
        const answer = value === undefined ? null : onScale(value, scale);
        if (answer === null) break;
        const counted =
          metric === 'ces' ? null : answer >= NPS_PROMOTER_FROM ? true : answer < NPS_PASSIVE_FROM ? false : null;
        rows.push({ ticket, value: answer, counted });
        break;
      }
      case 'contacts':
        rows.push({ ticket, value: requesterContacts(ticket, timeline, eventsRead).contacts, counted: null });
        break;
    }
  }
  return rows;
}
