/**
 * ICMP type and code names exactly as Wireshark 4.0 prints them (packet-icmp.c), checked
 * against tshark 4.0.17 for every type 0–44 and codes 0–16.
 */
export const icmpTypeNames: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  1: 'Reserved',
  2: 'Reserved',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  6: 'Alternate host address',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  15: 'Information request',
  16: 'Information reply',
  17: 'Address mask request',
  18: 'Address mask reply',
  19: 'Reserved (for security)',
  30: 'Traceroute',
  31: 'Datagram Conversion Error',
  32: 'Mobile Host Redirect',
  33: 'IPv6 Where-Are-You',
  34: 'IPv6 I-Am-Here',
  35: 'Mobile Registration Request',
  36: 'Mobile Registration Reply',
  37: 'Domain Name Request',
  38: 'Domain Name Reply',
  39: 'SKIP',
  40: 'Photuris',
  41: 'Experimental mobility protocols',
  42: 'Extended Echo request',
  43: 'Extended Echo reply',
};

export const unknownIcmpType = 'Unknown ICMP (obsolete or malformed?)';

/** Code tables by type; a type absent here has no code names and Wireshark prints none. */
export const icmpCodeNames: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  3: {
    0: 'Network unreachable',
    1: 'Host unreachable',
    2: 'Protocol unreachable',
    3: 'Port unreachable',
    4: 'Fragmentation needed',
    5: 'Source route failed',
    6: 'Destination network unknown',
    7: 'Destination host unknown',
    8: 'Source host isolated',
    9: 'Network administratively prohibited',
    10: 'Host administratively prohibited',
    11: 'Network unreachable for TOS',
    12: 'Host unreachable for TOS',
    13: 'Communication administratively filtered',
    14: 'Host precedence violation',
    15: 'Precedence cutoff in effect',
  },
  5: {
    0: 'Redirect for network',
    1: 'Redirect for host',
    2: 'Redirect for TOS and network',
    3: 'Redirect for TOS and host',
  },
  6: { 0: 'Alternate address for host' },
  9: { 0: 'Normal router advertisement', 16: 'Does not route common traffic' },
  11: { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' },
  12: { 0: 'Pointer indicates the error', 1: 'Required option missing', 2: 'Bad length' },
  40: {
    0: 'Bad SPI',
    1: 'Authentication Failed',
    2: 'Decompression Failed',
    3: 'Decryption Failed',
    4: 'Need Authentication',
    5: 'Need Authorization',
  },
  42: { 0: 'No error' },
  43: {
    0: 'No error',
    1: 'Malformed Query',
    2: 'No Such Interface',
    3: 'No Such Table Entry',
    4: 'Multiple Interfaces Satisfy Query',
  },
};

/** The type text for the tree and Info column; router advertisements with codes 0 and 16 are Mobile IP. */
export function icmpTypeText(type: number, code: number): string {
  if (type === 9 && (code === 0 || code === 16)) return 'Mobile IP Advertisement';
  return icmpTypeNames[type] ?? unknownIcmpType;
}

/** The code text, or undefined for types whose codes Wireshark does not name. */
export function icmpCodeText(type: number, code: number): string | undefined {
  const codes = icmpCodeNames[type];
  if (codes === undefined) return undefined;
  return codes[code] ?? `Unknown code: ${code}`;
}
