import type { SatisfactionScore, TicketRecord, TicketStatus } from '../src/metrics/ticket-record';

import { Random } from '../src/emulator/random';

const CHANNELS = ['email', 'web', 'chat', 'api', 'voice'];
const TAG_SETS: readonly (readonly string[])[] = [
  [],
  [],
  [],
  ['vip'],
  ['escalated'],
  ['billing'],
  ['billing', 'escalated'],
];
const STATUSES: TicketStatus[] = ['solved', 'solved', 'solved', 'closed', 'closed', 'open', 'pending', 'new', 'hold'];
const SETTLED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);
const SCORES: (SatisfactionScore | null)[] = ['good', 'good', 'good', 'bad', 'offered', 'unoffered', null, null];

/**
 * `count` tickets created over `days` days before `end`, for 30 agents in 5 groups. With
 * `settledBefore` (epoch ms), as an account's long history is: all but 1% of the tickets created
 * before it are solved or closed (by default any ticket is unsolved as often as a recent one).
 */
export function syntheticTickets(
  count: number,
  end = Date.parse('2026-11-01T00:00:00Z'),
  days = 120,
  seed = 42,
  { settledBefore, firstId = 1 }: { settledBefore?: number; firstId?: number } = {},
): TicketRecord[] {
  const generator = new Random(seed);
  const random = () => generator.next();
  const pick = <T>(items: readonly T[]): T => generator.pick(items);
  const span = days * 86_400_000;
  const tickets: TicketRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const createdAt = end - span + Math.floor(random() * span);
    let status = pick(STATUSES);
    if (settledBefore !== undefined && createdAt < settledBefore && random() < 0.99 && !SETTLED.has(status))
      status = random() < 0.5 ? 'solved' : 'closed';
    const solved = status === 'solved' || status === 'closed';
    const reply = random() < 0.9 ? Math.floor(-Math.log(1 - random()) * 90) : null;
    const resolution = Math.floor(-Math.log(1 - random()) * 2000) + (reply ?? 0);
    const replies = Math.floor(random() * 4);
    tickets[i] = {
      id: firstId + i,
      createdAt,
      status,
      assigneeId: random() < 0.05 ? null : 1000 + Math.floor(random() * 30),
      groupId: 100 + Math.floor(random() * 5),
      brandId: 1 + Math.floor(random() * 2),
      channel: pick(CHANNELS),
      type: pick(['question', 'incident', 'problem', 'task', null]),
      priority: pick(['low', 'normal', 'normal', 'high', 'urgent', null]),
      tags: pick(TAG_SETS),
      satisfaction: solved ? pick(SCORES) : null,
      solvedAt: solved ? createdAt + resolution * 60_000 : null,
      replies,
      reopens: random() < 0.1 ? 1 : 0,
      groupStations: random() < 0.15 ? 2 : 1,
      assigneeStations: 1 + Math.floor(random() * 2),
      replyTimeCalendar: reply,
      replyTimeBusiness: reply === null ? null : Math.floor(reply * 0.6),
      firstResolutionCalendar: solved ? resolution : null,
      firstResolutionBusiness: solved ? Math.floor(resolution * 0.4) : null,
      fullResolutionCalendar: solved ? resolution : null,
      fullResolutionBusiness: solved ? Math.floor(resolution * 0.4) : null,
      requesterWaitCalendar: solved ? Math.floor(resolution * 0.7) : null,
      requesterWaitBusiness: solved ? Math.floor(resolution * 0.3) : null,
      agentWaitCalendar: solved ? Math.floor(resolution * 0.2) : null,
      agentWaitBusiness: solved ? Math.floor(resolution * 0.1) : null,
      onHoldCalendar: solved ? (random() < 0.1 ? Math.floor(random() * 600) : 0) : null,
      onHoldBusiness: solved ? 0 : null,
    };
  }
  return tickets;
}
