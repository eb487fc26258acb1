import '../../dissectors/index';
import { registry } from '../../dissectors/core/index';
import type { FieldInfo } from '../../engine/api/contract';
import type { Language } from '../i18n/index';

/** The registry's explanation of a field for learners, in the UI language, or ''. */
export function explanationOf(field: FieldInfo | undefined, language: Language): string {
  if (!field) return '';
  return registry.find(field.abbrev)?.explain?.[language] ?? '';
}
