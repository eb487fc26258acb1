import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectApi, webSocketTransport, type WebSocketLike } from '../api/transport/index';
import { createFakeApi } from '../../test/support/fake-api';
import { parseServeArguments } from './arguments';
import { startBrowserServer, type BrowserServer } from './browser-server';

let server: BrowserServer;
let root: string;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'packetlens-serve-'));
  root = join(base, 'renderer');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>PacketLens</title>');
  writeFileSync(join(root, 'main.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  server = await startBrowserServer({ api: createFakeApi(), root });
});

afterAll(async () => {
  await server.close();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

/** A raw GET, so the test controls the Host header (fetch does not allow setting it). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Resolves with the HTTP status of a WebSocket handshake (101 when accepted). */
function handshake(query: string, options: { origin?: string; host?: string } = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, {
      origin: options.origin ?? `http://127.0.0.1:${server.port}`,
      headers: options.host ? { host: options.host } : {},
    });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode!));
    socket.on('error', () => resolve(-1));
  });
}

describe('the browser-mode server', () => {
  it('listens on 127.0.0.1 with a long random token in the printed URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the page only with the token, with a strict CSP', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>PacketLens</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await get('/main.js', { host: 'evil.example' })).status).toBe(421);
    expect(await handshake(`?token=${server.token}`, { host: `evil.example:${server.port}` })).toBe(403);
  });

  it('serves assets from the root and nothing outside it', async () => {
    expect((await get('/main.js')).status).toBe(200);
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
  });

  it('accepts the API WebSocket only with token and our own Origin', async () => {
    expect(await handshake(`?token=${server.token}`)).toBe(101);
    expect(await handshake('')).toBe(403);
    expect(await handshake('?token=nope')).toBe(403);
    expect(await handshake(`?token=${server.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await handshake(`?token=${server.token}`, { origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
  });

  it('bridges the API, uploads included', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: `http://localhost:${server.port}` });
    const client = connectApi(webSocketTransport(socket as unknown as WebSocketLike));
    const upload = new Uint8Array(24 + 2 * (16 + 60));
    const view = new DataView(upload.buffer);
    view.setUint32(0, 0xa1b2c3d4, true);
    view.setUint32(24 + 8, 60, true);
    view.setUint32(24 + 16 + 60 + 8, 60, true);
    expect(await client.openUpload('two.pcap', upload)).toMatchObject({ name: 'two.pcap', frames: 2 });
    client.dispose();
  });
});

describe('serve arguments', () => {
  it('reads an optional file and --port', () => {
    expect(parseServeArguments([])).toEqual({ file: null, port: 0 });
    expect(parseServeArguments(['a.pcap', '--port', '8080'])).toEqual({ file: 'a.pcap', port: 8080 });
    expect(parseServeArguments(['--port=9000'])).toEqual({ file: null, port: 9000 });
    expect(() => parseServeArguments(['--port', 'x'])).toThrow('--port needs a number');
    expect(() => parseServeArguments(['--port', '70000'])).toThrow('--port needs a number');
    expect(() => parseServeArguments(['a', 'b'])).toThrow('only one capture file');
    expect(() => parseServeArguments(['--host', '0.0.0.0'])).toThrow('unknown option --host');
  });
});
