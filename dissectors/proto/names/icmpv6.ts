/**
 * ICMPv6 type, code and option names as Wireshark 4.0 prints them (packet-icmpv6.c); types
 * and options from `tshark -G values`, codes checked against tshark 4.0.17 output.
 */
export const icmpv6TypeNames: Readonly<Record<number, string>> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  100: 'Private experimentation',
  101: 'Private experimentation',
  127: 'Reserved for expansion of ICMPv6 error messages',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  138: 'Router Renumbering',
  139: 'Node Information Query',
  140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation',
  142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2',
  144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation',
  147: 'Mobile Prefix Advertisement',
  148: 'Certification Path Solicitation',
  149: 'Certification Path Advertisement',
  150: 'Experimental Mobility',
  151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation',
  153: 'Multicast Router Termination',
  154: 'FMIPv6',
  155: 'RPL Control',
  156: 'Locator Update',
  157: 'Duplicate Address Request',
  158: 'Duplicate Address Confirmation',
  159: 'MPL Control Message',
  160: 'Extended Echo request',
  161: 'Extended Echo reply',
  200: 'Private experimentation',
  201: 'Private experimentation',
  255: 'Reserved for expansion of ICMPv6 informational messages',
};

/** Code names for the types whose Info shows a code; others show none. */
const codeNames: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  1: {
    0: 'no route to destination',
    1: 'Administratively prohibited',
    2: 'Beyond scope of source address',
    3: 'Address unreachable',
    4: 'Port unreachable',
    5: 'Source address failed ingress/egress policy',
    6: 'Reject route to destination',
    7: 'Error in Source Routing Header',
  },
  3: { 0: 'hop limit exceeded in transit', 1: 'fragment reassembly time exceeded' },
  4: {
    0: 'erroneous header field encountered',
    1: 'unrecognized Next Header type encountered',
    2: 'unrecognized IPv6 option encountered',
    3: 'IPv6 First Fragment has incomplete IPv6 Header Chain',
  },
  138: { 0: 'Command', 1: 'Result', 255: 'Sequence number reset' },
  139: { 0: 'Query subject = IPv6 addresses', 1: 'Query subject = DNS name or empty', 2: 'Query subject = IPv4 addresses' },
  140: { 0: 'Successful', 1: 'Refused', 2: 'Unknown query type' },
  150: {},
  154: {},
  155: {
    0: 'DODAG Information Solicitation',
    1: 'DODAG Information Object',
    2: 'Destination Advertisement Object',
    3: 'Destination Advertisement Object Acknowledgment',
    4: 'P2P Discovery Reply Object',
    5: 'P2P Discovery Reply Object Acknowledgement',
  },
  160: { 0: 'No error' },
  161: { 0: 'No error', 1: 'Malformed Query', 2: 'No Such Interface', 3: 'No Such Table Entry', 4: 'Multiple Interfaces Satisfy Query' },
};

export function icmpv6TypeText(type: number): string {
  return icmpv6TypeNames[type] ?? `Unknown (${type})`;
}

/** The code text for the Info column and the code item, or undefined when Wireshark shows none. */
export function icmpv6CodeText(type: number, code: number): string | undefined {
  const codes = codeNames[type];
  if (codes === undefined) return undefined;
  // Destination Unreachable's table prints a bare "Unknown" (val_to_str_const); the others add the number.
  return codes[code] ?? (type === 1 ? 'Unknown' : `Unknown (${code})`);
}

export const icmpv6OptionNames: Readonly<Record<number, string>> = {
  1: 'Source link-layer address', 2: 'Target link-layer address', 3: 'Prefix information', 4: 'Redirected header', 5: 'MTU',
  6: 'NBMA Shortcut Limit Option', 7: 'Advertisement Interval', 8: 'Home Agent Information', 9: 'Source Address List',
  10: 'Target Address List', 11: 'CGA', 12: 'RSA Signature', 13: 'Timestamp', 14: 'Nonce', 15: 'Trust Anchor', 16: 'Certificate',
  17: 'IP Address/Prefix Option', 18: 'New Router Prefix Information', 19: 'Link-layer Address', 20: 'Neighbor Advertisement Acknowledgment',
  23: 'MAP', 24: 'Route Information', 25: 'Recursive DNS Server', 26: 'RA Flags Extension', 27: 'Handover Key Request',
  28: 'Handover Key Reply', 29: 'Handover Assist Information', 30: 'Mobile Node Identifier Option', 31: 'DNS Search List Option',
  32: 'Proxy Signature (PS)', 33: 'Address Registration Option', 34: '6LoWPAN Context Option', 35: 'Authoritative Border Router',
  36: '6LoWPAN Capability Indication Option', 37: 'DHCP Captive-Portal', 38: 'PREF64 Option', 138: 'CARD Request', 139: 'CARD Reply',
  253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
};

export const mldRecordTypeNames: Readonly<Record<number, string>> = {
  1: 'Include', 2: 'Exclude', 3: 'Changed to include', 4: 'Changed to exclude', 5: 'Allow new sources', 6: 'Block old sources',
};
