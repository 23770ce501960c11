import { cpSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const PACKAGE_DIR = resolve(root, 'dist');

/**
 * The package folder beside the built pages, as Zendesk's React scaffold lays it out: zcli serves,
 * validates and packages dist/ as it is, so manifest.json and translations/ are copied in after
 * each build (translations/ replaced whole, so a removed locale does not linger).
 */
function appPackageFiles(): Plugin {
  return {
    name: 'support-kpis-app-package',
    apply: 'build',
    closeBundle() {
      cpSync(resolve(root, 'manifest.json'), resolve(PACKAGE_DIR, 'manifest.json'));
      rmSync(resolve(PACKAGE_DIR, 'translations'), { recursive: true, force: true });
      cpSync(resolve(root, 'translations'), resolve(PACKAGE_DIR, 'translations'), { recursive: true });
    },
  };
}

/**
 * The app's two locations are two pages (sidebar.html, report.html), built into dist/assets/ with
 * relative URLs, because Zendesk serves an app's assets from a path of its own. Bundles go under
 * dist/assets/build/; the committed images in assets/ (logos, nav-bar icon, screenshots) are copied
 * beside them unchanged, as Vite's public directory.
 */
export default defineConfig({
  root: resolve(root, 'src/app/pages'),
  base: './',
  publicDir: resolve(root, 'assets'),
  plugins: [react(), appPackageFiles()],
  build: {
    outDir: resolve(PACKAGE_DIR, 'assets'),
    emptyOutDir: true,
    assetsDir: 'build',
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      input: {
        sidebar: resolve(root, 'src/app/pages/sidebar.html'),
        report: resolve(root, 'src/app/pages/report.html'),
      },
    },
  },
});
