import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startDesktopApp, type ElectronModules } from './desktop-app';
import { SHELL_CHANNELS } from './shell-ipc';

/** Just enough of Electron to watch the shell wire itself up. */
function fakeElectron(userData: string) {
  const log: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => log.push('enableSandbox'),
    whenReady: () => Promise.resolve().then(() => log.push('ready')),
    getPath: () => userData,
    getLocale: () => 'en-US',
    getVersion: () => '0.1.0',
    quit: vi.fn(),
  });
  const windows: Array<{ options: { webPreferences: Record<string, unknown> }; url?: string; contents: EventEmitter & { send: ReturnType<typeof vi.fn> } }> = [];
  class BrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(new EventEmitter(), { send: vi.fn(), postMessage: vi.fn() });
    private readonly record: (typeof windows)[number];
    constructor(options: (typeof windows)[number]['options']) {
      super();
      this.record = { options, contents: this.webContents };
      windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    show() {}
  }
  const ipcChannels: string[] = [];
  const electron = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => log.push(`scheme:${schemes[0].scheme}:${schemes[0].privileges.secure}`),
      handle: (scheme: string) => log.push(`handle:${scheme}`),
    },
    session: { defaultSession: { setPermissionRequestHandler: () => log.push('permissions'), setPermissionCheckHandler: () => log.push('permission checks') } },
    Menu: { buildFromTemplate: (template: unknown[]) => template, setApplicationMenu: (template: Array<{ label: string }>) => log.push(`menu:${template.map((item) => item.label).join('|')}`) },
    dialog: {},
    ipcMain: { handle: (channel: string) => ipcChannels.push(channel), on: (channel: string) => ipcChannels.push(channel) },
    utilityProcess: { fork: vi.fn() },
    MessageChannelMain: class {},
  } as unknown as ElectronModules;
  return { electron, app, log, windows, ipcChannels };
}

describe('the desktop app', () => {
  it('registers app://, sandboxes, guards every page, denies permissions, then loads the renderer', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'packetlens-user-'));
    try {
      const { electron, app, log, windows, ipcChannels } = fakeElectron(userData);
      startDesktopApp(electron, { renderer: '/out/renderer', preload: '/out/electron/preload.cjs', engine: '/out/engine/host/engine-process.js' }, '/captures/first.pcap');
      // Before ready: the privileged scheme and the sandbox, as Electron requires.
      expect(log).toEqual(['scheme:app:true', 'enableSandbox']);
      const guarded = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
      app.emit('web-contents-created', {}, guarded);
      expect(guarded.setWindowOpenHandler).toHaveBeenCalled();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(log).toContain('handle:app');
      expect(log).toContain('permissions');
      expect(log.find((entry) => entry.startsWith('menu:'))).toBe('menu:&File|&Edit|&View|&Go|&Capture|&Help');
      expect(windows).toHaveLength(1);
      expect(windows[0].url).toBe('app://packetlens/index.html');
      expect(windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/out/electron/preload.cjs' });
      expect(ipcChannels.sort()).toEqual([SHELL_CHANNELS.chooseOpenPath, SHELL_CHANNELS.chooseSavePath, SHELL_CHANNELS.connectEngine].sort());
      // The file named on the command line opens once the page has loaded.
      windows[0].contents.emit('did-finish-load');
      expect(windows[0].contents.send).toHaveBeenCalledWith(SHELL_CHANNELS.command, { type: 'open', path: '/captures/first.pcap' });
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
