import { describe, expect, it } from 'vitest';
import { BusinessSchedule, weekdayIntervals } from '../../src/emulator/business-schedule';
import {
  currentState,
  deriveMetrics,
  SYSTEM_AUTHOR,
  type TicketChanges,
  type TicketHistory,
  type TicketUpdate,
} from '../../src/emulator/ticket-history';

/**
 * deriveMetrics on hand-built histories, every number worked out by hand for Mon–Fri 09:00–17:00
 * America/New_York. November 2026 is EST (UTC−5): 09:00 local is 14:00Z, 17:00 is 22:00Z.
 * Monday 16 November 2026 … Sunday 22 November 2026.
 */

const at = (iso: string) => Date.parse(iso);
const schedule = BusinessSchedule.covering(
  { id: 1, name: 'Support hours', time_zone: 'America/New_York', intervals: weekdayIntervals() },
  at('2026-10-01T00:00:00Z'),
  at('2026-12-31T00:00:00Z'),
);

const REQUESTER = 500;
const ANA = 10;
const BO = 11;
const TIER1 = 1;
const TIER2 = 2;

function update(
  iso: string,
  authorId: number,
  changes: TicketChanges,
  comment?: { public: boolean; body?: string },
): TicketUpdate {
  return {
    at: at(iso),
    authorId,
    changes,
    ...(comment ? { comment: { public: comment.public, body: comment.body ?? 'text' } } : {}),
  };
}

function history(updates: TicketUpdate[]): TicketHistory {
  return {
    id: 1,
    requesterId: REQUESTER,
    channel: 'email',
    brandId: 1,
    type: 'question',
    priority: 'normal',
    subject: 'Help',
    updates,
  };
}

/** A full life: reply, pending, escalation, hold, solve, reopen, solve again, close. */
const fullLife = history([
  update(
    '2026-11-16T14:00:00Z',
    REQUESTER,
    { status: 'new', group_id: TIER1, assignee_id: null, tags: ['async'] },
    { public: true },
  ), // Mon 09:00
  update('2026-11-16T14:30:00Z', ANA, { status: 'open', assignee_id: ANA }, { public: false }), // private note: not a reply
  update('2026-11-16T15:00:00Z', ANA, { status: 'pending' }, { public: true }), // first reply, 10:00
  update('2026-11-16T17:00:00Z', REQUESTER, { status: 'open' }, { public: true }), // requester answers at 12:00
  update('2026-11-16T18:00:00Z', ANA, { group_id: TIER2, assignee_id: BO }), // escalated at 13:00
  update('2026-11-16T19:00:00Z', BO, { status: 'hold' }), // on hold at 14:00
  update('2026-11-17T15:00:00Z', BO, { status: 'solved' }, { public: true }), // Tue 10:00, first solve
  update('2026-11-18T15:00:00Z', REQUESTER, { status: 'open' }, { public: true }), // Wed 10:00, reopened
  update('2026-11-18T16:00:00Z', BO, { status: 'solved' }, { public: true }), // Wed 11:00, solved again
  update('2026-11-22T16:00:00Z', SYSTEM_AUTHOR, { status: 'closed' }), // Sun, closed by automation
]);

