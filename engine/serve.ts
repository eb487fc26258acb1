/**
 * Browser mode: `npm run serve -- [FILE] [--port N]`. Serves the built renderer and the API on
 * 127.0.0.1 and prints the page URL (with its per-launch token) on a line of its own.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngineApi } from './api/engine-api.js';
import { parseServeArguments, startBrowserServer } from './server/index.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseServeArguments(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
    return;
  }
  // This file is bundled to out/engine/serve.js; the renderer is built to out/renderer.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const api = createEngineApi();
  const server = await startBrowserServer({ api, root, port: options.port });
  console.log('PacketLens is serving the UI on 127.0.0.1 only. Open:');
  console.log(server.url);

  const stop = async () => {
    await server.close();
    await api.dispose();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (options.file !== null) {
    try {
      const summary = await api.openFile(resolve(options.file));
      console.log(`Opened ${summary.name}: ${summary.frames} packets`);
    } catch (error) {
      console.error(`Could not open ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

await main();
