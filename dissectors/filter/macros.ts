import { fail } from './errors.js';

/** The macros Wireshark 4.0 ships (/usr/share/wireshark/dfilter_macros). */
export const defaultMacros: Readonly<Record<string, string>> = {
  private_ipv4: '$1 == 192.168.0.0/16 or $1 == 172.16.0.0/12 or $1 == 10.0.0.0/8',
  private_ethernet: '$1[0] & 0x0F == 2',
  private_ipv6: 'ipv6 && $1 == fc00::/7',
};

/**
 * Expands `${name:arg1;arg2}` macros textually before scanning, as dfilter-macro.c does.
 * A name with a dot (`${ip.src}`) is a field reference and is left to the parser.
 */
export function expandMacros(text: string, macros: Readonly<Record<string, string>> = defaultMacros): string {
  if (!text.includes('${')) return text;
  let result = '';
  let position = 0;
  while (true) {
    const open = text.indexOf('${', position);
    if (open < 0) return result + text.slice(position);
    result += text.slice(position, open);
    const nameMatch = /[A-Za-z0-9_.-]*/y;
    nameMatch.lastIndex = open + 2;
    const name = nameMatch.exec(text)![0];
    let cursor = open + 2 + name.length;
    const next = text[cursor];
    if (name.includes('.')) {
      // `${ip.src}`, `${ip.src#2}`: a field reference, which the parser handles.
      result += text.slice(open, cursor);
      position = cursor;
      continue;
    }
    if (next !== ':' && next !== '}') {
      fail('invalid character in macro name', { start: cursor, end: Math.min(cursor + 1, text.length) });
    }
    let args: string[] = [];
    if (next === ':') {
      const close = text.indexOf('}', cursor);
      if (close < 0) fail('end of filter in the middle of a macro expression', { start: open, end: text.length });
      args = text.slice(cursor + 1, close).split(';');
      cursor = close;
    }
    const span = { start: open, end: cursor + 1 };
    if (!Object.prototype.hasOwnProperty.call(macros, name)) fail(`macro '${name}' does not exist`, span);
    const body = macros[name];
    const wanted = Math.max(0, ...Array.from(body.matchAll(/\$(\d)/g), (match) => Number(match[1])));
    if (args.length !== wanted) fail(`wrong number of arguments for macro '${name}', expecting ${wanted} instead of ${args.length}`, span);
    result += body.replace(/\$(\d)/g, (_, index: string) => args[Number(index) - 1]);
    position = cursor + 1;
  }
}
