import { CONNECT_MESSAGE } from '../engine/host/accept-connections';

/** Electron's MessagePortMain, as far as we pass it around. */
export type TransferablePort = object;

export interface EngineChildProcess {
  postMessage(message: unknown, transfer?: TransferablePort[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineHostDependencies {
  /** utilityProcess.fork(out/engine/host/engine-process.js) */
  fork(): EngineChildProcess;
  /** new MessageChannelMain() */
  createChannel(): { port1: TransferablePort; port2: TransferablePort };
}

/** The renderer's side of the introduction (webContents.postMessage). */
export interface PortReceiver {
  postMessage(channel: string, message: unknown, transfer?: TransferablePort[]): void;
}

export const ENGINE_PORT_CHANNEL = 'engine:port';

/**
 * Runs the engine in a utilityProcess and introduces each renderer to it with a fresh
 * MessageChannel: one end to the engine, the other to the page. Packet data then flows between
 * them directly, never through the main process. A crashed engine is restarted on the next
 * connection (the page shows "connection lost" and reconnects on reload).
 */
export class EngineHost {
  private child: EngineChildProcess | null = null;

  constructor(private readonly dependencies: EngineHostDependencies, private readonly onExit: (code: number) => void = () => undefined) {}

  connect(receiver: PortReceiver): void {
    const child = this.ensureChild();
    const { port1, port2 } = this.dependencies.createChannel();
    child.postMessage({ type: CONNECT_MESSAGE }, [port1]);
    receiver.postMessage(ENGINE_PORT_CHANNEL, null, [port2]);
  }

  dispose(): void {
    this.child?.kill();
    this.child = null;
  }

  private ensureChild(): EngineChildProcess {
    if (this.child) return this.child;
    const child = this.dependencies.fork();
    child.on('exit', (code) => {
      if (this.child === child) this.child = null;
      this.onExit(code);
    });
    this.child = child;
    return child;
  }
}
