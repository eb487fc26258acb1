import { fail, type Span } from './errors.js';

/**
 * PCRE2 pattern to a JavaScript RegExp. Wireshark compiles `matches` patterns caseless by
 * default; a leading `(?-i)` (or `(?i)`) sets the case mode as in PCRE. JavaScript lacks
 * inline flags, so only a leading one is honoured.
 */
export function compileRegex(pattern: string, span: Span): RegExp {
  let flags = 'i';
  let body = pattern;
  const inline = /^\(\?(-?)([imsx]+)\)/.exec(body);
  if (inline) {
    const negate = inline[1] === '-';
    for (const flag of inline[2]) {
      if (flag === 'i') flags = negate ? flags.replace('i', '') : flags.includes('i') ? flags : flags + 'i';
      if (flag === 's' && !negate) flags += 's';
      if (flag === 'm' && !negate) flags += 'm';
    }
    body = body.slice(inline[0].length);
  }
  try {
    return new RegExp(body, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    fail(`Regex compilation error: ${reason}.`, span);
  }
}
