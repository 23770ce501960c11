/**
 * Offline validation of the Zendesk app package (manifest.json, translations/*.json, assets/**),
 * before it is zipped and uploaded. Pure functions: the caller reads the files; nothing here touches
 * the filesystem, so tests can validate broken copies held in memory.
 *
 * The rules follow zendesk/zendesk_apps_support (ZAS), the library Zendesk runs on an uploaded
 * package (`zcli apps:validate` posts the zip to /api/v2/apps/validate, which runs it), read at
 * commit f3de3c7dbf3e49cc96846b925b8588f7811de94e:
 *   - lib/zendesk_apps_support/validations/manifest.rb      ("ZAS manifest.rb")
 *   - lib/zendesk_apps_support/validations/translations.rb  ("ZAS translations.rb")
 *   - lib/zendesk_apps_support/validations/secure_settings.rb, mime.rb, marketplace.rb, svg.rb
 *   - lib/zendesk_apps_support/manifest/parameter.rb (parameter types), app_version.rb (framework
 *     versions), location.rb (location names), package.rb (nav-bar icons)
 * and the Zendesk developer docs where ZAS has no rule (logo sizes: "Create app brand assets";
 * listing lengths: "Create content" / Marketplace submission; 2 MB zip: "Uploading and installing a
 * private app"). Rules marked "project rule" are this project's own, stricter than Zendesk's.
 */

export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Package-relative path of the file the issue is in: manifest.json, translations/fa.json, assets/logo.png. */
  file: string;
  /** The field inside the file (JSON path), when there is one. */
  field?: string;
  message: string;
  /** Where the rule comes from. */
  rule: string;
}

export interface PackageFile {
  /** Package-relative path with forward slashes. */
  path: string;
  size: number;
  /** For images: pixel size (PNG: from the IHDR chunk, see readPngSize). */
  width?: number;
  height?: number;
  /** False when the file does not start with the PNG signature (only for *.png). */
  isPng?: boolean;
  /** Text of SVG files, for the SVG checks. */
  text?: string;
  symlink?: boolean;
}

export interface AppPackageInput {
  /** manifest.json as text (so that a JSON syntax error is reported) or already parsed. */
  manifest: string | unknown;
  /** Keyed by package path, e.g. "translations/en.json"; text or already parsed. */
  translations: Record<string, string | unknown>;
  /** Every file that would go into the package (manifest and translations included). */
  files: PackageFile[];
  /** Size of the built zip, when it exists. */
  zipSize?: number;
}

// ZAS manifest/parameter.rb TYPES = text checkbox url number multiline hidden oauth mtls. 'mtls' is
// accepted only with validate_mtls_param (off by default, manifest.rb invalid_type_error), so it is
// left out. 'password' was removed from ZAS (commit 46a376e "Remove passsword parameter").
export const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'] as const;
// ZAS manifest.rb oauth_cannot_be_secure (and mtls_cannot_have_certain_settings for mtls).
export const TYPES_THAT_CANNOT_BE_SECURE = ['oauth', 'mtls'];
// ZAS manifest.rb name_as_parameter_name_error: "Can't call a parameter 'name'".
export const RESERVED_PARAMETER_NAMES = ['name'];
// Project rule: names are used as settings keys and as translation keys app.parameters.<name>
// (a dot would nest the key), so keep them identifiers.
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// ZAS app_version.rb TO_BE_SERVED (DEPRECATED + SUNSETTING + CURRENT + FUTURE) = ['2.0'].
export const FRAMEWORK_VERSIONS = ['2.0'];
// ZAS translations.rb VALID_LOCALE.
export const VALID_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;
// ZAS location.rb, the Support product's locations.
export const SUPPORT_LOCATIONS = [
  'top_bar',
  'nav_bar',
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'background',
  'modal',
  'ticket_editor',
  'system_top_bar',
];
// ZAS package.rb LOCATIONS_WITH_ICONS_PER_PRODUCT[Support]: these locations show assets/icon_<location>.svg.
export const LOCATIONS_WITH_ICONS = ['top_bar', 'nav_bar', 'system_top_bar', 'ticket_editor'];
// ZAS translations.rb get_missing_keys: public_app_keys. (ZAS asks only 'name' of a private app;
// this project asks all four, in the default locale, so the listing text is always there.)
export const REQUIRED_APP_KEYS = ['name', 'short_description', 'long_description', 'installation_instructions'];
// Zendesk docs, Marketplace listing: name at most 40 characters, short description at most 80.
export const MAX_NAME_LENGTH = 40;
export const MAX_SHORT_DESCRIPTION_LENGTH = 80;
// Zendesk docs "Create app brand assets": logo.png 320×320, logo-small.png 128×128, PNG.
export const LOGOS = [
  { path: 'assets/logo.png', width: 320, height: 320 },
  { path: 'assets/logo-small.png', width: 128, height: 128 },
];
// Zendesk docs "Uploading and installing a private app": the zip may be at most 2 MB.
export const MAX_ZIP_BYTES = 2 * 1024 * 1024;
// ZAS mime.rb UNSUPPORTED_MIME_TYPES, matched on the file extension here.
export const FORBIDDEN_EXTENSIONS = [
  'rar',
  'zip',
  'gzip',
  'gz',
  'pdf',
  'doc',
  'docx',
  'avi',
  'bin',
  'bz',
  'bz2',
  'csh',
  'sh',
  'jar',
  'mp3',
  'mpeg',
  'odt',
  'pptx',
  'ppt',
  'xls',
  'xlsx',
  '7z',
];

