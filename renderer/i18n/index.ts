import { create } from 'zustand';
import { english, type MessageKey } from './messages-en';
import { chinese } from './messages-zh';
import { readStored, writeStored } from '../state/persisted';

export type Language = 'en' | 'zh';
export type { MessageKey };

const tables: Record<Language, Record<MessageKey, string>> = { en: english, zh: chinese };
const languageKey = 'packetlens.language';

/** The OS/browser language decides until the user picks one; the choice is remembered. */
export function initialLanguage(stored: unknown, browserLanguage: string): Language {
  if (stored === 'en' || stored === 'zh') return stored;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Fills `{name}` placeholders. */
export function translate(language: Language, key: MessageKey, parameters: Record<string, string | number> = {}): string {
  return tables[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in parameters ? String(parameters[name]) : whole));
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: initialLanguage(readStored(languageKey), typeof navigator === 'undefined' ? 'en' : navigator.language),
  setLanguage(language) {
    writeStored(languageKey, language);
    set({ language });
  },
}));

export type Translate = (key: MessageKey, parameters?: Record<string, string | number>) => string;

/** The translation function for the current language; re-renders the caller on a switch. */
export function useText(): Translate {
  const language = useLanguage((state) => state.language);
  return (key, parameters) => translate(language, key, parameters);
}
