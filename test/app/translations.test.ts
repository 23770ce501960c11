import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * translations/*.json against English: the same keys with the same nesting, no extras, a non-empty
 * string everywhere, the same `{{placeholders}}`, literal values an admin types kept as they are,
 * Persian written in Persian script, and a label and help text for every setting in manifest.json.
 */

type Tree = { [key: string]: unknown };

const ROOT = new URL('../../', import.meta.url);
const DIR = new URL('translations/', ROOT);

const LOCALES = readdirSync(fileURLToPath(DIR))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))
  .sort();

const trees = new Map<string, Tree>(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(new URL(`${locale}.json`, DIR), 'utf8')) as Tree]),
);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', ROOT), 'utf8')) as { parameters: { name: string }[] };

const english = trees.get('en')!;
const OTHERS = LOCALES.filter((locale) => locale !== 'en');

/** Every path in a tree, each as `a.b.c` with what sits there: `{}` for an object, else its JSON type. */
function shape(tree: unknown, prefix = '', into: Map<string, string> = new Map()): Map<string, string> {
  for (const [key, value] of Object.entries(tree as Tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      into.set(path, '{}');
      shape(value, path, into);
    } else {
      into.set(path, value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
    }
  }
  return into;
}

/** The leaves that are strings, by dotted path. */
function strings(tree: Tree): Map<string, string> {
  const into = new Map<string, string>();
  for (const [path, kind] of shape(tree)) {
    if (kind !== 'string') continue;
    const value = path.split('.').reduce<unknown>((node, key) => (node as Tree)[key], tree);
    into.set(path, value as string);
  }
  return into;
}

const englishStrings = strings(english);

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A tree's shape with each plural family (`key_one`, `key_other`...) as one `key` leaf. */
function pluralFree(tree: Tree): Map<string, string> {
  return new Map([...shape(tree)].map(([path, kind]) => [path.replace(PLURAL, ''), kind]));
}

/** Each plural family of a tree, by its base key, with the categories it has. */
function pluralFamilies(tree: Tree): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const path of strings(tree).keys()) {
    const match = PLURAL.exec(path);
    if (!match) continue;
    const base = path.slice(0, match.index);
    families.set(base, [...(families.get(base) ?? []), match[1]!]);
  }
  return families;
}

/** The English string a translated one stands for: a plural form stands for English's `_other`. */
function englishFor(path: string): string | undefined {
  return englishStrings.get(path) ?? englishStrings.get(path.replace(PLURAL, '_other'));
}

/** The `{{…}}` tokens of a string, exactly as written, sorted. */
function placeholders(text: string): string[] {
  return (text.match(/\{\{[^{}]*\}\}/g) ?? []).sort();
}

/** How many single braces a string has, so `{{count}` or `{count}}` does not slip through. */
function braces(text: string): number {
  return (text.match(/[{}]/g) ?? []).length;
}

