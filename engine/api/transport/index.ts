/** The transports and the RPC layer that runs over them (pure: no Node, no DOM). */
export type { Transport, WireMessage } from './messages';
export { connectApi, type ApiConnection } from './rpc-client';
export { serveApi, type ServedApi } from './rpc-server';
export { createInMemoryPair } from './in-memory';
export { webSocketTransport, type WebSocketLike } from './websocket';
export { domMessagePortTransport, electronMessagePortTransport, type DomMessagePortLike, type ElectronMessagePortLike } from './message-port';
export { encodeFrame, decodeFrame } from './binary-frame';
export { createDeferredTransport, type DeferredTransport } from './deferred';
