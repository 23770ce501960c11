import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedAccount } from '../../src/emulator/seed-account';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import {
  currentState,
  deriveMetrics,
  SYSTEM_AUTHOR,
  type TicketChanges,
  type TicketHistory,
  type TicketUpdate,
} from '../../src/emulator/ticket-history';
import { iso } from '../../src/emulator/zendesk-objects';
import { HOUR, NOW, smallData, type Json } from './support';

/**
 * What the emulator serves about a ticket (its fields, metric set, audits and metric events) must
 * tell one story. For every visible ticket of a seeded account: rebuild the ticket's updates from
 * its audits alone, recompute the metric set, and compare; and check the metric events against
 * the comments and status changes the audits show.
 */

interface AuditEvent {
  id: number;
  type: string;
  field_name?: string;
  value?: unknown;
  previous_value?: unknown;
  public?: boolean;
  body?: string;
  author_id?: number;
}
interface Audit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  events: AuditEvent[];
}
interface MetricEvent {
  id: number;
  ticket_id: number;
  metric: string;
  type: string;
  time: string;
  sla?: { target: number; business_hours: boolean; policy: { id: number } };
}

const FIELD_OF_EVENT: Record<string, keyof TicketChanges> = {
  status: 'status',
  group_id: 'group_id',
  assignee_id: 'assignee_id',
  tags: 'tags',
  satisfaction_score: 'satisfaction',
};

/** The ticket's updates as the audits record them: Create/Change events and Comment events. */
function updatesFromAudits(audits: Audit[]): TicketUpdate[] {
  return audits.map((audit, index) => {
    const changes: Record<string, unknown> = {};
    let comment: TicketUpdate['comment'];
    for (const event of audit.events) {
      if (event.type === 'Comment') {
        comment = { public: event.public!, body: event.body! };
        expect(event.author_id).toBe(audit.author_id);
      } else {
        expect(event.type).toBe(index === 0 ? 'Create' : 'Change');
        const field = FIELD_OF_EVENT[event.field_name!];
        expect(field, `unknown field ${event.field_name}`).toBeDefined();
        changes[field!] = event.value;
      }
    }
    return {
      at: Date.parse(audit.created_at),
      authorId: audit.author_id,
      changes: changes as TicketChanges,
      ...(comment ? { comment } : {}),
    };
  });
}

function metricSetOf(history: TicketHistory, account: SeedAccount): Json {
  const m = deriveMetrics(history, account.schedule);
  return {
    ticket_id: history.id,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    group_stations: m.groupStations,
    assignee_stations: m.assigneeStations,
    reopens: m.reopens,
    replies: m.replies,
    assignee_updated_at: iso(m.assigneeUpdatedAt),
    requester_updated_at: iso(m.requesterUpdatedAt),
    status_updated_at: iso(m.statusUpdatedAt),
    initially_assigned_at: iso(m.initiallyAssignedAt),
    assigned_at: iso(m.assignedAt),
    solved_at: iso(m.solvedAt),
    latest_comment_added_at: iso(m.latestCommentAddedAt),
    reply_time_in_minutes: m.replyTime,
    first_resolution_time_in_minutes: m.firstResolutionTime,
    full_resolution_time_in_minutes: m.fullResolutionTime,
    agent_wait_time_in_minutes: m.agentWaitTime,
    requester_wait_time_in_minutes: m.requesterWaitTime,
    on_hold_time_in_minutes: m.onHoldTime,
  };
}

interface Findings {
  checked: number;
  /** Differences between the served metric set and the one rebuilt from the audits. */
  metricSet: string[];
  /** Differences between the served ticket fields and the audits. */
  fields: string[];
  /** Metric events that do not match the audits. */
  events: string[];
  breaches: number;
  fulfilled: number;
}

