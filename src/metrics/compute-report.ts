import { rate, summarize, ValueBuffer } from './aggregates';
import { durationPickers } from './duration-pickers';
import { EscalationRule } from './escalation';
import {
  BREAKDOWN_DIMENSIONS,
  FRT_BUCKET_BOUNDS,
  type AgentScorecard,
  type BreakdownDimension,
  type BreakdownRow,
  type DailyRow,
  type MetricBlock,
  type Report,
  type ReportExtras,
} from './report-types';
import type { ReportWindow } from './report-window';
import { filterPredicate } from './report-filters';
import { DEFAULT_ESCALATION, type EscalationSettings, type HoursMode, type ReportFilters } from './settings';
import { isExcluded, isSolved, isUnsolved, solvedWithin, type TicketRecord } from './ticket-record';

export interface ReportOptions {
  window: ReportWindow;
  hours?: HoursMode;
  escalation?: EscalationSettings;
  filters?: ReportFilters;
  /** Display names by user id, from the users the input holds. */
  agentNames?: ReadonlyMap<number, string>;
  /** Also count breakdowns and the FRT histogram, in the same pass. */
  extras?: boolean;
}

const DIMENSION_READERS: Record<BreakdownDimension, (ticket: TicketRecord) => string | number | null> = {
  channel: (t) => t.channel,
  type: (t) => t.type,
  group: (t) => t.groupId,
  brand: (t) => t.brandId,
  priority: (t) => t.priority,
};

/** Counts per dimension value, kept only when the report asks for extras. */
class ExtrasTally {
  private readonly counts = Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((dimension) => [dimension, new Map<string | number | null, BreakdownRow>()]),
  ) as Record<BreakdownDimension, Map<string | number | null, BreakdownRow>>;
  readonly histogram: number[] = new Array(FRT_BUCKET_BOUNDS.length + 1).fill(0);

  count(ticket: TicketRecord, created: boolean, solved: boolean, reply: number | null): void {
    for (const dimension of BREAKDOWN_DIMENSIONS) {
      const key = DIMENSION_READERS[dimension](ticket);
      const rows = this.counts[dimension];
      let row = rows.get(key);
      if (!row) {
        row = { key, created: 0, solved: 0 };
        rows.set(key, row);
      }
      if (created) row.created++;
      if (solved) row.solved++;
    }
    if (created && reply !== null) {
      let bucket = 0;
      while (bucket < FRT_BUCKET_BOUNDS.length && reply >= FRT_BUCKET_BOUNDS[bucket]!) bucket++;
      this.histogram[bucket]!++;
    }
  }

  toExtras(): ReportExtras {
    const breakdowns = {} as ReportExtras['breakdowns'];
    for (const dimension of BREAKDOWN_DIMENSIONS) {
      breakdowns[dimension] = [...this.counts[dimension].values()]
        .filter((row) => row.created > 0 || row.solved > 0)
        .sort((a, b) => b.created - a.created || b.solved - a.solved || String(a.key).localeCompare(String(b.key)));
    }
    return { breakdowns, frt_histogram: [...this.histogram] };
  }
}

/** Running totals for one scorecard (the team or one assignee); turned into a MetricBlock at the end. */
class Tally {
  created = 0;
  solved = 0;
  backlog = 0;
  unreplied = 0;
  frt = new ValueBuffer();
  firstResolution = new ValueBuffer();
  fullResolution = new ValueBuffer();
  requesterWait = new ValueBuffer();
  onHold = new ValueBuffer();
  fcrNumerator = 0;
  fcrDenominator = 0;
  oneTouch = 0;
  reopened = 0;
  escalated = 0;
  csatGood = 0;
  csatBad = 0;
  csatOffered = 0;
  repliesTotal = 0;

  toBlock(): MetricBlock {
    return {
      created: this.created,
      solved: this.solved,
      backlog: this.backlog,
      frt: { ...summarize(this.frt.values()), unreplied: this.unreplied },
      first_resolution: summarize(this.firstResolution.values()),
      full_resolution: summarize(this.fullResolution.values()),
      requester_wait: summarize(this.requesterWait.values()),
      on_hold: summarize(this.onHold.values()),
      fcr: rate(this.fcrNumerator, this.fcrDenominator),
      one_touch: rate(this.oneTouch, this.solved),
      reopen: rate(this.reopened, this.solved),
      escalation: rate(this.escalated, this.created),
      csat: { ...rate(this.csatGood, this.csatGood + this.csatBad), offered: this.csatOffered },
      replies_per_solved: this.solved === 0 ? null : this.repliesTotal / this.solved,
    };
  }
}

interface DayTally {
  created: number;
  solved: number;
  frt: ValueBuffer;
  csatGood: number;
  csatBad: number;
}

function countCreated(tally: Tally, reply: number | null, unreplied: boolean, escalated: boolean): void {
  tally.created++;
  if (reply !== null) tally.frt.push(reply);
  if (unreplied) tally.unreplied++;
  if (escalated) tally.escalated++;
}

interface SolvedFacts {
  replies: number;
  reopens: number;
  firstResolution: number | null;
  fullResolution: number | null;
  requesterWait: number | null;
  onHold: number | null;
  score: TicketRecord['satisfaction'];
}

