import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cssColor, defaultColoringRules, rowColors } from '../../renderer/packet-list/coloring-rules';

const installed = '/usr/share/wireshark/colorfilters';

describe('default colouring rules', () => {
  it.skipIf(!existsSync(installed))('match the installed Wireshark colorfilters file, in order', () => {
    const lines = readFileSync(installed, 'utf8').split('\n').filter((line) => line.startsWith('@'));
    const parsed = lines.map((line) => {
      const [, name, filter, colors] = line.split('@');
      const numbers = colors.match(/\d+/g)!.map(Number);
      return { name, filter, background: numbers.slice(0, 3), foreground: numbers.slice(3, 6) };
    });
    expect(defaultColoringRules.map((rule) => ({ ...rule, background: [...rule.background], foreground: [...rule.foreground] }))).toEqual(parsed);
  });

  it('shows rows the way Wireshark does', () => {
    // TCP: lavender background #e7e6ff with dark text #12272e.
    expect(rowColors(16)).toEqual({ background: 'rgb(231, 230, 255)', color: 'rgb(18, 39, 46)' });
    expect(cssColor([65535, 0, 256])).toBe('rgb(255, 0, 1)');
    expect(rowColors(-1)).toBeNull();
  });
});