const MANIFEST = 'manifest.json';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(file: string, value: string | unknown, issues: Issue[], rule: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    issues.push({ severity: 'error', file, message: `${file} is not valid JSON: ${(error as Error).message}`, rule });
    return undefined;
  }
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  // The first chunk must be IHDR: length (4 bytes) then type "IHDR" at offset 12, width and height
  // big-endian at 16 and 20.
  if (String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function validUrl(value: string, schemes: string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

export interface ParsedManifest {
  manifest: Json | undefined;
  parameters: Json[];
}

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

type Report = (field: string | undefined, message: string, rule: string, severity?: Severity) => void;

function validateLocations(m: Json, paths: Set<string>, err: Report): void {
  // ZAS manifest.rb missing_location_error, invalid_location_error, invalid_location_uri_error,
  // invalid_location_flexible_error.
  if (!isObject(m.location) || Object.keys(m.location).length === 0) {
    err(
      'location',
      'manifest.json: "location" is missing (e.g. {"support": {"ticket_sidebar": {"url": "assets/…"}}})',
      'ZAS manifest.rb missing_location_error',
    );
    return;
  }
  for (const [host, locations] of Object.entries(m.location)) {
    if (host !== 'support') {
      // This app is a Support app; ZAS knows other hosts (chat, sell) but the project targets Support.
      err(
        `location.${host}`,
        `manifest.json: location host "${host}" is not "support"`,
        'ZAS manifest.rb invalid_host; project rule',
      );
      continue;
    }
    if (!isObject(locations) || Object.keys(locations).length === 0) {
      err(
        `location.${host}`,
        `manifest.json: "location.${host}" names no location`,
        'ZAS manifest.rb missing_location_error',
      );
      continue;
    }
    for (const [name, options] of Object.entries(locations)) {
      const field = `location.${host}.${name}`;
      if (!SUPPORT_LOCATIONS.includes(name)) {
        err(
          field,
          `manifest.json: "${name}" is not a Support location (${SUPPORT_LOCATIONS.join(', ')})`,
          'ZAS manifest.rb invalid_location; location.rb',
        );
        continue;
      }
      const url = typeof options === 'string' ? options : isObject(options) ? options.url : undefined;
      if (typeof url !== 'string' || url === '') {
        err(`${field}.url`, `manifest.json: "${field}.url" is missing`, 'ZAS manifest.rb blank_location_uri');
      } else if (!url.includes('{{setting.')) {
        let ok: boolean;
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
          ok = validUrl(url, ['https:']) || (validUrl(url, ['http:']) && new URL(url).hostname === 'localhost');
        } else {
          const path = url.split(/[?#]/)[0]!;
          ok = path.startsWith('assets/') && paths.has(path);
        }
        if (!ok) {
          err(
            `${field}.url`,
            `manifest.json: "${field}.url" (${url}) must be an https URL or a file under assets/ in the package, and that file is missing`,
            'ZAS manifest.rb invalid_location_uri',
          );
        }
      }
      if (isObject(options) && options.flexible !== undefined && typeof options.flexible !== 'boolean') {
        err(
          `${field}.flexible`,
          `manifest.json: "${field}.flexible" must be true or false`,
          'ZAS manifest.rb invalid_location_flexible_type',
        );
      }
    }
  }
}

function validateParameters(m: Json, err: Report): Json[] {
  if (m.parameters === undefined) return [];
  if (!Array.isArray(m.parameters)) {
    err('parameters', 'manifest.json: "parameters" must be an array', 'ZAS manifest.rb parameters_not_an_array');
    return [];
  }
  const parameters: Json[] = [];
  const seen = new Map<string, number>();
  m.parameters.forEach((p: unknown, i: number) => {
    const at = `parameters[${i}]`;
    if (!isObject(p)) {
      err(at, `manifest.json: ${at} must be an object`, 'ZAS manifest.rb parameters_error');
      return;
    }
    parameters.push(p);
    const name = p.name;
    const label = typeof name === 'string' ? `parameters[name="${name}"]` : at;
    if (typeof name !== 'string' || !PARAMETER_NAME.test(name)) {
      err(
        `${label}.name`,
        `manifest.json: ${at}.name ${JSON.stringify(name)} must be letters, digits and _ (not starting with a digit)`,
        'project rule',
      );
    } else {
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if (RESERVED_PARAMETER_NAMES.includes(name)) {
        err(
          `${label}.name`,
          `manifest.json: a parameter cannot be called "${name}"`,
          'ZAS manifest.rb name_as_parameter_name',
        );
      }
    }
    const type = p.type ?? 'text'; // ZAS parameter.rb: type defaults to text
    if (typeof type !== 'string' || !(PARAMETER_TYPES as readonly string[]).includes(type)) {
      err(
        `${label}.type`,
        `manifest.json: ${label}.type ${JSON.stringify(type)} is not one of ${PARAMETER_TYPES.join(', ')}`,
        'ZAS manifest.rb invalid_type_error; manifest/parameter.rb TYPES',
      );
    }
    for (const key of ['required', 'secure'] as const) {
      if (p[key] !== undefined && typeof p[key] !== 'boolean') {
        err(
          `${label}.${key}`,
          `manifest.json: ${label}.${key} must be true or false`,
          'ZAS manifest.rb parameters_error validate_boolean',
        );
      }
    }
    if (p.secure === true && typeof type === 'string' && TYPES_THAT_CANNOT_BE_SECURE.includes(type)) {
      err(
        `${label}.secure`,
        `manifest.json: ${label} is of type "${type}", which cannot be secure`,
        'ZAS manifest.rb oauth_cannot_be_secure',
      );
    }
    if (type === 'hidden' && p.required === true) {
      err(
        `${label}.required`,
        `manifest.json: ${label} is hidden and so cannot be required`,
        'ZAS manifest.rb invalid_hidden_parameter',
      );
    }
    if (p.required === true && 'default' in p) {
      // Project rule: a required setting should be asked of the admin, not prefilled.
      err(
        `${label}.default`,
        `manifest.json: ${label} is required and also has a default; drop one of them`,
        'project rule',
      );
    }
    if ('default' in p && (p.secure === true || type === 'hidden')) {
      err(
        `${label}.default`,
        `manifest.json: ${label} is secure or hidden and has a default, which is visible to anyone who can read the app`,
        'ZAS secure_settings.rb (warning)',
        'warning',
      );
    }
    if (typeof name === 'string' && /token|key|pwd|password/i.test(name) && type === 'text' && p.secure !== true) {
      err(
        `${label}.secure`,
        `manifest.json: ${label} looks like a secret; make it secure`,
        'ZAS secure_settings.rb (warning)',
        'warning',
      );
    }
    if (p.scopes !== undefined && p.secure !== true) {
      err(
        `${label}.scopes`,
        `manifest.json: ${label}.scopes needs secure: true`,
        'ZAS manifest.rb field_requires_secure_parameter',
      );
    }
  });
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([name]) => name);
  if (duplicates.length > 0) {
    err(
      'parameters',
      `manifest.json: duplicate parameters: ${duplicates.join(', ')}`,
      'ZAS manifest.rb duplicate_parameters',
    );
  }
  if (parameters.filter((p) => p.type === 'oauth').length > 1) {
    err(
      'parameters',
      'manifest.json: only one oauth parameter is allowed',
      'ZAS manifest.rb too_many_oauth_parameters',
    );
  }
  return parameters;
}

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

/** assets and the file list: logos (docs), nav-bar icon (ZAS package.rb), size (docs), forbidden files (ZAS mime.rb, marketplace.rb). */
export function validateFiles(input: AppPackageInput, parsed: ParsedManifest, issues: Issue[]): void {
  const byPath = new Map(input.files.map((f) => [f.path, f]));
  const add = (file: string, message: string, rule: string, severity: Severity = 'error') =>
    issues.push({ severity, file, message, rule });

  for (const logo of LOGOS) {
    const f = byPath.get(logo.path);
    if (!f) {
      add(
        logo.path,
        `${logo.path} is missing (a ${logo.width}×${logo.height} PNG)`,
        'Zendesk docs "Create app brand assets"; setup "File requirements"',
      );
    } else if (f.isPng === false) {
      add(logo.path, `${logo.path} is not a PNG`, 'Zendesk docs "Create app brand assets"');
    } else if (f.width !== logo.width || f.height !== logo.height) {
      add(
        logo.path,
        `${logo.path} is ${f.width ?? '?'}×${f.height ?? '?'}; it must be ${logo.width}×${logo.height}`,
        'Zendesk docs "Create app brand assets"',
      );
    }
  }

  const support = parsed.manifest && isObject(parsed.manifest.location) ? parsed.manifest.location.support : undefined;
  for (const location of isObject(support) ? Object.keys(support) : []) {
    if (!LOCATIONS_WITH_ICONS.includes(location)) continue;
    const icon = `assets/icon_${location}.svg`;
    if (!byPath.has(icon))
      add(
        icon,
        `${icon} is missing: the ${location} location shows it`,
        'ZAS package.rb LOCATIONS_WITH_ICONS_PER_PRODUCT',
      );
  }

  for (const f of input.files) {
    if (f.path.endsWith('.svg') && f.text !== undefined) {
      // ZAS svg.rb: SVGs with embedded bitmaps are replaced by a placeholder; markup Loofah would
      // scrub (scripts, event handlers) is rewritten. Either way the icon shown is not ours.
      if (/<image[\s>]/i.test(f.text))
        add(
          f.path,
          `${f.path} embeds a bitmap (<image>); Zendesk replaces such SVGs with a placeholder`,
          'ZAS svg.rb contains_embedded_bitmap?',
        );
      if (/<script[\s>]|\son[a-z]+\s*=/i.test(f.text))
        add(f.path, `${f.path} has scripts or event handlers, which Zendesk strips`, 'ZAS svg.rb (Loofah scrub)');
    }
    const ext = f.path.includes('.') ? f.path.slice(f.path.lastIndexOf('.') + 1).toLowerCase() : '';
    if (FORBIDDEN_EXTENSIONS.includes(ext))
      add(f.path, `${f.path}: .${ext} files are not allowed in an app package`, 'ZAS mime.rb UNSUPPORTED_MIME_TYPES');
    if (f.symlink)
      add(f.path, `${f.path} is a symlink; symlinks are not allowed in the zip`, 'ZAS marketplace.rb symlink_in_zip');
    const allowed = f.path === MANIFEST || /^translations\/[^/]+\.json$/.test(f.path) || f.path.startsWith('assets/');
    if (!allowed)
      add(
        f.path,
        `${f.path} does not belong in the package (only manifest.json, translations/*.json, assets/**)`,
        'project rule',
      );
    if (f.size > MAX_ZIP_BYTES)
      add(
        f.path,
        `${f.path} is ${f.size} bytes, over the ${MAX_ZIP_BYTES}-byte package limit`,
        'Zendesk docs "Uploading and installing a private app" (2 MB)',
      );
  }
  if (input.zipSize !== undefined && input.zipSize > MAX_ZIP_BYTES) {
    add(
      '(zip)',
      `the package zip is ${input.zipSize} bytes, over the 2 MB (${MAX_ZIP_BYTES} bytes) limit`,
      'Zendesk docs "Uploading and installing a private app"',
    );
  }
}

/** Every rule; the package is valid when no issue has severity 'error'. */
export function validateApp(input: AppPackageInput): Issue[] {
  const issues: Issue[] = [];
  const parsed = validateManifest(input, issues);
  validateTranslations(input, parsed, issues);
  validateFiles(input, parsed, issues);
  return issues;
}

export function errorsOf(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error');
}

export function formatIssue(issue: Issue): string {
  return `${issue.severity.toUpperCase()} ${issue.file}${issue.field ? ` [${issue.field}]` : ''}: ${issue.message} (${issue.rule})`;
}
