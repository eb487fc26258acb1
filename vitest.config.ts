import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { electron: fileURLToPath(new URL('./test/stubs/electron.ts', import.meta.url)) },
  },
  test: {
    include: ['dissectors/**/*.test.ts', 'engine/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
