import { describe, expect, it } from 'vitest';
import { dissectBytes, findNode, hexBytes } from '../../test/support/tree.js';
import { ipv4Class, ipv4Subnet, netmaskToPrefix, prefixToNetmask } from './addresses.js';
import { explainNode, explainValue, portRange, type Bilingual } from './index.js';

const ip = (text: string) => text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
const english = (lines: Bilingual[]) => lines.map((entry) => entry.en).join('\n');
const chinese = (lines: Bilingual[]) => lines.map((entry) => entry.zh).join('\n');

describe('IPv4 addresses', () => {
  it('takes the class from the first byte (RFC 791 leading bits)', () => {
    const cases: [string, string][] = [['0.0.0.1', 'A'], ['127.255.255.255', 'A'], ['128.0.0.0', 'B'], ['191.255.0.1', 'B'], ['192.0.0.1', 'C'], ['223.1.1.1', 'C'], ['224.0.0.1', 'D'], ['239.9.9.9', 'D'], ['240.0.0.1', 'E'], ['255.255.255.254', 'E']];
    for (const [address, expected] of cases) expect(ipv4Class(ip(address)), address).toBe(expected);
  });

  it.each([
    ['10.1.2.3', 'RFC 1918', 'Class A'],
    ['172.16.0.1', 'RFC 1918', 'Class B'],
    ['172.31.255.254', 'RFC 1918', 'Class B'],
    ['192.168.1.10', 'RFC 1918', 'Class C'],
    ['127.0.0.1', 'loopback', 'Class A'],
    ['169.254.10.20', 'link-local', 'Class B'],
    ['224.0.0.251', 'mDNS', 'Class D'],
    ['230.1.2.3', 'multicast', 'Class D'],
    ['255.255.255.255', 'limited broadcast', 'Class E'],
    ['0.0.0.0', 'unspecified', 'Class A'],
    ['240.1.1.1', 'reserved', 'Class E'],
    ['100.64.1.1', 'carrier-grade NAT', 'Class A'],
  ])('%s reads as %s, %s', (address, range, addressClass) => {
    const text = english(explainValue('ip.src', ip(address)));
    expect(text).toContain(range);
    expect(text).toContain(addressClass);
  });

  it('calls addresses just outside the private ranges public', () => {
    for (const address of ['172.32.0.1', '172.15.255.255', '11.0.0.1', '192.169.0.1', '8.8.8.8']) {
      const text = english(explainValue('ip.dst', ip(address)));
      expect(text, address).toContain('public');
      expect(text, address).not.toContain('RFC 1918');
    }
  });

  it('computes network and broadcast addresses when the prefix is known', () => {
    const text = english(explainValue('ip.src', ip('192.168.1.77'), { prefixLength: 24 }));
    expect(text).toContain('network address 192.168.1.0, broadcast address 192.168.1.255, 254 usable host addresses');
    expect(text).toContain('Host part: 77');
    const wide = english(explainValue('ip.src', ip('172.16.5.4'), { prefixLength: 20 }));
    expect(wide).toContain('mask 255.255.240.0 (/20)');
    expect(wide).toContain('network address 172.16.0.0, broadcast address 172.16.15.255, 4094 usable');
    expect(english(explainValue('ip.dst', ip('192.168.1.255'), { prefixLength: 24 }))).toContain('directed broadcast');
    expect(english(explainValue('ip.dst', ip('10.0.0.0'), { prefixLength: 8 }))).toContain('network address itself');
  });

  it('converts between masks and prefixes', () => {
    expect(netmaskToPrefix(ip('255.255.255.0'))).toBe(24);
    expect(netmaskToPrefix(ip('255.255.240.0'))).toBe(20);
    expect(netmaskToPrefix(0)).toBe(0);
    expect(netmaskToPrefix(0xffffffff)).toBe(32);
    expect(netmaskToPrefix(ip('255.0.255.0'))).toBe(-1);
    expect(prefixToNetmask(26)).toBe(ip('255.255.255.192'));
    expect(ipv4Subnet(ip('192.168.1.130'), 26)).toMatchObject({ network: ip('192.168.1.128'), broadcast: ip('192.168.1.191'), hosts: 62 });
    expect(english(explainValue('dhcp.option.subnet_mask', ip('255.255.255.0')))).toContain('/24');
  });
});

