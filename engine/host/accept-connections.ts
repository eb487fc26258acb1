import { electronMessagePortTransport, serveApi, type ElectronMessagePortLike, type ServedApi } from '../api/transport/index.js';

/** Electron's `process.parentPort` in a utilityProcess: messages from the main process. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: ElectronMessagePortLike[] }) => void): unknown;
}

/** The message the shell sends with a fresh MessagePort for a renderer (one per page load). */
export const CONNECT_MESSAGE = 'connect';

/**
 * Serves `api` on every port the shell hands over. Each port leads straight to one renderer;
 * when the page reloads, its old port closes and a new one arrives. Anything else is ignored.
 */
export function acceptConnections(parentPort: ParentPortLike, api: ServedApi): void {
  parentPort.on('message', (event) => {
    const data = event.data as { type?: unknown } | null;
    const port = event.ports?.[0];
    if (data?.type !== CONNECT_MESSAGE || !port) return;
    serveApi(api, electronMessagePortTransport(port));
  });
}
