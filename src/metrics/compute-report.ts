import { rate, summarize, ValueBuffer } from './aggregates';
import { EscalationRule } from './escalation';
import type { AgentScorecard, DailyRow, MetricBlock, Report } from './report-types';
import type { ReportWindow } from './report-window';
import { DEFAULT_ESCALATION, type EscalationSettings, type HoursMode, type ReportFilters } from './settings';
import { isExcluded, isSolved, isUnsolved, type TicketRecord } from './ticket-record';

export interface ReportOptions {
  window: ReportWindow;
  hours?: HoursMode;
  escalation?: EscalationSettings;
  filters?: ReportFilters;
  /** Display names by user id, from the users the input holds. */
  agentNames?: ReadonlyMap<number, string>;
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

type Picker = (ticket: TicketRecord) => number | null;

const CALENDAR_PICKERS = {
  reply: (t: TicketRecord) => t.replyTimeCalendar,
  firstResolution: (t: TicketRecord) => t.firstResolutionCalendar,
  fullResolution: (t: TicketRecord) => t.fullResolutionCalendar,
  requesterWait: (t: TicketRecord) => t.requesterWaitCalendar,
  onHold: (t: TicketRecord) => t.onHoldCalendar,
} satisfies Record<string, Picker>;

const BUSINESS_PICKERS: typeof CALENDAR_PICKERS = {
  reply: (t) => t.replyTimeBusiness,
  firstResolution: (t) => t.firstResolutionBusiness,
  fullResolution: (t) => t.fullResolutionBusiness,
  requesterWait: (t) => t.requesterWaitBusiness,
  onHold: (t) => t.onHoldBusiness,
};

function pushIfPresent(target: ValueBuffer, value: number | null): void {
  if (value !== null) target.push(value);
}

/** A filter list as a set, or null when it does not restrict anything. */
function toSet<T>(values: readonly T[] | undefined): ReadonlySet<T> | null {
  return values && values.length > 0 ? new Set(values) : null;
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
  const pick = hours === 'business' ? BUSINESS_PICKERS : CALENDAR_PICKERS;
  const filters = options.filters ?? {};
  const groupFilter = toSet(filters.groupIds);
  const brandFilter = toSet(filters.brandIds);
  const channelFilter = toSet(filters.channels);
  const typeFilter = toSet(filters.types);
  const priorityFilter = toSet(filters.priorities);

  const team = new Tally();
  const byAssignee = new Map<number | null, Tally>();
  const days: DayTally[] = Array.from({ length: window.days }, () => ({
    created: 0, solved: 0, frt: new ValueBuffer(), csatGood: 0, csatBad: 0,
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
    if (isExcluded(ticket)) continue;
    if (groupFilter && !groupFilter.has(ticket.groupId)) continue;
    if (brandFilter && !brandFilter.has(ticket.brandId)) continue;
    if (channelFilter && !channelFilter.has(ticket.channel)) continue;
    if (typeFilter && !typeFilter.has(ticket.type)) continue;
    if (priorityFilter && !priorityFilter.has(ticket.priority)) continue;

    const inCreated = window.contains(ticket.createdAt);
    const solvedAt = ticket.solvedAt;
    const inSolved = isSolved(ticket.status) && solvedAt !== null && window.contains(solvedAt);
    const inBacklog = isUnsolved(ticket.status);
    if (!inCreated && !inSolved && !inBacklog) continue;

    const agent = tallyFor(ticket.assigneeId);
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
      const day = days[window.dayIndex(solvedAt)]!;
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
  };
}

/** `2026-10-01T00:00:00Z`: the instant in UTC, without milliseconds, as in METRICS.md. */
function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
