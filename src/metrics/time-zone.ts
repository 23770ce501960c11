import { addDays, type CalendarDate } from './calendar-date';

/**
 * Local midnights in an IANA time zone, from the runtime's own tz database (Intl), so that a
 * report window is right across DST changes without shipping a zone library.
 */

interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at instant `epochMs`. */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        clock.year = Number(part.value);
        break;
      case 'month':
        clock.month = Number(part.value);
        break;
      case 'day':
        clock.day = Number(part.value);
        break;
      case 'hour':
        clock.hour = Number(part.value);
        break;
      case 'minute':
        clock.minute = Number(part.value);
        break;
      case 'second':
        clock.second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value === 'BC';
        break;
      default:
        break;
    }
  }
  if (beforeCommonEra) clock.year = 1 - clock.year;
  return clock;
}

/**
 * The first instant (epoch ms) whose local date in `timeZone` is `date`: 00:00 on ordinary days,
 * and the moment the clocks jump on a day whose midnight does not exist (a DST change at 00:00).
 */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  return zonedTimeToInstant(date, 0, timeZone);
}

/** Offset of local time from UTC at an instant, in ms (local = utc + offset). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const clock = wallClock(wholeSecond, timeZone);
  const localAsUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return localAsUtc - wholeSecond;
}

/** Start instants of `days` consecutive local days from `first`, plus the start of the day after. */
export function dayStarts(first: CalendarDate, days: number, timeZone: string): number[] {
  const starts: number[] = new Array(days + 1);
  for (let i = 0; i <= days; i++) starts[i] = startOfDay(addDays(first, i), timeZone);
  return starts;
}

/** The local calendar date of an instant. */
export function localDate(epochMs: number, timeZone: string): CalendarDate {
  const { year, month, day } = wallClock(epochMs, timeZone);
  return { year, month, day };
}

function wallAsUtcOf(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/**
 * The instant at which the wall clock in `timeZone` first reads `minuteOfDay` minutes past
 * midnight on `date`; in a gap (clocks jumping forward) the moment the clocks jump.
 */
export function zonedTimeToInstant(date: CalendarDate, minuteOfDay: number, timeZone: string): number {
  const target = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000;
  for (const probe of [target, target - 86_400_000, target + 86_400_000]) {
    const candidate = target - offsetAt(probe, timeZone);
    if (
      wallAsUtcOf(wallClock(candidate, timeZone)) === target &&
      wallAsUtcOf(wallClock(candidate - 1000, timeZone)) < target
    ) {
      return candidate;
    }
  }
  let lo = Math.floor((target - 19 * 3_600_000) / 1000);
  let hi = Math.ceil((target + 19 * 3_600_000) / 1000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAsUtcOf(wallClock(mid * 1000, timeZone)) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo * 1000;
}
