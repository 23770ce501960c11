import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessSchedule, weekdayIntervals, type ScheduleDefinition } from '../../src/emulator/business-schedule';
import { zonedTimeToInstant } from '../../src/metrics/time-zone';

/**
 * Business minutes, hand-computed for Mon–Fri 09:00–17:00 America/New_York. In 2026 DST starts on
 * Sunday 8 March (EST −5 → EDT −4) and ends on Sunday 1 November (EDT −4 → EST −5).
 */

const at = (iso: string) => Date.parse(iso);
const NEW_YORK: ScheduleDefinition = {
  id: 1,
  name: 'Support hours',
  time_zone: 'America/New_York',
  intervals: weekdayIntervals(),
};
const schedule = BusinessSchedule.covering(NEW_YORK, at('2026-01-01T00:00:00Z'), at('2026-12-31T00:00:00Z'));
const calendarMinutes = (from: number, to: number) => (to - from) / 60_000;

describe('weekdayIntervals', () => {
  it('is Monday to Friday 09:00–17:00 in minutes from Sunday 00:00', () => {
    expect(weekdayIntervals()).toEqual([
      { start_time: 1980, end_time: 2460 },
      { start_time: 3420, end_time: 3900 },
      { start_time: 4860, end_time: 5340 },
      { start_time: 6300, end_time: 6780 },
      { start_time: 7740, end_time: 8220 },
    ]);
    expect(weekdayIntervals(8 * 60, 12 * 60)[0]).toEqual({ start_time: 1440 + 480, end_time: 1440 + 720 });
  });
});

