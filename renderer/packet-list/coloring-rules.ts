/** How the packet list paints the user's colouring rules (Wireshark's defaults until edited). */
import type { Rgb16 } from '../../dissectors/coloring/default-rules';
import { rowColors } from './user-coloring-rules';

export { defaultColoringRules, type ColoringRule } from '../../dissectors/coloring/default-rules';
export { rowColors };

/** CSS colour of a 16-bit triple. */
export function cssColor([red, green, blue]: Rgb16): string {
  return `rgb(${red >> 8}, ${green >> 8}, ${blue >> 8})`;
}
