/**
 * libpcap's names for the link types a capture interface may report (as `dumpcap -L` prints
 * them: "EN10MB (Ethernet)"). Unknown ones show their number.
 */
const linkTypeNames: ReadonlyMap<number, string> = new Map([
  [0, 'NULL (BSD loopback)'],
  [1, 'EN10MB (Ethernet)'],
  [9, 'PPP (PPP)'],
  [12, 'RAW (Raw IP)'],
  [101, 'RAW (Raw IP)'],
  [105, 'IEEE802_11 (802.11)'],
  [113, 'LINUX_SLL (Linux cooked v1)'],
  [127, 'IEEE802_11_RADIO (802.11 plus radiotap header)'],
  [228, 'IPV4 (Raw IPv4)'],
  [229, 'IPV6 (Raw IPv6)'],
  [239, 'NFLOG (Linux netfilter log messages)'],
  [276, 'LINUX_SLL2 (Linux cooked v2)'],
]);

export function linkTypeName(linkType: number | null): string {
  if (linkType === null) return '—';
  return linkTypeNames.get(linkType) ?? `DLT ${linkType}`;
}
