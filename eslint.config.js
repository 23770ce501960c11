// Lint rules, including the direction of dependencies between src/ folders: the engine imports
// nothing of ours, the Zendesk layer only the engine, and the app and the CLI never each other.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const OURS = ['metrics', 'zendesk', 'format', 'app', 'cli', 'emulator', 'package'];

/**
 * `no-restricted-imports` for files below src/: the src/ folders they may not import, and any other
 * patterns (Node built-ins, the Node-only or browser-only halves of src/zendesk).
 */
function restrict(folders, why, extra = []) {
  const up = (f) => [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`];
  const patterns = [...extra];
  if (folders.length > 0) patterns.push({ group: folders.flatMap(up), message: why });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const except = (...allowed) => OURS.filter((f) => !allowed.includes(f));
const NODE = { group: ['node:*'], message: 'Runs in the browser too: Node built-ins belong in src/zendesk/node/.' };
const ZENDESK_NODE = { group: ['**/zendesk/node/*'], message: 'Node-only: the app runs in the browser.' };
const ZENDESK_BROWSER = { group: ['**/zendesk/browser/*'], message: 'Browser-only: the CLI runs in Node.' };

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'test-artifacts/',
      'assets/',
      'bench/results.json',
      'build/',
      'lib/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'test/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/metrics/**'],
    rules: restrict(except(), 'The engine is pure: records in, numbers out, nothing of ours imported.', [NODE]),
  },
  { files: ['src/format/**'], rules: restrict(except('metrics'), 'Formatting depends on the engine only.', [NODE]) },
  {
    files: ['src/zendesk/**'],
    ignores: ['src/zendesk/node/**'],
    rules: restrict(except('metrics'), 'The Zendesk layer depends on the engine only.', [NODE]),
  },
  {
    files: ['src/zendesk/node/**'],
    rules: restrict(except('metrics'), 'The Zendesk layer depends on the engine only.', [ZENDESK_BROWSER]),
  },
  {
    files: ['src/app/**'],
    rules: restrict(
      except('metrics', 'zendesk', 'format'),
      'The app never imports the CLI, the emulator or the package checks.',
      [NODE, ZENDESK_NODE],
    ),
  },
  {
    files: ['src/cli/**'],
    rules: restrict(
      except('metrics', 'zendesk', 'format'),
      'The CLI never imports the app, the emulator or the package checks.',
      [ZENDESK_BROWSER],
    ),
  },
  {
    files: ['src/emulator/**'],
    rules: restrict(
      except('metrics', 'zendesk'),
      'The local Zendesk stands apart: it never imports the CLI or the app.',
    ),
  },
  { files: ['src/package/**'], rules: restrict(except(), 'The package checks stand alone.') },
);