describe('deriveMetrics: a full ticket life', () => {
  const metrics = deriveMetrics(fullLife, schedule);

  it('counts replies (public comments by others than the requester), reopens and stations', () => {
    expect(metrics.replies).toBe(3);
    expect(metrics.reopens).toBe(1);
    expect(metrics.groupStations).toBe(2);
    expect(metrics.assigneeStations).toBe(2);
  });

  it('times the first reply from creation to the first public agent comment', () => {
    expect(metrics.firstReplyAt).toBe(at('2026-11-16T15:00:00Z'));
    expect(metrics.replyTime).toEqual({ calendar: 60, business: 60 });
  });

  it('times first and full resolution to the first and the last solve', () => {
    // Mon 09:00 → Tue 10:00: 25 h; business 480 (Mon) + 60 (Tue).
    expect(metrics.firstResolutionTime).toEqual({ calendar: 25 * 60, business: 540 });
    // Mon 09:00 → Wed 11:00: 50 h; business 480 + 480 + 120.
    expect(metrics.fullResolutionTime).toEqual({ calendar: 50 * 60, business: 1080 });
    expect(metrics.solvedAt).toBe(at('2026-11-18T16:00:00Z'));
  });

  it('sums requester wait (new, open, hold), agent wait (pending) and on-hold time', () => {
    // new 30 + open 30 + open 120 + hold (Mon 14:00 → Tue 10:00) + open 60.
    // Hold: calendar 20 h; business Mon 14:00–17:00 (180) + Tue 09:00–10:00 (60).
    expect(metrics.requesterWaitTime).toEqual({
      calendar: 30 + 30 + 120 + 1200 + 60,
      business: 30 + 30 + 120 + 240 + 60,
    });
    expect(metrics.agentWaitTime).toEqual({ calendar: 120, business: 120 });
    expect(metrics.onHoldTime).toEqual({ calendar: 1200, business: 240 });
  });

  it('keeps the timestamps of the metric set', () => {
    expect(metrics.createdAt).toBe(at('2026-11-16T14:00:00Z'));
    expect(metrics.updatedAt).toBe(at('2026-11-22T16:00:00Z'));
    expect(metrics.initiallyAssignedAt).toBe(at('2026-11-16T14:30:00Z'));
    expect(metrics.assignedAt).toBe(at('2026-11-16T18:00:00Z'));
    expect(metrics.assigneeUpdatedAt).toBe(at('2026-11-16T18:00:00Z'));
    expect(metrics.requesterUpdatedAt).toBe(at('2026-11-18T15:00:00Z'));
    expect(metrics.statusUpdatedAt).toBe(at('2026-11-22T16:00:00Z'));
    expect(metrics.latestCommentAddedAt).toBe(at('2026-11-18T16:00:00Z'));
  });

  it('reads the current fields off the same updates', () => {
    expect(currentState(fullLife)).toEqual({
      status: 'closed',
      groupId: TIER2,
      assigneeId: BO,
      tags: ['async'],
      satisfaction: null,
      customFields: {},
      updatedAt: at('2026-11-22T16:00:00Z'),
    });
  });

  it('keeps each custom field at the value the latest update that names it set', () => {
    const answered: TicketHistory = {
      ...fullLife,
      updates: [
        ...fullLife.updates.slice(0, -1),
        { at: at('2026-11-20T10:00:00Z'), authorId: fullLife.requesterId, changes: { custom_fields: { 7: 9, 8: 2 } } },
        { at: at('2026-11-20T11:00:00Z'), authorId: fullLife.requesterId, changes: { custom_fields: { 8: 6 } } },
        fullLife.updates.at(-1)!,
      ],
    };
    expect(currentState(answered).customFields).toEqual({ 7: 9, 8: 6 });
  });

  it('sees only the updates so far: cut after the first solve, the ticket is solved once, unreopened', () => {
    const early = deriveMetrics({ ...fullLife, updates: fullLife.updates.slice(0, 7) }, schedule);
    expect(early.replies).toBe(2);
    expect(early.reopens).toBe(0);
    expect(early.fullResolutionTime).toEqual({ calendar: 25 * 60, business: 540 });
    expect(early.solvedAt).toBe(at('2026-11-17T15:00:00Z'));
    // Reopened, not solved again yet: full resolution is unknown, first resolution stays.
    const reopened = deriveMetrics({ ...fullLife, updates: fullLife.updates.slice(0, 8) }, schedule);
    expect(reopened.reopens).toBe(1);
    expect(reopened.firstResolutionTime).toEqual({ calendar: 25 * 60, business: 540 });
    expect(reopened.fullResolutionTime).toEqual({ calendar: null, business: null });
    expect(reopened.solvedAt).toBe(at('2026-11-17T15:00:00Z'));
    expect(currentState({ ...fullLife, updates: fullLife.updates.slice(0, 8) }).status).toBe('open');
  });
});

