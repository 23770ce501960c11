import type { ArrivalGrid } from './arrival-grid';
import type { BacklogHealth } from './backlog-health';
import type { VolumeTrend } from './volume-trend';
import type { CsatComments } from './csat-comments';
import type { ContactsReport } from './contacts-to-resolution';
import type { CesReport, NpsReport } from './survey-scores';
import type { DurationSummary, Rate } from './aggregates';
import type { HoursMode } from './settings';
import type { SlaBlock } from './sla-tally';
import type { CreditMode } from './ticket-timeline';

/** The report exactly as METRICS.md ("Report JSON") lays it out: snake_case keys, rates as fractions. */

export interface FrtSummary extends DurationSummary {
  unreplied: number;
}

export interface CsatRate extends Rate {
  offered: number;
}

export interface MetricBlock {
  created: number;
  solved: number;
  backlog: number;
  frt: FrtSummary;
  first_resolution: DurationSummary;
  full_resolution: DurationSummary;
  requester_wait: DurationSummary;
  on_hold: DurationSummary;
  fcr: Rate;
  one_touch: Rate;
  reopen: Rate;
  escalation: Rate;
  csat: CsatRate;
  replies_per_solved: number | null;
  /** With metric events: targets achieved and breached in the window, overall and per SLA metric. */
  sla?: SlaBlock;
  /** With metric events: targets neither achieved nor breached when the report is made. */
  sla_active?: number;
}

export interface AgentScorecard extends MetricBlock {
  /** The assignee's user id; null for the unassigned tickets' scorecard. */
  id: number | null;
  /** The user's name where the input has it, else null. */
  name: string | null;
}

export interface DailyRow {
  date: string;
  created: number;
  solved: number;
  /** Median first reply time of the day's created tickets; null when none has a reply time. */
  frt_median: number | null;
  csat_good: number;
  csat_bad: number;
  /** With ticket events: unsolved tickets at the end of the day. */
  backlog?: number;
}

/** One scorecard's SLA outcomes on one day (the breaches per agent per day). */
export interface SlaDailyRow {
  date: string;
  /** The scorecard's id; null for unassigned. */
  agent_id: number | null;
  breached: number;
  achieved: number;
}

export const BREAKDOWN_DIMENSIONS = ['channel', 'type', 'group', 'brand', 'priority'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownRow {
  /** The channel, type or priority name, or the group or brand id; null for none. */
  key: string | number | null;
  created: number;
  solved: number;
}

/** Upper bounds (minutes, exclusive) of the first-reply-time histogram's buckets; the last is open. */
export const FRT_BUCKET_BOUNDS = [15, 60, 240, 480, 1440, 4320] as const;

export interface ReportExtras {
  /** Created and solved tickets per value of each dimension, largest first. */
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
  /** Created tickets per first-reply-time bucket (FRT_BUCKET_BOUNDS, then one open bucket). */
  frt_histogram: number[];
}

export interface Report {
  window: { from: string; to: string; tz: string };
  hours: HoursMode;
  team: MetricBlock;
  agents: AgentScorecard[];
  daily: DailyRow[];
  /** With events in the input: who each number is credited to. */
  credit?: CreditMode;
  /** With metric events: per day, then agent id (unassigned last), the scorecards with an SLA outcome. */
  sla_daily?: SlaDailyRow[];
  /** Present when asked for (`extras: true`): what the nav-bar report charts beyond the contract. */
  extras?: ReportExtras;
  /** Present when the report is given `now` (METRICS.md, Version 3): the backlog as it stands. */
  backlog_health?: BacklogHealth;
  /** With `now`: the created cohort by weekday and hour of the report's zone. */
  arrivals?: ArrivalGrid;
  /** With `now`: the created cohort by type and channel per day, week or month. */
  volume?: VolumeTrend;
  /** With `voice` (METRICS.md, Version 4): the period's ratings with what customers wrote, bad first. */
  csat_comments?: CsatComments;
  /** With `voice`: the customer's public comments beside the agents' replies per solved ticket. */
  contacts?: ContactsReport;
  /** With `voice` and an NPS field set: NPS from that field. */
  nps?: NpsReport;
  /** With `voice` and a CES field set: customer effort from that field. */
  ces?: CesReport;
}

export type DurationMetricKey = 'frt' | 'first_resolution' | 'full_resolution' | 'requester_wait' | 'on_hold';
export type RateMetricKey = 'fcr' | 'one_touch' | 'reopen' | 'escalation' | 'csat';
export type CountMetricKey = 'created' | 'solved' | 'backlog';