describe('BusinessSchedule.businessMinutes', () => {
  it('counts one working day as 480 minutes, a week as 2400, and nothing before opening or after closing', () => {
    // Tuesday 17 November 2026, EST: 09:00 = 14:00Z, 17:00 = 22:00Z.
    expect(schedule.businessMinutes(at('2026-11-17T13:00:00Z'), at('2026-11-17T23:00:00Z'))).toBe(480);
    expect(schedule.businessMinutes(at('2026-11-17T14:00:00Z'), at('2026-11-17T22:00:00Z'))).toBe(480);
    expect(schedule.businessMinutes(at('2026-11-17T05:00:00Z'), at('2026-11-17T14:00:00Z'))).toBe(0);
    expect(schedule.businessMinutes(at('2026-11-17T22:00:00Z'), at('2026-11-18T14:00:00Z'))).toBe(0);
    expect(schedule.businessMinutes(at('2026-11-16T05:00:00Z'), at('2026-11-23T05:00:00Z'))).toBe(2400);
    // Partial minutes are cut off: 09:00:00 to 09:04:59 is 4 minutes.
    expect(schedule.businessMinutes(at('2026-11-17T14:00:00Z'), at('2026-11-17T14:04:59Z'))).toBe(4);
    // An empty or backwards span is 0.
    expect(schedule.businessMinutes(at('2026-11-17T15:00:00Z'), at('2026-11-17T15:00:00Z'))).toBe(0);
    expect(schedule.businessMinutes(at('2026-11-17T16:00:00Z'), at('2026-11-17T15:00:00Z'))).toBe(0);
  });

  it('skips the weekend: Friday 16:30 to Monday 09:45 is 30 + 45 minutes', () => {
    const from = at('2026-11-20T21:30:00Z'); // Fri 16:30 EST
    const to = at('2026-11-23T14:45:00Z'); // Mon 09:45 EST
    expect(schedule.businessMinutes(from, to)).toBe(75);
    expect(calendarMinutes(from, to)).toBe(3 * 1440 - 6 * 60 - 45);
    // Entirely inside the weekend: nothing.
    expect(schedule.businessMinutes(at('2026-11-21T15:00:00Z'), at('2026-11-22T20:00:00Z'))).toBe(0);
  });

  it('follows the clocks across the start of DST (Sunday 2026-03-08)', () => {
    // Fri 6 March 16:00 EST (21:00Z) to Mon 9 March 10:00 EDT (14:00Z): 60 + 60 business minutes,
    // and 65 calendar hours rather than the 66 the wall clock suggests.
    const from = at('2026-03-06T21:00:00Z');
    const to = at('2026-03-09T14:00:00Z');
    expect(schedule.businessMinutes(from, to)).toBe(120);
    expect(calendarMinutes(from, to)).toBe(65 * 60);
    // Monday opens at 13:00Z after the change, 14:00Z the Monday before it.
    expect(schedule.businessMinutes(at('2026-03-09T12:00:00Z'), at('2026-03-09T13:30:00Z'))).toBe(30);
    expect(schedule.businessMinutes(at('2026-03-02T12:00:00Z'), at('2026-03-02T14:30:00Z'))).toBe(30);
    // A full week spanning the change is still 5 × 480.
    expect(schedule.businessMinutes(at('2026-03-02T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(2400);
  });

  it('follows the clocks across the end of DST (Sunday 2026-11-01)', () => {
    // Fri 30 October 16:00 EDT (20:00Z) to Mon 2 November 10:00 EST (15:00Z): 120 business
    // minutes in 67 calendar hours.
    const from = at('2026-10-30T20:00:00Z');
    const to = at('2026-11-02T15:00:00Z');
    expect(schedule.businessMinutes(from, to)).toBe(120);
    expect(calendarMinutes(from, to)).toBe(67 * 60);
    // Monday opens at 14:00Z again (09:00 EST).
    expect(schedule.businessMinutes(at('2026-11-02T13:00:00Z'), at('2026-11-02T14:00:00Z'))).toBe(0);
    expect(schedule.businessMinutes(at('2026-11-02T13:00:00Z'), at('2026-11-02T14:30:00Z'))).toBe(30);
  });

  it('counts the 23- and 25-hour days of a round-the-clock schedule', () => {
    const allDay: ScheduleDefinition = {
      id: 2,
      name: '24/7',
      time_zone: 'America/New_York',
      intervals: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ start_time: day * 1440, end_time: (day + 1) * 1440 })),
    };
    const always = BusinessSchedule.covering(allDay, at('2026-03-01T00:00:00Z'), at('2026-11-30T00:00:00Z'));
    // Sat 7 March noon EST to Sun 8 March noon EDT: 23 hours.
    expect(always.businessMinutes(at('2026-03-07T17:00:00Z'), at('2026-03-08T16:00:00Z'))).toBe(23 * 60);
    // Sat 31 October noon EDT to Sun 1 November noon EST: 25 hours.
    expect(always.businessMinutes(at('2026-10-31T16:00:00Z'), at('2026-11-01T17:00:00Z'))).toBe(25 * 60);
  });

  it('refuses instants outside the range it covers', () => {
    const short = BusinessSchedule.covering(NEW_YORK, at('2026-11-16T12:00:00Z'), at('2026-11-20T12:00:00Z'));
    expect(() => short.businessMinutes(at('2026-11-17T12:00:00Z'), at('2027-06-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => short.businessMinutes(at('2025-01-01T00:00:00Z'), at('2026-11-17T12:00:00Z'))).toThrow(
      /outside the schedule's covered range/,
    );
  });
});

describe('BusinessSchedule.isOpen', () => {
  it('is open from 09:00 up to (not including) 17:00 on weekdays, local time', () => {
    expect(schedule.isOpen(at('2026-11-17T14:00:00Z'))).toBe(true); // Tue 09:00 EST
    expect(schedule.isOpen(at('2026-11-17T13:59:59.999Z'))).toBe(false);
    expect(schedule.isOpen(at('2026-11-17T21:59:59.999Z'))).toBe(true);
    expect(schedule.isOpen(at('2026-11-17T22:00:00Z'))).toBe(false); // 17:00 EST
    expect(schedule.isOpen(at('2026-11-21T17:00:00Z'))).toBe(false); // Saturday noon
    expect(schedule.isOpen(at('2026-11-22T17:00:00Z'))).toBe(false); // Sunday noon
    // Summer time: 09:00 EDT is 13:00Z.
    expect(schedule.isOpen(at('2026-07-14T13:00:00Z'))).toBe(true);
    expect(schedule.isOpen(at('2026-07-14T12:59:00Z'))).toBe(false);
    expect(schedule.isOpen(at('2026-03-09T13:00:00Z'))).toBe(true);
    expect(schedule.isOpen(at('2026-03-02T13:00:00Z'))).toBe(false);
  });
});

describe('BusinessSchedule.addBusinessMinutes', () => {
  it('walks over closed hours and weekends', () => {
    expect(schedule.addBusinessMinutes(at('2026-11-17T14:00:00Z'), 30)).toBe(at('2026-11-17T14:30:00Z'));
    // Tue 16:30 + 60 → Wed 09:30.
    expect(schedule.addBusinessMinutes(at('2026-11-17T21:30:00Z'), 60)).toBe(at('2026-11-18T14:30:00Z'));
    // Fri 16:30 + 75 → Mon 09:45.
    expect(schedule.addBusinessMinutes(at('2026-11-20T21:30:00Z'), 75)).toBe(at('2026-11-23T14:45:00Z'));
    // From Saturday: Monday 09:01.
    expect(schedule.addBusinessMinutes(at('2026-11-21T12:00:00Z'), 1)).toBe(at('2026-11-23T14:01:00Z'));
    // Exactly to closing time stays on the same day.
    expect(schedule.addBusinessMinutes(at('2026-11-17T14:00:00Z'), 480)).toBe(at('2026-11-17T22:00:00Z'));
    // Across the start of DST: Fri 6 March 16:00 EST + 120 → Mon 9 March 10:00 EDT.
    expect(schedule.addBusinessMinutes(at('2026-03-06T21:00:00Z'), 120)).toBe(at('2026-03-09T14:00:00Z'));
    // Across the end of DST: Fri 30 October 16:00 EDT + 120 → Mon 2 November 10:00 EST.
    expect(schedule.addBusinessMinutes(at('2026-10-30T20:00:00Z'), 120)).toBe(at('2026-11-02T15:00:00Z'));
    // A week of business time is a calendar week.
    expect(schedule.addBusinessMinutes(at('2026-11-17T15:00:00Z'), 2400)).toBe(at('2026-11-24T15:00:00Z'));
  });

  it('is the inverse of businessMinutes', () => {
    const start = at('2026-01-05T00:00:00Z');
    const end = at('2026-11-20T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: 0, max: 5 * 2400 }), (from, minutes) => {
        const to = schedule.addBusinessMinutes(from, minutes);
        expect(to).toBeGreaterThanOrEqual(from);
        expect(schedule.businessMinutes(from, to)).toBe(minutes);
        // The earliest such instant: one minute sooner falls short.
        if (minutes > 0) expect(schedule.businessMinutes(from, to - 60_000)).toBe(minutes - 1);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('throws when the answer lies beyond the covered range', () => {
    const short = BusinessSchedule.covering(NEW_YORK, at('2026-11-16T12:00:00Z'), at('2026-11-20T12:00:00Z'));
    expect(() => short.addBusinessMinutes(at('2026-11-17T14:00:00Z'), 100 * 480)).toThrow(
      /ran past the schedule's covered range/,
    );
  });
});

describe('zonedTimeToInstant', () => {
  const date = (year: number, month: number, day: number) => ({ year, month, day });

  it('maps a local wall time to its instant in ordinary times', () => {
    expect(zonedTimeToInstant(date(2026, 11, 22), 9 * 60, 'America/New_York')).toBe(at('2026-11-22T14:00:00Z'));
    expect(zonedTimeToInstant(date(2026, 7, 1), 9 * 60, 'America/New_York')).toBe(at('2026-07-01T13:00:00Z'));
    expect(zonedTimeToInstant(date(2026, 7, 1), 9 * 60, 'Asia/Kolkata')).toBe(at('2026-07-01T03:30:00Z'));
    expect(zonedTimeToInstant(date(2026, 7, 1), 0, 'UTC')).toBe(at('2026-07-01T00:00:00Z'));
    expect(zonedTimeToInstant(date(2026, 1, 15), 23 * 60 + 59, 'Europe/Berlin')).toBe(at('2026-01-15T22:59:00Z'));
    // 24:00 is the next day's midnight.
    expect(zonedTimeToInstant(date(2026, 11, 22), 1440, 'America/New_York')).toBe(at('2026-11-23T05:00:00Z'));
  });

  it('puts a wall time in the spring-forward gap at the moment the clocks jump', () => {
    // New York: 02:00 EST (07:00Z) jumps to 03:00 EDT; 02:00–02:59 do not exist.
    expect(zonedTimeToInstant(date(2026, 3, 8), 2 * 60 + 30, 'America/New_York')).toBe(at('2026-03-08T07:00:00Z'));
    expect(zonedTimeToInstant(date(2026, 3, 8), 2 * 60, 'America/New_York')).toBe(at('2026-03-08T07:00:00Z'));
    expect(zonedTimeToInstant(date(2026, 3, 8), 2 * 60 - 1, 'America/New_York')).toBe(at('2026-03-08T06:59:00Z'));
    expect(zonedTimeToInstant(date(2026, 3, 8), 3 * 60, 'America/New_York')).toBe(at('2026-03-08T07:00:00Z'));
    // London: 01:00 GMT jumps to 02:00 BST.
    expect(zonedTimeToInstant(date(2026, 3, 29), 90, 'Europe/London')).toBe(at('2026-03-29T01:00:00Z'));
    // São Paulo 2018: midnight itself did not exist.
    expect(zonedTimeToInstant(date(2018, 11, 4), 0, 'America/Sao_Paulo')).toBe(at('2018-11-04T03:00:00Z'));
  });

  it('takes the first of the two instants in the fall-back overlap', () => {
    // 01:30 happens twice on 1 November 2026 in New York: first at 05:30Z (EDT), then 06:30Z (EST).
    expect(zonedTimeToInstant(date(2026, 11, 1), 90, 'America/New_York')).toBe(at('2026-11-01T05:30:00Z'));
    expect(zonedTimeToInstant(date(2026, 11, 1), 3 * 60, 'America/New_York')).toBe(at('2026-11-01T08:00:00Z'));
  });
});
