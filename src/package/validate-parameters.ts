import { isObject } from './json-values';
import type { Json, Report } from './package-input';
import {
  PARAMETER_NAME,
  PARAMETER_TYPES,
  RESERVED_PARAMETER_NAMES,
  TYPES_THAT_CANNOT_BE_SECURE,
} from './zendesk-rules';

/** manifest.json's parameters: types, names, secure settings (ZAS manifest.rb, parameter.rb). */
export function validateParameters(m: Json, err: Report): Json[] {
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
