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
 *
 * One file per part of the package: validate-manifest.ts (with validate-locations.ts and
 * validate-parameters.ts), validate-translations.ts, validate-files.ts; the limits in zendesk-rules.ts.
 */
import type { AppPackageInput, Issue } from './package-input';
import { validateFiles } from './validate-files';
import { validateManifest } from './validate-manifest';
import { validateTranslations } from './validate-translations';

export type { AppPackageInput, Issue, PackageFile, Severity } from './package-input';
export { readPngSize } from './png-size';

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
