import { MANIFEST, isObject, parse, validUrl } from './json-values';
import { type AppPackageInput, type Issue, type ParsedManifest, type Severity } from './package-input';
import { validateLocations } from './validate-locations';
import { validateParameters } from './validate-parameters';
import { FRAMEWORK_VERSIONS, VALID_LOCALE } from './zendesk-rules';

/** manifest.json: ZAS manifest.rb, plus the project rules marked below. */
export function validateManifest(input: AppPackageInput, issues: Issue[]): ParsedManifest {
  const err = (field: string | undefined, message: string, rule: string, severity: Severity = 'error') =>
    issues.push({ severity, file: MANIFEST, ...(field ? { field } : {}), message, rule });
  const raw = parse(MANIFEST, input.manifest, issues, 'ZAS manifest.rb manifest_not_json');
  if (raw === undefined) return { manifest: undefined, parameters: [] };
  if (!isObject(raw)) {
    err(undefined, 'manifest.json must be a JSON object', 'ZAS manifest.rb manifest_not_json');
    return { manifest: undefined, parameters: [] };
  }
  const m = raw;
  const paths = new Set(input.files.map((f) => f.path));

  // name: project rule (ZAS takes the app's name from translations; zcli apps:create and the
  // upload form use manifest.name).
  if (typeof m.name !== 'string' || m.name.trim() === '')
    err('name', 'manifest.json: "name" is missing or empty', 'project rule');

  // author: required (ZAS manifest.rb REQUIRED_MANIFEST_FIELDS); name and email strings (string_error),
  // both asked for by the docs ("Create content"); url optional but a valid http(s) URL (validate_urls).
  if (!isObject(m.author)) {
    err(
      'author',
      'manifest.json: "author" is missing (an object with name and email)',
      'ZAS manifest.rb missing_keys_error',
    );
  } else {
    for (const key of ['name', 'email'] as const) {
      const value = m.author[key];
      if (typeof value !== 'string' || value.trim() === '') {
        err(
          `author.${key}`,
          `manifest.json: "author.${key}" is missing or not a string`,
          'ZAS manifest.rb string_error; docs "Create content"',
        );
      }
    }
    if (typeof m.author.email === 'string' && m.author.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(m.author.email)) {
      err('author.email', `manifest.json: "author.email" (${m.author.email}) is not an email address`, 'project rule');
    }
    if (
      m.author.url !== undefined &&
      (typeof m.author.url !== 'string' || !validUrl(m.author.url, ['http:', 'https:']))
    ) {
      err(
        'author.url',
        `manifest.json: "author.url" (${String(m.author.url)}) is not a valid http(s) URL`,
        'ZAS manifest.rb validate_urls',
      );
    }
  }

  // defaultLocale: required, VALID_LOCALE, and translations/<locale>.json present (ZAS default_locale_error).
  if (m.defaultLocale === undefined) {
    err('defaultLocale', 'manifest.json: "defaultLocale" is missing', 'ZAS manifest.rb missing_keys_error');
  } else if (typeof m.defaultLocale !== 'string' || !VALID_LOCALE.test(m.defaultLocale)) {
    err(
      'defaultLocale',
      `manifest.json: "defaultLocale" (${String(m.defaultLocale)}) is not a valid locale`,
      'ZAS manifest.rb invalid_default_locale',
    );
  } else if (!(`translations/${m.defaultLocale}.json` in input.translations)) {
    err(
      'defaultLocale',
      `manifest.json: "defaultLocale" is "${m.defaultLocale}" but translations/${m.defaultLocale}.json is missing`,
      'ZAS manifest.rb missing_translation_file',
    );
  }

  // Booleans (ZAS manifest.rb boolean_error), checked when present.
  for (const key of ['private', 'singleInstall', 'signedUrls', 'requirementsOnly', 'marketingOnly']) {
    if (m[key] !== undefined && typeof m[key] !== 'boolean')
      err(key, `manifest.json: "${key}" must be true or false`, 'ZAS manifest.rb boolean_error');
  }

  // frameworkVersion: required and one served (ZAS missing_framework_version, invalid_version_error).
  if (m.frameworkVersion === undefined) {
    err(
      'frameworkVersion',
      'manifest.json: "frameworkVersion" is missing',
      'ZAS manifest.rb missing_framework_version',
    );
  } else if (typeof m.frameworkVersion !== 'string' || !FRAMEWORK_VERSIONS.includes(m.frameworkVersion)) {
    err(
      'frameworkVersion',
      `manifest.json: "frameworkVersion" is ${JSON.stringify(m.frameworkVersion)}; it must be one of ${FRAMEWORK_VERSIONS.join(', ')}`,
      'ZAS manifest.rb invalid_version_error; app_version.rb',
    );
  }

  // version: ZAS asks only for a string (string_error); project rule: dotted numbers (it names the zip).
  if (m.version === undefined) {
    err('version', 'manifest.json: "version" is missing', 'project rule');
  } else if (typeof m.version !== 'string' || !/^\d+\.\d+(\.\d+)?(-[0-9A-Za-z.-]+)?$/.test(m.version)) {
    err(
      'version',
      `manifest.json: "version" ${JSON.stringify(m.version)} is not a version like 1.2.3`,
      'ZAS manifest.rb string_error; project rule',
    );
  }

  validateLocations(m, paths, err);
  const parameters = validateParameters(m, err);
  return { manifest: m, parameters };
}
