import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { serveApi, webSocketTransport, type ServedApi, type WebSocketLike } from '../api/transport/index';
import { createToken, isAllowedHost, isAllowedOrigin, securityHeaders, tokenMatches } from './security';
import { readStaticFile } from './static-files';

export interface BrowserServerOptions {
  api: ServedApi;
  /** The built renderer (out/renderer). */
  root: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest message accepted from the page (an uploaded capture), bytes. */
  maxUploadBytes?: number;
}

export interface BrowserServer {
  /** The page URL including the token: the one thing to give the user. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Stops accepting connections, closes open sockets. The API is the caller's to dispose. */
  close(): Promise<void>;
}

export const API_PATH = '/api';
const DEFAULT_MAX_UPLOAD = 2 ** 31 - 1;

/**
 * Browser mode: serves the built renderer and bridges the API over a WebSocket, on 127.0.0.1
 * only. The page needs the per-launch token (in its URL; the page passes it on to the
 * WebSocket). Static assets are the public bundle and need only a valid Host; the API needs
 * Host, Origin and token.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const root = resolve(options.root);
  const token = createToken();
  let port = 0;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD });

  const server = createServer((request, response) => {
    handleHttp(request, response, root, port, token).catch(() => {
      if (!response.headersSent) reply(response, 500, port, 'internal error');
      else response.destroy();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const allowed = url.pathname === API_PATH
      && isAllowedHost(request.headers.host, port)
      && isAllowedOrigin(request.headers.origin, port)
      && tokenMatches(token, url.searchParams.get('token'));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      serveApi(options.api, webSocketTransport(webSocket as unknown as WebSocketLike));
    });
  });

  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolveListen, reject) => {
    server.once('listening', resolveListen);
    server.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

async function handleHttp(request: IncomingMessage, response: ServerResponse, root: string, port: number, token: string): Promise<void> {
  if (!isAllowedHost(request.headers.host, port)) return reply(response, 421, port, 'wrong host');
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, port, 'method not allowed');
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const isPage = url.pathname === '/' || url.pathname === '/index.html';
  if (isPage && !tokenMatches(token, url.searchParams.get('token'))) {
    return reply(response, 403, port, 'This page needs the token printed by `npm run serve`.');
  }
  const file = await readStaticFile(root, isPage ? '/index.html' : url.pathname);
  if (!file) return reply(response, 404, port, 'not found');
  response.writeHead(200, { ...securityHeaders(port), 'Content-Type': file.contentType, 'Content-Length': file.body.length });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function reply(response: ServerResponse, status: number, port: number, text: string): void {
  response.writeHead(status, { ...securityHeaders(port), 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
