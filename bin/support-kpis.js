#!/usr/bin/env node
// Runs the compiled CLI, lib/cli.js: `npm run build` (or build:cli) writes it in a checkout, and
// `npm pack` builds it into the package, so running needs neither tsx nor TypeScript.
import { existsSync } from 'node:fs';

const cli = new URL('../lib/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('support-kpis: lib/cli.js is missing; in a checkout, run: npm run build:cli\n');
  process.exit(2);
}
await import(cli.href);
