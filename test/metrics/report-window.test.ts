import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../../src/metrics/calendar-date';
import { ReportWindow, WindowError } from '../../src/metrics/report-window';
import { startOfDay, wallClock } from '../../src/metrics/time-zone';
import { computeReport } from '../../src/metrics/compute-report';
import { makeTicket } from './make-ticket';

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

describe('ReportWindow', () => {
  it('runs from 00:00 of the first day to 00:00 after the last, in UTC', () => {
    const window = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');
    expect(iso(window.from)).toBe('2026-10-01T00:00:00.000Z');
    expect(iso(window.to)).toBe('2026-11-01T00:00:00.000Z');
    expect(window.days).toBe(31);
    expect(window.labels[0]).toBe('2026-10-01');
    expect(window.labels[30]).toBe('2026-10-31');
  });

  it('includes its start and excludes its end', () => {
    const window = ReportWindow.of('2026-10-01', '2026-10-01', 'UTC');
    expect(window.contains(window.from)).toBe(true);
    expect(window.contains(window.to - 1)).toBe(true);
    expect(window.contains(window.to)).toBe(false);
    expect(window.contains(window.from - 1)).toBe(false);
  });

  it('has a 23-hour day when New York springs forward and a 25-hour day when it falls back', () => {
    const spring = ReportWindow.of('2026-03-08', '2026-03-08', 'America/New_York');
    expect(iso(spring.from)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(spring.to)).toBe('2026-03-09T04:00:00.000Z');
    const fall = ReportWindow.of('2026-11-01', '2026-11-01', 'America/New_York');
    expect(iso(fall.from)).toBe('2026-11-01T04:00:00.000Z');
    expect(iso(fall.to)).toBe('2026-11-02T05:00:00.000Z');
  });

  it('puts instants into the right local day across a DST change', () => {
    const window = ReportWindow.of('2026-10-31', '2026-11-02', 'America/New_York');
    // 2026-11-02T04:30Z is 23:30 on 1 November in New York (EST, -05:00): day index 1, not 2.
    expect(window.dayIndex(Date.parse('2026-11-02T04:30:00Z'))).toBe(1);
    expect(window.dayIndex(Date.parse('2026-11-02T05:00:00Z'))).toBe(2);
    expect(window.dayIndex(Date.parse('2026-11-01T03:59:59Z'))).toBe(0);
    expect(window.dayIndex(Date.parse('2026-11-01T04:00:00Z'))).toBe(1);
  });

  it('handles half-hour offsets', () => {
    const window = ReportWindow.of('2026-01-01', '2026-01-01', 'Asia/Kolkata');
    expect(iso(window.from)).toBe('2025-12-31T18:30:00.000Z');
    expect(iso(window.to)).toBe('2026-01-01T18:30:00.000Z');
  });

  it('starts a day whose midnight does not exist at the moment the clocks jump', () => {
    // Chile moves from 00:00 to 01:00 on 6 September 2026.
    const start = startOfDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago');
    expect(iso(start)).toBe('2026-09-06T04:00:00.000Z');
    expect(wallClock(start, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
    expect(wallClock(start - 1000, 'America/Santiago')).toMatchObject({ day: 5, hour: 23, minute: 59 });
  });

  it('rejects bad dates, unknown zones and reversed windows with a clear message', () => {
    expect(() => ReportWindow.of('2026-02-30', '2026-03-01', 'UTC')).toThrow(
      new WindowError('from', '"2026-02-30" is not a date: expected YYYY-MM-DD'),
    );
    expect(() => ReportWindow.of('2026-10-01', '10/31/2026', 'UTC')).toThrow(/"10\/31\/2026" is not a date/);
    expect(() => ReportWindow.of('2026-10-01', '2026-10-31', 'Mars/Olympus')).toThrow(
      /"Mars\/Olympus" is not an IANA time zone/,
    );
    expect(() => ReportWindow.of('2026-10-31', '2026-10-01', 'UTC')).toThrow(
      /2026-10-31 is after the last day 2026-10-01/,
    );
    expect(() => ReportWindow.of('1900-01-01', '2026-01-01', 'UTC')).toThrow(/longer than/);
  });
});

describe('parseCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2026-02-29')).toBeNull();
    expect(parseCalendarDate('2026-1-01')).toBeNull();
    expect(parseCalendarDate('2026-13-01')).toBeNull();
    expect(parseCalendarDate('')).toBeNull();
  });
});

describe('ReportWindow.endingAt: part of a day', () => {
  const day = ReportWindow.of('2026-11-14', '2026-11-14', 'UTC');
  const noon = Date.parse('2026-11-14T12:00:00Z');

  it('keeps the days and labels, and ends at the instant', () => {
    const part = day.endingAt(noon);
    expect(part.labels).toEqual(['2026-11-14']);
    expect(part.from).toBe(day.from);
    expect(part.to).toBe(noon);
    expect(part.contains(noon - 1)).toBe(true);
    expect(part.contains(noon)).toBe(false);
    expect(part.dayIndex(noon - 1)).toBe(0);
  });

  it('refuses an end outside the last day', () => {
    expect(() => day.endingAt(day.from)).toThrow(WindowError);
    expect(() => day.endingAt(day.to + 1)).toThrow(/not inside the window's last day/);
  });

  it("a ticket created after the end is not in the part's report", () => {
    const part = day.endingAt(noon);
    const early = makeTicket({ id: 1, createdAt: noon - 3_600_000 });
    const late = makeTicket({ id: 2, createdAt: noon + 3_600_000 });
    expect(computeReport([early, late], { window: part }).team.created).toBe(1);
    expect(computeReport([early, late], { window: day }).team.created).toBe(2);
  });
});
