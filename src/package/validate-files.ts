import { MANIFEST, isObject } from './json-values';
import { type AppPackageInput, type Issue, type ParsedManifest, type Severity } from './package-input';
import { FORBIDDEN_EXTENSIONS, LOCATIONS_WITH_ICONS, LOGOS, MAX_ZIP_BYTES } from './zendesk-rules';

/**
 * assets and the file list: logos (docs), nav-bar icon (ZAS package.rb), size (docs), forbidden files
 * (ZAS mime.rb, marketplace.rb).
 */
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
