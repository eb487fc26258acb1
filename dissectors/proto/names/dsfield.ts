/**
 * Differentiated Services (RFC 2474) and ECN (RFC 3168) names, shared by ip.dsfield and
 * ipv6.tclass: long names for the tree items, short names for the summary line
 * ("Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT)").
 */
export const dscpNames: Readonly<Record<number, string>> = {
  0: 'Default',
  1: 'Lower Effort',
  8: 'Class Selector 1',
  10: 'Assured Forwarding 11',
  12: 'Assured Forwarding 12',
  14: 'Assured Forwarding 13',
  16: 'Class Selector 2',
  18: 'Assured Forwarding 21',
  20: 'Assured Forwarding 22',
  22: 'Assured Forwarding 23',
  24: 'Class Selector 3',
  26: 'Assured Forwarding 31',
  28: 'Assured Forwarding 32',
  30: 'Assured Forwarding 33',
  32: 'Class Selector 4',
  34: 'Assured Forwarding 41',
  36: 'Assured Forwarding 42',
  38: 'Assured Forwarding 43',
  40: 'Class Selector 5',
  44: 'Voice Admit',
  46: 'Expedited Forwarding',
  48: 'Class Selector 6',
  56: 'Class Selector 7',
};

const dscpShortNames: Readonly<Record<number, string>> = {
  0: 'CS0', 1: 'LE', 8: 'CS1', 10: 'AF11', 12: 'AF12', 14: 'AF13', 16: 'CS2', 18: 'AF21', 20: 'AF22', 22: 'AF23',
  24: 'CS3', 26: 'AF31', 28: 'AF32', 30: 'AF33', 32: 'CS4', 34: 'AF41', 36: 'AF42', 38: 'AF43', 40: 'CS5',
  44: 'VOICE-ADMIT', 46: 'EF', 48: 'CS6', 56: 'CS7',
};

export const ecnNames: Readonly<Record<number, string>> = {
  0: 'Not ECN-Capable Transport',
  1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'",
  3: 'Congestion Experienced',
};

const ecnShortNames = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'];

/** "DSCP: CS0, ECN: Not-ECT", the summary Wireshark appends to the DS field and traffic class. */
export function dsfieldSummary(byte: number): string {
  const dscp = byte >> 2;
  return `DSCP: ${dscpShortNames[dscp] ?? `Unknown (${dscp})`}, ECN: ${ecnShortNames[byte & 3]}`;
}
