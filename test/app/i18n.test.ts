import { describe, expect, it, vi } from 'vitest';
import { createFormatters, EMPTY } from '../../src/app/i18n/formatters';
import {
  createTranslator,
  intlLocale,
  isRightToLeft,
  isTranslationKey,
  loadCatalog,
  LOCALES,
  PSEUDO_LOCALE,
  resolveLocale,
} from '../../src/app/i18n/translator';

describe('resolveLocale', () => {
  it('maps a Zendesk locale to the catalog of its language', () => {
    expect(resolveLocale('en-US')).toBe('en');
    expect(resolveLocale('EN-gb')).toBe('en');
    expect(resolveLocale('en')).toBe('en');
  });

  it('falls back to English for a language without a catalog', () => {
    expect(resolveLocale('xx-YY')).toBe('en');
    expect(resolveLocale('pt_BR')).toBe(LOCALES.has('pt') ? 'pt' : 'en');
  });

  it('keeps the pseudo-locale', () => {
    expect(resolveLocale('en-x-pseudo')).toBe(PSEUDO_LOCALE);
    expect(resolveLocale('EN-X-PSEUDO')).toBe(PSEUDO_LOCALE);
  });

  it('fa-IR resolves to fa, so that Persian is laid out right to left', () => {
    expect(resolveLocale('fa-IR')).toBe('fa');
    expect(resolveLocale('fa')).toBe('fa');
    expect(isRightToLeft(resolveLocale('fa-IR'))).toBe(true);
  });
});

describe('isRightToLeft', () => {
  it('is true for Arabic, Persian, Hebrew and Urdu, with or without a region', () => {
    for (const locale of ['ar', 'fa', 'he', 'ur', 'fa-ir', 'ar-eg']) expect(isRightToLeft(locale)).toBe(true);
  });

  it('is false for left-to-right languages and the pseudo-locale', () => {
    for (const locale of ['en', 'en-us', 'fr', 'de', 'ja', PSEUDO_LOCALE]) expect(isRightToLeft(locale)).toBe(false);
  });
});

describe('createTranslator', () => {
  it('reads nested keys from the English catalog', () => {
    const t = createTranslator('en');
    expect(t('report.title')).toBe('Support KPIs');
    expect(t('errors.permission.title')).toBe('No access');
    expect(t('sidebar.standing.ahead')).toBe('better than the team median');
  });

  it('interpolates {{name}} placeholders and leaves unknown ones as they are', () => {
    const t = createTranslator('en');
    expect(t('progress.requests', { count: 5 })).toBe('5 requests');
    expect(t('report.drill.summary_counted', { counted: 13, count: 17 })).toBe('13 of 17 tickets count');
    expect(t('report.drill.title', { metric: 'FRT' })).toBe('FRT: {{who}}');
    // @ts-expect-error: a plural key needs its count; without one (as from untyped code) the placeholder stays.
    expect(t('progress.requests')).toBe('{{count}} requests');
  });

  it('takes only keys en.json has: a wrong key, a plural form by its own name or a plural without a count fails to compile', () => {
    const t = createTranslator('en', () => {
      throw new Error('every key here is in en.json');
    });
    expect(t('sidebar.last7')).toBe('Last 7 days');
    expect(t('report.low_basis', { count: 1 })).toBe(t('report.low_basis', { count: 1 }));
    const compileErrors = () => [
      // @ts-expect-error: no such key in en.json
      t('sidebar.last_seven'),
      // @ts-expect-error: a plural form is picked by the count, not named
      t('progress.tickets_one', { count: 1 }),
      // @ts-expect-error: a plural key without its count
      t('progress.tickets', {}),
      // @ts-expect-error: the count is a number
      t('progress.tickets', { count: '1' }),
    ];
    expect(typeof compileErrors).toBe('function');
  });

  it('isTranslationKey: a key built from data is a key when English has it, plain or plural', () => {
    expect(isTranslationKey('values.channel.email')).toBe(true);
    expect(isTranslationKey('progress.tickets')).toBe(true);
    expect(isTranslationKey('values.channel.carrier_pigeon')).toBe(false);
    // A plural form is not a key of its own, as for the type.
    expect(isTranslationKey('progress.tickets_one')).toBe(false);
  });

  it("picks the plural form of the language's CLDR category for a numeric count, in the language's digits", async () => {
    await Promise.all(['ru', 'fa', 'ms'].map((locale) => loadCatalog(locale)));
    const en = createTranslator('en');
    expect(en('progress.tickets', { count: 1 })).toBe('1 ticket');
    expect(en('progress.tickets', { count: 0 })).toBe('0 tickets');
    expect(en('progress.tickets', { count: 1234 })).toBe('1,234 tickets');
    const ru = createTranslator('ru');
    expect([1, 3, 5, 21, 22, 11, 1.5].map((count) => ru('progress.tickets', { count }))).toEqual([
      '1 тикет',
      '3 тикета',
      '5 тикетов',
      '21 тикет',
      '22 тикета',
      '11 тикетов',
      '1,5 тикета',
    ]);
    expect(createTranslator('fa')('progress.tickets', { count: 5 })).toBe('۵ تیکت');
    // Malay has one form only: `_other` serves every count.
    expect(createTranslator('ms')('progress.tickets', { count: 1 })).toBe('1 tiket');
  });

  it('has English at once, and another language once its catalog (a chunk of its own) has loaded', async () => {
    // A fresh copy of the module: catalogs loaded by other tests must not make this pass.
    vi.resetModules();
    const fresh = await import('../../src/app/i18n/translator');
    const english = fresh.createTranslator('en')('errors.retry');
    expect(fresh.createTranslator('ru')('errors.retry')).toBe(english);
    await fresh.loadCatalog('ru');
    expect(fresh.createTranslator('ru')('errors.retry')).toMatch(/[\u0400-\u04FF]/);
    await expect(fresh.loadCatalog('xx')).resolves.toBeUndefined();
    expect(fresh.LOCALES).toEqual(new Set(['en', 'fa', 'ms', 'ru', 'sw']));
  });

  it('reads the Persian catalog in Persian script', async () => {
    await loadCatalog('fa');
    const t = createTranslator('fa');
    expect(t('errors.retry')).not.toBe(createTranslator('en')('errors.retry'));
    expect(t('errors.retry')).toMatch(/[\u0600-\u06FF]/);
    expect(t('progress.requests', { count: 5 })).toContain('۵');
  });

  it('falls back to English for a locale without a catalog', () => {
    expect(createTranslator('de')('report.scorecard.team')).toBe('Team');
  });

  it('says which key is missing and shows the key', () => {
    const onMissing = vi.fn();
    const t = createTranslator('en', onMissing);
    // @ts-expect-error: not a key of en.json; untyped callers still get the key shown and reported
    expect(t('report.no_such_key')).toBe('report.no_such_key');
    expect(onMissing).toHaveBeenCalledWith('report.no_such_key');
  });

  it('pseudo-locale: accents, about 35% longer, bracketed; placeholders kept and then filled', () => {
    const t = createTranslator(PSEUDO_LOCALE);
    // "Support KPIs": 12 characters, ceil(4.2) = 5 dots.
    expect(t('report.title')).toBe('⟦Súppórt KPÍs·····⟧');
    // "{{count}} requests": 18 characters, ceil(6.3) = 7 dots; "count" is not accented.
    // @ts-expect-error: without its count, to show the placeholder is not accented
    expect(t('progress.requests')).toBe('⟦{{count}} réqúésts·······⟧');
    expect(t('progress.requests', { count: 5 })).toBe('⟦5 réqúésts·······⟧');
    const sample = t('report.drill.summary_counted', { counted: 1, count: 2 });
    expect(sample.startsWith('⟦') && sample.endsWith('⟧')).toBe(true);
    expect(sample).not.toContain('{{');
  });

  it('the pseudo-locale formats as English', () => {
    expect(intlLocale(PSEUDO_LOCALE)).toBe('en');
    expect(intlLocale('fa')).toBe('fa');
  });
});

