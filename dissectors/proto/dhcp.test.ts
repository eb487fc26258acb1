import { describe, expect, it } from 'vitest';
import { dissectFrames, ethernetIpv4, udpDatagram } from '../../test/support/packets.js';
import { findNode, walk } from '../../test/support/tree.js';
import { registry } from '../core/index.js';

// BOOTP/DHCP messages laid out per RFC 2131 §2 and RFC 2132; expectations from tshark 4.0.17
// run on the same frames.
const mac = [0x00, 0x0c, 0x29, 0x59, 0xfd, 0x21];
const ip = (text: string) => text.split('.').map(Number);
function message(op: number, id: number, options: number[], yourAddress = '0.0.0.0'): number[] {
  return [
    op, 1, 6, 0, id >>> 24, (id >>> 16) & 255, (id >>> 8) & 255, id & 255, 0, 0, 0, 0,
    ...ip('0.0.0.0'), ...ip(yourAddress), ...ip('0.0.0.0'), ...ip('0.0.0.0'),
    ...mac, ...new Array(10 + 64 + 128).fill(0), 99, 130, 83, 99, ...options,
  ];
}
const text = (value: string) => Array.from(value, (c) => c.charCodeAt(0));
const fromClient = (bytes: number[]) => ethernetIpv4('0.0.0.0', '255.255.255.255', 17, udpDatagram(68, 67, bytes));
const fromServer = (bytes: number[]) => ethernetIpv4('192.168.0.1', '192.168.0.10', 17, udpDatagram(67, 68, bytes));
const discover = message(1, 0x696ddc66, [53, 1, 1, 50, 4, 192, 168, 100, 129, 12, 7, ...text('ubuntu2'), 55, 4, 1, 3, 6, 15, 61, 7, 1, ...mac, 255, 0, 0, 0]);
const offer = message(2, 0x3d1d, [53, 1, 2, 1, 4, 255, 255, 255, 0, 3, 4, 192, 168, 0, 1, 6, 8, 8, 8, 8, 8, 1, 1, 1, 1, 51, 4, 0, 0, 0x0e, 0x10, 54, 4, 192, 168, 0, 1, 255], '192.168.0.10');

describe('DHCP', () => {
  it('writes Info with the padded message type and the transaction ID', () => {
    const results = dissectFrames([fromClient(discover), fromServer(offer)]);
    expect(results.map((r) => `${r.columns.protocol} | ${r.columns.info}`)).toEqual([
      'DHCP | DHCP Discover - Transaction ID 0x696ddc66',
      'DHCP | DHCP Offer    - Transaction ID 0x3d1d',
    ]);
  });

  it('decodes the fixed header and the common options', () => {
    const [discoverResult, offerResult] = dissectFrames([fromClient(discover), fromServer(offer)]);
    const roots = discoverResult.tree.roots;
    expect(findNode(roots, 'dhcp.hw.mac_addr')?.label).toBe('Client MAC address: 00:0c:29:59:fd:21');
    expect(findNode(roots, 'dhcp.option.dhcp')?.label).toBe('DHCP: Discover (1)');
    expect(findNode(roots, 'dhcp.option.hostname')?.value).toBe('ubuntu2');
    expect(findNode(roots, 'dhcp.cookie')?.label).toBe('Magic cookie: DHCP');
    const items = registry.find('dhcp.option.request_list_item')!.id;
    expect([...walk(roots)].filter((node) => node.field === items).map((node) => node.value)).toEqual([1, 3, 6, 15]);
    expect(findNode(roots, 'dhcp.option.padding')?.length).toBe(3);
    const servers = registry.find('dhcp.option.domain_name_server')!.id;
    expect([...walk(offerResult.tree.roots)].filter((node) => node.field === servers).map((node) => node.label))
      .toEqual(['Domain Name Server: 8.8.8.8', 'Domain Name Server: 1.1.1.1']);
    expect(findNode(offerResult.tree.roots, 'dhcp.option.ip_address_lease_time')?.value).toBe(3600);
    expect(findNode(offerResult.tree.roots, 'dhcp.ip.your')?.label).toBe('Your (client) IP address: 192.168.0.10');
  });

  it('calls a message without option 53 BOOTP', () => {
    const [result] = dissectFrames([fromClient(message(1, 0x1234, [255]))]);
    expect(`${result.columns.protocol} | ${result.columns.info}`).toBe('BOOTP | Boot Request from 00:0c:29:59:fd:21 (00:0c:29:59:fd:21)');
  });

  it('reports a message cut inside the fixed header as malformed, after writing Info', () => {
    const [result] = dissectFrames([fromClient(message(1, 1, [53, 1, 3]).slice(0, 100))]);
    expect(result.columns.info.startsWith('Boot Request from 00:0c:29:59:fd:21 (00:0c:29:59:fd:21)')).toBe(true);
    expect(findNode(result.tree.roots, '_ws.malformed')?.label).toBe('[Malformed Packet: DHCP/BOOTP]');
  });
});