describe('deriveMetrics: edge cases', () => {
  it('leaves an unanswered weekend ticket without reply, resolution or wait times', () => {
    const metrics = deriveMetrics(
      history([
        update(
          '2026-11-21T15:00:00Z',
          REQUESTER,
          { status: 'new', group_id: TIER1, assignee_id: null },
          { public: true },
        ), // Sat 10:00
        update('2026-11-21T16:00:00Z', SYSTEM_AUTHOR, {}, { public: true, body: 'We got your request' }), // automation: not a reply
        update('2026-11-22T15:00:00Z', ANA, { status: 'open', assignee_id: ANA }, { public: false }), // Sun
        update('2026-11-22T16:00:00Z', REQUESTER, {}, { public: true }), // the requester again: not a reply
      ]),
      schedule,
    );
    expect(metrics.replies).toBe(0);
    expect(metrics.firstReplyAt).toBeNull();
    expect(metrics.replyTime).toEqual({ calendar: null, business: null });
    expect(metrics.firstResolutionTime).toEqual({ calendar: null, business: null });
    expect(metrics.fullResolutionTime).toEqual({ calendar: null, business: null });
    expect(metrics.solvedAt).toBeNull();
    // Only the ended New period counts: Sat 15:00Z → Sun 15:00Z.
    // Never solved: Zendesk has not filled the wait times in yet.
    expect(metrics.requesterWaitTime).toEqual({ calendar: null, business: null });
    expect(metrics.agentWaitTime).toEqual({ calendar: null, business: null });
    expect(metrics.onHoldTime).toEqual({ calendar: 0, business: 0 });
    expect(metrics.groupStations).toBe(1);
    expect(metrics.assigneeStations).toBe(1);
    expect(metrics.requesterUpdatedAt).toBe(at('2026-11-22T16:00:00Z'));
    expect(metrics.latestCommentAddedAt).toBe(at('2026-11-22T16:00:00Z'));
    expect(metrics.statusUpdatedAt).toBe(at('2026-11-22T15:00:00Z'));
  });

  it('measures a weekend reply in calendar minutes but only Monday morning in business minutes', () => {
    // Fri 16:30 EST → Mon 09:45 EST.
    const metrics = deriveMetrics(
      history([
        update('2026-11-20T21:30:00Z', REQUESTER, { status: 'new', group_id: TIER1 }, { public: true }),
        update('2026-11-23T14:45:00Z', ANA, { status: 'solved', assignee_id: ANA }, { public: true }),
      ]),
      schedule,
    );
    const calendar = (at('2026-11-23T14:45:00Z') - at('2026-11-20T21:30:00Z')) / 60_000;
    expect(metrics.replyTime).toEqual({ calendar, business: 75 });
    expect(metrics.firstResolutionTime).toEqual({ calendar, business: 75 });
    expect(metrics.fullResolutionTime).toEqual({ calendar, business: 75 });
    expect(metrics.requesterWaitTime).toEqual({ calendar, business: 75 });
  });

  it('cuts partial minutes off', () => {
    const metrics = deriveMetrics(
      history([
        update('2026-11-17T14:00:30Z', REQUESTER, { status: 'new' }, { public: true }),
        update('2026-11-17T14:05:20Z', ANA, { status: 'pending', assignee_id: ANA }, { public: true }),
      ]),
      schedule,
    );
    // 4 min 50 s.
    expect(metrics.replyTime).toEqual({ calendar: 4, business: 4 });
  });

  it('counts an assignee at creation (a voice call) as a station assigned at creation', () => {
    const metrics = deriveMetrics(
      history([
        update(
          '2026-11-17T15:00:00Z',
          REQUESTER,
          { status: 'new', group_id: TIER1, assignee_id: ANA },
          { public: true },
        ),
        update('2026-11-17T15:02:00Z', ANA, { assignee_id: ANA, status: 'solved' }, { public: true }),
      ]),
      schedule,
    );
    expect(metrics.assigneeStations).toBe(1);
    expect(metrics.initiallyAssignedAt).toBe(at('2026-11-17T15:00:00Z'));
    expect(metrics.assignedAt).toBe(at('2026-11-17T15:00:00Z'));
    // Setting the same assignee again is not an assignment.
    expect(metrics.assigneeUpdatedAt).toBe(at('2026-11-17T15:00:00Z'));
    expect(metrics.replyTime).toEqual({ calendar: 2, business: 2 });
  });

  it('does not count a station for an unassignment, nor a reopen for a close or a deletion', () => {
    const metrics = deriveMetrics(
      history([
        update('2026-11-17T15:00:00Z', REQUESTER, { status: 'new', group_id: TIER1 }, { public: true }),
        update('2026-11-17T15:10:00Z', ANA, { status: 'open', assignee_id: ANA }),
        update('2026-11-17T15:20:00Z', ANA, { assignee_id: null }),
        update('2026-11-17T15:30:00Z', BO, { assignee_id: BO, group_id: TIER1, status: 'solved' }),
        update('2026-11-17T15:40:00Z', BO, { status: 'closed' }),
        update('2026-11-17T15:50:00Z', BO, { status: 'deleted' }),
      ]),
      schedule,
    );
    expect(metrics.assigneeStations).toBe(2);
    // Setting the group it already has is no new station.
    expect(metrics.groupStations).toBe(1);
    expect(metrics.reopens).toBe(0);
    expect(metrics.replies).toBe(0);
    expect(metrics.firstResolutionTime).toEqual({ calendar: 30, business: 30 });
    // Deleted is not solved: no full resolution.
    expect(metrics.fullResolutionTime).toEqual({ calendar: null, business: null });
  });

  it('counts a pending period that ends in a solve as agent wait only', () => {
    const metrics = deriveMetrics(
      history([
        update('2026-11-17T14:00:00Z', REQUESTER, { status: 'new' }, { public: true }), // Tue 09:00
        update('2026-11-17T14:10:00Z', ANA, { status: 'pending', assignee_id: ANA }, { public: true }),
        update('2026-11-20T14:10:00Z', ANA, { status: 'solved' }), // Fri 09:10, three days later
      ]),
      schedule,
    );
    expect(metrics.requesterWaitTime).toEqual({ calendar: 10, business: 10 });
    expect(metrics.agentWaitTime).toEqual({ calendar: 3 * 1440, business: 3 * 480 });
    expect(metrics.onHoldTime).toEqual({ calendar: 0, business: 0 });
    expect(metrics.replies).toBe(1);
  });

  it('refuses a history without updates', () => {
    expect(() => deriveMetrics(history([]), schedule)).toThrow(/has no updates/);
  });
});
