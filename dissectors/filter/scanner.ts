import { fail, type Span } from './errors.js';

/**
 * Tokens of Wireshark 4.0's display-filter language (epan/dfilter/scanner.l). Values are not
 * typed here: `10.0.0.1`, `00:1b:21` and `http` are all `word`s, and only the field on the
 * other side of a comparison decides what they mean (as in dfilter's semantic check).
 */
export type TokenKind =
  | 'word' // identifier or literal value: `ip.src`, `10.0.0.0/8`, `00:1b`, `0x1f`, `-5`…
  | 'dotword' // `.ip.src`: a leading dot forces the word to be a field name
  | 'string' // "..." or r"...", `bytes` holds the decoded value
  | 'char' // 'a', `charValue` holds the code
  | 'compare' // == != === !== > >= < <= (and their word forms); `op` holds the canonical form
  | 'contains' | 'matches' | 'in'
  | 'and' | 'or' | 'not' | 'any' | 'all'
  | '(' | ')' | ',' | '{' | '}' | '..' | '$'
  | '+' | '-' | '*' | '/' | '%' | '&'
  | 'brackets' // `[0:3,5]`: `ranges` holds the comma-separated parts
  | 'layer' // `#2` or `#[1-2]`
  | 'stray' // a character the grammar has no use for (`=`, `^`, `@`, `:`…): a parse error later
  | 'end';

export type CompareOp = '==' | '!=' | '===' | '!==' | '>' | '>=' | '<' | '<=';

export interface RangePart extends Span {
  readonly text: string;
}

export interface Token extends Span {
  readonly kind: TokenKind;
  /** The source text (decoded name for `dotword`, canonical form for `compare`). */
  readonly text: string;
  readonly op?: CompareOp;
  readonly bytes?: Uint8Array;
  readonly charValue?: number;
  readonly ranges?: readonly RangePart[];
}

const keywords: Record<string, { kind: TokenKind; op?: CompareOp }> = {
  eq: { kind: 'compare', op: '==' }, any_eq: { kind: 'compare', op: '==' },
  ne: { kind: 'compare', op: '!=' }, all_ne: { kind: 'compare', op: '!=' },
  all_eq: { kind: 'compare', op: '===' }, any_ne: { kind: 'compare', op: '!==' },
  gt: { kind: 'compare', op: '>' }, ge: { kind: 'compare', op: '>=' },
  lt: { kind: 'compare', op: '<' }, le: { kind: 'compare', op: '<=' },
  contains: { kind: 'contains' }, matches: { kind: 'matches' }, in: { kind: 'in' },
  and: { kind: 'and' }, or: { kind: 'or' }, not: { kind: 'not' },
  any: { kind: 'any' }, all: { kind: 'all' }, bitwise_and: { kind: '&' },
};

// Longest first: the scanner takes the first that matches at the current position.
const symbols: [string, TokenKind, CompareOp?][] = [
  ['===', 'compare', '==='], ['!==', 'compare', '!=='],
  ['==', 'compare', '=='], ['!=', 'compare', '!='], ['>=', 'compare', '>='], ['<=', 'compare', '<='],
  ['&&', 'and'], ['||', 'or'], ['..', '..'],
  ['>', 'compare', '>'], ['<', 'compare', '<'], ['!', 'not'], ['~', 'matches'],
  ['(', '('], [')', ')'], [',', ','], ['{', '{'], ['}', '}'], ['$', '$'],
  ['+', '+'], ['-', '-'], ['*', '*'], ['/', '/'], ['%', '%'], ['&', '&'],
];

const identifierPattern = /[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_][A-Za-z0-9_-]*)*/y;
const ipv4Pattern = /(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?:\/\d{1,2})?/y;
const floatPattern = /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/y;
const colonBytesPatterns = [/:?[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+/y, /:[0-9A-Fa-f]+/y, /:[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2})+/y, /:[0-9A-Fa-f]{2}(?:\.[0-9A-Fa-f]{2})+/y];
const ipv6RunPattern = /[0-9A-Fa-f:.]+/y;
const prefixPattern = /\/\d{1,3}/y;

function matchLength(pattern: RegExp, text: string, position: number): number {
  pattern.lastIndex = position;
  const match = pattern.exec(text);
  return match ? match[0].length : 0;
}

/** Length of the longest IPv6 address (with optional /prefix) starting at `position`. */
function ipv6Length(text: string, position: number): number {
  const run = matchLength(ipv6RunPattern, text, position);
  if (!text.slice(position, position + run).includes(':')) return 0;
  for (let length = run; length >= 2; length--) {
    if (text[position + length - 1] === '.') continue;
    if (parseIpv6Text(text.slice(position, position + length))) {
      return length + matchLength(prefixPattern, text, position + length);
    }
  }
  return 0;
}

