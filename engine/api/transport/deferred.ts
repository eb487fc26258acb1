import { Listeners, type Transport, type WireMessage } from './messages';

export interface DeferredTransport extends Transport {
  /** Connects the real transport; messages sent before this are delivered now, in order. */
  attach(transport: Transport): void;
}

/**
 * A transport whose far end arrives later (the desktop preload asks the shell for an engine
 * port at start-up). Callers may send at once; nothing is lost while the port is on its way.
 */
export function createDeferredTransport(): DeferredTransport {
  const messages = new Listeners<[WireMessage]>();
  const closes = new Listeners<[]>();
  const queued: WireMessage[] = [];
  let target: Transport | null = null;
  let closed = false;

  return {
    attach(transport) {
      if (closed || target) {
        transport.close();
        return;
      }
      target = transport;
      transport.onMessage((message) => messages.emit(message));
      transport.onClose(() => {
        closed = true;
        closes.emit();
      });
      for (const message of queued.splice(0)) transport.send(message);
    },
    send(message) {
      if (closed) throw new Error('transport closed');
      if (target) target.send(message);
      else queued.push(message);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closes.add(listener),
    close() {
      if (closed) return;
      closed = true;
      queued.length = 0;
      if (target) target.close();
      else closes.emit();
    },
  };
}
