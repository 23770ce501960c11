import type { DurationSummary, Rate } from './aggregates';
import type { HoursMode } from './settings';

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
}

export interface Report {
  window: { from: string; to: string; tz: string };
  hours: HoursMode;
  team: MetricBlock;
  agents: AgentScorecard[];
  daily: DailyRow[];
}

export type DurationMetricKey = 'frt' | 'first_resolution' | 'full_resolution' | 'requester_wait' | 'on_hold';
export type RateMetricKey = 'fcr' | 'one_touch' | 'reopen' | 'escalation' | 'csat';
export type CountMetricKey = 'created' | 'solved' | 'backlog';
