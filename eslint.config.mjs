// Layer rules (DESIGN.md): dissectors/ is pure; engine/ is Node and never imports electron;
// renderer/ never imports Node or engine/ code; only electron/ imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'zlib', 'stream', 'crypto', 'url', 'events', 'util', 'buffer'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', '.bench/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['dissectors/**/*.ts'],
    ignores: ['dissectors/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(nodeBuiltins, 'dissectors/ is pure: no Node built-ins (it also runs in the browser).'),
          pattern(['electron', 'cap', 'react', 'react-dom', 'zustand', 'ws'], 'dissectors/ is pure: no runtime packages.'),
          pattern(['**/engine/**', '**/renderer/**', '**/electron/**'], 'dissectors/ imports nothing of the other layers.'),
        ],
      }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(['electron'], 'engine/ runs in plain Node: never import electron.'),
          pattern(['**/renderer/**', '**/electron/**'], 'engine/ imports only dissectors/.'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(nodeBuiltins, 'renderer/ runs in the browser: no Node built-ins.'),
          pattern(['electron', 'cap', 'ws'], 'renderer/ talks only to the PacketLens API.'),
          pattern(['**/engine/**', '!**/engine/api', '!**/engine/api/*', '!**/engine/api/transport', '!**/engine/api/transport/*'], 'renderer/ may import only engine/api: the contract types and the (pure) transports.'),
          pattern(['**/electron/**'], 'renderer/ never imports the shell.'),
        ],
      }],
    },
  },
);
