import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(__dirname, '../..');
const config = JSON.parse(readFileSync(join(repoRoot, 'build/electron-builder.json'), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('electron-builder configuration', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    // The schema uses a custom "typeof" keyword for function-valued options; unknown keywords are ignored.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds an AppImage and a deb that depends on libpcap', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends).toContain('libpcap0.8');
    // Listing depends replaces electron-builder's defaults, so Electron's own must be there too.
    for (const library of ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'libnotify4']) expect(config.deb.depends).toContain(library);
  });

  it("keeps cap's native module outside the asar archive (a .node file cannot load from inside it)", () => {
    expect(config.asar).toBe(true);
    const unpacked = (path: string) => config.asarUnpack.some((pattern: string) => minimatch(path, pattern));
    expect(unpacked('node_modules/cap/build/Release/cap.node')).toBe(true);
    expect(unpacked('out/engine/host/engine-process.js')).toBe(false);
  });

  it('burns the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the bundled entry points package.json names, and npm run dist uses this file', () => {
    expect(config.extraMetadata.main).toBe(packageJson.main);
    expect(packageJson.main).toBe('out/electron/main.cjs');
    const packaged = (path: string) => {
      const included = config.files.filter((pattern: string) => !pattern.startsWith('!')).some((pattern: string) => minimatch(path, pattern));
      const excluded = config.files.filter((pattern: string) => pattern.startsWith('!')).some((pattern: string) => minimatch(path, pattern.slice(1)));
      return included && !excluded;
    };
    for (const path of ['out/electron/main.cjs', 'out/electron/preload.cjs', 'out/engine/host/engine-process.js', 'out/renderer/index.html', 'out/renderer/main.js']) {
      expect(packaged(path), path).toBe(true);
    }
    expect(packaged('out/renderer/main.js.map')).toBe(false);
    expect(packageJson.scripts.dist).toContain('--config build/electron-builder.json');
  });
});