function check(seed: number, asOf: number): Findings {
  const { account } = smallData(seed);
  const data = new SimulatedAccountData(account);
  const findings: Findings = { checked: 0, metricSet: [], fields: [], events: [], breaches: 0, fulfilled: 0 };
  for (const version of data.allTickets(asOf)) {
    findings.checked++;
    const { ticket, metricSet } = version;
    const audits = data.audits(version.id, asOf) as unknown as Audit[];
    const events = data.metricEvents(version.id, asOf) as unknown as MetricEvent[];
    const requesterId = ticket['requester_id'] as number;
    const rebuilt: TicketHistory = {
      id: version.id,
      requesterId,
      channel: String((ticket['via'] as { channel: string }).channel),
      brandId: ticket['brand_id'] as number,
      type: ticket['type'] as string | null,
      priority: ticket['priority'] as string | null,
      subject: String(ticket['subject']),
      updates: updatesFromAudits(audits),
    };

    // 1. The metric set, recomputed from the audits.
    const expected = metricSetOf(rebuilt, account);
    for (const [key, value] of Object.entries(expected)) {
      if (JSON.stringify(metricSet![key]) !== JSON.stringify(value)) {
        findings.metricSet.push(
          `ticket ${version.id} ${key}: served ${JSON.stringify(metricSet![key])}, audits give ${JSON.stringify(value)}`,
        );
      }
    }

    // 2. The ticket's fields.
    const state = currentState(rebuilt);
    const score = (ticket['satisfaction_rating'] as { score?: string } | null)?.score ?? null;
    const fieldChecks: [string, unknown, unknown][] = [
      ['status', ticket['status'], state.status],
      ['group_id', ticket['group_id'], state.groupId],
      ['assignee_id', ticket['assignee_id'], state.assigneeId],
      ['tags', ticket['tags'], state.tags],
      ['satisfaction', score === 'unoffered' ? null : score, state.satisfaction],
      ['created_at', ticket['created_at'], audits[0]!.created_at],
      ['updated_at', ticket['updated_at'], audits[audits.length - 1]!.created_at],
      [
        'generated_timestamp',
        ticket['generated_timestamp'],
        Math.floor(Date.parse(audits[audits.length - 1]!.created_at) / 1000),
      ],
      ['description', ticket['description'], audits[0]!.events.find((e) => e.type === 'Comment')?.body],
    ];
    for (const [name, served, fromAudits] of fieldChecks) {
      if (JSON.stringify(served) !== JSON.stringify(fromAudits)) {
        findings.fields.push(
          `ticket ${version.id} ${name}: served ${JSON.stringify(served)}, audits give ${JSON.stringify(fromAudits)}`,
        );
      }
    }
    if (score === 'unoffered' && !['solved', 'closed'].includes(String(ticket['status'])))
      findings.fields.push(`ticket ${version.id}: unoffered but unsolved`);

    // 3. Metric events.
    const problem = (text: string) => findings.events.push(`ticket ${version.id}: ${text}`);
    const of = (metric: string, type: string) => events.filter((e) => e.metric === metric && e.type === type);
    const created = Date.parse(audits[0]!.created_at);
    const firstReply = audits.find(
      (a) =>
        a.author_id !== requesterId &&
        a.author_id !== SYSTEM_AUTHOR &&
        a.events.some((e) => e.type === 'Comment' && e.public),
    );
    const target = account.slaPolicy.firstReplyMinutesByPriority[String(ticket['priority'] ?? 'normal')]!;

    if (
      of('reply_time', 'activate')
        .map((e) => e.time)
        .join() !== audits[0]!.created_at
    )
      problem('reply_time activate is not at creation');
    const apply = of('reply_time', 'apply_sla');
    if (
      apply.length !== 1 ||
      apply[0]!.time !== audits[0]!.created_at ||
      apply[0]!.sla?.target !== target ||
      apply[0]!.sla.policy.id !== account.slaPolicy.id
    ) {
      problem(`reply_time apply_sla ${JSON.stringify(apply)} does not apply the ${target}-minute target at creation`);
    }
    const fulfill = of('reply_time', 'fulfill');
    if (firstReply) {
      findings.fulfilled++;
      if (fulfill.length !== 1 || fulfill[0]!.time !== firstReply.created_at)
        problem(
          `reply_time fulfill ${JSON.stringify(fulfill.map((e) => e.time))}, first public agent comment at ${firstReply.created_at}`,
        );
    } else if (fulfill.length !== 0) problem('reply_time fulfilled without a public agent comment');

    const breachAt = account.schedule.addBusinessMinutes(created, target);
    expect(account.schedule.businessMinutes(created, breachAt)).toBe(target);
    const repliedAt = firstReply ? Date.parse(firstReply.created_at) : null;
    const shouldBreach = repliedAt === null ? breachAt <= asOf : repliedAt > breachAt;
    const breach = of('reply_time', 'breach');
    if (shouldBreach) findings.breaches++;
    if (breach.length !== (shouldBreach ? 1 : 0))
      problem(
        `reply_time breach ${breach.length} events, expected ${shouldBreach ? 1 : 0} (target ${target}, breach at ${iso(breachAt)}, reply ${iso(repliedAt)})`,
      );
    if (breach.length === 1 && breach[0]!.time !== iso(breachAt))
      problem(`breach at ${breach[0]!.time}, target passed at ${iso(breachAt)}`);
    // The metric set tells the same: a breached, answered ticket took at least the target in business minutes.
    const business = (metricSet!['reply_time_in_minutes'] as { business: number | null }).business;
    if (repliedAt !== null && shouldBreach && business! < target)
      problem(`breached but reply_time business ${business} < ${target}`);
    if (repliedAt !== null && !shouldBreach && business! > target)
      problem(`not breached but reply_time business ${business} > ${target}`);

    // Requester wait: activate when the status enters new/open/hold, pause on pending, fulfill on solved/closed.
    const statusChanges = audits.flatMap((a) =>
      a.events.filter((e) => e.field_name === 'status').map((e) => ({ at: a.created_at, status: String(e.value) })),
    );
    const expectedWait: string[] = [];
    let waiting = false;
    for (const { at, status } of statusChanges) {
      const nowWaiting = status === 'new' || status === 'open' || status === 'hold';
      if (nowWaiting && !waiting) expectedWait.push(`activate@${at}`);
      if (!nowWaiting && waiting)
        expectedWait.push(`${status === 'solved' || status === 'closed' ? 'fulfill' : 'pause'}@${at}`);
      waiting = nowWaiting;
    }
    const actualWait = events
      .filter((e) => e.metric === 'requester_wait_time' && ['activate', 'pause', 'fulfill'].includes(e.type))
      .map((e) => `${e.type}@${e.time}`);
    if (actualWait.join() !== expectedWait.join())
      problem(`requester_wait ${actualWait.join()} vs status changes ${expectedWait.join()}`);
    if (of('requester_wait_time', 'update_status').length !== statusChanges.length)
      problem('one update_status per status change expected');

    // Events are in time order, belong to the ticket, and have unique ids.
    if (events.some((e, i) => e.ticket_id !== version.id || (i > 0 && e.time < events[i - 1]!.time)))
      problem('events out of order or of another ticket');
    if (new Set(events.map((e) => e.id)).size !== events.length) problem('duplicate event ids');
    if (events.some((e) => Date.parse(e.time) > asOf)) problem('an event in the future');
  }
  return findings;
}

describe('served data agrees with itself (every visible ticket)', () => {
  const seeds: [number, number][] = [
    [3, NOW],
    [3, NOW - 3 * 86_400_000 + 7 * HOUR],
    [11, NOW],
  ];
  for (const [seed, asOf] of seeds) {
    describe(`seed ${seed} as of ${iso(asOf)}`, () => {
      let findings: Findings;
      beforeAll(() => {
        findings = check(seed, asOf);
      });

      it('covers a meaningful sample', () => {
        expect(findings.checked).toBeGreaterThan(450);
        expect(findings.fulfilled).toBeGreaterThan(400);
        expect(findings.breaches).toBeGreaterThan(5);
      });

      it('serves ticket fields that match the audits', () => {
        expect(findings.fields).toEqual([]);
      });

      it('serves metric events that match the audits (reply time, SLA breach, requester wait)', () => {
        expect(findings.events).toEqual([]);
      });

      it('serves the metric set that the audits give when recomputed with deriveMetrics', () => {
        expect(findings.metricSet).toEqual([]);
      });
    });
  }
});
