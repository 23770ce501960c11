/**
 * Compiles the CLI (src/cli/bin.ts and what it imports of ours) into one ES module, lib/cli.js,
 * which bin/support-kpis.js runs, so an installed package needs neither tsx nor TypeScript.
 * esbuild rather than tsc: one file and no emitted tree to keep in step with src/, and it is
 * already here for the workspace's host script. npm packages stay external: they are the
 * package's runtime `dependencies`, installed by npm, and test/cli/package-install.test.ts checks
 * that the list and the bundle's imports agree.
 * Run: npm run build:cli   (npm pack runs it first, as prepack)
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outfile = resolve(root, 'lib/cli.js');
const result = await build({
  entryPoints: [resolve(root, 'src/cli/bin.ts')],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
// Written aside, then renamed: a test running lib/cli.js while `npm pack` rebuilds it never reads half a file.
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(`${outfile}.tmp`, result.outputFiles[0]!.contents);
renameSync(`${outfile}.tmp`, outfile);
const imports = new Set(
  Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path),
  ),
);
console.log(`lib/cli.js written; npm packages it imports: ${[...imports].sort().join(', ') || 'none'}`);
