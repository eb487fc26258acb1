import type { Field } from '../core/fields.js';

/**
 * The registered abbrev closest to a mistyped name (Levenshtein distance), for
 * "Did you mean …?". Runs on every keystroke, so it prunes by length and stops early: only
 * names within a third of the typed length (at most 3 edits) are considered.
 */
export function suggestField(name: string, fields: readonly Field[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const lower = name.toLowerCase();
  for (const field of fields) {
    const candidate = field.abbrev;
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = candidate.toLowerCase() === lower ? 0.5 : boundedDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edit distance, or `bound` as soon as it is certain to reach it. */
function boundedDistance(a: string, b: string, bound: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum >= bound) return bound;
    previous = current;
  }
  return previous[b.length];
}
