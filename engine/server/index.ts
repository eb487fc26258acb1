export { startBrowserServer, API_PATH, type BrowserServer, type BrowserServerOptions } from './browser-server';
export { parseServeArguments, type ServeArguments } from './arguments';
