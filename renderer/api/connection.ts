import type { PacketLensClient } from '../../engine/api/contract';
import { connectApi, webSocketTransport } from '../../engine/api/transport/index';

/**
 * Connects to the engine: through the desktop shell's bridge when the preload provided one,
 * otherwise (browser mode) over a WebSocket to the server that served this page, passing on
 * the token from the page URL.
 */
export function connectToEngine(onDisconnect: () => void): PacketLensClient {
  if (window.packetLens) return window.packetLens;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const socket = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
  const transport = webSocketTransport(socket);
  transport.onClose(onDisconnect);
  return connectApi(transport);
}
