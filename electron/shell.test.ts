import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { electronMessagePortTransport, serveApi, type ElectronMessagePortLike } from '../engine/api/transport/index';
import { apiOperations } from '../engine/api/contract';
import { createFakeApi } from '../test/support/fake-api';
import { APP_ENTRY_URL, createAppProtocolHandler, DESKTOP_CSP, isAppUrl } from './app-protocol';
import { EngineHost, ENGINE_PORT_CHANNEL, type EngineChildProcess } from './engine-host';
import { buildMenuTemplate, type MenuActions } from './menu';
import { menuLabels } from './menu-labels';
import { createPreloadBridge } from './preload-bridge';
import { RECENT_LIMIT, RecentFiles } from './recent-files';
import { isTrustedSender, registerShellIpc, safeFileName, SHELL_CHANNELS } from './shell-ipc';
import { denyAllPermissions, guardWebContents, type GuardedContents } from './web-contents-guards';
import { mainWindowOptions } from './window-options';

describe('the main window', () => {
  it('isolates the page: no Node, sandboxed, context isolation, no webview', () => {
    const preferences = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(preferences).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    });
  });
});

describe('the app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'packetlens-app-'));
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>PacketLens</title>');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const handle = createAppProtocolHandler(renderer);

  it('serves the renderer with a CSP that allows no network and no inline code', async () => {
    const response = await handle(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>PacketLens</title>');
    expect(response.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(DESKTOP_CSP).toContain("connect-src 'none'");
    expect(DESKTOP_CSP).not.toContain('unsafe');
  });

  it('serves nothing outside the renderer or for another host', async () => {
    expect((await handle(new Request('app://packetlens/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://packetlens/..%2fsecret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect(isAppUrl('app://packetlens/index.html')).toBe(true);
    expect(isAppUrl('https://packetlens/index.html')).toBe(false);
    expect(isAppUrl('app://packetlens.evil/index.html')).toBe(false);
  });
});

describe('web contents guards', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((details: unknown) => { action: string }) | null = null;
    const contents = {
      on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
      setWindowOpenHandler: (handler: (details: unknown) => { action: string }) => (openHandler = handler),
    } as unknown as GuardedContents;
    const fire = (event: string, url?: string) => {
      const prevented = { value: false };
      emitter.emit(event, { preventDefault: () => (prevented.value = true) }, url);
      return prevented.value;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('keeps the page on app://packetlens and refuses new windows and webviews', () => {
    const { contents, fire, open } = fakeContents();
    guardWebContents(contents);
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://packetlens/index.html')).toBe(false);
    expect(fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://packetlens/index.html')).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    denyAllPermissions({ setPermissionRequestHandler: (handler: never) => (request = handler), setPermissionCheckHandler: (handler: never) => (check = handler) } as never);
    const callback = vi.fn();
    request!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
  });
});

describe('the application menu', () => {
  const actions: MenuActions = { open: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), send: vi.fn(), about: vi.fn() };
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

  it("has Wireshark's shortcuts, each sending its command", () => {
    const items = flatten(buildMenuTemplate(menuLabels('en-US'), [], actions, false));
    const byAccelerator = new Map(items.filter((item) => item.accelerator).map((item) => [item.accelerator, item]));
    const expected: Record<string, string | null> = {
      'CmdOrCtrl+S': 'save', 'CmdOrCtrl+E': 'toggleCapture', 'CmdOrCtrl+K': 'captureOptions', 'CmdOrCtrl+G': 'goToPacket', 'CmdOrCtrl+F': 'find',
      'CmdOrCtrl+/': 'focusFilter', 'CmdOrCtrl+Up': 'previousPacket', 'CmdOrCtrl+Down': 'nextPacket', 'CmdOrCtrl+O': null,
    };
    for (const [accelerator, command] of Object.entries(expected)) {
      const item = byAccelerator.get(accelerator);
      expect(item, accelerator).toBeDefined();
      (item!.click as () => void)();
      if (command) expect(actions.send).toHaveBeenLastCalledWith({ type: command });
    }
    expect(actions.open).toHaveBeenCalledOnce();
    expect(items.some((item) => item.role === 'toggleDevTools')).toBe(false);
  });

  it('lists recent files and speaks Chinese on a Chinese system', () => {
    const items = flatten(buildMenuTemplate(menuLabels('zh-CN'), ['/captures/a.pcap'], actions, true));
    expect(items[0].label).toBe('文件(&F)');
    const recent = items.find((item) => item.label === '/captures/a.pcap')!;
    (recent.click as () => void)();
    expect(actions.openRecent).toHaveBeenCalledWith('/captures/a.pcap');
    expect(items.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });

  it('has Capture › Options… (Ctrl+K, as Wireshark) above Start/Stop, in English and Chinese', () => {
    for (const [locale, menu, options] of [['en-US', '&Capture', '&Options…'], ['zh-CN', '捕获(&C)', '选项(&O)…']]) {
      const captureMenu = buildMenuTemplate(menuLabels(locale), [], actions, false).find((item) => item.label === menu)!;
      const [first] = captureMenu.submenu as MenuItemConstructorOptions[];
      expect(first).toMatchObject({ label: options, accelerator: 'CmdOrCtrl+K' });
      (first.click as () => void)();
      expect(actions.send).toHaveBeenLastCalledWith({ type: 'captureOptions' });
    }
  });
});

describe('recent files', () => {
  it('keeps the most recent first, without duplicates, up to the limit, and survives corrupt storage', () => {
    let stored: string | null = '{not json';
    const storage = { read: () => stored, write: (text: string) => (stored = text) };
    const recent = new RecentFiles(storage);
    expect(recent.list()).toEqual([]);
    for (let index = 0; index < RECENT_LIMIT + 3; index++) recent.add(`/c/${index}.pcap`);
    recent.add('/c/5.pcap');
    expect(recent.list()[0]).toBe('/c/5.pcap');
    expect(recent.list()).toHaveLength(RECENT_LIMIT);
    expect(new Set(recent.list()).size).toBe(RECENT_LIMIT);
    expect(new RecentFiles(storage).list()).toEqual(recent.list());
  });
});

describe('shell IPC', () => {
  const trusted = { id: 1 };
  const topFrame = { url: 'app://packetlens/index.html', parent: null };

  function register() {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const dependencies = {
      trustedContents: () => trusted,
      showOpenDialog: vi.fn(async () => '/captures/x.pcap'),
      showSaveDialog: vi.fn(async (name: string) => `/home/user/${name}`),
      connectEngine: vi.fn(),
    };
    registerShellIpc({ handle: (channel: string, handler: never) => handlers.set(channel, handler), on: (channel: string, handler: never) => handlers.set(channel, handler) } as never, dependencies);
    return { handlers, dependencies };
  }

  it('answers only our window’s top frame on app://', async () => {
    const { handlers, dependencies } = register();
    const choose = handlers.get(SHELL_CHANNELS.chooseOpenPath)!;
    expect(await choose({ sender: trusted, senderFrame: topFrame })).toBe('/captures/x.pcap');
    expect(() => choose({ sender: { id: 2 }, senderFrame: topFrame })).toThrow('untrusted sender');
    expect(() => choose({ sender: trusted, senderFrame: { url: 'https://evil.example/', parent: null } })).toThrow('untrusted sender');
    expect(() => choose({ sender: trusted, senderFrame: { url: 'app://packetlens/x.html', parent: topFrame } })).toThrow('untrusted sender');
    handlers.get(SHELL_CHANNELS.connectEngine)!({ sender: { id: 2 }, senderFrame: topFrame });
    expect(dependencies.connectEngine).not.toHaveBeenCalled();
    handlers.get(SHELL_CHANNELS.connectEngine)!({ sender: trusted, senderFrame: topFrame });
    expect(dependencies.connectEngine).toHaveBeenCalledWith(trusted);
  });

  it('validates the save dialog’s default name', async () => {
    const { handlers } = register();
    const save = handlers.get(SHELL_CHANNELS.chooseSavePath)!;
    expect(await save({ sender: trusted, senderFrame: topFrame }, '../../etc/passwd')).toBe('/home/user/.._.._etc_passwd');
    expect(safeFileName(42)).toBe('capture.pcapng');
    expect(safeFileName('..')).toBe('capture.pcapng');
    expect(safeFileName('a\nb.pcapng')).toBe('a_b.pcapng');
    expect(isTrustedSender({ sender: trusted, senderFrame: null } as never, trusted)).toBe(false);
  });
});

describe('the engine host', () => {
  function fakeChild() {
    const emitter = new EventEmitter();
    const child = { postMessage: vi.fn(), on: (event: string, listener: never) => emitter.on(event, listener), kill: vi.fn(() => true) };
    return { child: child as unknown as EngineChildProcess & { postMessage: ReturnType<typeof vi.fn> }, exit: (code: number) => emitter.emit('exit', code) };
  }

  it('starts the engine once and gives each page its own port pair, restarting after a crash', () => {
    const children = [fakeChild(), fakeChild()];
    let forks = 0;
    let channels = 0;
    const onExit = vi.fn();
    const host = new EngineHost({ fork: () => children[forks++].child, createChannel: () => ({ port1: { n: ++channels, end: 1 }, port2: { n: channels, end: 2 } }) }, onExit);
    const page = { postMessage: vi.fn() };
    host.connect(page);
    host.connect(page);
    expect(forks).toBe(1);
    expect(children[0].child.postMessage).toHaveBeenNthCalledWith(2, { type: 'connect' }, [{ n: 2, end: 1 }]);
    expect(page.postMessage).toHaveBeenNthCalledWith(2, ENGINE_PORT_CHANNEL, null, [{ n: 2, end: 2 }]);
    children[0].exit(1);
    expect(onExit).toHaveBeenCalledWith(1);
    host.connect(page);
    expect(forks).toBe(2);
    host.dispose();
    expect(children[1].child.kill).toHaveBeenCalled();
  });
});

describe('the preload bridge', () => {
  function electronStyle(port: MessagePort): ElectronMessagePortLike {
    return {
      postMessage: (message) => port.postMessage(message),
      on(type: 'message' | 'close', listener: (event: { data: unknown }) => void) {
        if (type === 'message') port.on('message', (data) => listener({ data }));
        return this;
      },
      start: () => port.start(),
      close: () => port.close(),
    };
  }

  it('exposes one function per operation, queues calls until the engine port arrives, and forwards menu commands', async () => {
    const ipc = new EventEmitter();
    const sent: string[] = [];
    const ipcRenderer = {
      on: (channel: string, listener: never) => ipc.on(channel, listener),
      once: (channel: string, listener: never) => ipc.once(channel, listener),
      removeListener: (channel: string, listener: never) => ipc.removeListener(channel, listener),
      send: (channel: string) => sent.push(channel),
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => `${channel}:${args.join(',')}`),
    };
    const { api, shell } = createPreloadBridge({ ipcRenderer: ipcRenderer as never, pathForFile: () => '/dropped.pcap' });
    expect(sent).toEqual([SHELL_CHANNELS.connectEngine]);
    // Exactly the contract's operations, plus the event subscription.
    expect(Object.keys(api).sort()).toEqual([...apiOperations, 'onEvent'].sort());

    const early = api.openFile('/captures/early-7.pcap'); // before the port exists
    const fake = createFakeApi();
    const channel = new MessageChannel();
    serveApi(fake, electronMessagePortTransport(electronStyle(channel.port1)));
    ipc.emit(ENGINE_PORT_CHANNEL, { ports: [channel.port2] });
    expect((await early).frames).toBe(7);
    expect(await api.displayedIndexOf(3)).toBe(2);

    expect(await shell.chooseSavePath('x.pcapng')).toBe(`${SHELL_CHANNELS.chooseSavePath}:x.pcapng`);
    expect(shell.pathForFile({})).toBe('/dropped.pcap');
    const commands: unknown[] = [];
    const stop = shell.onCommand((command) => commands.push(command));
    ipc.emit(SHELL_CHANNELS.command, {}, { type: 'nextPacket' });
    stop();
    ipc.emit(SHELL_CHANNELS.command, {}, { type: 'previousPacket' });
    expect(commands).toEqual([{ type: 'nextPacket' }]);
    channel.port1.close();
  });
});
