/**
 * The engine's process in the desktop app: an Electron utilityProcess started by the shell
 * (electron/engine-host.ts). It owns files and captures and answers the renderer directly over
 * MessagePorts; the main process only introduces them.
 */
import { createEngineApi } from '../api/engine-api.js';
import { acceptConnections, type ParentPortLike } from './accept-connections.js';

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  console.error('engine-process runs inside the PacketLens desktop app (an Electron utilityProcess).');
  process.exit(1);
}
acceptConnections(parentPort, createEngineApi());