function countSolved(tally: Tally, facts: SolvedFacts): void {
  tally.solved++;
  pushIfPresent(tally.firstResolution, facts.firstResolution);
  pushIfPresent(tally.fullResolution, facts.fullResolution);
  pushIfPresent(tally.requesterWait, facts.requesterWait);
  pushIfPresent(tally.onHold, facts.onHold);
  if (facts.replies >= 1) {
    tally.fcrDenominator++;
    if (facts.replies === 1 && facts.reopens === 0) tally.fcrNumerator++;
  }
  if (facts.replies < 2) tally.oneTouch++;
  if (facts.reopens > 0) tally.reopened++;
  tally.repliesTotal += facts.replies;
  const score = facts.score;
  if (score === 'good') tally.csatGood++;
  else if (score === 'bad') tally.csatBad++;
  if (score === 'good' || score === 'bad' || score === 'offered') tally.csatOffered++;
}

function pushIfPresent(target: ValueBuffer, value: number | null): void {
  if (value !== null) target.push(value);
}

/**
 * Computes the whole report in one pass over the tickets: each ticket is bucketed into the team
 * tally, its assignee's tally and its day, and the statistics are taken per bucket afterwards.
 * Null counts (replies, reopens, group stations) read as 0, as METRICS.md does for replies_per_solved.
 */
export function computeReport(tickets: readonly TicketRecord[], options: ReportOptions): Report {
  const { window } = options;
  const hours = options.hours ?? 'calendar';
  const escalation = new EscalationRule(options.escalation ?? DEFAULT_ESCALATION);
  const pick = durationPickers(hours);
  const matchesFilters = filterPredicate(options.filters);

  const team = new Tally();
  const extras = options.extras ? new ExtrasTally() : null;
  const byAssignee = new Map<number | null, Tally>();
  const days: DayTally[] = Array.from({ length: window.days }, () => ({
    created: 0,
    solved: 0,
    frt: new ValueBuffer(),
    csatGood: 0,
    csatBad: 0,
  }));
  const tallyFor = (assigneeId: number | null): Tally => {
    let tally = byAssignee.get(assigneeId);
    if (!tally) {
      tally = new Tally();
      byAssignee.set(assigneeId, tally);
    }
    return tally;
  };

  for (let index = 0; index < tickets.length; index++) {
    const ticket = tickets[index]!;
    if (isExcluded(ticket) || !matchesFilters(ticket)) continue;

    const inCreated = window.contains(ticket.createdAt);
    const solvedAt = ticket.solvedAt;
    const inSolved = solvedWithin(ticket, window);
    const inBacklog = isUnsolved(ticket.status);
    // The same test as inPlay, with its parts kept for the counting below.
    if (!inCreated && !inSolved && !inBacklog) continue;

    const agent = tallyFor(ticket.assigneeId);
    extras?.count(ticket, inCreated, inSolved, inCreated ? pick.reply(ticket) : null);
    if (inBacklog) {
      team.backlog++;
      agent.backlog++;
    }

    if (inCreated) {
      const day = days[window.dayIndex(ticket.createdAt)]!;
      day.created++;
      const reply = pick.reply(ticket);
      const escalated = escalation.isEscalated(ticket);
      const unreplied = reply === null && !isSolved(ticket.status);
      countCreated(team, reply, unreplied, escalated);
      countCreated(agent, reply, unreplied, escalated);
      if (reply !== null) day.frt.push(reply);
    }

    if (inSolved) {
      const day = days[window.dayIndex(solvedAt!)]!;
      day.solved++;
      const replies = ticket.replies ?? 0;
      const reopens = ticket.reopens ?? 0;
      const firstResolution = pick.firstResolution(ticket);
      const fullResolution = pick.fullResolution(ticket);
      const requesterWait = pick.requesterWait(ticket);
      const onHold = pick.onHold(ticket);
      const score = ticket.satisfaction;
      const solved: SolvedFacts = { replies, reopens, firstResolution, fullResolution, requesterWait, onHold, score };
      countSolved(team, solved);
      countSolved(agent, solved);
      if (score === 'good') day.csatGood++;
      else if (score === 'bad') day.csatBad++;
    }
  }

  const agents: AgentScorecard[] = [];
  for (const [id, tally] of byAssignee) {
    if (tally.created === 0 && tally.solved === 0 && tally.backlog === 0) continue;
    agents.push({ id, name: id === null ? null : (options.agentNames?.get(id) ?? null), ...tally.toBlock() });
  }
  // By id, unassigned last: stable output for diffs and tests; display order is the UI's choice.
  agents.sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.id - b.id));

  const daily: DailyRow[] = days.map((day, i) => ({
    date: window.labels[i]!,
    created: day.created,
    solved: day.solved,
    frt_median: summarize(day.frt.values()).median,
    csat_good: day.csatGood,
    csat_bad: day.csatBad,
  }));

  return {
    window: { from: isoSeconds(window.from), to: isoSeconds(window.to), tz: window.timeZone },
    hours,
    team: team.toBlock(),
    agents,
    daily,
    ...(extras ? { extras: extras.toExtras() } : {}),
  };
}

/** `2026-10-01T00:00:00Z`: the instant in UTC, without milliseconds, as in METRICS.md. */
function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Whether a ticket can count in a report of this window at all: created in it, solved in it, or
 * unsolved now (the backlog). Every other ticket is skipped by computeReport and ticketsBehind.
 */
export function inPlay(ticket: TicketRecord, window: ReportWindow): boolean {
  return window.contains(ticket.createdAt) || solvedWithin(ticket, window) || isUnsolved(ticket.status);
}

/**
 * The tickets that can count in a report of this window, in their order: a report of them equals
 * a report of all of them. Worth keeping per window when reports of it are made again and again
 * with other filters, since a window of 30 days holds a fraction of a long history.
 */
export function ticketsInPlay(tickets: readonly TicketRecord[], window: ReportWindow): TicketRecord[] {
  return tickets.filter((ticket) => inPlay(ticket, window));
}
