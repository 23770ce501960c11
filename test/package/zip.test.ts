import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { readAppDir } from '../../src/package/read-app';
import { errorsOf, validateApp, type AppPackageInput } from '../../src/package/validate-app';
import { writeZip } from '../../src/package/zip';
import { builtPackageDir, ROOT } from './built-package';

interface ReadEntry {
  name: string;
  data: Buffer;
  compressionMethod: number;
  modified: string;
}

/** Every entry of a zip as yauzl (not the writer's library) reads it, CRCs checked on the way. */
function readWithYauzl(zip: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (openError, file) => {
      if (openError) return reject(openError);
      const entries: ReadEntry[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            const { year, month, day, hour, minute } = dosTime(entry.lastModFileDate, entry.lastModFileTime);
            entries.push({
              name: entry.fileName,
              data: Buffer.concat(chunks),
              compressionMethod: entry.compressionMethod,
              modified: `${year}-${month}-${day} ${hour}:${minute}`,
            });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** The raw DOS fields, read without a time zone (yauzl's getLastModDate applies one). */
function dosTime(date: number, time: number) {
  return {
    year: (date >> 9) + 1980,
    month: (date >> 5) & 15,
    day: date & 31,
    hour: time >> 11,
    minute: (time >> 5) & 63,
  };
}

describe('writeZip', () => {
  const entries = [
    { name: 'translations/en.json', data: Buffer.from(JSON.stringify({ app: { name: 'x'.repeat(500) } })) },
    { name: 'manifest.json', data: Buffer.from('{"name":"x"}') },
    { name: 'assets/logo.png', data: readFileSync(join(ROOT, 'assets/logo.png')) },
    { name: 'assets/empty.txt', data: Buffer.alloc(0) },
  ];

  it('writes every entry, byte for byte, sorted by name, deflated, at one fixed time', async () => {
    const read = await readWithYauzl(writeZip(entries));
    expect(read.map((e) => e.name)).toEqual([
      'assets/empty.txt',
      'assets/logo.png',
      'manifest.json',
      'translations/en.json',
    ]);
    for (const entry of read) expect(entry.data.equals(entries.find((e) => e.name === entry.name)!.data)).toBe(true);
    expect(read.find((e) => e.name === 'translations/en.json')!.compressionMethod).toBe(8);
    expect(new Set(read.map((e) => e.modified))).toEqual(new Set(['2020-1-1 0:0']));
  });

  it('gives the same bytes for the same files in any order', () => {
    expect(writeZip([...entries].reverse()).equals(writeZip(entries))).toBe(true);
  });

  it('refuses names that would escape the package or repeat', () => {
    for (const name of ['../x', '/etc/x', 'assets/../x', 'assets\\x', 'assets//x', 'assets/'])
      expect(() => writeZip([{ name, data: Buffer.alloc(1) }]), name).toThrow(/bad zip entry name/);
    expect(() => writeZip([entries[1]!, entries[1]!])).toThrow(/listed twice/);
  });
});

describe('the real package zipped', () => {
  let dir: string;
  let real: AppPackageInput;
  beforeAll(async () => {
    dir = await builtPackageDir();
    real = readAppDir(dir);
  }, 180_000);

  it('holds exactly manifest.json, translations/*.json and assets/**, within the size limit', async () => {
    const zip = writeZip(real.files.map((f) => ({ name: f.path, data: readFileSync(join(dir, f.path)) })));
    const names = (await readWithYauzl(zip)).map((e) => e.name);
    expect(names).toEqual(real.files.map((f) => f.path).sort());
    expect(names.filter((n) => n.startsWith('translations/'))).toEqual(
      ['en', 'fa', 'ms', 'ru', 'sw'].map((locale) => `translations/${locale}.json`),
    );
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'assets/sidebar.html', 'assets/report.html']));
    expect(
      names.every((n) => n === 'manifest.json' || /^translations\/[^/]+\.json$/.test(n) || n.startsWith('assets/')),
    ).toBe(true);
    expect(errorsOf(validateApp({ ...real, zipSize: zip.length }))).toEqual([]);
  });
});
