/**
 * Reading fields of the JSON the account holds. Saved responses (`--data DIR`) can hold anything, so
 * a field of the wrong type reads as absent rather than being cast and trusted.
 */

export type Json = Record<string, unknown>;

export const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export const objectOrNull = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;

export const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** An ISO time as epoch ms; NaN when it is not one. */
export const timeOf = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);