describe('translations', () => {
  it('has English and the translated locales', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['en', 'fa', 'ms', 'ru', 'sw']));
  });

  it('has the Marketplace listing in English', () => {
    const app = english.app as Tree;
    for (const key of ['name', 'short_description', 'long_description', 'installation_instructions']) {
      expect(typeof app[key], `app.${key}`).toBe('string');
      expect((app[key] as string).trim(), `app.${key}`).not.toBe('');
    }
  });

  describe.each(LOCALES)('%s', (locale) => {
    const tree = trees.get(locale)!;
    const values = strings(tree);

    it('has every plural form its language needs (English: one and other)', () => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.sort();
      for (const [base, forms] of pluralFamilies(tree)) expect(forms.sort(), `${locale}: ${base}`).toEqual(categories);
    });

    it('has a non-empty string at every leaf', () => {
      const leaves = [...shape(tree)].filter(([, kind]) => kind !== '{}');
      const notStrings = leaves.filter(([, kind]) => kind !== 'string').map(([path]) => path);
      expect(notStrings).toEqual([]);
      const empty = [...values].filter(([, text]) => text.trim() === '').map(([path]) => path);
      expect(empty).toEqual([]);
    });

    it('has a label and help text for every setting in manifest.json', () => {
      for (const { name } of manifest.parameters) {
        for (const field of ['label', 'helpText']) {
          const key = `app.parameters.${name}.${field}`;
          expect(values.get(key)?.trim() ?? '', `${locale}: ${key}`).not.toBe('');
        }
      }
    });
  });

  describe.each(OTHERS)('%s against English', (locale) => {
    const tree = trees.get(locale)!;
    const values = strings(tree);

    it('has every English key, with the same nesting, and no others (a plural family counted as one)', () => {
      const expected = pluralFree(english);
      const actual = pluralFree(tree);
      const missing = [...expected]
        .filter(([path, kind]) => actual.get(path) !== kind)
        .map(([path, kind]) => `${path} (${kind})`);
      const extra = [...actual.keys()].filter((path) => !expected.has(path));
      expect(missing, 'missing or of another kind').toEqual([]);
      expect(extra, 'not in en.json').toEqual([]);
    });

    it('has a plural family for every one in English', () => {
      expect([...pluralFamilies(tree).keys()].sort()).toEqual([...pluralFamilies(english).keys()].sort());
    });

    it('keeps every {{placeholder}} exactly as in English', () => {
      const wrong: string[] = [];
      for (const [path, text] of values) {
        const source = englishFor(path);
        if (source === undefined) continue;
        const want = placeholders(source);
        const got = placeholders(text);
        if (got.join('|') !== want.join('|') || braces(text) !== braces(source)) {
          wrong.push(`${path}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('keeps the ▲ ▼ † marks of the legend', () => {
      for (const [path, source] of englishStrings) {
        for (const mark of ['▲', '▼', '†']) {
          const count = (text: string) => text.split(mark).length - 1;
          expect(count(values.get(path) ?? ''), `${path}: ${mark}`).toBe(count(source));
        }
      }
    });

    it('keeps the values an admin types in the settings examples untranslated', () => {
      const help = (name: string) => values.get(`app.parameters.${name}.helpText`) ?? '';
      expect(help('escalation_tags')).toContain('escalated, tier2');
      expect(help('manager_roles')).toContain('admin, 360001234567');
      expect(help('manager_roles')).toMatch(/(^|[^\p{L}])admin([^\p{L}]|$)/u);
    });
  });

  describe('Persian', () => {
    const values = strings(trees.get('fa') ?? {});
    const persian = /[\u0600-\u06FF]/;
    /** Kept as written on purpose: the product's name and abbreviations support teams use as they are. */
    const KEPT = new Set([
      'app.name',
      'report.title',
      'values.channel.api',
      'metrics.csat.name',
      'report.columns.fcr',
      'report.columns.csat',
      'report.tile.p90',
      'sidebar.metrics.fcr',
      'sidebar.metrics.csat',
    ]);

    it('writes every string with words in Persian script', () => {
      const latinOnly = [...values]
        .filter(([path]) => !KEPT.has(path))
        // A string of placeholders and punctuation only (`{{metric}}: {{who}}`) has nothing to write.
        .filter(([, text]) => /\p{L}/u.test(text.replace(/\{\{[^{}]*\}\}/g, '')))
        .filter(([, text]) => !persian.test(text))
        .map(([path]) => path);
      expect(latinOnly).toEqual([]);
    });

    it('uses Persian letters and digits, not the Arabic forms', () => {
      // ي and ك are the Arabic yeh and kaf, ة and ى do not occur in Persian; ٠–٩ are Arabic-Indic digits.
      const arabic = [...values]
        .filter(([, text]) => /[\u064A\u0643\u0629\u0649\u0660-\u0669]/.test(text))
        .map(([path]) => path);
      expect(arabic).toEqual([]);
    });
  });
});