describe('other addresses', () => {
  it('names IPv6 scopes (RFC 4291)', () => {
    expect(english(explainValue('ipv6.src', 'fe80::1'))).toContain('Link-local');
    expect(english(explainValue('ipv6.dst', 'ff02::1'))).toContain('link-local');
    expect(english(explainValue('ipv6.dst', 'ff02::1'))).toContain('no broadcast');
    expect(english(explainValue('ipv6.dst', 'ff05::2'))).toContain('site-local');
    expect(english(explainValue('ipv6.src', '::1'))).toContain('loopback');
    expect(english(explainValue('ipv6.src', '::'))).toContain('unspecified');
    expect(english(explainValue('ipv6.src', 'fd12:3456::1'))).toContain('Unique local');
    expect(english(explainValue('ipv6.src', '2606:4700::1111'))).toContain('Global unicast');
  });

  it('reads MAC addresses bit by bit (I/G and U/L)', () => {
    expect(english(explainValue('eth.dst', 'ff:ff:ff:ff:ff:ff'))).toContain('Broadcast');
    expect(english(explainValue('eth.dst', '01:00:5e:00:00:fb'))).toContain('IPv4 multicast');
    expect(english(explainValue('eth.dst', '33:33:00:00:00:01'))).toContain('IPv6 multicast');
    expect(english(explainValue('eth.src', '00:1b:21:aa:bb:cc'))).toContain('unicast');
    expect(english(explainValue('eth.src', '02:42:ac:11:00:02'))).toContain('Locally administered');
  });
});

describe('IPv4 header values', () => {
  it('guesses hops travelled from the common initial TTLs', () => {
    expect(english(explainValue('ip.ttl', 64))).toContain('started at 64, the packet has crossed 0 routers');
    expect(english(explainValue('ip.ttl', 118))).toContain('started at 128, the packet has crossed 10 routers');
    expect(english(explainValue('ip.ttl', 250))).toContain('started at 255, the packet has crossed 5 routers');
    expect(english(explainValue('ip.ttl', 1))).toContain('first router');
  });

  it('reads the ToS byte both as RFC 1349 and as DSCP/ECN', () => {
    // 0xb8 = 101 1100 0: precedence 5, D and T set; DSCP 101110 = 46 (EF), ECN 00.
    const voice = english(explainValue('ip.dsfield', 0xb8));
    expect(voice).toContain('DSCP 101110 = 46 (Expedited Forwarding)');
    expect(voice).toContain('00 Not-ECT');
    expect(voice).toContain('precedence 101 = 5');
    expect(voice).toContain('D (minimize delay), T (maximize throughput)');
    // 0x10: the classic telnet ToS, minimize delay only.
    const telnet = english(explainValue('ip.dsfield', 0x10));
    expect(telnet).toContain('ToS bits 1000: D (minimize delay)');
    expect(telnet).not.toContain('T (maximize');
    expect(english(explainValue('ip.dsfield', 0x03))).toContain('11 CE');
    expect(english(explainValue('ip.dsfield', 0x02))).toContain('10 ECT(0)');
    expect(english(explainValue('ip.dsfield', 0x04))).toContain('R (maximize reliability)');
    expect(english(explainValue('ip.dsfield', 0x02))).toContain('C (minimize monetary cost)');
  });

  it('counts the fragment offset in 8-byte units', () => {
    const text = english(explainValue('ip.frag_offset', 185, { moreFragments: true }));
    expect(text).toContain('185 × 8 = byte 1480');
    expect(text).toContain('1480 = 1 × 1480');
    expect(english(explainValue('ip.frag_offset', 0, { moreFragments: true }))).toContain('first fragment');
    expect(english(explainValue('ip.flags.mf', false, { fragmentOffset: 370 }))).toContain('last fragment');
    expect(english(explainValue('ip.flags.df', true))).toContain('fragmentation needed');
    expect(english(explainValue('ip.flags', 2, { fragmentOffset: 0 }))).toContain('Bits 010: reserved 0, DF 1, MF 0');
  });

  it('names protocol numbers', () => {
    expect(english(explainValue('ip.proto', 6))).toContain('6 = TCP');
    expect(english(explainValue('ip.proto', 17))).toContain('17 = UDP');
    expect(english(explainValue('ip.proto', 1))).toContain('ping');
  });
});

describe('ICMP types and codes (RFC 792)', () => {
  it.each([
    [8, 0, 'echo request', 'code 0'],
    [0, 0, 'echo reply', 'code 0'],
    [3, 0, 'destination unreachable', 'network unreachable'],
    [3, 1, 'destination unreachable', 'host unreachable'],
    [3, 2, 'destination unreachable', 'protocol unreachable'],
    [3, 3, 'destination unreachable', 'port unreachable'],
    [3, 4, 'destination unreachable', 'fragmentation needed'],
    [3, 13, 'destination unreachable', 'administratively prohibited'],
    [11, 0, 'time exceeded', 'TTL exceeded in transit'],
    [11, 1, 'time exceeded', 'reassembly time exceeded'],
    [5, 1, 'redirect', 'for the host'],
  ])('type %i code %i', (type, code, typeText, codeText) => {
    expect(english(explainValue('icmp.type', type)).toLowerCase()).toContain(typeText);
    expect(english(explainValue('icmp.code', code, { icmpType: type }))).toContain(codeText);
  });
});

