/** Reading the package's JSON files: parsing with an issue on a syntax error, object and URL tests. */
import type { Issue, Json } from './package-input';

export const MANIFEST = 'manifest.json';

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parse(file: string, value: string | unknown, issues: Issue[], rule: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    issues.push({ severity: 'error', file, message: `${file} is not valid JSON: ${(error as Error).message}`, rule });
    return undefined;
  }
}

export function validUrl(value: string, schemes: string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}
