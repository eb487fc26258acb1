/**
 * Helpers for the capture tests: whether this machine can capture (root + libpcap binding),
 * traffic makers that talk only to 127.0.0.1, and a differential check of our dissection of a
 * captured file against tshark's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { registry } from '../../dissectors/index.js';
import { resolveFields } from '../session/field-text-sink.js';
import { dissectInOrder } from '../session/in-order-pass.js';
import { loadCap } from './cap-binding.js';

export const repository = resolve(__dirname, '../..');
export const cli = resolve(repository, 'out/engine/cli/dissect.js');

/** Null when this process can capture with the libpcap binding; else why not. */
export function captureUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'capture tests run on Linux only';
  if (process.getuid?.() !== 0) return 'capture tests need root (CI runs as root)';
  const cap = loadCap();
  if (!('module' in cap)) return cap.reason;
  return null;
}

export function hasCommand(name: string): boolean {
  return spawnSync('which', [name]).status === 0;
}

export function buildCli(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only', '--quiet'], { cwd: repository });
}

export const delay = (milliseconds: number): Promise<void> => new Promise((done) => setTimeout(done, milliseconds));

/** A TCP connection on 127.0.0.1: handshake, `request` one way, `reply` back, then teardown. */
export async function tcpExchange(request: string, reply: string): Promise<number> {
  const server = createServer((socket) => {
    socket.once('data', () => socket.end(reply));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((done, fail) => {
    const client = createConnection({ port, host: '127.0.0.1' }, () => client.write(request));
    client.on('data', () => {});
    client.on('end', () => client.end());
    client.on('close', () => done());
    client.on('error', fail);
  });
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Sends `count` UDP datagrams of `size` bytes to 127.0.0.1:`port` (a receiver listens). */
export async function sendUdp(port: number, count: number, size = 32): Promise<void> {
  const socket = createSocket('udp4');
  const payload = Buffer.alloc(size, 0x61);
  let sent = 0;
  await new Promise<void>((done, fail) => {
    const next = (): void => {
      // Batches with a callback per batch keep memory bounded at any rate.
      const batch = Math.min(200, count - sent);
      if (batch === 0) return done();
      let pending = batch;
      for (let index = 0; index < batch; index++) {
        socket.send(payload, port, '127.0.0.1', (error) => {
          if (error) return fail(error);
          if (--pending === 0) setImmediate(next);
        });
      }
      sent += batch;
    };
    next();
  });
  socket.close();
}

/** A UDP receiver on 127.0.0.1 that discards what it gets; returns its port and a closer. */
export async function udpReceiver(): Promise<{ port: number; received: () => number; close: () => void }> {
  const socket = createSocket('udp4');
  let received = 0;
  socket.on('message', () => { received++; });
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  return { port: socket.address().port, received: () => received, close: () => socket.close() };
}

/** Fields both we and tshark know, in the order given. */
export function knownFields(abbrevs: readonly string[]): string[] {
  return abbrevs.filter((abbrev) => registry.find(abbrev) !== undefined);
}

/** tshark's -T fields rows (one array per frame). */
export function tsharkFields(path: string, abbrevs: readonly string[]): string[][] {
  const output = execFileSync('tshark', ['-n', '-r', path, '-T', 'fields', ...abbrevs.flatMap((abbrev) => ['-e', abbrev])], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return output.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/** Our rows for the same fields (occurrences joined by ',' as tshark does), plus Protocol/Info. */
export async function ourFields(path: string, abbrevs: readonly string[]): Promise<Array<{ fields: string[]; protocol: string; info: string }>> {
  const rows: Array<{ fields: string[]; protocol: string; info: string }> = [];
  await dissectInOrder(path, { fields: resolveFields(abbrevs), columns: true }, (passed) => {
    rows.push({ fields: passed.fieldTexts.map((texts) => texts.join(',')), protocol: passed.columns?.protocol ?? '', info: passed.columns?.info ?? '' });
  });
  return rows;
}
