/** The user's colouring rules as the page keeps them (pure: no DOM, no store). */
import { defaultColoringRules, type Rgb16 } from '../../dissectors/coloring/default-rules';

/** A colouring rule as the user edits it; colours are CSS hex ("#12272e"). */
export interface UserColoringRule {
  name: string;
  filter: string;
  foreground: string;
  background: string;
  enabled: boolean;
}

/** The engine takes at most this many rules, each text at most this long. */
export const maxColoringRules = 100;
export const maxColoringRuleText = 1000;

const hex = (rgb: Rgb16): string => `#${rgb.map((channel) => (channel >> 8).toString(16).padStart(2, '0')).join('')}`;

/** Wireshark's default rules, all enabled. */
export function defaultUserRules(): UserColoringRule[] {
  return defaultColoringRules.map((rule) => ({ name: rule.name, filter: rule.filter, foreground: hex(rule.foreground), background: hex(rule.background), enabled: true }));
}

const isColor = (value: unknown): value is string => typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= maxColoringRuleText;

/** The stored rules when they are well formed, else null (a corrupt entry falls back to the defaults). */
export function parseStoredRules(stored: unknown): UserColoringRule[] | null {
  if (!Array.isArray(stored) || stored.length > maxColoringRules) return null;
  const rules: UserColoringRule[] = [];
  for (const entry of stored as unknown[]) {
    if (entry === null || typeof entry !== 'object') return null;
    const { name, filter, foreground, background, enabled } = entry as Record<string, unknown>;
    if (!isText(name) || !isText(filter) || !isColor(foreground) || !isColor(background) || typeof enabled !== 'boolean') return null;
    rules.push({ name, filter, foreground, background, enabled });
  }
  return rules;
}

/** CSS colour of "#rrggbb". */
function cssOfHex(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgb(${value >> 16}, ${(value >> 8) & 255}, ${value & 255})`;
}

/** Background and text colour for a row, or null for no rule (the theme's colours). */
export function rowColors(colorRule: number, rules: readonly UserColoringRule[] = defaultUserRules()): { background: string; color: string } | null {
  const rule = rules[colorRule];
  return rule ? { background: cssOfHex(rule.background), color: cssOfHex(rule.foreground) } : null;
}
