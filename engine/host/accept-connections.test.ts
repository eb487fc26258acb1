import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { connectApi, domMessagePortTransport, type DomMessagePortLike, type ElectronMessagePortLike } from '../api/transport/index';
import { createFakeApi } from '../../test/support/fake-api';
import { acceptConnections, type ParentPortLike } from './accept-connections';

/** Electron's MessagePortMain shape over a real Node port. */
function electronStyle(port: MessagePort): ElectronMessagePortLike {
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

function fakeParentPort() {
  let listener: ((event: { data: unknown; ports: ElectronMessagePortLike[] }) => void) | null = null;
  const parent: ParentPortLike = { on: (_event, next) => (listener = next) };
  return { parent, deliver: (data: unknown, ports: ElectronMessagePortLike[]) => listener!({ data, ports }) };
}

describe('the engine process', () => {
  it('serves the API on every port the shell hands over, one per page load', async () => {
    const api = createFakeApi();
    const { parent, deliver } = fakeParentPort();
    acceptConnections(parent, api);
    for (const path of ['/a/first-3.pcap', '/a/second-4.pcap']) {
      const channel = new MessageChannel();
      deliver({ type: 'connect' }, [electronStyle(channel.port1)]);
      const client = connectApi(domMessagePortTransport(channel.port2 as unknown as DomMessagePortLike));
      expect((await client.openFile(path)).frames).toBe(Number(/(\d+)/.exec(path)![1]));
      client.dispose();
    }
  });

  it('ignores messages that are not a connect with a port', async () => {
    const api = createFakeApi();
    const { parent, deliver } = fakeParentPort();
    acceptConnections(parent, api);
    const channel = new MessageChannel();
    deliver({ type: 'something else' }, [electronStyle(channel.port1)]);
    deliver({ type: 'connect' }, []);
    deliver(null, []);
    const client = connectApi(domMessagePortTransport(channel.port2 as unknown as DomMessagePortLike));
    const answer = Promise.race([client.summary().then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('silence'), 100))]);
    expect(await answer).toBe('silence');
    client.dispose();
    channel.port1.close();
  });
});
