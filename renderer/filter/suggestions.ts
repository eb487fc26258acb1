/** One autocomplete choice: replacing text[start, end) with `insert`. */
export interface Suggestion {
  label: string;
  kind: 'history' | 'field';
  start: number;
  end: number;
  insert: string;
}

const LIMIT = 10;

/**
 * Suggestions for the filter bar: earlier filters that extend what is typed, then field and
 * protocol names (`abbrevs`, from the registry) that extend the name being typed at the caret.
 */
export function suggest(text: string, caret: number, history: readonly string[], abbrevs: readonly string[]): Suggestion[] {
  const results: Suggestion[] = [];
  const typed = text.trim();
  if (typed !== '') {
    for (const entry of history) {
      if (entry !== typed && entry.startsWith(typed)) results.push({ label: entry, kind: 'history', start: 0, end: text.length, insert: entry });
    }
  }
  const token = /[A-Za-z_][\w.-]*$/.exec(text.slice(0, caret));
  if (token && token[0].length >= 2) {
    const start = caret - token[0].length;
    const prefix = token[0].toLowerCase();
    const matches = abbrevs.filter((abbrev) => abbrev.startsWith(prefix) && abbrev !== prefix);
    matches.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    for (const abbrev of matches.slice(0, LIMIT)) results.push({ label: abbrev, kind: 'field', start, end: caret, insert: abbrev });
  }
  return results.slice(0, LIMIT);
}

/** The text after choosing `suggestion`, and where the caret goes. */
export function applySuggestion(text: string, suggestion: Suggestion): { text: string; caret: number } {
  const next = text.slice(0, suggestion.start) + suggestion.insert + text.slice(suggestion.end);
  return { text: next, caret: suggestion.start + suggestion.insert.length };
}
