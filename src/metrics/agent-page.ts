import { summarize, ValueBuffer } from './aggregates';
import { creditedPeople, defaultCredit, type ReportOptions } from './compute-report';
import { CsatCommentsTally, type RatingRow } from './csat-comments';
import { durationPickers } from './duration-pickers';
import { bucketOf, periodBuckets } from './period-buckets';
import { filterPredicate } from './report-filters';
import { isExcluded, isUnsolved, solvedWithin, type TicketRecord, type TicketStatus } from './ticket-record';
import { assigneeAt } from './ticket-timeline';
import type { Granularity } from './volume-trend';

/**
 * One agent's page (METRICS.md, Version 4): their period against the team's, bucket by bucket,
 * what they have open now, and their bad ratings. Computed when the page is opened, in a pass of
 * its own, with each number credited as the scorecards credit it.
 */

export interface TrendPoint {
  solved: number;
  frt_median: number | null;
  full_resolution_median: number | null;
  csat_good: number;
  csat_bad: number;
  /** With metric events only. */
  sla_achieved?: number;
  sla_breached?: number;
}

export interface AgentTrendRow {
  start: string;
  days: number;
  agent: TrendPoint;
  team: TrendPoint;
}

export interface AgentOpenTicket {
  id: number;
  created_at: string;
  status: TicketStatus;
  group_id: number | null;
}

export interface AgentPage {
  /** The scorecard's id; null for the unassigned tickets. */
  agent_id: number | null;
  granularity: Granularity;
  trend: AgentTrendRow[];
  /** The agent's unsolved tickets now, oldest first (ties by id). */
  open: AgentOpenTicket[];
  /** The agent's ratings scored bad, newest first, with what the customer wrote. */
  bad_ratings: RatingRow[];
}

class PointTally {
  solved = 0;
  frt = new ValueBuffer();
  fullResolution = new ValueBuffer();
  csatGood = 0;
  csatBad = 0;
  slaAchieved = 0;
  slaBreached = 0;

  point(withSla: boolean): TrendPoint {
    return {
      solved: this.solved,
      frt_median: summarize(this.frt.values()).median,
      full_resolution_median: summarize(this.fullResolution.values()).median,
      csat_good: this.csatGood,
      csat_bad: this.csatBad,
      ...(withSla ? { sla_achieved: this.slaAchieved, sla_breached: this.slaBreached } : {}),
    };
  }
}

export function agentPage(tickets: readonly TicketRecord[], options: ReportOptions, agentId: number | null): AgentPage {
  const { window } = options;
  const period = periodBuckets(window);
  const pick = durationPickers(options.hours ?? 'calendar');
  const matches = filterPredicate(options.filters);
  const timelines = options.timelines;
  const credit = options.credit ?? defaultCredit(timelines);
  const withSla = timelines?.metricEvents === true;
  const team = period.buckets.map(() => new PointTally());
  const agent = period.buckets.map(() => new PointTally());
  const ratings = new CsatCommentsTally(timelines?.ticketEvents === true);
  const open: TicketRecord[] = [];

  for (const ticket of tickets) {
    if (isExcluded(ticket) || !matches(ticket)) continue;
    const timeline = timelines?.byTicket.get(ticket.id);
    const people = creditedPeople(ticket, timeline, credit);
    if (isUnsolved(ticket.status) && ticket.assigneeId === agentId) open.push(ticket);

    if (window.contains(ticket.createdAt)) {
      const reply = pick.reply(ticket);
      if (reply !== null) {
        const bucket = bucketOf(period, window, ticket.createdAt);
        team[bucket]!.frt.push(reply);
        if (people.replier === agentId) agent[bucket]!.frt.push(reply);
      }
    }
    if (solvedWithin(ticket, window)) {
      const bucket = bucketOf(period, window, ticket.solvedAt!);
      const full = pick.fullResolution(ticket);
      const score = ticket.satisfaction;
      const targets = people.solver === agentId ? [team[bucket]!, agent[bucket]!] : [team[bucket]!];
      for (const tally of targets) {
        tally.solved++;
        if (full !== null) tally.fullResolution.push(full);
      }
      const rated = people.rated === agentId ? [team[bucket]!, agent[bucket]!] : [team[bucket]!];
      for (const tally of rated) {
        if (score === 'good') tally.csatGood++;
        else if (score === 'bad') tally.csatBad++;
      }
      if (people.rated === agentId) ratings.add(ticket, timeline, agentId);
    }
    if (withSla && timeline !== undefined) {
      for (const target of timeline.slaTargets) {
        if (target.state === 'active' || target.at === null || !window.contains(target.at)) continue;
        const owner = credit === 'actor' ? assigneeAt(timeline, target.at, ticket.assigneeId) : ticket.assigneeId;
        const bucket = bucketOf(period, window, target.at);
        for (const tally of owner === agentId ? [team[bucket]!, agent[bucket]!] : [team[bucket]!]) {
          if (target.state === 'breached') tally.slaBreached++;
          else tally.slaAchieved++;
        }
      }
    }
  }

  open.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return {
    agent_id: agentId,
    granularity: period.granularity,
    trend: period.buckets.map((bucket, i) => ({
      start: bucket.start,
      days: bucket.days,
      agent: agent[i]!.point(withSla),
      team: team[i]!.point(withSla),
    })),
    open: open.map((ticket) => ({
      id: ticket.id,
      created_at: new Date(ticket.createdAt).toISOString().replace('.000Z', 'Z'),
      status: ticket.status,
      group_id: ticket.groupId,
    })),
    bad_ratings: ratings.result().ratings.filter((row) => row.score === 'bad'),
  };
}
