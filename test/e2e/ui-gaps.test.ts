import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApi, type EngineApi } from '../../engine/api/engine-api';
import { captureUnavailableReason, sendUdp } from '../../engine/capture/capture-test-support';
import { PcapWriter } from '../../engine/formats/pcap-writer';
import { startBrowserServer, type BrowserServer } from '../../engine/server/index';
import { buildRenderer, hasChromium, launchChromium, settled, waitTimeoutMs, waitUntil } from './browser';

/**
 * The UI gaps closed in session 2: the TCP stepper opened from Statistics › Conversations, the
 * packet list's last row reachable with the scrollbar, and a ring-buffer capture's Save offer.
 * Truth comes from tshark (streams, frames per stream, packets in the ring's newest file).
 */
const repoRoot = resolve(__dirname, '../..');
const screenshots = join(repoRoot, 'test-results');
const httpFixture = join(repoRoot, 'test/fixtures/http.pcapng');

let browser: Browser;
let workDirectory: string;
let renderer: ReturnType<typeof buildRenderer> | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  renderer = buildRenderer();
  mkdirSync(screenshots, { recursive: true });
  workDirectory = mkdtempSync(join(tmpdir(), 'packetlens-e2e-ui-gaps-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
  renderer?.remove();
});

interface Served {
  api: EngineApi;
  server: BrowserServer;
  close(): Promise<void>;
}

async function serve(file: string | null): Promise<Served> {
  const api = createEngineApi();
  if (file) await api.openFile(file);
  const server = await startBrowserServer({ api, root: renderer!.root, port: 0 });
  return { api, server, close: async () => { await server.close(); await api.dispose(); } };
}

async function openPage(served: Served, viewport: { width: number; height: number }): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-US', acceptDownloads: true });
  context.setDefaultTimeout(waitTimeoutMs);
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && page.errors.push(message.text()));
  await page.goto(served.server.url);
  return page;
}

const tshark = (args: string[]) => execFileSync('tshark', ['-n', ...args], { encoding: 'utf8' }).trim();
const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `e2e-ui-gaps-${name}.png`) });
const selectedFrame = (page: Page) => page.locator('[role="row"][aria-selected="true"]').getByRole('gridcell').first().textContent();

