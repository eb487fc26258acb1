/**
 * Well-known port names (IANA service names, as Wireshark's `services` file spells them). The
 * tree shows ports as numbers, like `tshark -n`; these names are for views that resolve ports
 * and for explanations ("80 is http").
 */

const sharedPortNames: Readonly<Record<number, string>> = {
  7: 'echo', 9: 'discard', 13: 'daytime', 19: 'chargen', 37: 'time', 53: 'domain', 88: 'kerberos',
  111: 'sunrpc', 123: 'ntp', 135: 'epmap', 137: 'netbios-ns', 138: 'netbios-dgm', 139: 'netbios-ssn',
  161: 'snmp', 162: 'snmptrap', 179: 'bgp', 389: 'ldap', 443: 'https', 445: 'microsoft-ds',
  464: 'kpasswd', 500: 'isakmp', 514: 'syslog', 554: 'rtsp', 636: 'ldaps', 853: 'domain-s',
  1194: 'openvpn', 1433: 'ms-sql-s', 1701: 'l2tp', 1812: 'radius', 1813: 'radius-acct',
  1900: 'ssdp', 2049: 'nfs', 3306: 'mysql', 3389: 'ms-wbt-server', 3478: 'stun', 4500: 'ipsec-nat-t',
  5060: 'sip', 5061: 'sips', 5353: 'mdns', 5355: 'llmnr', 5432: 'postgresql', 6379: 'redis',
  8080: 'http-alt', 8443: 'pcsync-https',
};

const tcpOnlyPortNames: Readonly<Record<number, string>> = {
  20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 43: 'whois', 70: 'gopher',
  79: 'finger', 80: 'http', 110: 'pop3', 113: 'ident', 119: 'nntp', 143: 'imap', 465: 'submissions',
  513: 'login', 587: 'submission', 631: 'ipp', 873: 'rsync', 990: 'ftps', 993: 'imaps', 995: 'pop3s',
  1723: 'pptp', 5222: 'xmpp-client', 5900: 'rfb', 6667: 'ircu', 8000: 'irdmi', 9100: 'jetdirect',
};

const udpOnlyPortNames: Readonly<Record<number, string>> = {
  67: 'bootps', 68: 'bootpc', 69: 'tftp', 520: 'router', 547: 'dhcpv6-server', 546: 'dhcpv6-client',
  4789: 'vxlan', 6081: 'geneve',
};

/** The service name of a TCP port, or undefined. */
export function tcpPortName(port: number): string | undefined {
  return tcpOnlyPortNames[port] ?? sharedPortNames[port];
}

/** The service name of a UDP port, or undefined. */
export function udpPortName(port: number): string | undefined {
  return udpOnlyPortNames[port] ?? sharedPortNames[port];
}
