// Bundles each runtime's entry points with esbuild (a sandboxed preload cannot require local
// files, and one file per entry point starts faster). Entry points that do not exist yet are
// skipped, so the build grows with the tree.
//   node scripts/build.mjs [--node-only] [--quiet]
import { build } from 'esbuild';
import { existsSync, mkdirSync, cpSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const existing = (entries) => entries.filter((entry) => existsSync(entry));

const nodeEntries = existing([
  'engine/cli/dissect.ts',
  'engine/serve.ts',
  'engine/bench/bench.ts',
  'engine/bench/bench-engine.ts',
  'engine/bench/bench-statistics.ts',
  'engine/bench/generate.ts',
  'engine/host/engine-process.ts',
]);

const common = { bundle: true, sourcemap: true, logLevel: quiet ? 'error' : 'info', target: 'es2022' };

await build({
  ...common,
  entryPoints: nodeEntries,
  outdir: 'out',
  outbase: '.',
  platform: 'node',
  format: 'esm',
  // cap is a native addon (optional), electron is provided by the shell at run time.
  external: ['cap', 'electron'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

if (!args.has('--node-only')) {
  const electronEntries = existing(['electron/main.ts', 'electron/preload.ts']);
  if (electronEntries.length > 0) {
    await build({ ...common, entryPoints: electronEntries, outdir: 'out/electron', platform: 'node', format: 'cjs', external: ['electron', 'cap'], outExtension: { '.js': '.cjs' } });
  }
  if (existsSync('renderer/main.tsx')) {
    await build({ ...common, entryPoints: ['renderer/main.tsx'], outdir: 'out/renderer', platform: 'browser', format: 'esm', jsx: 'automatic', minify: true, loader: { '.css': 'css' } });
    mkdirSync('out/renderer', { recursive: true });
    if (existsSync('renderer/index.html')) cpSync('renderer/index.html', 'out/renderer/index.html');
  }
}
