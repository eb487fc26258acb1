import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApi, type EngineApi } from '../../engine/api/engine-api';
import { startBrowserServer, type BrowserServer } from '../../engine/server/index';
import { buildRenderer, hasChromium, launchChromium, packetRow, settled, waitTimeoutMs, waitUntil } from './browser';

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
let renderer: ReturnType<typeof buildRenderer> | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  renderer = buildRenderer();
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await server?.close();
  await api?.dispose();
  await browser?.close();
  renderer?.remove();
});

async function openPage(locale: 'en-US' | 'zh-CN'): Promise<Page> {
  // A fresh engine per language: the welcome screen shows only while no capture is open.
  await server?.close();
  await api?.dispose();
  api = createEngineApi();
  server = await startBrowserServer({ api, root: renderer!.root, port: 0 });
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, locale });
  context.setDefaultTimeout(waitTimeoutMs);
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
  await packetRow(page, 2).click({ button: 'right' });
  await page.getByRole('menuitem', { name: labels.stepThrough }).click();

  for (let index = 0; index < expectedStates.length; index++) {
    const [frame, client, server] = expectedStates[index];
    if (index > 0) await page.keyboard.press('ArrowRight');
    await settled(async () => [await stateOf(page, 'client'), await stateOf(page, 'server')], `${labels.language} step ${index + 1}`).toEqual([client, server]);
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
    // Back to the first data segment, then to the client's FIN for the picture.
    for (let index = 0; index < 7; index++) await page.keyboard.press('ArrowLeft');
    await waitUntil(async () => (await selectedFrame(page)) === '4', 'back to packet 4');
    expect(await page.getByTestId('step-arithmetic').textContent()).toContain('1 + 13 = 14');
    for (let index = 0; index < 4; index++) await page.getByRole('button', { name: 'Next ▶' }).click();
    await waitUntil(async () => (await selectedFrame(page)) === '8', 'packet 8 by the Next button');
    expect(await page.getByTestId('step-arithmetic').textContent()).toContain('14 + 1 = 15');
    expect(await page.locator('.state-edge-label').allTextContents()).toEqual(['CLOSE / snd FIN', 'rcv FIN / snd ACK']);
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

  it('explains the filter, a field and its header, draws the flow graph and the message boundaries', async () => {
    const page = await openPage('en-US');
    await page.getByRole('button', { name: /Open sample TCP is a byte stream/ }).click();
    await waitUntil(async () => Number(await page.getByRole('grid').getAttribute('aria-rowcount')) > 10, 'the sticky-packets sample');

    // Filter explainer: a sentence and the libpcap filter with the same meaning.
    await page.getByRole('combobox', { name: 'Display filter' }).fill('tcp.port == 40008');
    const explainer = page.getByTestId('filter-explainer');
    await waitUntil(async () => ((await explainer.textContent()) ?? '').includes('tcp port 40008'), 'BPF translation');
    expect(await explainer.textContent()).toMatch(/^Means: /);

    // Explain panel for a field selected in the tree.
    await packetRow(page, 7).click();
    await page.getByRole('button', { name: 'Learn', exact: true }).click();
    await page.getByRole('tab', { name: 'Explain' }).click();
    const tcpLine = page.getByRole('tree').getByRole('treeitem', { name: /^.?Transmission Control Protocol/ });
    await tcpLine.click();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tree').getByRole('treeitem', { name: /^Source Port: 42082/ }).click();
    await waitUntil(async () => ((await page.locator('.explain-panel').textContent()) ?? '').includes('tcp.srcport'), 'explanation of tcp.srcport');
    // 42082 lies in IANA's registered range 1024–49151 (RFC 6335).
    expect(await page.getByTestId('explain-lines').textContent()).toMatch(/registered/i);

    // Header diagram: a click on a cell selects the field in the tree and its 2 bytes in the hex pane.
    await page.getByRole('tab', { name: 'Header diagram' }).click();
    expect(await page.locator('.diagram-cell.selected').textContent()).toContain('42082');
    await page.locator('.diagram-cell', { hasText: '40008' }).click();
    await waitUntil(async () => ((await page.getByRole('tree').locator('[role="treeitem"][aria-selected="true"]').textContent()) ?? '').startsWith('Destination Port: 40008'), 'tree follows the diagram');
    expect(await page.getByRole('region', { name: 'Packet bytes' }).locator('.byte.highlight').count()).toBe(2);
    await page.screenshot({ path: join(screenshots, 'learn-header-diagram-en.png') });

    // Flow graph: one arrow per displayed packet; a click selects the packet.
    await page.getByRole('tab', { name: 'Flow graph' }).click();
    const displayed = Number(await page.getByRole('grid').getAttribute('aria-rowcount')) - 1;
    await waitUntil(async () => (await page.locator('.flow-graph .sequence-arrow').count()) === displayed, 'an arrow per packet');
    await page.locator('.flow-graph .sequence-arrow[data-arrow="2"]').click();
    await waitUntil(async () => (await selectedFrame(page)) === '3', 'packet 3 selected from the flow graph');
    await page.screenshot({ path: join(screenshots, 'learn-flow-graph-en.png') });

    // Message boundaries in Follow TCP Stream, against an oracle from tshark's segment lengths.
    const expected = stickyOracle();
    expect(expected.messages).toBe(20);
    await packetRow(page, 7).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Follow TCP Stream' }).click();
    const summary = page.getByTestId('framing-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`${expected.messages} messages in ${expected.segments} segments · ${expected.split} split across segments · ${expected.merged} segments carry several messages`);
    await page.screenshot({ path: join(screenshots, 'learn-follow-framing-en.png') });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });
});

/**
 * The sticky-packets sample's client→server stream framed by its 4-byte big-endian length
 * prefix, counted from tshark's payload bytes with a plain loop (the lesson: 20 messages).
 */
function stickyOracle(): { messages: number; segments: number; split: number; merged: number } {
  const output = execFileSync('tshark', ['-n', '-r', join(repoRoot, 'test/fixtures/sticky-packets.pcapng'), '-Y', 'tcp.dstport == 40008 && tcp.len > 0', '-T', 'fields', '-e', 'tcp.payload'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const payloads = output.trim().split('\n').map((hex) => Buffer.from(hex.replace(/:/g, ''), 'hex'));
  const stream = Buffer.concat(payloads);
  const segmentEnds: number[] = [];
  let end = 0;
  for (const payload of payloads) segmentEnds.push(end += payload.length);
  const segmentOf = (offset: number) => segmentEnds.findIndex((segmentEnd) => offset < segmentEnd);
  const perSegment = new Map<number, number>();
  let split = 0;
  let messages = 0;
  for (let offset = 0; offset + 4 <= stream.length;) {
    const length = 4 + stream.readUInt32BE(offset);
    const first = segmentOf(offset);
    const last = segmentOf(Math.min(stream.length, offset + length) - 1);
    if (last !== first) split++;
    for (let segment = first; segment <= last; segment++) perSegment.set(segment, (perSegment.get(segment) ?? 0) + 1);
    messages++;
    offset += length;
  }
  return { messages, segments: payloads.length, split, merged: [...perSegment.values()].filter((count) => count > 1).length };
}

