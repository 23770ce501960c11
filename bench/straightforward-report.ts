import type { DurationSummary, Rate } from '../src/metrics/aggregates';
import type { AgentScorecard, DailyRow, MetricBlock, Report } from '../src/metrics/report-types';
import type { ReportWindow } from '../src/metrics/report-window';
import type { EscalationSettings, HoursMode } from '../src/metrics/settings';
import type { TicketRecord } from '../src/metrics/ticket-record';

/**
 * The obvious way to compute the report: read METRICS.md line by line, filter the tickets and sort
 * the values for every metric and every agent. It is the yardstick in `npm run bench` and, being
 * written independently of the engine, the oracle in the engine's property tests.
 */

function stats(values: number[]): DurationSummary {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  if (n === 0) return { n: 0, median: null, p90: null, mean: null };
  const median = n % 2 === 1 ? x[(n + 1) / 2 - 1]! : (x[n / 2 - 1]! + x[n / 2]!) / 2;
  const p90 = x[Math.ceil(Number((0.9 * n).toFixed(9))) - 1]!; // toFixed drops the float error of 0.9 * n
  return { n, median, p90, mean: x.reduce((sum, value) => sum + value, 0) / n };
}

function ratio(numerator: number, denominator: number): Rate {
  return { rate: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

function durations(tickets: TicketRecord[], read: (t: TicketRecord) => number | null): DurationSummary {
  return stats(tickets.map(read).filter((value): value is number => value !== null));
}

function block(
  all: TicketRecord[],
  window: ReportWindow,
  hours: HoursMode,
  escalation: EscalationSettings,
): MetricBlock {
  const business = hours === 'business';
  const created = all.filter((t) => t.createdAt >= window.from && t.createdAt < window.to);
  const solved = all.filter(
    (t) =>
      (t.status === 'solved' || t.status === 'closed') &&
      t.solvedAt !== null &&
      t.solvedAt >= window.from &&
      t.solvedAt < window.to,
  );
  const backlog = all.filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
  const replyOf = (t: TicketRecord) => (business ? t.replyTimeBusiness : t.replyTimeCalendar);
  const withReply = solved.filter((t) => (t.replies ?? 0) >= 1);
  const isEscalated = (t: TicketRecord) =>
    (escalation.minGroupStations > 0 && (t.groupStations ?? 0) >= escalation.minGroupStations) ||
    t.tags.some((tag) => escalation.tags.includes(tag)) ||
    (t.groupId !== null && escalation.groupIds.includes(t.groupId));
  const good = solved.filter((t) => t.satisfaction === 'good').length;
  const bad = solved.filter((t) => t.satisfaction === 'bad').length;
  return {
    created: created.length,
    solved: solved.length,
    backlog: backlog.length,
    frt: {
      ...durations(created, replyOf),
      unreplied: created.filter((t) => replyOf(t) === null && t.status !== 'solved' && t.status !== 'closed').length,
    },
    first_resolution: durations(solved, (t) => (business ? t.firstResolutionBusiness : t.firstResolutionCalendar)),
    full_resolution: durations(solved, (t) => (business ? t.fullResolutionBusiness : t.fullResolutionCalendar)),
    requester_wait: durations(solved, (t) => (business ? t.requesterWaitBusiness : t.requesterWaitCalendar)),
    on_hold: durations(solved, (t) => (business ? t.onHoldBusiness : t.onHoldCalendar)),
    fcr: ratio(withReply.filter((t) => t.replies === 1 && (t.reopens ?? 0) === 0).length, withReply.length),
    one_touch: ratio(solved.filter((t) => (t.replies ?? 0) < 2).length, solved.length),
    reopen: ratio(solved.filter((t) => (t.reopens ?? 0) > 0).length, solved.length),
    escalation: ratio(created.filter(isEscalated).length, created.length),
    csat: {
      ...ratio(good, good + bad),
      offered: solved.filter(
        (t) => t.satisfaction === 'offered' || t.satisfaction === 'good' || t.satisfaction === 'bad',
      ).length,
    },
    replies_per_solved:
      solved.length === 0 ? null : solved.reduce((sum, t) => sum + (t.replies ?? 0), 0) / solved.length,
  };
}

export function straightforwardReport(
  tickets: readonly TicketRecord[],
  window: ReportWindow,
  hours: HoursMode,
  escalation: EscalationSettings,
  agentNames: ReadonlyMap<number, string> = new Map(),
): Report {
  const kept = tickets.filter((t) => t.status !== 'deleted' && !t.tags.includes('closed_by_merge'));
  const assignees = [...new Set(kept.map((t) => t.assigneeId))];
  const agents: AgentScorecard[] = assignees
    .map((id) => ({
      id,
      name: id === null ? null : (agentNames.get(id) ?? null),
      ...block(
        kept.filter((t) => t.assigneeId === id),
        window,
        hours,
        escalation,
      ),
    }))
    .filter((agent) => agent.created > 0 || agent.solved > 0 || agent.backlog > 0)
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.id - b.id));
  const daily: DailyRow[] = window.labels.map((date, i) => {
    const start = window.starts[i]!;
    const end = window.starts[i + 1]!;
    const created = kept.filter((t) => t.createdAt >= start && t.createdAt < end);
    const solved = kept.filter(
      (t) =>
        (t.status === 'solved' || t.status === 'closed') &&
        t.solvedAt !== null &&
        t.solvedAt >= start &&
        t.solvedAt < end,
    );
    return {
      date,
      created: created.length,
      solved: solved.length,
      frt_median: durations(created, (t) => (hours === 'business' ? t.replyTimeBusiness : t.replyTimeCalendar)).median,
      csat_good: solved.filter((t) => t.satisfaction === 'good').length,
      csat_bad: solved.filter((t) => t.satisfaction === 'bad').length,
    };
  });
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    window: { from: iso(window.from), to: iso(window.to), tz: window.timeZone },
    hours,
    team: block(kept, window, hours, escalation),
    agents,
    daily,
  };
}