/** IPv6 text form (RFC 4291 section 2.2, with an optional dotted IPv4 tail) to 16 bytes. */
export function parseIpv6Text(text: string): Uint8Array | undefined {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string, allowDotted: boolean): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index];
      if (allowDotted && index === pieces.length - 1 && piece.includes('.')) {
        if (!/^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(piece)) return undefined;
        const octets = piece.split('.').map(Number);
        groups.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) return undefined;
        groups.push(parseInt(piece, 16));
      }
    }
    return groups;
  };
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => { bytes[index * 2] = group >> 8; bytes[index * 2 + 1] = group & 255; });
  return bytes;
}

const encoder = new TextEncoder();

const simpleEscapes: Record<string, number> = {
  "'": 0x27, '"': 0x22, '\\': 0x5c, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11,
};

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

class Scanner {
  private position = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  run(): Token[] {
    const text = this.text;
    while (true) {
      while (this.position < text.length && isBlank(text.charCodeAt(this.position))) this.position++;
      if (this.position >= text.length) break;
      this.scanOne();
    }
    this.tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
    return this.tokens;
  }

  private push(kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}): void {
    this.tokens.push({ kind, text: this.text.slice(start, end), start, end, ...extra });
    this.position = end;
  }

  private scanOne(): void {
    const text = this.text;
    const start = this.position;
    const c = text[start];
    const code = text.charCodeAt(start);
    if (code > 0x7e || code < 0x20) fail('Non-printable ASCII characters may only appear inside double-quotes.', { start, end: start + 1 });
    if (c === '"' || ((c === 'r' || c === 'R') && text[start + 1] === '"')) return this.scanString(start);
    if (c === "'") return this.scanChar(start);
    if (c === '[') return this.scanBrackets(start, start, 'brackets');
    if (c === '#') return this.scanLayer(start);
    if (c === '.' && /[A-Za-z0-9_]/.test(text[start + 1] ?? '')) {
      const length = matchLength(identifierPattern, text, start + 1);
      this.push('dotword', start, start + 1 + length);
      this.tokens[this.tokens.length - 1] = { ...this.tokens[this.tokens.length - 1], text: text.slice(start + 1, start + 1 + length) };
      return;
    }
    if (/[A-Za-z0-9_:]/.test(c)) {
      const length = Math.max(
        c === ':' ? 0 : matchLength(identifierPattern, text, start),
        matchLength(ipv4Pattern, text, start),
        matchLength(floatPattern, text, start),
        ...colonBytesPatterns.map((pattern) => matchLength(pattern, text, start)),
        ipv6Length(text, start),
      );
      if (length > 0) {
        const word = text.slice(start, start + length);
        const keyword = Object.prototype.hasOwnProperty.call(keywords, word) ? keywords[word] : undefined;
        if (keyword) this.push(keyword.kind, start, start + length, keyword.op ? { op: keyword.op } : {});
        else this.push('word', start, start + length);
        return;
      }
    }
    for (const [symbol, kind, op] of symbols) {
      if (text.startsWith(symbol, start)) return this.push(kind, start, start + symbol.length, op ? { op } : {});
    }
    this.push('stray', start, start + 1);
  }

  /** `[...]` after an entity (a slice) or after `#` (a layer): comma-separated range texts. */
  private scanBrackets(tokenStart: number, bracket: number, kind: 'brackets' | 'layer'): void {
    const text = this.text;
    const close = text.indexOf(']', bracket);
    if (close < 0) fail('The right bracket was missing from a slice.', { start: bracket, end: text.length });
    const ranges: RangePart[] = [];
    let partStart = bracket + 1;
    for (let index = bracket + 1; index <= close; index++) {
      if (index === close || text[index] === ',') {
        ranges.push({ text: text.slice(partStart, index), start: partStart, end: index });
        partStart = index + 1;
      }
    }
    this.push(kind, tokenStart, close + 1, { ranges });
  }

  private scanLayer(start: number): void {
    const text = this.text;
    const next = text[start + 1];
    if (next === undefined) fail('Unexpected end of filter expression.', { start: text.length, end: text.length });
    if (next === '[') return this.scanBrackets(start, start + 1, 'layer');
    const digits = /\d+/y;
    digits.lastIndex = start + 1;
    const match = digits.exec(text);
    if (!match) fail(`Expected digit or "[", not "${next}"`, { start: start + 1, end: start + 2 });
    const end = start + 1 + match[0].length;
    this.push('layer', start, end, { ranges: [{ text: match[0], start: start + 1, end }] });
  }

  private scanString(start: number): void {
    const text = this.text;
    const raw = text[start] !== '"';
    const bytes: number[] = [];
    let index = start + (raw ? 2 : 1);
    while (true) {
      if (index >= text.length) fail('The final quote was missing from a quoted string.', { start, end: text.length });
      const c = text[index];
      if (c === '"') break;
      if (c !== '\\') {
        const code = text.codePointAt(index)!;
        const width = code > 0xffff ? 2 : 1;
        for (const byte of encoder.encode(text.slice(index, index + width))) bytes.push(byte);
        index += width;
        continue;
      }
      const escapeStart = index;
      const next = text[index + 1];
      if (next === undefined) fail('The final quote was missing from a quoted string.', { start, end: text.length });
      if (raw) {
        // Raw strings keep every backslash; `\"` and `\\` only stop the quote or escape from ending the string.
        bytes.push(0x5c, next.charCodeAt(0) & 0xff);
        index += 2;
        continue;
      }
      const octal = /[0-7]{1,3}/y; octal.lastIndex = index + 1;
      const hexadecimal = /x[0-9A-Fa-f]{1,2}/y; hexadecimal.lastIndex = index + 1;
      const octalMatch = octal.exec(text);
      const hexMatch = hexadecimal.exec(text);
      if (octalMatch) {
        const value = parseInt(octalMatch[0], 8);
        if (value > 0xff) fail(`\\${octalMatch[0]} is larger than 255.`, { start: escapeStart, end: index + 1 + octalMatch[0].length });
        bytes.push(value);
        index += 1 + octalMatch[0].length;
      } else if (hexMatch) {
        bytes.push(parseInt(hexMatch[0].slice(1), 16));
        index += 1 + hexMatch[0].length;
      } else if (next === 'u' || next === 'U') {
        const digits = (next === 'u' ? /[0-9A-Fa-f]{0,4}/y : /[0-9A-Fa-f]{0,8}/y);
        digits.lastIndex = index + 2;
        const sequence = `\\${next}${digits.exec(text)![0]}`;
        // Wireshark 4.0 predates universal character names in filters.
        fail(`${sequence} is not a valid universal character name`, { start: escapeStart, end: escapeStart + sequence.length });
      } else if (Object.prototype.hasOwnProperty.call(simpleEscapes, next)) {
        bytes.push(simpleEscapes[next]);
        index += 2;
      } else {
        fail(`\\${next} is not a valid character escape sequence`, { start: escapeStart, end: index + 2 });
      }
    }
    this.push('string', start, index + 1, { bytes: Uint8Array.from(bytes) });
  }

  private scanChar(start: number): void {
    const text = this.text;
    let index = start + 1;
    while (index < text.length && text[index] !== "'") index += text[index] === '\\' ? 2 : 1;
    if (index >= text.length) fail('The final quote was missing from a character constant.', { start, end: text.length });
    const source = text.slice(start, index + 1);
    const span = { start, end: index + 1 };
    this.push('char', start, index + 1, { charValue: parseCharConstant(source, span) });
  }
}

