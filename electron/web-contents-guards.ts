import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/** What the guards need of a WebContents (the real one, or a fake in tests). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The page may never leave app://packetlens: navigation and redirects elsewhere are stopped,
 * new windows are refused, <webview> cannot attach. Links to the web are not opened either;
 * a packet analyzer has no reason to open pages a capture mentions.
 */
export function guardWebContents(contents: GuardedContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every permission (camera, notifications, clipboard read, …) is denied, asked or checked. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
