import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApi, type EngineApi } from '../../engine/api/engine-api';
import { startBrowserServer, type BrowserServer } from '../../engine/server/index';
import { buildRenderer, hasChromium, launchChromium, packetRow, waitTimeoutMs, waitUntil } from './browser';

const repoRoot = resolve(__dirname, '../..');
const screenshots = join(repoRoot, 'test-results');
const fixture = join(repoRoot, 'test/fixtures/tcp-retransmission.pcapng');

/**
 * From `tshark -n -q -r tcp-retransmission.pcapng -z expert`: under "Notes", "This frame is a
 * (suspected) retransmission" twice; under "Chats", "Connection finish (FIN)" twice. The first
 * retransmission is frame 35 (`-Y tcp.analysis.retransmission` lists frames 35 and 56).
 */
const retransmission = { summary: 'This frame is a (suspected) retransmission', count: '2', firstFrame: '35' };
const retransmittedFrames = ['35', '56'];

/** The page's window as the functions run in it see it (this tsconfig has no DOM types). */
interface PageWindow {
  getComputedStyle(element: unknown): { backgroundColor: string; color: string };
}

let browser: Browser;
let api: EngineApi;
let server: BrowserServer;
let context: BrowserContext;
let renderer: ReturnType<typeof buildRenderer> | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  renderer = buildRenderer();
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  api = createEngineApi();
  await api.openFile(fixture);
  server = await startBrowserServer({ api, root: renderer.root, port: 0 });
  context = await browser.newContext({ viewport: { width: 1400, height: 850 }, locale: 'en-US', colorScheme: 'light' });
  context.setDefaultTimeout(waitTimeoutMs);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await api?.dispose();
  await browser?.close();
  renderer?.remove();
});

async function openPage(): Promise<Page & { errors: string[] }> {
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && page.errors.push(message.text()));
  await page.goto(server.url);
  await waitUntil(async () => (await page.getByRole('grid').getAttribute('aria-rowcount')) === '63', 'the capture (62 packets) to show');
  return page;
}

const selectedFrame = (page: Page) => page.locator('[role="row"][aria-selected="true"]').getByRole('gridcell').first().textContent();
/** Read from the loaded row (packetRow): a placeholder has no colours and no cells yet. */
const rowStyle = (page: Page, rowIndex: number) => packetRow(page, rowIndex).evaluate((row) => {
  const computed = (globalThis as unknown as PageWindow).getComputedStyle(row);
  return { background: computed.backgroundColor, color: computed.color };
});
const rowFrame = (page: Page, rowIndex: number) => packetRow(page, rowIndex).getByRole('gridcell').first().textContent();

async function applyFilter(page: Page, filter: string, rows: number): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Display filter' });
  await input.fill(filter);
  await input.press('Enter');
  await waitUntil(async () => (await page.getByRole('grid').getAttribute('aria-rowcount')) === String(rows + 1), `${rows} rows for ${filter || 'no filter'}`);
}

describe.skipIf(!hasChromium)('expert information and colouring rules in Chromium', () => {
  it('lists expert items by severity as tshark -z expert does; an item goes to its first packet', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: /^Analyze/ }).click();
    await page.getByRole('menuitem', { name: 'Expert Information' }).click();
    const dialog = page.getByRole('dialog', { name: 'Expert Information' });
    const notes = dialog.locator('tbody.expert-note');
    await notes.waitFor();
    // Severity groups in Wireshark's order, worst first.
    expect(await dialog.locator('.expert-severity-row th').allTextContents()).toEqual(['Note', 'Chat']);
    const entry = notes.locator('tr.expert-entry').filter({ has: page.getByRole('button', { name: retransmission.summary, exact: true }) });
    expect(await entry.locator('td').allTextContents()).toEqual(['', retransmission.summary, 'Sequence', 'TCP', retransmission.count, retransmission.firstFrame]);
    const fin = dialog.locator('tbody.expert-chat tr.expert-entry').filter({ hasText: 'Connection finish (FIN)' });
    expect(await fin.locator('td').nth(4).textContent()).toBe('2');
    await page.screenshot({ path: join(screenshots, 'e2e-expert-information.png') });

    await entry.getByRole('button').click();
    await dialog.waitFor({ state: 'detached' });
    await waitUntil(async () => (await selectedFrame(page)) === retransmission.firstFrame, `packet ${retransmission.firstFrame} selected`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('edits the colouring rules: validated as typed, painted by the engine\'s match, kept across reloads', async () => {
    const page = await openPage();
    await applyFilter(page, 'tcp.analysis.retransmission', retransmittedFrames.length);
    expect(await rowFrame(page, 2)).toBe(retransmittedFrames[0]);
    const before = await rowStyle(page, 2);

    await page.getByRole('button', { name: /^View/ }).click();
    await page.getByRole('menuitem', { name: 'Colouring Rules…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Colouring Rules' });
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByRole('textbox', { name: 'Rule 1: Name' }).fill('Retransmissions');
    const filter = dialog.getByRole('textbox', { name: 'Rule 1: Filter' });
    // Half-typed: red, and OK refuses (Wireshark's own "SCTP ABORT" needs a field we lack: it does not block).
    await filter.fill('tcp.analysis.retransmission ==');
    expect(await filter.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await filter.fill('tcp.analysis.retransmission');
    expect(await filter.getAttribute('aria-invalid')).toBe('false');
    await dialog.getByLabel('Rule 1: Background').fill('#ff0000');
    await dialog.getByLabel('Rule 1: Foreground').fill('#ffffff');
    await page.screenshot({ path: join(screenshots, 'e2e-coloring-rules.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });

    const red = { background: 'rgb(255, 0, 0)', color: 'rgb(255, 255, 255)' };
    expect(before).not.toEqual(red);
    for (const [index] of retransmittedFrames.entries()) {
      await waitUntil(async () => JSON.stringify(await rowStyle(page, index + 2)) === JSON.stringify(red), `row ${index + 1} red`);
    }
    // Packets the new rule does not match keep Wireshark's colours: the SYN (frame 1) its "TCP SYN/FIN" grey.
    await applyFilter(page, '', 62);
    await waitUntil(async () => (await rowStyle(page, 2)).background === 'rgb(160, 160, 160)', 'the SYN keeps the SYN/FIN rule');
    await page.screenshot({ path: join(screenshots, 'e2e-coloring-applied.png') });

    // A new page reads the rules from localStorage and gives them to the engine again.
    await page.reload();
    await waitUntil(async () => (await page.getByRole('grid').getAttribute('aria-rowcount')) === '63', 'the capture again');
    await applyFilter(page, 'tcp.analysis.retransmission', retransmittedFrames.length);
    await waitUntil(async () => JSON.stringify(await rowStyle(page, 2)) === JSON.stringify(red), 'still red after a reload');

    // Reset to defaults brings the row back to Wireshark's colours.
    await page.getByRole('button', { name: /^View/ }).click();
    await page.getByRole('menuitem', { name: 'Colouring Rules…' }).click();
    await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await waitUntil(async () => JSON.stringify(await rowStyle(page, 2)) === JSON.stringify(before), 'default colours again');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
