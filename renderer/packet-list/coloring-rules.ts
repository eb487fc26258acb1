/** How the packet list paints Wireshark's colouring rules (the rules themselves live in dissectors/coloring). */
import { defaultColoringRules, type Rgb16 } from '../../dissectors/coloring/default-rules';

export { defaultColoringRules, type ColoringRule } from '../../dissectors/coloring/default-rules';

/** CSS colour of a 16-bit triple. */
export function cssColor([red, green, blue]: Rgb16): string {
  return `rgb(${red >> 8}, ${green >> 8}, ${blue >> 8})`;
}

/** Background and text colour for a row, or null for no rule (the theme's colours). */
export function rowColors(colorRule: number): { background: string; color: string } | null {
  const rule = defaultColoringRules[colorRule];
  return rule ? { background: cssColor(rule.background), color: cssColor(rule.foreground) } : null;
}
