import type { DissectArguments } from './arguments.js';

/**
 * One `-T fields` line: per -e field the texts of its occurrences in the frame, cut to the first
 * or last by `-E occurrence` and joined by `-E aggregator`, then the cells joined by `-E separator`.
 */
export function fieldsRow(options: DissectArguments, occurrencesPerField: ReadonlyArray<readonly string[]>): string {
  const cells = occurrencesPerField.map((occurrences) => {
    if (occurrences.length === 0) return '';
    if (options.occurrence === 'f') return occurrences[0];
    if (options.occurrence === 'l') return occurrences[occurrences.length - 1];
    return occurrences.join(options.aggregator);
  });
  return cells.join(options.separator);
}
