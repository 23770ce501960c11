import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped bytes each location loads: its page's scripts, preloaded chunks and styles, read from
 * the built HTML (Vite's output in dist/assets/), each file counted once per page.
 */
export function bundleSizes(assetsDir: string): Record<'sidebar' | 'report', { files: string[]; gzipBytes: number }> {
  const sizes = {} as Record<'sidebar' | 'report', { files: string[]; gzipBytes: number }>;
  for (const page of ['sidebar', 'report'] as const) {
    const html = readFileSync(join(assetsDir, `${page}.html`), 'utf8');
    const files = [...new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]!))];
    const gzipBytes = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(assetsDir, file)), { level: 9 }).length,
      0,
    );
    sizes[page] = { files, gzipBytes };
  }
  return sizes;
}
