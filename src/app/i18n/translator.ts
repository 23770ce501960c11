/**
 * The app's strings, from translations/*.json (Zendesk's format: nested keys, `app.*` for the
 * Marketplace listing). The app follows the agent's Zendesk locale, falls back to English for a
 * missing string, and lays out right to left for right-to-left languages. The pseudo-locale
 * `en-x-pseudo` stretches and brackets every string, to find cut-off and untranslated text.
 */

import type englishCatalog from '../../../translations/en.json';

type Tree = { [key: string]: string | Tree };

/** Every string's dotted path in en.json, the catalog every other language follows. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
type CatalogPath = Leaves<typeof englishCatalog>;
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** A string with plural forms (`key_one`, `key_other`...), addressed by its base name with a count. */
export type PluralKey = CatalogPath extends infer P ? (P extends `${infer Base}_other` ? Base : never) : never;
/** A string without plural forms. A plural form's own key (`key_one`) is not one: the count picks it. */
export type PlainKey = Exclude<CatalogPath, `${PluralKey}_${PluralSuffix}`>;
/** Any key the app may translate; a key en.json lacks does not compile. */
export type TranslationKey = PlainKey | PluralKey;
/** The last parts of the keys under a prefix: `KeysUnder<'report.columns'>` is every column's name key. */
export type KeysUnder<Prefix extends string> = TranslationKey extends infer K
  ? K extends `${Prefix}.${infer Rest}`
    ? Rest
    : never
  : never;

// English is in every bundle (it is also the fallback); each other language is its own chunk,
// loaded once the agent's locale is known, so adding a language does not grow every download.
const englishFile = import.meta.glob<{ default: Tree }>('../../../translations/en.json', { eager: true });
const otherFiles = import.meta.glob<{ default: Tree }>([
  '../../../translations/*.json',
  '!../../../translations/en.json',
]);
const nameOf = (path: string) => path.replace(/^.*\/(.+)\.json$/, '$1');

function flatten(tree: Tree, prefix = '', into: Map<string, string> = new Map()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

/** Every language the app has a catalog for. */
export const LOCALES: ReadonlySet<string> = new Set(
  [...Object.keys(englishFile), ...Object.keys(otherFiles)].map(nameOf),
);

const catalogs = new Map<string, ReadonlyMap<string, string>>(
  Object.entries(englishFile).map(([path, module]) => [nameOf(path), flatten(module.default)]),
);
const loaders = new Map(Object.entries(otherFiles).map(([path, load]) => [nameOf(path), load]));

/** Loads a language's catalog, once; English and unknown locales resolve at once. */
export async function loadCatalog(locale: string): Promise<void> {
  const load = loaders.get(locale);
  if (!load || catalogs.has(locale)) return;
  catalogs.set(locale, flatten((await load()).default));
}

/**
 * Whether English has a string for a key built from data (a channel or ticket type Zendesk sends):
 * such a key is only known at run time, so it is checked, not assumed.
 */
export function isTranslationKey(key: string): key is TranslationKey {
  const english = catalogs.get('en');
  if (english === undefined) return false;
  if (english.has(`${key}_other`)) return true;
  const form = /^(.+)_(?:zero|one|two|few|many|other)$/.exec(key);
  return english.has(key) && !(form && english.has(`${form[1]}_other`));
}

export const PSEUDO_LOCALE = 'en-x-pseudo';
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);

/** The catalog for a Zendesk locale: `fa-IR` → `fa`, `pt-BR` → `pt-br` or `pt`, unknown → `en`. */
export function resolveLocale(zendeskLocale: string): string {
  const lower = zendeskLocale.toLowerCase();
  if (lower === PSEUDO_LOCALE) return PSEUDO_LOCALE;
  if (LOCALES.has(lower)) return lower;
  const language = lower.split(/[-_]/)[0]!;
  return LOCALES.has(language) ? language : 'en';
}

export function isRightToLeft(locale: string): boolean {
  return RTL_LANGUAGES.has(locale.split('-')[0]!);
}

export type Params = Record<string, string | number>;
/** A plural key needs its `count`; a plain key's params are optional. */
export type TranslateArgs<K extends TranslationKey> = K extends PluralKey
  ? [params: Params & { count: number }]
  : [params?: Params];
export type Translate = <K extends TranslationKey>(key: K, ...args: TranslateArgs<K>) => string;

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const PSEUDO_MAP: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ó',
  u: 'ú',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ó',
  U: 'Ú',
  c: 'ç',
  n: 'ñ',
};

function pseudo(text: string): string {
  // Accents show an untranslated string at a glance; ~35% more length finds text that gets cut off.
  const accented = text.replace(/\{\{[^}]+\}\}|[aeiouAEIOUcn]/g, (match) =>
    match.startsWith('{{') ? match : PSEUDO_MAP[match]!,
  );
  return `⟦${accented}${'·'.repeat(Math.ceil(text.length * 0.35))}⟧`;
}

/** The plural categories CLDR gives a language (`one`, `few`, `many`, `other`...), as the suffixes of its keys. */
export function pluralCategories(locale: string): string[] {
  return new Intl.PluralRules(intlLocale(locale)).resolvedOptions().pluralCategories;
}

/**
 * Translates with a loaded catalog (see `loadCatalog`), falling back to English string by string.
 * A numeric `count` picks the plural form, as Zendesk's and i18next's `key_one`/`key_few`/`key_many`/
 * `key_other` keys do (`key_other` when the language's form is missing); numbers in `params` are
 * written in the language's digits.
 */
export function createTranslator(locale: string, onMissing: (key: string) => void = () => {}): Translate {
  const english = catalogs.get('en') ?? new Map<string, string>();
  const catalog = locale === PSEUDO_LOCALE ? english : (catalogs.get(locale) ?? english);
  const plurals = new Intl.PluralRules(intlLocale(locale));
  const englishPlurals = new Intl.PluralRules('en');
  const numbers = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
  const find = (key: string, count: unknown): string | undefined => {
    if (typeof count === 'number') {
      const text =
        catalog.get(`${key}_${plurals.select(count)}`) ??
        catalog.get(`${key}_other`) ??
        english.get(`${key}_${englishPlurals.select(count)}`) ??
        english.get(`${key}_other`);
      if (text !== undefined) return text;
    }
    return catalog.get(key) ?? english.get(key) ?? catalog.get(`${key}_other`) ?? english.get(`${key}_other`);
  };
  const translate = (key: string, params?: Params): string => {
    const text = find(key, params?.['count']);
    if (text === undefined) {
      onMissing(key);
      return key;
    }
    const written =
      params &&
      Object.fromEntries(
        Object.entries(params).map(([name, value]) => [
          name,
          typeof value === 'number' ? numbers.format(value) : value,
        ]),
      );
    return interpolate(locale === PSEUDO_LOCALE ? pseudo(text) : text, written);
  };
  return (key, ...args) => translate(key, args[0]);
}

/** The BCP 47 tag for Intl formatting (the pseudo-locale formats as English). */
export function intlLocale(locale: string): string {
  return locale === PSEUDO_LOCALE ? 'en' : locale;
}
