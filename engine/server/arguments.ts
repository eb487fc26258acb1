/** `npm run serve -- [FILE] [--port N]` */
export interface ServeArguments {
  file: string | null;
  port: number;
}

export function parseServeArguments(argv: readonly string[]): ServeArguments {
  let file: string | null = null;
  let port = 0;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--port' || argument.startsWith('--port=')) {
      const text = argument === '--port' ? argv[++index] : argument.slice('--port='.length);
      const value = Number(text);
      if (text === undefined || !Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`--port needs a number from 0 to 65535, got ${text ?? 'nothing'}`);
      port = value;
    } else if (argument.startsWith('-')) {
      throw new Error(`unknown option ${argument} (usage: serve [FILE] [--port N])`);
    } else if (file === null) {
      file = argument;
    } else {
      throw new Error(`only one capture file can be opened, got ${file} and ${argument}`);
    }
  }
  return { file, port };
}
