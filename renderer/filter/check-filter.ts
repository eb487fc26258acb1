import '../../dissectors/index';
import { checkFilter } from '../../dissectors/filter/index';

/** The filter bar's verdict on the text typed so far (checked in the page, every keystroke). */
export type FilterCheck =
  | { state: 'empty' }
  | { state: 'valid' }
  | { state: 'invalid'; message: string; start: number; end: number; suggestion?: string };

/**
 * Checks a display filter against the field registry (the renderer bundles the same
 * dissectors, so it knows the same fields as the engine). Importing dissectors/index above
 * registers every protocol's fields.
 */
export function validateFilter(text: string): FilterCheck {
  if (text.trim() === '') return { state: 'empty' };
  const error = checkFilter(text);
  if (!error) return { state: 'valid' };
  const check: FilterCheck = { state: 'invalid', message: error.message, start: error.start, end: error.end };
  return error.suggestion ? { ...check, suggestion: error.suggestion } : check;
}
