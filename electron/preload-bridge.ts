import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { apiOperations, type DesktopShell, type EngineEvent, type PacketLensClient, type ShellCommand } from '../engine/api/contract';
import { connectApi, createDeferredTransport, domMessagePortTransport, type DomMessagePortLike } from '../engine/api/transport/index';
import { ENGINE_PORT_CHANNEL } from './engine-host';
import { SHELL_CHANNELS } from './shell-ipc';

export interface PreloadDependencies {
  ipcRenderer: Pick<IpcRenderer, 'on' | 'once' | 'send' | 'invoke' | 'removeListener'>;
  /** webUtils.getPathForFile */
  pathForFile(file: unknown): string;
}

/**
 * What the preload exposes: `packetLens`, one function per API operation (no generic invoke),
 * running the RPC client over the MessagePort the shell hands us; and `packetLensShell`,
 * the native dialogs and menu commands. Plain objects of functions, as contextBridge wants.
 */
export function createPreloadBridge({ ipcRenderer, pathForFile }: PreloadDependencies): { api: PacketLensClient; shell: DesktopShell } {
  const transport = createDeferredTransport();
  ipcRenderer.once(ENGINE_PORT_CHANNEL, (event: IpcRendererEvent) => {
    const port = event.ports[0];
    if (port) transport.attach(domMessagePortTransport(port as unknown as DomMessagePortLike));
  });
  ipcRenderer.send(SHELL_CHANNELS.connectEngine);
  const client = connectApi(transport);

  const api = Object.fromEntries(apiOperations.map((operation) => [operation, (...args: unknown[]) => (client[operation] as (...values: unknown[]) => Promise<unknown>)(...args)])) as unknown as PacketLensClient;
  api.onEvent = (listener: (event: EngineEvent) => void) => client.onEvent(listener);

  const shell: DesktopShell = {
    chooseOpenPath: () => ipcRenderer.invoke(SHELL_CHANNELS.chooseOpenPath) as Promise<string | null>,
    chooseSavePath: (defaultName) => ipcRenderer.invoke(SHELL_CHANNELS.chooseSavePath, String(defaultName)) as Promise<string | null>,
    pathForFile(file) {
      try {
        return pathForFile(file) || null;
      } catch {
        return null;
      }
    },
    onCommand(listener: (command: ShellCommand) => void) {
      const forward = (_event: IpcRendererEvent, command: ShellCommand) => listener(command);
      ipcRenderer.on(SHELL_CHANNELS.command, forward);
      return () => void ipcRenderer.removeListener(SHELL_CHANNELS.command, forward);
    },
  };
  return { api, shell };
}
