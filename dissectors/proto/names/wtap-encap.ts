/**
 * Wireshark's frame.encap_type is wiretap's encapsulation number (WTAP_ENCAP_*), not the file's
 * LINKTYPE_* value. The pairs below are the link types PacketLens decodes, each checked with
 * `tshark -T fields -e frame.encap_type` on a one-packet pcap of that link type.
 */
const wtapEncapsulationByLinkType: ReadonlyMap<number, number> = new Map([
  [0, 15], // NULL → WTAP_ENCAP_NULL
  [1, 1], // Ethernet
  [9, 4], // PPP
  [12, 7], // DLT_RAW (OpenBSD) → WTAP_ENCAP_RAW_IP
  [14, 7], // DLT_RAW (BSD/OS)
  [50, 4], // PPP in HDLC-like framing → WTAP_ENCAP_PPP
  [101, 7], // LINKTYPE_RAW
  [108, 174], // LOOP → WTAP_ENCAP_LOOP
  [113, 25], // Linux cooked capture → WTAP_ENCAP_SLL
  [228, 129], // LINKTYPE_IPV4 → WTAP_ENCAP_RAW_IP4
  [229, 130], // LINKTYPE_IPV6 → WTAP_ENCAP_RAW_IP6
  [239, 141], // NFLOG
  [276, 210], // Linux cooked capture v2 → WTAP_ENCAP_SLL2
]);

/** The WTAP_ENCAP_* number tshark prints for a link type (the link type itself when unlisted). */
export function wtapEncapsulation(linkType: number): number {
  return wtapEncapsulationByLinkType.get(linkType) ?? linkType;
}
