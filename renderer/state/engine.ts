import type { PacketLensClient } from '../../engine/api/contract';

/**
 * The one engine connection of this page (Electron bridge or WebSocket; the UI cannot tell).
 * Set once at start-up, before the first render.
 */
let current: PacketLensClient | null = null;

export function setEngine(client: PacketLensClient): void {
  current = client;
}

export function engine(): PacketLensClient {
  if (!current) throw new Error('engine not connected');
  return current;
}
