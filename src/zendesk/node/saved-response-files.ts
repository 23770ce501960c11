import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetWarning, ResponseSource } from '../response-dataset';

export interface InputFiles {
  sources: ResponseSource[];
  /** Files that could not be read as JSON: named, and left out. */
  warnings: DatasetWarning[];
}

async function listJsonFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listJsonFiles(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) files.push(path);
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
  const files = info.isDirectory() ? await listJsonFiles(path) : [path];
  if (info.isDirectory() && files.length === 0) throw new SavedResponsesPathError(`${flag}: ${path} holds no .json files`);

  const sources: ResponseSource[] = [];
  const warnings: DatasetWarning[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    try {
      sources.push({ name: file, body: JSON.parse(text) as unknown });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warnings.push({ source: file, recordId: null, message: `ignored: not valid JSON (${reason})` });
    }
  }
  return { sources, warnings };
}
