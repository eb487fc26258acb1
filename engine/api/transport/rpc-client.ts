import { apiOperations, type ApiOperation, type EngineEvent, type PacketLensApi, type PacketLensClient } from '../contract';
import { Listeners, type Transport, type WireMessage } from './messages';

export interface ApiConnection extends PacketLensClient {
  /** Rejects pending calls, stops listening and closes the transport. */
  dispose(): void;
}

/**
 * The renderer's side of the RPC layer: one async function per operation of the contract,
 * forwarded over `transport`, plus the engine's events. Calls made after the peer went away
 * (or pending when it goes) reject with "engine connection closed".
 */
export function connectApi(transport: Transport): ApiConnection {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const events = new Listeners<[EngineEvent]>();
  let nextId = 1;
  let closed = false;

  const failPending = () => {
    closed = true;
    for (const call of pending.values()) call.reject(new Error('engine connection closed'));
    pending.clear();
  };

  const stopMessages = transport.onMessage((message: WireMessage) => {
    if (message.kind === 'event') {
      events.emit(message.event);
      return;
    }
    if (message.kind !== 'result' && message.kind !== 'error') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.kind === 'result') call.resolve(message.value);
    else call.reject(new Error(message.message));
  });
  const stopClose = transport.onClose(failPending);

  const call = (operation: ApiOperation, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (closed) {
        reject(new Error('engine connection closed'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        transport.send({ kind: 'call', id, operation, args });
      } catch (error) {
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });

  const operations = Object.fromEntries(
    apiOperations.map((operation) => [operation, (...args: unknown[]) => call(operation, args)]),
  ) as unknown as PacketLensApi;

  return {
    ...operations,
    onEvent: (listener) => events.add(listener),
    dispose() {
      stopMessages();
      stopClose();
      failPending();
      events.clear();
      transport.close();
    },
  };
}
