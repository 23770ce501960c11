/**
 * Text from saved files (record ids, names, keys) reaches the terminal only through this: control
 * characters (ANSI escapes included) and bidirectional overrides become U+FFFD, so a file cannot
 * move the cursor, recolour the screen or reorder what the line says.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}