describe('TCP and UDP', () => {
  it('puts ports in IANA ranges and names the service', () => {
    expect([0, 1023, 1024, 49151, 49152, 65535].map(portRange)).toEqual(['well-known', 'well-known', 'registered', 'registered', 'dynamic', 'dynamic']);
    expect(english(explainValue('tcp.dstport', 80))).toContain('"http"');
    expect(english(explainValue('udp.dstport', 53))).toContain('"domain"');
    expect(english(explainValue('udp.srcport', 68))).toContain('"bootpc"');
    expect(english(explainValue('tcp.srcport', 51234))).toContain('dynamic (ephemeral)');
    expect(english(explainValue('tcp.srcport', 8080))).toContain('registered');
  });

  it('explains every flag, set and clear', () => {
    for (const flag of ['fin', 'syn', 'reset', 'push', 'ack', 'urg', 'ece', 'cwr']) {
      const set = explainValue(`tcp.flags.${flag}`, true);
      const clear = explainValue(`tcp.flags.${flag}`, false);
      expect(set.length, flag).toBe(1);
      expect(set[0].en, flag).not.toBe(clear[0].en);
      expect(set[0].en, flag).toMatch(/is set/);
    }
    expect(english(explainValue('tcp.flags', 0x002))).toContain('step 1 of the three-way handshake');
    expect(english(explainValue('tcp.flags', 0x012))).toContain('step 2');
    expect(english(explainValue('tcp.flags', 0x014))).toContain('no program listens');
    expect(english(explainValue('tcp.flags', 0x010, { tcpSegmentLength: 0 }))).toContain('pure ACK');
    expect(english(explainValue('tcp.flags', 0x011))).toContain('= FIN + ACK');
    expect(english(explainValue('tcp.flags', 0x011))).toContain('teardown');
  });

  it('scales the window by 2^shift, except in a SYN', () => {
    expect(english(explainValue('tcp.window_size_value', 502, { windowShift: 7, tcpFlags: 0x010 }))).toContain('502 × 2^7 = 502 × 128 = 64256 bytes');
    expect(english(explainValue('tcp.window_size_value', 64240, { windowShift: 7, tcpFlags: 0x002 }))).toContain('never scaled: 64240 bytes');
    expect(english(explainValue('tcp.window_size_value', 1000, { windowShift: -1, tcpFlags: 0x010 }))).toContain('unknown');
    expect(english(explainValue('tcp.options.mss_val', 1460))).toContain('1500 (Ethernet MTU) − 20 (IPv4 header) − 20 (TCP header)');
  });

  it('does the sequence arithmetic (SYN and FIN consume one number)', () => {
    expect(english(explainValue('tcp.seq', 0, { tcpFlags: 0x002, tcpSegmentLength: 0 }))).toContain('0 + 0 (payload) + 1 (SYN consumes one sequence number) = 1');
    expect(english(explainValue('tcp.seq', 1, { tcpFlags: 0x018, tcpSegmentLength: 100 }))).toContain('1 + 100 (payload) = 101');
    expect(english(explainValue('tcp.seq', 101, { tcpFlags: 0x011, tcpSegmentLength: 0 }))).toContain('+ 1 (FIN consumes one sequence number) = 102');
    expect(english(explainValue('tcp.ack', 0, { tcpFlags: 0x002 }))).toContain('ACK is not set');
  });

  it('contrasts UDP datagrams with the TCP byte stream', () => {
    expect(english(explainValue('udp.length', 40))).toContain('8 bytes of UDP header + 32 bytes of data');
    expect(english(explainValue('udp', 0))).toContain('datagram');
    expect(english(explainValue('tcp.len', 100))).toContain('sticky packets');
  });
});

describe('ARP and Ethernet padding', () => {
  it('tells a broadcast request from a unicast reply', () => {
    expect(english(explainValue('arp.opcode', 1))).toContain('broadcast');
    expect(english(explainValue('arp.opcode', 2))).toContain('unicast');
    expect(english(explainValue('arp.dst.hw_mac', '00:00:00:00:00:00', { arpOpcode: 1 }))).toContain('unknown the request asks for');
  });

  // An ARP request as a switch delivers it: 42 bytes padded with 18 zero bytes to 60.
  const arpRequest = hexBytes(`ffffffffffff 001122334455 0806 0001 0800 06 04 0001 001122334455 c0a8010a 000000000000 c0a80101 ${'00'.repeat(18)}`);

  it('explains the 18 bytes of padding from the tree', () => {
    const { tree } = dissectBytes(arpRequest);
    const padding = findNode(tree.roots, 'eth.padding')!;
    expect(padding.length).toBe(18);
    const text = english(explainNode(tree, padding));
    expect(text).toContain('18 bytes of padding');
    expect(text).toContain('14 (header) + 28 (payload) = 42');
    expect(english(explainNode(tree, findNode(tree.roots, 'eth.dst')!))).toContain('Broadcast');
    expect(english(explainNode(tree, findNode(tree.roots, 'arp.dst.hw_mac')!))).toContain('unknown the request asks for');
    expect(english(explainNode(tree, findNode(tree.roots, 'arp.src.proto_ipv4')!))).toContain('192.168.0.0/16');
  });
});

