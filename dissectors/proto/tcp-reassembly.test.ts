/**
 * TCP reassembly on our own capture test/fixtures/http.pcapng (its first request's headers
 * arrive in two segments). Expected values are tshark 4.0's: `tshark -V` shows
 * "[2 Reassembled TCP Segments (119 bytes): #4(43), #6(76)]" in frame 6 and, with `-2`,
 * "[Reassembled PDU in frame: 6]" in frame 4; `-T fields` gives http.request.method only in
 * frame 6 and the Info column "GET /index.html HTTP/1.1  [TCP segment of a reassembled PDU]"
 * for frame 4.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureSession } from '../../engine/session/capture-session.js';
import { findNode, walk } from '../../test/support/tree.js';

let session: CaptureSession;

beforeAll(async () => {
  session = await CaptureSession.open(resolve(import.meta.dirname, '../../test/fixtures/http.pcapng'));
  await session.index();
});

afterAll(async () => {
  await session.dispose();
});

describe('TCP reassembly', () => {
  it('dissects a request split over two segments once, in the frame that completes it', () => {
    // Opened out of order on purpose: later dissections replay what the first pass recorded.
    const last = session.tree(6);
    const first = session.tree(4);
    expect(first.columns.info).toBe('GET /index.html HTTP/1.1  [TCP segment of a reassembled PDU]');
    expect(first.columns.protocol).toBe('TCP');
    expect(findNode(first.tree.roots, 'http.request.method')).toBeUndefined();
    expect(findNode(first.tree.roots, 'tcp.reassembled_in')?.value).toBe(6);

    expect(last.columns.protocol).toBe('HTTP');
    expect(last.columns.info).toBe('GET /index.html HTTP/1.1 ');
    expect(findNode(last.tree.roots, 'tcp.segments')?.label).toBe('[2 Reassembled TCP Segments (119 bytes): #4(43), #6(76)]');
    expect(findNode(last.tree.roots, 'tcp.reassembled.length')?.value).toBe(119);
    const segments = [...walk(last.tree.roots)].filter((node) => node.label.startsWith('[Frame: ')).map((node) => node.label);
    expect(segments).toEqual(['[Frame: 4, payload: 0-42 (43 bytes)]', '[Frame: 6, payload: 43-118 (76 bytes)]']);
    expect(findNode(last.tree.roots, 'http.request.method')?.value).toBe('GET');
    expect(last.tree.sources.map((source) => source.name)).toContain('Reassembled TCP');
  });

  it('waits for a Content-Length body and shows the response on its last segment', () => {
    const start = session.tree(8);
    const end = session.tree(10);
    expect(start.columns.info).toBe('HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]');
    expect(end.columns.info).toBe('HTTP/1.0 200 OK  (text/html)');
    expect(findNode(end.tree.roots, 'tcp.reassembled.length')?.value).toBe(268);
    expect(findNode(end.tree.roots, 'http.response.code')?.value).toBe(200);
  });
});
