import { creditedPeople, defaultCredit, type ReportOptions } from './compute-report';
import { followUp } from './csat-comments';
import { requesterContacts } from './contacts-to-resolution';
import type { DrillRow, DrillScope } from './drill-down';
import { bucketOf, periodBuckets } from './period-buckets';
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
 * - `nps_invalid`, `ces_invalid`: the values the report left out as not on the scale, value the
 *   number held (null for text);
 * - `contacts`: the solved tickets, value the customer's contacts.
 */
export const VOICE_DRILL_METRICS = [
  'csat_bad',
  'bad_follow_up',
  'nps',
  'ces',
  'nps_invalid',
  'ces_invalid',
  'contacts',
] as const;
export type VoiceDrillMetric = (typeof VOICE_DRILL_METRICS)[number];

export type NpsGroup = 'promoters' | 'passives' | 'detractors';

/** Narrows a survey's tickets to those behind one count of the section. */
export interface SurveyFocus {
  /** NPS: one group of answers; CES: one point of the scale. */
  answer?: NpsGroup | number;
  /** One bucket of the trend (its `start`), by the day the ticket was solved, as the report buckets it. */
  bucket?: string;
}

export function npsGroupOf(answer: number): NpsGroup {
  return answer >= NPS_PROMOTER_FROM ? 'promoters' : answer >= NPS_PASSIVE_FROM ? 'passives' : 'detractors';
}

export function voiceTicketsBehind(
  tickets: readonly TicketRecord[],
  options: ReportOptions,
  metric: VoiceDrillMetric,
  scope: DrillScope,
  focus: SurveyFocus = {},
): DrillRow[] {
  const { window } = options;
  const period = focus.bucket === undefined ? null : periodBuckets(window);
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
    if (period && period.buckets[bucketOf(period, window, ticket.solvedAt!)]!.start !== focus.bucket) continue;
    switch (metric) {
      case 'csat_bad':
        if (ticket.satisfaction === 'bad') rows.push({ ticket, value: null, counted: null });
        break;
      case 'bad_follow_up':
        if (ticket.satisfaction === 'bad')
          rows.push({ ticket, value: null, counted: followUp(ticket, timeline, eventsRead).followed });
        break;
      case 'nps':
      case 'ces':
      case 'nps_invalid':
      case 'ces_invalid': {
        const ofNps = metric === 'nps' || metric === 'nps_invalid';
        const fieldId = ofNps ? options.surveys?.npsFieldId : options.surveys?.cesFieldId;
        if (fieldId === null || fieldId === undefined) break;
        const value = fieldValue(ticket, fieldId);
        if (value === undefined) break;
        const scale = ofNps ? NPS_SCALE : (options.surveys?.cesScale ?? DEFAULT_CES_SCALE);
        const answer = onScale(value, scale);
        if (metric === 'nps_invalid' || metric === 'ces_invalid') {
          if (answer === null) rows.push({ ticket, value: Number.isFinite(value) ? value : null, counted: null });
          break;
        }
        if (answer === null) break;
        if (focus.answer !== undefined && focus.answer !== (ofNps ? npsGroupOf(answer) : answer)) break;
        const counted = ofNps ? { promoters: true, passives: null, detractors: false }[npsGroupOf(answer)] : null;
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
