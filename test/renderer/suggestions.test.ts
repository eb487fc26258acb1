import { describe, expect, it } from 'vitest';
import { applySuggestion, suggest } from '../../renderer/filter/suggestions';

const abbrevs = ['tcp', 'tcp.port', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.flags.syn', 'udp', 'udp.port', 'ip.src', 'ip.dst'];

describe('filter autocomplete', () => {
  it('completes the field name at the caret, shortest first', () => {
    const choices = suggest('ip.src == 10.0.0.1 && tcp.f', 27, [], abbrevs);
    expect(choices.map((choice) => choice.label)).toEqual(['tcp.flags', 'tcp.flags.syn']);
    expect(applySuggestion('ip.src == 10.0.0.1 && tcp.f', choices[1])).toEqual({ text: 'ip.src == 10.0.0.1 && tcp.flags.syn', caret: 35 });
  });

  it('completes in the middle of the text without touching what follows', () => {
    const choices = suggest('ud && ip', 2, [], abbrevs);
    expect(choices.map((choice) => choice.label)).toEqual(['udp', 'udp.port']);
    expect(applySuggestion('ud && ip', choices[0]).text).toBe('udp && ip');
  });

  it('offers earlier filters that extend the text first', () => {
    const choices = suggest('tcp', 3, ['tcp.port == 80', 'udp', 'tcp'], abbrevs);
    expect(choices[0]).toMatchObject({ kind: 'history', label: 'tcp.port == 80' });
    expect(choices.filter((choice) => choice.kind === 'history')).toHaveLength(1);
  });

  it('stays quiet for one letter, values and operators', () => {
    expect(suggest('t', 1, [], abbrevs)).toEqual([]);
    expect(suggest('tcp.port == 8', 13, [], abbrevs)).toEqual([]);
  });
});
