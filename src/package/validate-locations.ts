import { isObject, validUrl } from './json-values';
import type { Json, Report } from './package-input';
import { SUPPORT_LOCATIONS } from './zendesk-rules';

/** manifest.json's location: each product's locations and their URLs (ZAS manifest.rb). */
export function validateLocations(m: Json, paths: Set<string>, err: Report): void {
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
