/**
 * Numbers, durations and percentages in the viewer's language, with Intl: Persian digits in
 * Persian, the right separators everywhere, the units' own narrow names.
 */
export interface Formatters {
  number(value: number | null, digits?: number): string;
  percent(rate: number | null): string;
  /** Minutes as `1 h 05 min`, `2 d 3 h`, in the locale's units. */
  duration(minutes: number | null): string;
  /** A wait in milliseconds: seconds under a minute, else as `duration`. */
  wait(ms: number): string;
  date(isoDate: string): string;
  /** A day with its year, for a date that may be in another year than today. */
  dateWithYear(isoDate: string): string;
  dateTime(epochMs: number, timeZone: string): string;
  relativeMinutes(minutes: number): string;
}

export const EMPTY = '–';

export function createFormatters(locale: string): Formatters {
  // English reads best as "2h 05m"-like narrow units; other languages' narrow forms fall back to
  // Latin letters in some (Persian), so they get their short unit names.
  const display = locale.toLowerCase().startsWith('en') ? 'narrow' : 'short';
  const unit = (name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: display });
  const minutes = unit('minute');
  const hours = unit('hour');
  const days = unit('day');
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: display });
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dayOfYear = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  // Built once each: an Intl formatter costs far more to make than to use, and charts format
  // their axis labels many times a render.
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let made = numbers.get(digits);
    if (!made) numbers.set(digits, (made = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return made;
  };
  const dateTimes = new Map<string, Intl.DateTimeFormat>();
  const dateTimeFormat = (timeZone: string) => {
    let made = dateTimes.get(timeZone);
    if (!made)
      dateTimes.set(
        timeZone,
        (made = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })),
      );
    return made;
  };
  const formatDuration = (value: number | null): string => {
    if (value === null || !Number.isFinite(value)) return EMPTY;
    const total = Math.round(value);
    if (total < 60) return minutes.format(total);
    const d = Math.floor(total / 1440);
    const h = Math.floor((total % 1440) / 60);
    const m = total % 60;
    if (d > 0) return h > 0 ? `${days.format(d)} ${hours.format(h)}` : days.format(d);
    return m > 0 ? `${hours.format(h)} ${minutes.format(m)}` : hours.format(h);
  };
  return {
    number: (value, digits = 1) => (value === null ? EMPTY : numberFormat(digits).format(value)),
    percent: (rate) => (rate === null ? EMPTY : percent.format(rate)),
    duration: (value) => formatDuration(value),
    wait: (ms) => (ms < 60_000 ? seconds.format(Math.max(1, Math.ceil(ms / 1000))) : formatDuration(ms / 60_000)),
    date: (isoDate) => day.format(new Date(`${isoDate}T00:00:00Z`)),
    dateWithYear: (isoDate) => dayOfYear.format(new Date(`${isoDate}T00:00:00Z`)),
    dateTime: (epochMs, timeZone) => dateTimeFormat(timeZone).format(new Date(epochMs)),
    relativeMinutes: (value) =>
      value < 60 ? relative.format(-Math.round(value), 'minute') : relative.format(-Math.round(value / 60), 'hour'),
  };
}
