/**
 * CSV (RFC 4180) that is safe to open in a spreadsheet: a text cell that a spreadsheet would run
 * as a formula is prefixed with an apostrophe, as OWASP's "CSV Injection" guidance recommends.
 * Spreadsheets skip leading NULs and whitespace (line feeds included) before a formula and read the
 * fullwidth signs (＝ ＋ － ＠) as the ASCII ones, so those count as a formula start too.
 * Bidirectional overrides and isolates are dropped: they make a cell show text in another order
 * than it holds (Trojan Source, CVE-2021-42574). Numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[\0\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function neutralizeFormula(text: string): string {
  const shown = text.replace(BIDI_CONTROLS, '');
  return FORMULA_START.test(shown) ? `'${shown}` : shown;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
