import type * as Electron from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellCommand } from '../engine/api/contract';
import { engineNodeFlags } from '../engine/host/node-flags';
import { APP_ENTRY_URL, APP_SCHEME, appScheme, createAppProtocolHandler } from './app-protocol';
import { EngineHost } from './engine-host';
import { buildMenuTemplate, type MenuActions } from './menu';
import { menuLabels } from './menu-labels';
import { RecentFiles, type TextStorage } from './recent-files';
import { registerShellIpc, SHELL_CHANNELS } from './shell-ipc';
import { denyAllPermissions, guardWebContents } from './web-contents-guards';
import { mainWindowOptions } from './window-options';

/** The parts of the electron module the shell uses (a fake in tests). */
export type ElectronModules = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'MessageChannelMain' | 'protocol' | 'session' | 'utilityProcess'
>;

export interface DesktopPaths {
  /** out/renderer */
  renderer: string;
  /** out/electron/preload.cjs */
  preload: string;
  /** out/engine/host/engine-process.js */
  engine: string;
}

const captureFilters = [
  { name: 'Capture files', extensions: ['pcap', 'pcapng', 'cap', 'ntar'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Starts the desktop app. Must be called before `ready` (custom schemes are registered then).
 * `initialFile` is a capture named on the command line.
 */
export function startDesktopApp(electron: ElectronModules, paths: DesktopPaths, initialFile: string | null): void {
  const { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, session, utilityProcess } = electron;
  protocol.registerSchemesAsPrivileged([appScheme]);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer));
    denyAllPermissions(session.defaultSession);

    const engine = new EngineHost({
      fork: () => utilityProcess.fork(paths.engine, [], { serviceName: 'PacketLens engine', stdio: 'inherit', execArgv: [...engineNodeFlags] }),
      createChannel: () => new MessageChannelMain(),
    });
    const recent = new RecentFiles(fileStorage(join(app.getPath('userData'), 'recent-files.json')));
    const window = new BrowserWindow(mainWindowOptions(paths.preload));
    const send = (command: ShellCommand) => window.webContents.send(SHELL_CHANNELS.command, command);
    const opened = (path: string) => {
      recent.add(path);
      rebuildMenu();
      return path;
    };
    const chooseOpenPath = async () => {
      const result = await dialog.showOpenDialog(window, { properties: ['openFile'], filters: captureFilters });
      return result.canceled || result.filePaths.length === 0 ? null : opened(result.filePaths[0]);
    };
    const actions: MenuActions = {
      open: () => void chooseOpenPath().then((path) => path && send({ type: 'open', path })),
      openRecent: (path) => send({ type: 'open', path: opened(path) }),
      clearRecent: () => {
        recent.clear();
        rebuildMenu();
      },
      send,
      about: () => void dialog.showMessageBox(window, { type: 'info', title: 'PacketLens', message: `PacketLens ${app.getVersion()}` }),
    };
    const rebuildMenu = () => Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuLabels(app.getLocale()), recent.list(), actions, !app.isPackaged)));

    registerShellIpc(ipcMain, {
      trustedContents: () => window.webContents,
      showOpenDialog: chooseOpenPath,
      showSaveDialog: async (defaultName) => {
        const result = await dialog.showSaveDialog(window, { defaultPath: defaultName, filters: captureFilters });
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      connectEngine: (receiver) => engine.connect(receiver),
    });
    rebuildMenu();

    window.once('ready-to-show', () => window.show());
    if (initialFile) window.webContents.once('did-finish-load', () => send({ type: 'open', path: opened(initialFile) }));
    void window.loadURL(APP_ENTRY_URL);
    app.on('window-all-closed', () => {
      engine.dispose();
      app.quit();
    });
  });
}

function fileStorage(path: string): TextStorage {
  return {
    read() {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    write(text) {
      try {
        writeFileSync(path, text);
      } catch {
        // Recent files are a convenience; failing to save them must not break opening.
      }
    },
  };
}
