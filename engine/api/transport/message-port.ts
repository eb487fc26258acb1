import { Listeners, type Transport, type WireMessage } from './messages';

/** A DOM MessagePort (the page and the preload), or Node's worker_threads port. */
export interface DomMessagePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

/** Electron's MessagePortMain (main process and utilityProcess): an event emitter. */
export interface ElectronMessagePortLike {
  postMessage(message: unknown): void;
  on(type: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(type: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/**
 * Transports over a MessagePort. Ports structured-clone their messages, so Uint8Array values
 * cross as they are. A DOM port gives no close event; the Electron one does.
 */
export function domMessagePortTransport(port: DomMessagePortLike): Transport {
  const messages = new Listeners<[WireMessage]>();
  port.addEventListener('message', (event) => messages.emit(event.data as WireMessage));
  return portTransport(port, messages, new Listeners<[]>());
}

export function electronMessagePortTransport(port: ElectronMessagePortLike): Transport {
  const messages = new Listeners<[WireMessage]>();
  const closes = new Listeners<[]>();
  port.on('message', (event) => messages.emit(event.data as WireMessage));
  port.on('close', () => closes.emit());
  return portTransport(port, messages, closes);
}

function portTransport(port: { postMessage(message: unknown): void; start(): void; close(): void }, messages: Listeners<[WireMessage]>, closes: Listeners<[]>): Transport {
  let closed = false;
  port.start();
  return {
    send(message) {
      if (closed) throw new Error('transport closed');
      port.postMessage(message);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closes.add(listener),
    close() {
      if (closed) return;
      closed = true;
      port.close();
      closes.emit();
    },
  };
}
