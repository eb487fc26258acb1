/**
 * The desktop shell's entry (bundled to out/electron/main.cjs). Thin: everything it does lives
 * in small modules that take the electron objects by injection (desktop-app.ts).
 */
import * as electron from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDesktopApp } from './desktop-app';

const out = join(__dirname, '..');
// `electron . FILE` or the packaged binary with FILE: the last argument that is an existing file.
const candidate = process.argv.slice(electron.app.isPackaged ? 1 : 2).filter((argument) => !argument.startsWith('-')).pop();
const initialFile = candidate && candidate !== '.' && existsSync(candidate) ? resolve(candidate) : null;

startDesktopApp(electron, {
  renderer: join(out, 'renderer'),
  preload: join(out, 'electron', 'preload.cjs'),
  engine: join(out, 'engine', 'host', 'engine-process.js'),
}, initialFile);
