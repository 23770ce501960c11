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
  type SlaDailyRow,
} from './report-types';
import { ArrivalTally } from './arrival-grid';
import { BacklogHealthTally } from './backlog-health';
import { DailyBacklog } from './daily-backlog';
import { VolumeTally } from './volume-trend';
import { SlaTally } from './sla-tally';
import { CsatCommentsTally } from './csat-comments';
import { ContactsTally } from './contacts-to-resolution';
import { periodBuckets } from './period-buckets';
import { SurveyScoresTally, type SurveySettings } from './survey-scores';
import { assigneeAt, type CreditMode, type TicketTimeline, type TicketTimelines } from './ticket-timeline';
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
  /** What the event streams tell about the tickets (version 2); absent, the report is version 1's. */
  timelines?: TicketTimelines;
  /** Who numbers are credited to; default per defaultCredit. */
  credit?: CreditMode;
  /**
   * The instant the report is made, as the data knows it: given, the report adds backlog health,
   * arrivals and volume (METRICS.md, Version 3), whose "right now" must not come from a clock here.
   */
  now?: number;
  /** Also what customers wrote and how often they wrote (METRICS.md, Version 4), in the same pass. */
  voice?: boolean;
  /** The NPS and CES fields (Version 4); with `voice`, each set field adds its key. */
  surveys?: SurveySettings;
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
  /** Only when the input holds metric events. */
  sla: SlaTally | null;

  constructor(withSla: boolean) {
    this.sla = withSla ? new SlaTally() : null;
  }

  /** Nothing was credited here: with credit to actors a scorecard can hold only replies or SLAs. */
  isEmpty(): boolean {
    return (
      this.created === 0 &&
      this.solved === 0 &&
      this.backlog === 0 &&
      this.frt.length === 0 &&
      this.unreplied === 0 &&
      this.csatOffered === 0 &&
      this.csatGood + this.csatBad === 0 &&
      (this.sla === null || this.sla.isEmpty())
    );
  }

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
      ...(this.sla ? { sla: this.sla.toBlock(), sla_active: this.sla.active } : {}),
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

interface SolvedFacts {
  replies: number;
  reopens: number;
  firstResolution: number | null;
  fullResolution: number | null;
  requesterWait: number | null;
  onHold: number | null;
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
}

function countCsat(tally: Tally, score: TicketRecord['satisfaction']): void {
  if (score === 'good') tally.csatGood++;
  else if (score === 'bad') tally.csatBad++;
  if (score === 'good' || score === 'bad' || score === 'offered') tally.csatOffered++;
}

function pushIfPresent(target: ValueBuffer, value: number | null): void {
  if (value !== null) target.push(value);
}

/** Who each number of one ticket is credited to (METRICS.md, Credit). */
export interface Credited {
  replier: number | null;
  creator: number | null;
  solver: number | null;
  rated: number | null;
}

export function creditedPeople(
  ticket: TicketRecord,
  timeline: TicketTimeline | undefined,
  credit: CreditMode,
): Credited {
  const current = ticket.assigneeId;
  if (credit === 'assignee' || timeline === undefined) {
    return { replier: current, creator: current, solver: current, rated: current };
  }
  const people = timeline.people;
  const solver = people ? people.solver : current;
  return {
    replier: people ? people.firstReplier : current,
    creator: people ? people.firstAssignee : current,
    solver,
    rated: timeline.ratedAssignee ?? solver,
  };
}

/** The default of `credit` (METRICS.md, Credit): to the actor when the input holds ticket events. */
export function defaultCredit(timelines: TicketTimelines | undefined): CreditMode {
  return timelines?.ticketEvents ? 'actor' : 'assignee';
}

/**
 * Computes the whole report in one pass over the tickets: each ticket is bucketed into the team
 * tally, the tallies of the people it is credited to and its days, and the statistics are taken
 * per bucket afterwards. Null counts (replies, reopens, group stations) read as 0, as METRICS.md
 * does for replies_per_solved. Without timelines this is exactly the version 1 report.
 */
