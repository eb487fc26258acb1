import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApi, type EngineApi } from '../../engine/api/engine-api';
import { startBrowserServer, type BrowserServer } from '../../engine/server/index';
import { hasChromium, launchChromium, waitUntil } from './browser';

const repoRoot = resolve(__dirname, '../..');
const screenshots = join(repoRoot, 'test-results');

/**
 * The handshake sample's client and server states after each packet, written down from RFC
 * 9293 (Figure 6 for the open, Figure 13 for the close) for the packet order tshark shows:
 *   1 SYN  2 SYN,ACK  3 ACK  4 PSH,ACK(13)  5 ACK  6 PSH,ACK(31)  7 ACK  8 FIN,ACK(client)
 *   9 ACK  10 FIN,ACK(server)  11 ACK
 */
const expectedStates: ReadonlyArray<[frame: number, client: string, server: string]> = [
  [1, 'SYN_SENT', 'SYN_RCVD'],
  [2, 'ESTABLISHED', 'SYN_RCVD'],
  [3, 'ESTABLISHED', 'ESTABLISHED'],
  [4, 'ESTABLISHED', 'ESTABLISHED'],
  [5, 'ESTABLISHED', 'ESTABLISHED'],
  [6, 'ESTABLISHED', 'ESTABLISHED'],
  [7, 'ESTABLISHED', 'ESTABLISHED'],
  [8, 'FIN_WAIT_1', 'CLOSE_WAIT'],
  [9, 'FIN_WAIT_2', 'CLOSE_WAIT'],
  [10, 'TIME_WAIT', 'LAST_ACK'],
  [11, 'TIME_WAIT', 'CLOSED'],
];

let browser: Browser;
let api: EngineApi;
let server: BrowserServer;

beforeAll(async () => {
  if (!hasChromium) return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await server?.close();
  await api?.dispose();
  await browser?.close();
});

async function openPage(locale: 'en-US' | 'zh-CN'): Promise<Page> {
  // A fresh engine per language: the welcome screen shows only while no capture is open.
  await server?.close();
  await api?.dispose();
  api = createEngineApi();
  server = await startBrowserServer({ api, root: join(repoRoot, 'out/renderer'), port: 0 });
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, locale });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const selectedFrame = (page: Page) => page.locator('[role="row"][aria-selected="true"]').getByRole('gridcell').first().textContent();
const stateOf = (page: Page, side: 'client' | 'server') => page.locator(`figure.state-diagram[data-side="${side}"]`).getAttribute('data-after');

async function stepThroughHandshake(page: Page, labels: { sample: RegExp; stepThrough: string; language: string }): Promise<void> {
  await page.getByRole('button', { name: labels.sample }).click();
  await waitUntil(async () => (await page.getByRole('grid').getAttribute('aria-rowcount')) === '12', 'the sample to open (11 packets)');
  await page.locator('[role="row"][aria-rowindex="2"]').click({ button: 'right' });
  await page.getByRole('menuitem', { name: labels.stepThrough }).click();

  for (let index = 0; index < expectedStates.length; index++) {
    const [frame, client, server] = expectedStates[index];
    if (index > 0) await page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await stateOf(page, 'client')) === client && (await stateOf(page, 'server')) === server,
      `${labels.language} step ${index + 1}: client ${client}, server ${server} (shown: ${await stateOf(page, 'client')}/${await stateOf(page, 'server')})`);
    // The step selects its packet in the list, and the tree and hex pane follow.
    await waitUntil(async () => (await selectedFrame(page)) === String(frame), `${labels.language} packet ${frame} selected`);
    const visible = await page.locator(`figure.state-diagram[data-side="client"] [data-testid="client-state"]`).textContent();
    expect(visible).toContain(client);
    expect(await page.locator('.state-node.after[data-state]').count()).toBe(2);
  }
  // One more → stays on the last packet.
  await page.keyboard.press('ArrowRight');
  expect(await stateOf(page, 'server')).toBe('CLOSED');
  expect((page as Page & { errors: string[] }).errors).toEqual([]);
}

describe.skipIf(!hasChromium)('learning in Chromium', () => {
  it('steps through the handshake sample from the welcome screen, in English', async () => {
    const page = await openPage('en-US');
    await page.getByRole('heading', { name: 'Welcome to PacketLens' }).waitFor();
    await page.locator('.sample').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'learn-welcome-en.png') });
    await stepThroughHandshake(page, { sample: /Open sample TCP: handshake, data, four-way close/, stepThrough: 'Step through conversation', language: 'English' });
    // Back to the fourth step (the first data segment) for the picture.
    for (let index = 0; index < 7; index++) await page.keyboard.press('ArrowLeft');
    await waitUntil(async () => (await selectedFrame(page)) === '4', 'back to packet 4');
    expect(await page.getByTestId('step-arithmetic').textContent()).toContain('1 + 13 = 14');
    await page.screenshot({ path: join(screenshots, 'learn-stepper-en.png') });
    await page.context().close();
  });

  it('does the same in Simplified Chinese', async () => {
    const page = await openPage('zh-CN');
    await page.getByRole('heading', { name: '欢迎使用 PacketLens' }).waitFor();
    await page.locator('.sample').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'learn-welcome-zh.png') });
    await stepThroughHandshake(page, { sample: /打开示例：TCP：三次握手/, stepThrough: '逐包演示此连接', language: 'Chinese' });
    for (let index = 0; index < 10; index++) await page.keyboard.press('ArrowLeft');
    await waitUntil(async () => (await selectedFrame(page)) === '1', 'back to packet 1');
    expect(await page.getByTestId('step-arithmetic').textContent()).toContain('SYN 占用一个序号');
    expect(await page.getByTestId('step-why').textContent()).toMatch(/SYN_RCVD/);
    await page.screenshot({ path: join(screenshots, 'learn-stepper-zh.png') });
    await page.context().close();
  });
});