describe('createFormatters (en)', () => {
  const format = createFormatters('en');

  it("durations in hours and minutes, days and hours, with the locale's narrow units", () => {
    expect(format.duration(65)).toBe('1h 5m');
    expect(format.duration(45)).toBe('45m');
    expect(format.duration(0)).toBe('0m');
    expect(format.duration(59.6)).toBe('1h');
    expect(format.duration(60)).toBe('1h');
    expect(format.duration(90)).toBe('1h 30m');
    expect(format.duration(1440)).toBe('1d');
    expect(format.duration(1500)).toBe('1d 1h');
    // Minutes are dropped once there are days.
    expect(format.duration(2 * 1440 + 30)).toBe('2d');
  });

  it('shows a dash for no value', () => {
    expect(format.duration(null)).toBe(EMPTY);
    expect(format.duration(Number.NaN)).toBe(EMPTY);
    expect(format.number(null)).toBe(EMPTY);
    expect(format.percent(null)).toBe(EMPTY);
  });

  it('numbers and percentages', () => {
    expect(format.number(1234.56)).toBe('1,234.6');
    expect(format.number(2.5, 0)).toBe('3');
    expect(format.percent(13 / 17)).toBe('76.5%');
    expect(format.percent(0.5)).toBe('50%');
  });

  it('dates and times', () => {
    expect(format.date('2026-11-15')).toBe('Nov 15');
    expect(format.dateTime(Date.parse('2026-11-15T12:00:00Z'), 'Europe/Berlin')).toBe('Nov 15, 2026, 1:00 PM');
  });

  it('relative minutes, then hours', () => {
    expect(format.relativeMinutes(0)).toBe('this minute');
    expect(format.relativeMinutes(5)).toBe('5 minutes ago');
    expect(format.relativeMinutes(60)).toBe('1 hour ago');
    expect(format.relativeMinutes(150)).toBe('3 hours ago');
  });
});

describe('createFormatters (fa)', () => {
  const format = createFormatters('fa');
  const persianOnly = (text: string) => {
    expect(text).toMatch(/[۰-۹]/);
    expect(text).not.toMatch(/[0-9]/);
  };

  it('writes Persian digits and separators', () => {
    expect(format.number(1234.5)).toBe('۱٬۲۳۴٫۵');
    expect(format.percent(0.5)).toBe('۵۰٪');
    persianOnly(format.duration(65));
    persianOnly(format.duration(3 * 1440));
    persianOnly(format.relativeMinutes(5));
    persianOnly(format.dateTime(Date.parse('2026-11-15T12:00:00Z'), 'Asia/Tehran'));
  });
});