export function computeReport(tickets: readonly TicketRecord[], options: ReportOptions): Report {
  const { window } = options;
  const hours = options.hours ?? 'calendar';
  const escalation = new EscalationRule(options.escalation ?? DEFAULT_ESCALATION);
  const pick = durationPickers(hours);
  const matchesFilters = filterPredicate(options.filters);
  const timelines = options.timelines;
  const byTicket = timelines?.byTicket;
  const credit = options.credit ?? defaultCredit(timelines);
  const withSla = timelines?.metricEvents === true;
  const backlogByDay = timelines?.ticketEvents ? new DailyBacklog(window) : null;
  const slaByDay: Map<number | null, SlaDayCounts>[] | null = withSla
    ? Array.from({ length: window.days }, () => new Map())
    : null;

  const now = options.now;
  const health =
    now === undefined ? null : new BacklogHealthTally(now, window.from, window.to, !timelines?.ticketEvents);
  const arrivals = now === undefined ? null : new ArrivalTally(window);
  const volume = now === undefined ? null : new VolumeTally(window);
  const ticketEventsRead = timelines?.ticketEvents === true;
  const csatComments = options.voice ? new CsatCommentsTally(ticketEventsRead) : null;
  const contacts = options.voice ? new ContactsTally(ticketEventsRead) : null;
  const surveys =
    options.voice && options.surveys ? new SurveyScoresTally(options.surveys, window, periodBuckets(window)) : null;

  const team = new Tally(withSla);
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
      tally = new Tally(withSla);
      byAssignee.set(assigneeId, tally);
    }
    return tally;
  };

  for (let index = 0; index < tickets.length; index++) {
    const ticket = tickets[index]!;
    if (isExcluded(ticket) || !matchesFilters(ticket)) continue;
    const timeline = byTicket?.get(ticket.id);
    backlogByDay?.add(ticket, timeline?.statuses);
    health?.add(ticket, timeline?.statuses);
    if (withSla && timeline !== undefined) {
      countSlaTargets(ticket, timeline, credit, window, team, tallyFor, slaByDay!);
    }

    const inCreated = window.contains(ticket.createdAt);
    const solvedAt = ticket.solvedAt;
    const inSolved = solvedWithin(ticket, window);
    const inBacklog = isUnsolved(ticket.status);
    // The same test as inPlay, with its parts kept for the counting below.
    if (!inCreated && !inSolved && !inBacklog) continue;

    const current = ticket.assigneeId;
    const agent = tallyFor(current);
    const people = creditedPeople(ticket, timeline, credit);
    const agentFor = (id: number | null): Tally => (id === current ? agent : tallyFor(id));
    extras?.count(ticket, inCreated, inSolved, inCreated ? pick.reply(ticket) : null);
    if (inBacklog) {
      team.backlog++;
      agent.backlog++;
    }

    if (inCreated) {
      const day = days[window.dayIndex(ticket.createdAt)]!;
      day.created++;
      const reply = pick.reply(ticket);
      arrivals?.add(ticket.createdAt, reply);
      volume?.add(ticket.createdAt, ticket.type, ticket.channel);
      const escalated = escalation.isEscalated(ticket);
      const creator = agentFor(people.creator);
      team.created++;
      creator.created++;
      if (escalated) {
        team.escalated++;
        creator.escalated++;
      }
      if (reply !== null) {
        team.frt.push(reply);
        agentFor(people.replier).frt.push(reply);
        day.frt.push(reply);
      } else if (!isSolved(ticket.status)) {
        team.unreplied++;
        agent.unreplied++;
      }
    }

    if (inSolved) {
      const day = days[window.dayIndex(solvedAt!)]!;
      day.solved++;
      const solved: SolvedFacts = {
        replies: ticket.replies ?? 0,
        reopens: ticket.reopens ?? 0,
        firstResolution: pick.firstResolution(ticket),
        fullResolution: pick.fullResolution(ticket),
        requesterWait: pick.requesterWait(ticket),
        onHold: pick.onHold(ticket),
      };
      countSolved(team, solved);
      countSolved(agentFor(people.solver), solved);
      const score = ticket.satisfaction;
      countCsat(team, score);
      countCsat(agentFor(people.rated), score);
      csatComments?.add(ticket, timeline, people.rated);
      contacts?.add(ticket, timeline, people.solver);
      surveys?.add(ticket, people.solver);
      if (score === 'good') day.csatGood++;
      else if (score === 'bad') day.csatBad++;
    }
  }

  const agents: AgentScorecard[] = [];
  for (const [id, tally] of byAssignee) {
    if (tally.isEmpty()) continue;
    agents.push({ id, name: id === null ? null : (options.agentNames?.get(id) ?? null), ...tally.toBlock() });
  }
  // By id, unassigned last: stable output for diffs and tests; display order is the UI's choice.
  agents.sort((a, b) => compareAgentIds(a.id, b.id));

  const backlogs = backlogByDay?.counts();
  const daily: DailyRow[] = days.map((day, i) => ({
    date: window.labels[i]!,
    created: day.created,
    solved: day.solved,
    frt_median: summarize(day.frt.values()).median,
    csat_good: day.csatGood,
    csat_bad: day.csatBad,
    ...(backlogs ? { backlog: backlogs[i]! } : {}),
  }));

  return {
    window: { from: isoSeconds(window.from), to: isoSeconds(window.to), tz: window.timeZone },
    hours,
    ...(timelines ? { credit } : {}),
    team: team.toBlock(),
    agents,
    daily,
    ...(slaByDay ? { sla_daily: slaDailyRows(slaByDay, window) } : {}),
    ...(extras ? { extras: extras.toExtras() } : {}),
    ...(health ? { backlog_health: health.result() } : {}),
    ...(arrivals ? { arrivals: arrivals.result() } : {}),
    ...(volume ? { volume: volume.result() } : {}),
    ...(csatComments ? { csat_comments: csatComments.result() } : {}),
    ...(contacts ? { contacts: contacts.result() } : {}),
    ...(surveys ? surveys.result() : {}),
  };
}

