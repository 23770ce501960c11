/**
 * Reads an app directory into the input of validateApp: manifest.json, translations/*.json and the
 * files under assets/ (sizes, PNG dimensions from IHDR, SVG text). Only the package's own files are
 * listed: manifest.json, translations/*.json, assets/**.
 */
import { lstatSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppPackageInput, PackageFile } from './package-input';
import { readPngSize } from './png-size';

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(root, rel, out);
    else out.push(rel);
  }
}

/** Package-relative paths of the files that go into the zip, sorted. */
export function listPackagePaths(root: string): string[] {
  const paths: string[] = [];
  if (existsSync(join(root, 'manifest.json'))) paths.push('manifest.json');
  if (existsSync(join(root, 'translations'))) {
    for (const name of readdirSync(join(root, 'translations')))
      if (name.endsWith('.json')) paths.push(`translations/${name}`);
  }
  if (existsSync(join(root, 'assets'))) walk(root, 'assets', paths);
  return paths.sort();
}

export function describeFile(path: string, bytes: Uint8Array, symlink = false): PackageFile {
  const file: PackageFile = { path, size: bytes.length, ...(symlink ? { symlink } : {}) };
  if (path.toLowerCase().endsWith('.png')) {
    const size = readPngSize(bytes);
    file.isPng = size !== undefined;
    if (size) Object.assign(file, size);
  }
  if (path.toLowerCase().endsWith('.svg')) file.text = Buffer.from(bytes).toString('utf8');
  return file;
}

export function readAppDir(root: string): AppPackageInput {
  const paths = listPackagePaths(root);
  const files = paths.map((p) =>
    describeFile(p, readFileSync(join(root, p)), lstatSync(join(root, p)).isSymbolicLink()),
  );
  const translations: Record<string, string> = {};
  for (const p of paths) if (p.startsWith('translations/')) translations[p] = readFileSync(join(root, p), 'utf8');
  const manifest = existsSync(join(root, 'manifest.json')) ? readFileSync(join(root, 'manifest.json'), 'utf8') : '';
  return { manifest, translations, files };
}
