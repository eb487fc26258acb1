import { decodeFrame, encodeFrame } from './binary-frame';
import { Listeners, type Transport, type WireMessage } from './messages';

/**
 * The part of a WebSocket this transport uses. The browser's WebSocket and the `ws` package's
 * both fit, so the same code runs in the page and in the server.
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const CONNECTING = 0;
const OPEN = 1;

/**
 * A transport over one WebSocket: each message is one binary frame (binary-frame.ts), so
 * Uint8Array values cross without base64. Messages sent while connecting are queued.
 * Malformed frames from the peer are dropped.
 */
export function webSocketTransport(socket: WebSocketLike): Transport {
  socket.binaryType = 'arraybuffer';
  const messages = new Listeners<[WireMessage]>();
  const closes = new Listeners<[]>();
  const queued: Uint8Array[] = [];
  let closed = false;

  const markClosed = () => {
    if (closed) return;
    closed = true;
    queued.length = 0;
    closes.emit();
  };

  socket.addEventListener('open', () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });
  socket.addEventListener('close', markClosed);
  socket.addEventListener('error', markClosed);
  socket.addEventListener('message', (event) => {
    const frame = toBytes(event.data);
    if (!frame) return;
    let message: unknown;
    try {
      message = decodeFrame(frame);
    } catch {
      return;
    }
    messages.emit(message as WireMessage);
  });

  return {
    send(message) {
      if (closed || socket.readyState > OPEN) throw new Error('transport closed');
      const frame = encodeFrame(message);
      if (socket.readyState === CONNECTING) queued.push(frame);
      else socket.send(frame);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closes.add(listener),
    close() {
      socket.close();
      markClosed();
    },
  };
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  return null;
}
