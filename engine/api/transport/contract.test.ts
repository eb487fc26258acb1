import { once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { EngineEvent } from '../contract';
import { createFakeApi, syntheticFrame } from '../../../test/support/fake-api';
import {
  connectApi, createInMemoryPair, domMessagePortTransport, electronMessagePortTransport, serveApi, webSocketTransport,
  type ApiConnection, type ElectronMessagePortLike, type Transport, type WebSocketLike,
} from './index';

interface Connected {
  client: ApiConnection;
  api: ReturnType<typeof createFakeApi>;
  close(): Promise<void>;
}

/** Builds a client/engine pair over one kind of transport. */
type Connect = () => Promise<Connected>;

const overInMemory: Connect = async () => {
  const api = createFakeApi();
  const [clientEnd, engineEnd] = createInMemoryPair();
  serveApi(api, engineEnd);
  const client = connectApi(clientEnd);
  return { client, api, close: async () => client.dispose() };
};

const overWebSocket: Connect = async () => {
  const api = createFakeApi();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  server.on('connection', (socket) => serveApi(api, webSocketTransport(socket as unknown as WebSocketLike)));
  const { port } = server.address() as { port: number };
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  const client = connectApi(webSocketTransport(socket as unknown as WebSocketLike));
  return {
    client, api,
    close: async () => {
      client.dispose();
      for (const peer of server.clients) peer.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

/** Electron's MessagePortMain shape (`on('message', { data })`) over a real Node port. */
function electronStylePort(port: MessagePort): ElectronMessagePortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    on(type: 'message' | 'close', listener: (event: { data: unknown }) => void) {
      if (type === 'message') port.on('message', (data) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
      return this;
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

const overElectronPorts: Connect = async () => {
  const api = createFakeApi();
  const channel = new MessageChannel();
  // The engine (utilityProcess) holds a MessagePortMain; the renderer's preload holds a DOM port.
  serveApi(api, electronMessagePortTransport(electronStylePort(channel.port1)));
  const client = connectApi(domMessagePortTransport(channel.port2 as unknown as Parameters<typeof domMessagePortTransport>[0]));
  return { client, api, close: async () => client.dispose() };
};

const transports: Array<[string, Connect]> = [['in memory', overInMemory], ['WebSocket', overWebSocket], ['Electron MessagePort', overElectronPorts]];

describe.each(transports)('the API over %s', (_name, connect) => {
  let connected: Connected | null = null;
  afterEach(async () => {
    await connected?.close();
    connected = null;
  });

  it('answers every operation as the engine computed it', async () => {
    connected = await connect();
    const { client } = connected;
    expect(await client.summary()).toBeNull();
    const summary = await client.openFile('/captures/synthetic-300.pcap');
    expect(summary).toMatchObject({ name: 'synthetic-300.pcap', frames: 300, displayed: 300, marked: 0 });
    const rows = await client.rows(10, 3);
    expect(rows.map((row) => row.frame)).toEqual([11, 12, 13]);
    // Frame 12 (index 11) is the third of the TCP, UDP, ARP rotation.
    expect(rows[1].protocol).toBe('ARP');
    const filtered = await client.applyFilter('tcp');
    expect(filtered).toMatchObject({ error: null, displayed: 100 });
    expect(await client.displayedIndexOf(4)).toBe(1);
    expect(await client.displayedIndexOf(5)).toBe(-1);
    expect((await client.setMarked([1, 4], true)).marked).toBe(2);
    expect((await client.fields()).some((field) => field.abbrev === 'tcp.srcport')).toBe(true);
  });

  it('keeps Uint8Array values binary in both directions', async () => {
    connected = await connect();
    const { client, api } = connected;
    const upload = new Uint8Array(24 + 16 + 256);
    const view = new DataView(upload.buffer);
    view.setUint32(0, 0xa1b2c3d4, true);
    view.setUint32(24 + 8, 256, true);
    for (let index = 0; index < 256; index++) upload[40 + index] = index;
    expect((await client.openUpload('bytes.pcap', upload)).frames).toBe(1);
    const received = api.calls.find((call) => call.operation === 'openUpload')!.args[1];
    expect(received).toBeInstanceOf(Uint8Array);
    expect([...(received as Uint8Array)]).toEqual([...upload]);

    const detail = await client.detail(1);
    expect(detail.sources[0].bytes).toBeInstanceOf(Uint8Array);
    expect([...detail.sources[0].bytes]).toEqual([...upload.subarray(40)]);
  });

  it('carries detail trees with offsets and the exported file bytes', async () => {
    connected = await connect();
    const { client } = connected;
    await client.openFile('/captures/synthetic-9.pcap');
    const detail = await client.detail(1);
    const ip = detail.tree.find((item) => item.label.startsWith('Internet Protocol'))!;
    const source = ip.children!.find((child) => child.label.startsWith('Source Address'))!;
    expect(source).toMatchObject({ offset: 26, length: 4, value: 0x0a000001 });
    await client.applyFilter('udp');
    const exported = await client.exportPackets('displayed', 'pcap', null);
    expect(exported.packets).toBe(3);
    // pcap global header + 3 records of the UDP frames 2, 5, 8.
    const expectedLength = 24 + [1, 4, 7].reduce((sum, index) => sum + 16 + syntheticFrame(index).bytes.length, 0);
    expect(exported.bytes).toBeInstanceOf(Uint8Array);
    expect(exported.bytes!.length).toBe(expectedLength);
  });

  it('rejects with the engine error message', async () => {
    connected = await connect();
    await expect(connected.client.rows(0, 10)).rejects.toThrow('no capture is open');
    await connected.client.openFile('/captures/synthetic-5.pcap');
    await expect(connected.client.detail(99)).rejects.toThrow('no frame 99');
  });

  it('delivers engine events', async () => {
    connected = await connect();
    const events: EngineEvent[] = [];
    connected.client.onEvent((event) => events.push(event));
    await connected.client.openFile('/captures/synthetic-6.pcap');
    await connected.client.applyFilter('arp');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const summaries = events.filter((event) => event.type === 'summary').map((event) => event.payload as { displayed: number });
    expect(summaries.map((summary) => summary.displayed)).toEqual([6, 2]);
  });
});

describe('the RPC server', () => {
  it('answers unknown operations and ignores malformed messages', async () => {
    const api = createFakeApi();
    const [peer, engineEnd] = createInMemoryPair();
    serveApi(api, engineEnd);
    const answers: unknown[] = [];
    peer.onMessage((message) => answers.push(message));
    (peer as Transport).send({ kind: 'call', id: 1, operation: 'constructor' as never, args: [] });
    peer.send({ kind: 'call', id: 'x', operation: 'summary', args: [] } as never);
    peer.send({ kind: 'call', id: 2, operation: 'summary', args: 'no' } as never);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answers).toEqual([{ kind: 'error', id: 1, message: 'unknown operation "constructor"' }]);
    expect(api.calls).toEqual([]);
  });

  it('fails pending calls when the connection closes', async () => {
    const [clientEnd, engineEnd] = createInMemoryPair();
    engineEnd.onMessage(() => undefined); // an engine that never answers
    const client = connectApi(clientEnd);
    const pending = client.summary();
    engineEnd.close();
    await expect(pending).rejects.toThrow('engine connection closed');
    await expect(client.summary()).rejects.toThrow('engine connection closed');
  });
});
