import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { dissectBytes, findNode, hexBytes } from '../../test/support/tree.js';

// IPv4 datagrams (protocol 2, most with a router-alert option) carrying IGMP messages built
// from RFC 1112/2236/3376; Info and Protocol are what tshark 4.0.17 prints for each.
const ethernet = '00112233445500055d1122330800';
const cases: Array<[string, string, string]> = [
  ['Membership Query', 'IGMPv1', '4600002012340000010270a1c0000201e0000001940400001100eeff00000000'],
  ['Membership Report', 'IGMPv1', '460000201234000001025f9ec0000201ef010203940400001200fcfaef010203'],
  ['Membership Query, general', 'IGMPv3', '46000024123400000102709dc0000201e0000001940400001164ec1e00000000027d0000'],
  ['Membership Query, specific for group 239.1.2.3, sources {10.0.0.1, 10.0.0.2}', 'IGMPv3', '4600002c1234000001025f92c0000201ef010203940400001164df14ef0102030a7d00020a0000010a000002'],
  ['Membership Query, specific for group 239.1.2.3', 'IGMPv3', '460000241234000001025f9ac0000201ef010203940400001164fb19ef010203027d0000'],
  ['Membership Report / Join group 239.1.2.3 for source {10.0.0.1} / Join group 239.1.2.3 for any sources / Join group 239.1.2.3 for sources in {10.0.0.1, 10.0.0.2} / Join group 239.1.2.3 for any sources / Group 239.1.2.3, new source {10.0.0.1} / Group 239.1.2.3, block source {10.0.0.2}', 'IGMPv3', '460000641234000001027048c0000201e0000016940400002200f0cf0000000601000001ef0102030a00000102000000ef01020303000002ef0102030a0000010a00000204000000ef01020305000001ef0102030a00000106000001ef0102030a000002'],
  ['Membership Report / Join group 239.1.2.3 for any sources', 'IGMPv3', '460000281234000001027084c0000201e0000016940400002200e8f90000000104000000ef010203'],
  ['Membership Report / Leave group 239.1.2.3', 'IGMPv3', '460000281234000001027084c0000201e0000016940400002200e9f90000000103000000ef010203'],
  ['Membership Report / Leave group 239.1.2.3', 'IGMPv3', '45000024123400000102058dc0000201e00000162200ebf90000000101000000ef010203'],
  ['Membership Report / Join group 239.1.2.3 for sources in {10.0.0.1, 10.0.0.2}', 'IGMPv3', '4500002c1234000001020585c0000201e00000162200d7f40000000101000002ef0102030a0000010a000002'],
  ['Membership Report / Join group 239.1.2.3, for source not {10.0.0.1}', 'IGMPv3', '450000281234000001020589c0000201e00000162200e0f70000000102000001ef0102030a000001'],
  ['Membership Report / Join group 239.1.2.3, for sources not in {10.0.0.1, 10.0.0.2}', 'IGMPv3', '4500002c1234000001020585c0000201e00000162200d6f40000000102000002ef0102030a0000010a000002'],
  ['Membership Report / Join group 239.1.2.3 for source {10.0.0.1}', 'IGMPv3', '450000281234000001020589c0000201e00000162200dff70000000103000001ef0102030a000001'],
  ['Membership Report / Join group 239.1.2.3, for sources not in {10.0.0.1, 10.0.0.2}', 'IGMPv3', '4500002c1234000001020585c0000201e00000162200d4f40000000104000002ef0102030a0000010a000002'],
  ['Membership Report / Group 239.1.2.3, new sources {10.0.0.1, 10.0.0.2}', 'IGMPv3', '4500002c1234000001020585c0000201e00000162200d3f40000000105000002ef0102030a0000010a000002'],
  ['Membership Report / Group 239.1.2.3, block sources {10.0.0.1, 10.0.0.2}', 'IGMPv3', '4500002c1234000001020585c0000201e00000162200d2f40000000106000002ef0102030a0000010a000002'],
  ['Membership Report / Group 239.1.2.3, unknown record type (?)', 'IGMPv3', '45000024123400000102058dc0000201e00000162200e3f90000000109000000ef010203'],
  ['Membership Query, general, source {10.0.0.1}', 'IGMPv3', '4500002412340000010205a2c0000201e00000011164da1c000000000a7d00010a000001'],
  ['Membership Query', 'IGMPv1', '4500001c12340000010205aac0000201e00000011100fdfaef010203'],
  ['Membership Query, specific for group 239.1.2.3', 'IGMPv2', '4500001c12340000010205aac0000201e00000011164fd96ef010203'],
  ['Membership Report group 239.1.2.3', 'IGMPv2', '4500001c12340000010205aac0000201e00000011600f8faef010203'],
];

describe('IGMP', () => {
  it.each(cases)('writes "%s" (%s) like Wireshark', (info, protocol, datagram) => {
    const [frame] = dissectFrames([hexBytes(ethernet + datagram)]);
    expect(frame.protocol).toBe(protocol);
    expect(frame.info).toBe(info);
    expect(frame.get('igmp.checksum.status')).toBe('1');
  });

  it('decodes a v3 query and the records of a v3 report', () => {
    const [query, report] = dissectFrames([hexBytes(ethernet + cases[3][2]), hexBytes(ethernet + cases[5][2])]);
    expect([query.get('igmp.version'), query.get('igmp.type'), query.get('igmp.max_resp'), query.get('igmp.qrv'), query.get('igmp.qqic'), query.get('igmp.num_src')])
      .toEqual(['3', '0x11', '100', '2', '125', '2']);
    expect(query.get('igmp.saddr')).toBe('10.0.0.1,10.0.0.2');
    expect(report.get('igmp.num_grp_recs')).toBe('6');
    expect(report.get('igmp.record_type')).toBe('1,2,3,4,5,6');
    expect(report.get('igmp.num_src')).toBe('1,0,2,0,1,1');
  });

  it('shows the v2 maximum response time in seconds', () => {
    const { tree } = dissectBytes(hexBytes(ethernet + cases[cases.length - 2][2]));
    expect(findNode(tree.roots, 'igmp.max_resp')?.label).toBe('Max Resp Time: 10.0 sec (0x64)');
    expect(findNode(tree.roots, 'igmp.version')?.label).toBe('[IGMP Version: 2]');
  });

  it('reports a bad checksum with the value it should have', () => {
    const [frame] = dissectFrames([hexBytes(`${ethernet}4500001c12340000010205aac0000201e00000011600f8fbef010203`)]);
    expect(frame.get('igmp.checksum.status')).toBe('0');
    const { tree } = dissectBytes(hexBytes(`${ethernet}4500001c12340000010205aac0000201e00000011600f8fbef010203`));
    expect(findNode(tree.roots, 'igmp.bad_checksum')?.label).toBe('Bad checksum [should be 0xf8fa]');
  });

  it('marks a message cut short as malformed, keeping the columns it had', () => {
    // A v2 report whose IP total length stops two bytes into the group address.
    const [frame] = dissectFrames([hexBytes(`${ethernet}460000 1e1234000001025f9ec0000201ef010203940400001600f8faef01`)]);
    expect(frame.protocol).toBe('IGMPv2');
    expect(frame.info).toBe('Membership Report[Malformed Packet]');
    expect(frame.get('_ws.malformed')).toBe('');
  });
});
