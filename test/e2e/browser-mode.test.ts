import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApi } from '../../engine/api/engine-api';
import type { ServedApi } from '../../engine/api/transport/index';
import { startBrowserServer, type BrowserServer } from '../../engine/server/index';
import { readCapture } from '../support/capture-reader';
import { createFakeApi } from '../support/fake-api';
import { hasChromium, launchChromium, waitUntil } from './browser';
import { writeFixture, type Fixture } from './fixture';

const repoRoot = resolve(__dirname, '../..');
const screenshots = join(repoRoot, 'test-results');
let browser: Browser;
let workDirectory: string;

beforeAll(async () => {
  if (!hasChromium) return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
  mkdirSync(screenshots, { recursive: true });
  workDirectory = mkdtempSync(join(tmpdir(), 'packetlens-e2e-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
});

async function openPage(server: BrowserServer, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(server.url);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const rowCount = (page: Page) => page.getByRole('grid').getAttribute('aria-rowcount').then(Number);
const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `e2e-${name}.png`) });

/**
 * Whether the real engine can filter and export yet; until it can, the suite drives the fake
 * engine (test/support/fake-api.ts) through the same server and page, and says so in its name.
 */
async function engineFor(fixturePath: string): Promise<{ api: ServedApi; name: string; open(): Promise<unknown> }> {
  const real = createEngineApi();
  try {
    await real.openFile(fixturePath);
    const filtered = await real.applyFilter('tcp');
    await real.exportPackets('displayed', 'pcapng', null);
    if (filtered.error === null) return { api: real, name: 'real engine', open: () => real.openFile(fixturePath) };
  } catch {
    // not there yet
  }
  await real.dispose();
  const fake = createFakeApi();
  return { api: fake, name: 'fake engine', open: () => fake.openUpload('fixture.pcap', new Uint8Array(readFileSync(fixturePath))) };
}

