import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetWarning, ResponseSource } from '../response-dataset';

export interface InputFiles {
  sources: ResponseSource[];
  /** Files that could not be read as JSON: named, and left out. */
  warnings: DatasetWarning[];
}

const isJsonName = (name: string) => name.toLowerCase().endsWith('.json');

/**
 * Every `.json` regular file under a directory. Symbolic links are followed, to files and to
 * directories, but a directory already read (by its real path) is not read again, so a link loop
 * ends; what is left out is said, never skipped silently.
 */
async function listJsonFiles(directory: string, seen: Set<string>, warnings: DatasetWarning[]): Promise<string[]> {
  seen.add(await realpath(directory));
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const info = entry.isSymbolicLink() ? await stat(path).catch(() => null) : entry;
    if (info === null) {
      warnings.push({ source: path, recordId: null, message: 'skipped: a symbolic link to nothing' });
      continue;
    }
    if (info.isDirectory()) {
      if (seen.has(await realpath(path))) {
        warnings.push({ source: path, recordId: null, message: 'skipped: a link to a directory already read' });
      } else files.push(...(await listJsonFiles(path, seen, warnings)));
    } else if (isJsonName(entry.name)) {
      if (info.isFile()) files.push(path);
      else warnings.push({ source: path, recordId: null, message: 'skipped: not a regular file' });
    }
  }
  return files;
}

/** A path of saved responses that is missing or holds no JSON: the caller's mistake, named with its flag. */
export class SavedResponsesPathError extends Error {
  override name = 'SavedResponsesPathError';
}

/** Reads saved responses at PATH (`--input` or `--data`): one JSON file, or every `.json` file under a directory. */
export async function readInputFiles(path: string, flag = '--input'): Promise<InputFiles> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new SavedResponsesPathError(`${flag}: ${path} does not exist`);
  }
  // A FIFO or a device would block the read, or never end.
  if (!info.isDirectory() && !info.isFile())
    throw new SavedResponsesPathError(`${flag}: ${path} is not a regular file or a directory`);
  const warnings: DatasetWarning[] = [];
  const files = info.isDirectory() ? await listJsonFiles(path, new Set(), warnings) : [path];
  if (info.isDirectory() && files.length === 0)
    throw new SavedResponsesPathError(`${flag}: ${path} holds no .json files`);

  const sources: ResponseSource[] = [];
  for (const file of files) {
    // Windows tools save UTF-8 with a byte-order mark, which JSON.parse refuses.
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    try {
      sources.push({ name: file, body: JSON.parse(text) as unknown });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warnings.push({ source: file, recordId: null, message: `ignored: not valid JSON (${reason})` });
    }
  }
  return { sources, warnings };
}
