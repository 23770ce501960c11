import { isObject, parse } from './json-values';
import { type AppPackageInput, type Issue, type ParsedManifest, type Severity } from './package-input';
import { MAX_NAME_LENGTH, MAX_SHORT_DESCRIPTION_LENGTH, REQUIRED_APP_KEYS, VALID_LOCALE } from './zendesk-rules';

/** translations/*.json: ZAS translations.rb, plus the project rules marked below. */
export function validateTranslations(input: AppPackageInput, parsed: ParsedManifest, issues: Issue[]): void {
  const m = parsed.manifest;
  const defaultLocale = m && typeof m.defaultLocale === 'string' ? m.defaultLocale : 'en';
  const isPrivate = m?.private !== false; // ZAS Manifest: private defaults to true
  for (const [file, value] of Object.entries(input.translations)) {
    const add = (field: string | undefined, message: string, rule: string, severity: Severity = 'error') =>
      issues.push({ severity, file, ...(field ? { field } : {}), message, rule });
    const match = /^translations\/(.*)\.json$/.exec(file);
    if (!match) {
      add(undefined, `${file} is not named translations/<locale>.json`, 'ZAS translations.rb TRANSLATIONS_PATH');
      continue;
    }
    const locale = match[1]!;
    if (!VALID_LOCALE.test(locale))
      add(
        undefined,
        `${file}: "${locale}" is not a valid locale name`,
        'ZAS translations.rb translation.invalid_locale',
      );
    const json = parse(file, value, issues, 'ZAS translations.rb translation.not_json');
    if (json === undefined) continue;
    if (!isObject(json)) {
      add(undefined, `${file} is not a JSON object`, 'ZAS translations.rb translation.not_json_object');
      continue;
    }
    const app = isObject(json.app) ? json.app : undefined;

    if (locale === defaultLocale) {
      // ZAS translations.rb validate_top_level_required_keys (all four asked by this project).
      const missing = REQUIRED_APP_KEYS.filter((key) => {
        const v = app?.[key] ?? (key === 'short_description' ? app?.description : undefined);
        return typeof v !== 'string' || v.trim() === '';
      });
      if (missing.length > 0) {
        add(
          missing.map((k) => `app.${k}`).join(', '),
          `${file}: missing required key(s) ${missing.map((k) => `app.${k}`).join(', ')}`,
          'ZAS translations.rb translation.missing_required_key',
        );
      }
      // Marketplace listing lengths (docs): an error for a public app, a warning for a private one
      // (ZAS skips marketplace strings of private apps).
      const severity: Severity = isPrivate ? 'warning' : 'error';
      const name = app?.name;
      if (typeof name === 'string' && [...name].length > MAX_NAME_LENGTH) {
        add(
          'app.name',
          `${file}: app.name is ${[...name].length} characters; the Marketplace allows ${MAX_NAME_LENGTH}`,
          'Zendesk docs "Create content"',
          severity,
        );
      }
      const short = app?.short_description ?? app?.description;
      if (typeof short === 'string' && [...short].length > MAX_SHORT_DESCRIPTION_LENGTH) {
        add(
          'app.short_description',
          `${file}: app.short_description is ${[...short].length} characters; the Marketplace allows ${MAX_SHORT_DESCRIPTION_LENGTH}`,
          'Zendesk docs, Marketplace submission',
          severity,
        );
      }
    }

    // ZAS translations.rb format_error: every leaf under app.parameters has a label. Project rule:
    // every manifest parameter has a label and a helpText in every locale.
    const node = app?.parameters;
    if (node !== undefined && !isObject(node)) {
      add('app.parameters', `${file}: app.parameters must be an object`, 'ZAS translations.rb format_error');
      continue;
    }
    for (const [param, leaf] of Object.entries(node ?? {})) {
      if (!isObject(leaf) || !('label' in leaf)) {
        add(
          `app.parameters.${param}.label`,
          `${file}: app.parameters.${param} has no label`,
          'ZAS translations.rb translation.missing_required_key_on_leaf',
        );
      }
    }
    for (const p of parsed.parameters) {
      if (typeof p.name !== 'string' || p.type === 'hidden') continue;
      const leaf = isObject(node) ? node[p.name] : undefined;
      for (const key of ['label', 'helpText']) {
        const v = isObject(leaf) ? leaf[key] : undefined;
        if (typeof v !== 'string' || v.trim() === '') {
          add(
            `app.parameters.${p.name}.${key}`,
            `${file}: app.parameters.${p.name}.${key} is missing for parameter "${p.name}"`,
            key === 'label' ? 'ZAS translations.rb missing_required_key_on_leaf; project rule' : 'project rule',
          );
        }
      }
    }
  }
}
