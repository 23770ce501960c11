/**
 * The Marketplace zip, written by fflate. The same files always give the same bytes: entries sorted
 * by name, one fixed timestamp, so a rebuilt package can be compared with the last one.
 */
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntryInput {
  /** Path inside the zip, forward slashes, no leading slash. */
  name: string;
  data: Uint8Array;
}

/**
 * fflate writes DOS times from the Date's local fields, so a Date built from local fields gives
 * 2020-01-01 00:00 in the zip whatever the machine's time zone.
 */
const FIXED_MTIME = new Date(2020, 0, 1);

const SAFE_NAME = /^(?!\/)(?!.*\/\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\\\0:]+$/;

export function writeZip(entries: readonly ZipEntryInput[]): Buffer {
  const files: Zippable = {};
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!SAFE_NAME.test(entry.name) || entry.name.endsWith('/'))
      throw new Error(`bad zip entry name "${entry.name}": want a relative path with forward slashes and no . or ..`);
    if (entry.name in files) throw new Error(`bad zip entry name "${entry.name}": it is listed twice`);
    files[entry.name] = [entry.data, { mtime: FIXED_MTIME }];
  }
  return Buffer.from(zipSync(files, { level: 9 }));
}
