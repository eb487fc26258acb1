import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';

/** Debian's Chromium; the e2e suites skip when it is absent (never download a browser). */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

const repoRoot = resolve(__dirname, '../..');

/**
 * How long a wait for the page may take. Every wait ends as soon as its state is there, so a
 * generous limit costs nothing when the tests pass; it must hold on a loaded CI machine (2 cores,
 * several times slower than a developer's), where one engine answer can take seconds.
 */
export const waitTimeoutMs = 30_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: waitTimeoutMs,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Builds the renderer into a directory of this test file's own and returns its `out/renderer`.
 * The e2e files run in parallel: building each into the shared out/ rewrote the files another
 * file's page was loading (and the engine bundles other suites run). scripts/build.mjs skips
 * entry points missing from its working directory, so run where only renderer/ is linked, it
 * builds the renderer alone (esbuild follows the link, imports resolve in the repository).
 */
export function buildRenderer(): { root: string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'packetlens-e2e-build-'));
  symlinkSync(join(repoRoot, 'renderer'), join(directory, 'renderer'), 'dir');
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--quiet'], { cwd: directory, stdio: 'inherit' });
  return { root: join(directory, 'out/renderer'), remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Polls until `check` returns true (or throws its last error / times out). */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = waitTimeoutMs, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/**
 * An assertion on what the page shows once it has settled: `read` is retried until the matcher
 * passes (React may render a change in several steps, engine answers come over a WebSocket);
 * on timeout the matcher's own failure shows the last value read.
 */
export const settled = <T>(read: () => Promise<T> | T, message?: string) => expect.poll(read, { timeout: waitTimeoutMs, interval: 50, message });

/**
 * The packet list's row at `aria-rowindex` once its block of rows has arrived: until then the
 * row is a grey placeholder with empty cells that ignores clicks (PacketListRow).
 */
export const packetRow = (page: Page, rowIndex: number): Locator =>
  page.locator(`.packet-list-body [role="row"][aria-rowindex="${rowIndex}"]:not(.loading)`);

/** `settled` for several assertions on one reading: retries `assertions` until none throws. */
export const eventually = (assertions: () => Promise<void>) => vi.waitFor(assertions, { timeout: waitTimeoutMs, interval: 50 });