describe.skipIf(!hasChromium)('Statistics › Conversations opens the TCP stepper', () => {
  let served: Served;
  let page: Page & { errors: string[] };

  beforeAll(async () => {
    served = await serve(httpFixture);
    page = await openPage(served, { width: 1500, height: 900 });
    await page.locator('.packet-list-body [role="row"]:not(.loading)').first().waitFor();
  });

  afterAll(async () => {
    await page?.context().close();
    await served?.close();
  });

  /** tshark's client side of each TCP stream (the SYN's source) and the stream's frames. */
  function streamTruth(stream: number): { client: string; server: string; frames: string[] } {
    const syn = tshark(['-r', httpFixture, '-Y', `tcp.stream == ${stream} && tcp.flags.syn == 1 && tcp.flags.ack == 0`, '-T', 'fields', '-e', 'ip.src', '-e', 'tcp.srcport', '-e', 'ip.dst', '-e', 'tcp.dstport']).split('\t');
    const frames = tshark(['-r', httpFixture, '-Y', `tcp.stream == ${stream}`, '-T', 'fields', '-e', 'frame.number']).split('\n');
    return { client: `${syn[0]}:${syn[1]}`, server: `${syn[2]}:${syn[3]}`, frames };
  }

  async function openConversations(): Promise<void> {
    await page.getByRole('button', { name: /Statistics/ }).click();
    await page.getByRole('menuitem', { name: 'Conversations' }).click();
    await page.getByRole('dialog', { name: 'Conversations' }).getByRole('table').waitFor();
  }

  async function expectStepperOn(stream: number): Promise<void> {
    const truth = streamTruth(stream);
    const title = `TCP stream ${stream}: ${truth.client} → ${truth.server}`;
    await waitUntil(async () => (await page.locator('.stepper-header h3').textContent()) === title, `the stepper on "${title}"`);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect(page.getByTestId('step-counter').textContent()).resolves.toBe(`Packet ${truth.frames[0]} · step 1 of ${truth.frames.length}`);
    await waitUntil(async () => (await selectedFrame(page)) === truth.frames[0], `packet ${truth.frames[0]} selected`);
    // The stepper walks the stream's own packets, in tshark's order.
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await selectedFrame(page)) === truth.frames[1], `packet ${truth.frames[1]} after →`);
  }

  it('has a Step through button on each TCP row that opens the stepper on that stream', async () => {
    await openConversations();
    const dialog = page.getByRole('dialog', { name: 'Conversations' });
    // tshark -z conv,tcp lists the two connections of the fixture.
    const conversations = tshark(['-q', '-r', httpFixture, '-z', 'conv,tcp']).split('\n').filter((line) => line.includes('<->'));
    expect(await dialog.locator('tbody tr').count()).toBe(conversations.length);
    await expect(dialog.getByRole('button', { name: /^Step through TCP stream \d+$/ }).count()).resolves.toBe(conversations.length);
    await shot(page, '1-conversations');
    await dialog.getByRole('button', { name: 'Step through TCP stream 1' }).click();
    await expectStepperOn(1);
    await shot(page, '2-stepper-from-conversations');
  });

  it('offers the same from the row context menu, and Follow for UDP rows only', async () => {
    await openConversations();
    const dialog = page.getByRole('dialog', { name: 'Conversations' });
    await dialog.locator('tbody tr').first().click({ button: 'right' });
    await settled(() => page.getByRole('menuitem').allTextContents()).toEqual(['Step through', 'Follow']);
    await shot(page, '3-conversation-menu');
    await page.getByRole('menuitem', { name: 'Step through' }).click();
    await expectStepperOn(0);

    await openConversations();
    await dialog.getByRole('tab', { name: /^UDP/ }).click();
    await dialog.getByRole('table', { name: 'Conversations · UDP' }).waitFor();
    expect(await dialog.getByRole('button', { name: /Step through/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(page.errors).toEqual([]);
  });
});

/** `count` frames (ARP requests, 42 bytes each), one per millisecond. */
function writeLongCapture(path: string, count: number): void {
  const writer = new PcapWriter(path, { linkType: 1 });
  const frame = Uint8Array.from([
    255, 255, 255, 255, 255, 255, 2, 0, 0, 0, 0, 10, 8, 6,
    0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 10, 192, 168, 1, 10, 0, 0, 0, 0, 0, 0, 192, 168, 1, 20,
  ]);
  for (let index = 0; index < count; index++) writer.write(1_700_000_000 + Math.floor(index / 1000), (index % 1000) * 1_000_000, frame);
  writer.close();
}

describe.skipIf(!hasChromium)('the packet list scrolls its last row fully into view', () => {
  const frames = 5000;
  let served: Served;

  beforeAll(async () => {
    const path = join(workDirectory, 'long.pcap');
    writeLongCapture(path, frames);
    expect(tshark(['-r', path, '-T', 'fields', '-e', 'frame.number']).split('\n').at(-1)).toBe(String(frames));
    served = await serve(path);
  });

  afterAll(async () => {
    await served?.close();
  });

  // Window heights whose packet list is not a whole number of 20 px rows (the list's height
  // follows the window), and one narrow enough for the columns to scroll sideways.
  for (const viewport of [{ width: 1400, height: 911 }, { width: 1400, height: 900 }, { width: 700, height: 733 }]) {
    it(`at ${viewport.width}×${viewport.height}, dragging the scrollbar to its end shows packet ${frames} whole`, async () => {
      const page = await openPage(served, viewport);
      await page.locator('.packet-list-body [role="row"]:not(.loading)').first().waitFor();
      await page.locator('.packet-list-scrollbar').evaluate((scrollbar) => { scrollbar.scrollTop = scrollbar.scrollHeight; });
      const lastRow = page.locator(`.packet-list-body [role="row"][aria-rowindex="${frames + 1}"]:not(.loading)`);
      await lastRow.waitFor();
      await expect(lastRow.getByRole('gridcell').first().textContent()).resolves.toBe(String(frames));
      const body = await page.locator('.packet-list-body').boundingBox();
      const row = await lastRow.boundingBox();
      expect(row!.y + row!.height).toBeLessThanOrEqual(body!.y + body!.height + 0.01);
      expect(row!.y).toBeGreaterThanOrEqual(body!.y);
      // The wheel cannot go further, and the End key selects that same last row.
      await page.locator('.packet-list-body').hover();
      await page.mouse.wheel(0, 2000);
      await page.waitForTimeout(100);
      expect((await lastRow.boundingBox())!.y).toBeCloseTo(row!.y, 1);
      if (viewport.height === 911) await shot(page, '4-list-bottom');
      expect(page.errors).toEqual([]);
      await page.context().close();
    });
  }
});

const captureUnavailable = !hasChromium ? 'no Chromium' : captureUnavailableReason();

describe.skipIf(captureUnavailable !== null)(`a ring-buffer capture offers Save on stop${captureUnavailable ? ` (skipped: ${captureUnavailable})` : ''}`, () => {
  let served: Served;
  let page: Page & { errors: string[] };
  let receiver: Socket;
  /** The receiver's port, chosen by the system (no clash with other suites on this machine). */
  let ringPort: number;

  beforeAll(async () => {
    served = await serve(null);
    receiver = createSocket('udp4');
    receiver.on('message', () => {});
    await new Promise<void>((done, fail) => {
      receiver.once('error', fail);
      receiver.bind(0, '127.0.0.1', done);
    });
    ringPort = receiver.address().port;
    page = await openPage(served, { width: 1400, height: 860 });
  });

  afterAll(async () => {
    await served?.api.stopCapture();
    await page?.context().close();
    await served?.close();
    receiver?.close();
  });

  it('says the list holds the newest file and where the ring is, and saves that file', async () => {
    await page.getByRole('button', { name: /Capture…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture Options' });
    await dialog.locator('tr[data-interface="lo"]').click();
    await dialog.getByLabel('Capture filter').fill(`udp port ${ringPort}`);
    await dialog.getByLabel('megabytes per file').fill('1');
    await dialog.getByLabel('files kept').fill('2');
    await waitUntil(async () => dialog.getByRole('button', { name: 'Start' }).isEnabled(), 'Start enabled');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await waitUntil(async () => (await page.getByRole('status').allTextContents()).some((text) => /Capturing on lo/.test(text)), 'the capture to start');
    // ~3.5 MB of datagrams: the 1 MB ring turns at least twice.
    for (let round = 0; round < 7; round++) await sendUdp(ringPort, 500, 1000);
    await page.getByRole('button', { name: /Stop/ }).click();

    const banner = page.getByRole('region', { name: 'Save the captured packets' });
    await banner.waitFor();
    const status = (await served.api.stopCapture())!;
    // The open file is the ring's newest: tshark counts its packets; fewer than were captured.
    await waitUntil(async () => (await served.api.summary())?.loading === false, 'the last file indexed');
    const summary = (await served.api.summary())!;
    const newest = Number(tshark(['-r', summary.path!, '-T', 'fields', '-e', 'frame.number']).split('\n').length);
    expect(summary.frames).toBe(newest);
    expect(newest).toBeLessThan(status.packets);
    await waitUntil(async () => (await banner.textContent())!.includes(`${newest.toLocaleString('en-US')} of the ${status.packets.toLocaleString('en-US')} packets captured`), 'the banner to count the newest file');
    expect(await banner.textContent()).toContain(`in ${dirname(summary.path!)}, deleted at the next capture`);
    await shot(page, '5-ring-stopped');

    const download = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Save the newest file…' }).click();
    const file = join(workDirectory, 'ring-newest.pcapng');
    await (await download).saveAs(file);
    expect(tshark(['-r', file, '-T', 'fields', '-e', 'udp.dstport']).split('\n').length).toBe(newest);
    await waitUntil(async () => (await banner.count()) === 0, 'the Save offer to go');
    expect(page.errors).toEqual([]);
  });
});
