import type { ApiOperation, EngineEvent } from '../contract';

/**
 * What travels over a transport. Calls carry an id the answer repeats; events are pushed by the
 * engine at any time. Values may contain Uint8Array anywhere (each transport keeps them binary).
 */
export type WireMessage =
  | { kind: 'call'; id: number; operation: ApiOperation; args: unknown[] }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'event'; event: EngineEvent };

/**
 * A bidirectional message channel. Implementations: in memory (tests), WebSocket (browser mode),
 * MessagePort (Electron). A transport neither validates nor interprets messages; the RPC layer does.
 */
export interface Transport {
  send(message: WireMessage): void;
  /** Subscribes to incoming messages; returns the unsubscribe function. */
  onMessage(listener: (message: WireMessage) => void): () => void;
  /** Subscribes to the peer going away (socket closed, port closed). */
  onClose(listener: () => void): () => void;
  close(): void;
}

/** Listener bookkeeping shared by the transports. */
export class Listeners<T extends unknown[]> {
  private readonly listeners = new Set<(...values: T) => void>();

  add(listener: (...values: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...values: T): void {
    for (const listener of [...this.listeners]) listener(...values);
  }

  clear(): void {
    this.listeners.clear();
  }
}
