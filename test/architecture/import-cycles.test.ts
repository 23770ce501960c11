import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** A cycle makes one module run before a module it needs; ESLint's folder rules do not see them. */
describe('imports between modules', () => {
  it('form no cycle in src/', () => {
    expect(importCycles(importGraph(SRC), SRC)).toEqual([]);
  });

  let scratch = '';
  afterEach(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('are checked: a cycle through three modules is found, type-only imports are not one', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'import-cycles-'));
    await writeFile(join(scratch, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    await writeFile(join(scratch, 'b.ts'), "import { c } from './c';\nexport const b = () => c;\n");
    await writeFile(join(scratch, 'c.ts'), "import { a } from './a';\nexport const c = () => a;\n");
    await writeFile(join(scratch, 'd.ts'), "import type { E } from './e';\nexport type D = E;\n");
    await writeFile(join(scratch, 'e.ts'), "import { type D } from './d';\nexport type E = D | 1;\n");

    expect(importCycles(importGraph(scratch), scratch)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