describe('explanations from the detail tree', () => {
  // Ethernet + IPv4 (DF, TTL 64) + TCP SYN 50000 → 80, seq 1000, window 64240, MSS 1460.
  const syn = hexBytes('001122334455 66778899aabb 0800 4500002c1c46400040060000c0a8010ac0a80101 c35000500000 03e800000000 6002faf000000000 020405b4');

  it('reads the context (flags, length) from the same packet', () => {
    const { tree } = dissectBytes(syn);
    expect(english(explainNode(tree, findNode(tree.roots, 'tcp.seq')!))).toContain('+ 1 (SYN consumes one sequence number) = 1');
    expect(english(explainNode(tree, findNode(tree.roots, 'tcp.window_size_value')!))).toContain('never scaled: 64240 bytes');
    expect(english(explainNode(tree, findNode(tree.roots, 'tcp.options.mss_val')!))).toContain('1460 = 1500');
    expect(english(explainNode(tree, findNode(tree.roots, 'ip.flags.df')!))).toContain('DF = 1');
    expect(english(explainNode(tree, findNode(tree.roots, 'ip.frag_offset')!))).toContain('not a fragment at all');
    expect(english(explainNode(tree, findNode(tree.roots, 'tcp.dstport')!))).toContain('"http"');
    expect(english(explainNode(tree, findNode(tree.roots, 'tcp.hdr_len')!))).toContain('6 × 4 = 24 bytes');
  });

  it('writes every line in both languages, the Chinese in Chinese', () => {
    const { tree } = dissectBytes(syn);
    for (const abbrev of ['ip.src', 'ip.ttl', 'ip.dsfield', 'ip.proto', 'tcp.flags', 'tcp.seq', 'tcp.srcport', 'tcp.window_size_value']) {
      const lines = explainNode(tree, findNode(tree.roots, abbrev)!);
      expect(lines.length, abbrev).toBeGreaterThan(0);
      for (const entry of lines) {
        expect(entry.en.trim(), abbrev).not.toBe('');
        expect(entry.zh, abbrev).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(chinese(explainValue('ip.frag_offset', 185))).toContain('185 × 8 = 第 1480 字节');
  });
});

/** A DHCP ACK (RFC 2131) offering 192.168.1.77 with option 1, subnet mask 255.255.255.0. */
function dhcpAck(): Uint8Array {
  const bootp = new Uint8Array(236);
  bootp.set([2, 1, 6, 0, 0x12, 0x34, 0x56, 0x78]);
  bootp.set([192, 168, 1, 77], 16);
  bootp.set([0x00, 0x11, 0x22, 0x33, 0x44, 0x55], 28);
  const options = [0x63, 0x82, 0x53, 0x63, 53, 1, 5, 1, 4, 255, 255, 255, 0, 255];
  const udpLength = 8 + bootp.length + options.length;
  const ipLength = 20 + udpLength;
  const header = [
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00,
    0x45, 0x00, ipLength >> 8, ipLength & 255, 0, 1, 0, 0, 64, 17, 0, 0, 192, 168, 1, 1, 192, 168, 1, 77,
    0, 67, 0, 68, udpLength >> 8, udpLength & 255, 0, 0,
  ];
  return Uint8Array.from([...header, ...bootp, ...options]);
}

describe('the subnet mask of the same packet', () => {
  it('gives the network and broadcast address of a DHCP-assigned address', () => {
    const { tree } = dissectBytes(dhcpAck());
    const your = findNode(tree.roots, 'dhcp.ip.your')!;
    const text = english(explainNode(tree, your));
    expect(text).toContain('network address 192.168.1.0, broadcast address 192.168.1.255, 254 usable host addresses');
    expect(english(explainNode(tree, findNode(tree.roots, 'ip.dst')!))).toContain('Host part: 77');
    expect(english(explainNode(tree, findNode(tree.roots, 'dhcp.option.subnet_mask')!))).toContain('/24');
    expect(english(explainNode(tree, findNode(tree.roots, 'dhcp.option.dhcp')!))).toContain('ACK');
    // A prefix typed by the user wins over the packet's.
    expect(english(explainNode(tree, your, { prefixLength: 26 }))).toContain('network address 192.168.1.64, broadcast address 192.168.1.127');
  });
});
