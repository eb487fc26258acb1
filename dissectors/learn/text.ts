import type { Explanation } from '../core/fields.js';

/** One line a learner reads, in English and Simplified Chinese (the registry's explanation shape). */
export type Bilingual = Explanation;

/** The two UI languages. */
export type Language = 'en' | 'zh';

export function line(en: string, zh: string): Bilingual {
  return { en, zh };
}

/** Formats a count with its English noun, singular or plural ("1 byte", "18 bytes"). */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
