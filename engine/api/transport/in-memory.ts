import { Listeners, type Transport, type WireMessage } from './messages';

/**
 * Two connected transports in one process, for tests. Messages are structured-cloned and
 * delivered asynchronously, like a MessagePort, so shared references and synchronous re-entry
 * cannot hide bugs the real transports would show.
 */
export function createInMemoryPair(): [Transport, Transport] {
  const left = new InMemoryEnd();
  const right = new InMemoryEnd();
  left.peer = right;
  right.peer = left;
  return [left, right];
}

class InMemoryEnd implements Transport {
  peer: InMemoryEnd | null = null;
  private readonly messages = new Listeners<[WireMessage]>();
  private readonly closes = new Listeners<[]>();
  private closed = false;

  send(message: WireMessage): void {
    if (this.closed || !this.peer) throw new Error('transport closed');
    const copy = structuredClone(message);
    const peer = this.peer;
    queueMicrotask(() => peer.messages.emit(copy));
  }

  onMessage(listener: (message: WireMessage) => void): () => void {
    return this.messages.add(listener);
  }

  onClose(listener: () => void): () => void {
    return this.closes.add(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const peer = this.peer;
    this.peer = null;
    this.closes.emit();
    peer?.close();
  }
}
