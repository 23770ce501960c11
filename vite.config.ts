import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The app's two locations are two pages (assets/sidebar.html, assets/report.html), built into the
 * app package's assets/ with relative URLs, because Zendesk serves an app's assets from a path of
 * its own. Bundles go under assets/build/.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/app/pages'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'assets'),
    emptyOutDir: false,
    assetsDir: 'build',
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        sidebar: resolve(import.meta.dirname, 'src/app/pages/sidebar.html'),
        report: resolve(import.meta.dirname, 'src/app/pages/report.html'),
      },
    },
  },
});
