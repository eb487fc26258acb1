import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineNodeFlags } from './node-flags';

const repository = join(import.meta.dirname, '../..');

describe('engine processes start with the engine V8 flags', () => {
  it('the serve and dissect scripts spell out the same flags before their entry point', () => {
    const scripts = (JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [name, entry] of [['serve', 'out/engine/serve.js'], ['dissect', 'out/engine/cli/dissect.js']]) {
      expect(scripts[name]).toContain(`node ${engineNodeFlags.join(' ')} ${entry}`);
    }
  });

  it('the desktop app forks its engine with them', () => {
    const source = readFileSync(join(repository, 'electron/desktop-app.ts'), 'utf8');
    expect(source).toMatch(/utilityProcess\.fork\(paths\.engine, \[\], \{[^}]*execArgv: \[\.\.\.engineNodeFlags\]/);
  });
});