/** `'a'`, `'\n'`, `'\x0a'`, `'\012'` to its code; errors worded as tshark 4.0's. */
function parseCharConstant(source: string, span: Span): number {
  const body = source.slice(1, -1);
  if (body === '') fail('Empty character constant.', span);
  if (body[0] !== '\\') {
    if (body.length > 1) fail(`${source} is too long to be a valid character constant.`, span);
    const code = body.charCodeAt(0);
    if (code > 0x7f) fail(`${source} isn't a valid character constant.`, span);
    return code;
  }
  const escape = body.slice(1);
  if (escape.length === 1 && Object.prototype.hasOwnProperty.call(simpleEscapes, escape)) return simpleEscapes[escape];
  if (/^x[0-9A-Fa-f]{1,2}$/.test(escape)) return parseInt(escape.slice(1), 16);
  if (/^[0-7]{1,3}$/.test(escape)) {
    const value = parseInt(escape, 8);
    if (value <= 0xff) return value;
  }
  if (escape.length > 1 && !/^(?:x[0-9A-Fa-f]*|[0-7]+)$/.test(escape)) fail(`${source} is too long to be a valid character constant.`, span);
  fail(`${source} isn't a valid character constant.`, span);
}

export function scan(text: string): Token[] {
  return new Scanner(text).run();
}
