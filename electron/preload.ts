/**
 * The preload (sandboxed, bundled into one file): exposes the engine API and the shell bridge
 * to the page. Nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadBridge } from './preload-bridge';

const { api, shell } = createPreloadBridge({ ipcRenderer, pathForFile: (file) => webUtils.getPathForFile(file as File) });
contextBridge.exposeInMainWorld('packetLens', api);
contextBridge.exposeInMainWorld('packetLensShell', shell);