describe.skipIf(!hasChromium)('browser mode in Chromium', () => {
  let server: BrowserServer;
  let fixture: Fixture;
  let fixturePath: string;
  let page: Page;
  let engineName = '';

  beforeAll(async () => {
    fixturePath = join(workDirectory, 'fixture.pcap');
    fixture = writeFixture(fixturePath);
    const engine = await engineFor(fixturePath);
    engineName = engine.name;
    await engine.open(); // as `npm run serve -- FILE` does
    server = await startBrowserServer({ api: engine.api, root: join(repoRoot, 'out/renderer') });
    page = await openPage(server);
  });

  afterAll(async () => {
    await page?.context().close();
    await server?.close();
  });

  it('shows the capture given on the command line', async () => {
    console.log(`e2e engine: ${engineName}`);
    await waitUntil(async () => (await rowCount(page)) === fixture.frames + 1, 'all rows');
    await expect(page.getByRole('row').nth(1).getByRole('gridcell').first().textContent()).resolves.toBe('1');
    await waitUntil(async () => (await page.getByRole('row', { name: /^8 / }).count()) === 1 || (await page.locator('[aria-rowindex="9"]').textContent())!.startsWith('8'), 'row 8');
    const status = await page.getByRole('status').textContent();
    expect(status).toContain('fixture.pcap');
    expect(status).toContain(`Packets: ${fixture.frames}`);
    await shot(page, '1-opened');
  });

  it('checks the filter on every keystroke and filters on Apply', async () => {
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.srcport ==');
    await waitUntil(async () => (await input.getAttribute('aria-invalid')) === 'true', 'red filter');
    expect((await page.locator('#display-filter-message').textContent())!.length).toBeGreaterThan(0);
    await shot(page, '2-invalid-filter');
    await input.fill('tcp');
    await waitUntil(async () => (await input.getAttribute('class'))!.includes('valid') && (await input.getAttribute('aria-invalid')) === 'false', 'green filter');
    await input.press('Enter');
    await waitUntil(async () => (await rowCount(page)) === fixture.tcpFrames + 1, 'tcp rows');
    expect(await page.getByRole('status').textContent()).toContain(`Displayed: ${fixture.tcpFrames}`);
    await page.getByRole('button', { name: 'Clear' }).click();
    await waitUntil(async () => (await rowCount(page)) === fixture.frames + 1, 'all rows again');
  });

  it('autocompletes field names, goes to a packet and moves with the keyboard', async () => {
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.fl');
    await page.getByRole('option', { name: 'tcp.flags', exact: true }).waitFor();
    await shot(page, '1b-autocomplete');
    await input.press('ArrowDown');
    await input.press('Enter');
    expect(await input.inputValue()).toBe('tcp.flags');
    await input.fill('');
    await page.keyboard.press('Control+g');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    const selected = page.locator('[role="row"][aria-selected="true"]');
    await waitUntil(async () => (await selected.getByRole('gridcell').first().textContent()) === '5', 'packet 5 selected');
    await page.getByRole('grid').focus();
    await page.keyboard.press('ArrowDown');
    await waitUntil(async () => (await selected.getByRole('gridcell').first().textContent()) === '6', 'packet 6 by keyboard');
    await page.keyboard.press('Control+ArrowUp');
    await waitUntil(async () => (await selected.getByRole('gridcell').first().textContent()) === '5', 'packet 5 by Ctrl+Up');
  });

  it('selects a packet; tree and bytes agree both ways', async () => {
    await page.locator(`[role="row"][aria-rowindex="${fixture.getFrame + 1}"]`).click();
    const tree = page.getByRole('tree');
    const ipLine = tree.getByRole('treeitem', { name: /^.?Internet Protocol Version 4/ });
    await ipLine.waitFor();
    await ipLine.dblclick();
    const source = tree.getByRole('treeitem', { name: new RegExp(`Source Address: ${fixture.clientAddress.replace(/\./g, '\\.')}`) });
    await source.click();
    // Tree → bytes: the four address bytes at offset 26.
    const highlighted = page.getByRole('region', { name: 'Packet bytes' }).locator('.byte.highlight');
    await waitUntil(async () => (await highlighted.allTextContents()).join(' ') === 'c0 a8 01 0a', 'highlighted address bytes');
    // Bytes → tree: byte 36 is the TCP destination port.
    await page.locator('.hex-dump .byte[data-offset="36"]').click();
    const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
    await waitUntil(async () => /Destination Port: 80/.test((await selected.textContent()) ?? ''), 'destination port selected');
    expect(await highlighted.allTextContents()).toEqual(['00', '50']);
    // Keyboard: Up moves to the source port, the tree is focusable.
    await tree.focus();
    await page.keyboard.press('ArrowUp');
    await waitUntil(async () => /Source Port: 51000/.test((await selected.textContent()) ?? ''), 'source port by keyboard');
    await shot(page, '3-tree-and-bytes');
  });

  it('applies a field as a filter from the context menu', async () => {
    await page.getByRole('tree').getByRole('treeitem', { name: /Source Port: 51000/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Apply as Filter' }).waitFor();
    await shot(page, '4-context-menu');
    await page.getByRole('menuitem', { name: 'Apply as Filter' }).click();
    await waitUntil(async () => (await page.getByRole('combobox', { name: 'Display filter' }).inputValue()) === `tcp.srcport == ${fixture.clientPort}`, 'filter text');
    // Frames 5, 7, 8, 10, 12 go from the client's port 51000.
    await waitUntil(async () => (await rowCount(page)) === 5 + 1, 'client-port rows');
  });

  it('saves a filter as a button that survives a reload', async () => {
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('udp');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await page.getByRole('textbox', { name: 'Button label' }).fill('DNS only');
    await page.getByRole('textbox', { name: 'Button label' }).press('Enter');
    await page.reload();
    await page.getByRole('button', { name: 'DNS only', exact: true }).click();
    await waitUntil(async () => (await rowCount(page)) === fixture.udpFrames + 1, 'udp rows from the saved button');
    await shot(page, '5-saved-filter');
  });

  it('exports the displayed packets, and the file holds exactly them', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export displayed…' }).click();
    const file = join(workDirectory, 'exported.pcapng');
    await (await download).saveAs(file);
    const exported = readCapture(file);
    const original = readCapture(fixturePath);
    expect(exported.map((packet) => [...packet.data])).toEqual(original.slice(-2).map((packet) => [...packet.data]));
  });

  it('follows the dark scheme and speaks Chinese', async () => {
    const dark = await openPage(server, { colorScheme: 'dark' });
    await waitUntil(async () => (await rowCount(dark)) > 1, 'rows in the dark page');
    await dark.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await dark.getByRole('columnheader', { name: '序号' }).waitFor();
    expect(await dark.getByRole('combobox', { name: '显示过滤器' }).count()).toBe(1);
    await dark.locator('[role="row"][aria-rowindex="3"]').click();
    await dark.getByRole('tree').getByRole('treeitem').first().waitFor();
    await shot(dark, '6-dark-chinese');
    await dark.getByRole('combobox', { name: '语言' }).selectOption('en');
    await dark.context().close();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('a million packets in Chromium', () => {
  it('scrolls to the end and to the middle of a million rows', async () => {
    const api = createFakeApi();
    await api.openFile('/synthetic/million-1000000.pcap');
    const server = await startBrowserServer({ api, root: join(repoRoot, 'out/renderer') });
    const page = await openPage(server);
    try {
      await waitUntil(async () => (await rowCount(page)) === 1_000_001, 'a million rows');
      const grid = page.getByRole('grid');
      await grid.focus();
      await page.keyboard.press('End');
      const last = page.locator('[role="row"][aria-rowindex="1000001"]');
      await waitUntil(async () => (await last.getByRole('gridcell').first().textContent()) === '1000000', 'the last row');
      expect(await last.getAttribute('aria-selected')).toBe('true');
      await shot(page, '7-million-end');
      // Drag the (scaled) scrollbar to the middle: rows around 500,000 appear.
      await page.locator('.packet-list-scrollbar').evaluate((element) => {
        element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
      });
      await waitUntil(async () => {
        const first = Number(await page.locator('.packet-list-body [role="row"]').first().getAttribute('aria-rowindex'));
        return Math.abs(first - 500_000) < 100;
      }, 'rows around the middle');
      const height = await page.locator('.packet-list-scrollbar > div').evaluate((element) => element.getBoundingClientRect().height);
      expect(height).toBeLessThan(16_000_000);
    } finally {
      await page.context().close();
      await server.close();
    }
  });
});