interface SlaDayCounts {
  breached: number;
  achieved: number;
}

/**
 * Counts a ticket's SLA targets: achieved or breached ones whose instant is in the window, for
 * the assignee at that instant (or the current one with credit to assignees), and active ones for
 * the current assignee.
 */
function countSlaTargets(
  ticket: TicketRecord,
  timeline: TicketTimeline,
  credit: CreditMode,
  window: ReportWindow,
  team: Tally,
  tallyFor: (id: number | null) => Tally,
  slaByDay: Map<number | null, SlaDayCounts>[],
): void {
  const targets = timeline.slaTargets;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    if (target.state === 'active' || target.at === null) {
      team.sla!.active++;
      tallyFor(ticket.assigneeId).sla!.active++;
      continue;
    }
    if (!window.contains(target.at)) continue;
    const owner = credit === 'actor' ? assigneeAt(timeline, target.at, ticket.assigneeId) : ticket.assigneeId;
    team.sla!.count(target);
    tallyFor(owner).sla!.count(target);
    const day = slaByDay[window.dayIndex(target.at)]!;
    let counts = day.get(owner);
    if (!counts) {
      counts = { breached: 0, achieved: 0 };
      day.set(owner, counts);
    }
    if (target.state === 'breached') counts.breached++;
    else counts.achieved++;
  }
}

function slaDailyRows(slaByDay: Map<number | null, SlaDayCounts>[], window: ReportWindow): SlaDailyRow[] {
  const rows: SlaDailyRow[] = [];
  slaByDay.forEach((byAgent, day) => {
    for (const agentId of [...byAgent.keys()].sort(compareAgentIds)) {
      const counts = byAgent.get(agentId)!;
      rows.push({ date: window.labels[day]!, agent_id: agentId, breached: counts.breached, achieved: counts.achieved });
    }
  });
  return rows;
}

/** By id, unassigned (null) last. */
function compareAgentIds(a: number | null, b: number | null): number {
  return a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;
}

/** `2026-10-01T00:00:00Z`: the instant in UTC, without milliseconds, as in METRICS.md. */
function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Whether a ticket can count in a report of this window at all: created in it, solved in it, or
 * unsolved now (the backlog); with events also unsolved during it (the backlog per day), or with
 * an SLA target active or counted in it. Every other ticket is skipped by computeReport and ticketsBehind.
 */
export function inPlay(
  ticket: TicketRecord,
  window: ReportWindow,
  timelines?: TicketTimelines,
  backlogEdges = false,
): boolean {
  if (window.contains(ticket.createdAt) || solvedWithin(ticket, window) || isUnsolved(ticket.status)) return true;
  // Backlog health's start and end without events: unsolved from creation until solved_at, which on
  // a past window can fall after its end.
  if (
    backlogEdges &&
    !timelines?.ticketEvents &&
    ticket.createdAt < window.to &&
    (ticket.solvedAt ?? -Infinity) >= window.from
  )
    return true;
  if (timelines === undefined) return false;
  const timeline = timelines.byTicket.get(ticket.id);
  if (timelines.metricEvents && timeline !== undefined) {
    for (const target of timeline.slaTargets) {
      if (target.at === null || target.state === 'active' || window.contains(target.at)) return true;
    }
  }
  return timelines.ticketEvents && ticket.createdAt < window.to && unsolvedDuring(ticket, timeline, window);
}

/** Whether the ticket was unsolved at some instant of the window, by its statuses (else its solve). */
function unsolvedDuring(ticket: TicketRecord, timeline: TicketTimeline | undefined, window: ReportWindow): boolean {
  const statuses = timeline?.statuses;
  if (statuses === undefined || statuses.length === 0)
    return ticket.solvedAt !== null && ticket.solvedAt >= window.from;
  for (let i = 0; i < statuses.length; i++) {
    if (!isUnsolved(statuses[i]!.status)) continue;
    // The same stretches as DailyBacklog.add: the first status holds from the ticket's creation.
    const since = i === 0 ? ticket.createdAt : Math.max(statuses[i]!.at, ticket.createdAt);
    const until = i + 1 < statuses.length ? statuses[i + 1]!.at : Infinity;
    if (until >= window.from && since < window.to) return true;
  }
  return false;
}

/**
 * The tickets that can count in a report of this window, in their order: a report of them equals
 * a report of all of them. Worth keeping per window when reports of it are made again and again
 * with other filters, since a window of 30 days holds a fraction of a long history.
 */
export function ticketsInPlay(
  tickets: readonly TicketRecord[],
  window: ReportWindow,
  timelines?: TicketTimelines,
  /** For a report given `now`: also the tickets its backlog at the window's start or end counts. */
  backlogEdges = false,
): TicketRecord[] {
  return tickets.filter((ticket) => inPlay(ticket, window, timelines, backlogEdges));
}
