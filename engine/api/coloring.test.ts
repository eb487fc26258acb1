import { describe, expect, it } from 'vitest';
import { defaultColoringRules } from '../../dissectors/coloring/default-rules.js';
import { FilterFieldSink } from '../../dissectors/filter/index.js';
import { CaptureState, dissectInto } from '../../dissectors/index.js';
import { hexBytes } from '../../test/support/tree.js';
import { ColoringRules } from './coloring.js';

const rules = new ColoringRules();
const ruleIndex = (name: string) => defaultColoringRules.findIndex((rule) => rule.name === name);

function colorOf(frame: Uint8Array): number {
  const sink = new FilterFieldSink(rules.fields);
  sink.reset(frame);
  dissectInto(sink, { number: 1, seconds: 0, nanoseconds: 0, capturedLength: frame.length, originalLength: frame.length, linkType: 1, interfaceId: 0 }, frame, new CaptureState(), { firstPass: true });
  return rules.match(sink);
}

// Frames laid out by hand (IEEE 802.3, RFC 826, RFC 791, RFC 9293).
const arpRequest = hexBytes(`ffffffffffff 00055d112233 0806 0001 0800 06 04 0001 00055d112233 c0a80037 000000000000 c0a80002 ${'00'.repeat(18)}`);
const ipv4Tcp = (flags: string, destinationPort: string) => hexBytes(`00055d112233 00055d445566 0800 4500 0028 0001 4000 4006 0000 c0a80001 c0a80002 c350 ${destinationPort} 00000001 00000000 50${flags} 2000 0000 0000`);

describe('Wireshark default colouring rules in the engine', () => {
  it('colours ARP with the ARP rule, as Wireshark does', () => {
    expect(colorOf(arpRequest)).toBe(ruleIndex('ARP'));
  });

  it('gives a RST its rule, a SYN the SYN/FIN rule, HTTP-port traffic the HTTP rule, and plain TCP the TCP rule', () => {
    expect(colorOf(ipv4Tcp('04', '1f90'))).toBe(ruleIndex('TCP RST'));
    expect(colorOf(ipv4Tcp('02', '1f90'))).toBe(ruleIndex('TCP SYN/FIN'));
    expect(colorOf(ipv4Tcp('10', '0050'))).toBe(ruleIndex('HTTP'));
    expect(colorOf(ipv4Tcp('10', '1f90'))).toBe(ruleIndex('TCP'));
  });

  it('keeps rules that mention protocols we do not dissect usable for those we do', () => {
    expect(rules.rules[ruleIndex('HTTP')]).not.toBeNull();
    expect(rules.rules[ruleIndex('TTL low or unexpected')]).not.toBeNull();
  });
});
