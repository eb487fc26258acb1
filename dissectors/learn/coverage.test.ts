import { describe, expect, it } from 'vitest';
import { registry } from '../core/fields.js';
import '../proto/index.js';
import { explainValue } from './index.js';

/** Every field the course covers (DESIGN.md "Reference material"), by Wireshark abbrev. */
const courseFields = [
  'eth', 'eth.dst', 'eth.src', 'eth.type', 'eth.padding',
  'arp', 'arp.hw.type', 'arp.proto.type', 'arp.hw.size', 'arp.proto.size', 'arp.opcode',
  'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4',
  'ip', 'ip.version', 'ip.hdr_len', 'ip.dsfield', 'ip.dsfield.dscp', 'ip.dsfield.ecn', 'ip.len', 'ip.id',
  'ip.flags', 'ip.flags.rb', 'ip.flags.df', 'ip.flags.mf', 'ip.frag_offset', 'ip.ttl', 'ip.proto', 'ip.checksum',
  'ip.src', 'ip.dst', 'ip.addr',
  'ipv6', 'ipv6.version', 'ipv6.tclass', 'ipv6.flow', 'ipv6.plen', 'ipv6.nxt', 'ipv6.hlim', 'ipv6.src', 'ipv6.dst',
  'icmp', 'icmp.type', 'icmp.code', 'icmp.checksum', 'icmp.ident', 'icmp.seq', 'icmp.unused', 'icmp.mtu', 'icmp.redir_gw', 'icmp.pointer',
  'tcp', 'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.stream', 'tcp.len', 'tcp.seq', 'tcp.seq_raw', 'tcp.nxtseq', 'tcp.ack', 'tcp.ack_raw',
  'tcp.hdr_len', 'tcp.flags', 'tcp.flags.res', 'tcp.flags.ae', 'tcp.flags.cwr', 'tcp.flags.ece', 'tcp.flags.urg', 'tcp.flags.ack',
  'tcp.flags.push', 'tcp.flags.reset', 'tcp.flags.syn', 'tcp.flags.fin', 'tcp.window_size_value', 'tcp.window_size',
  'tcp.window_size_scalefactor', 'tcp.checksum', 'tcp.urgent_pointer', 'tcp.payload', 'tcp.options', 'tcp.options.mss_val', 'tcp.options.wscale.shift',
  'udp', 'udp.srcport', 'udp.dstport', 'udp.port', 'udp.length', 'udp.checksum', 'udp.payload',
  'dns', 'dns.qry.name', 'dns.flags.response',
  'http', 'http.request.method', 'http.response.code',
  'dhcp', 'dhcp.option.dhcp', 'dhcp.option.subnet_mask',
];

const chinese = /[\u4e00-\u9fff]/;

describe('explanations cover the course', () => {
  it.each(courseFields)('%s has an explanation in English and Chinese', (abbrev) => {
    const field = registry.find(abbrev);
    expect(field, `${abbrev} is not declared`).toBeDefined();
    expect(field!.explain?.en.trim(), `${abbrev} explain.en`).toBeTruthy();
    expect(field!.explain?.zh.trim(), `${abbrev} explain.zh`).toBeTruthy();
    expect(field!.explain!.zh, `${abbrev} explain.zh is not Chinese`).toMatch(chinese);
  });

  it('gives the value-reading fields value explanations in both languages', () => {
    const samples: [string, number | boolean | string][] = [
      ['ip.src', 0x0a000001], ['ip.dsfield', 0x10], ['ip.flags.df', true], ['ip.frag_offset', 185], ['ip.ttl', 64], ['ip.proto', 6],
      ['icmp.type', 3], ['icmp.code', 3], ['tcp.flags.syn', true], ['tcp.window_size_value', 512], ['tcp.srcport', 51000], ['udp.srcport', 53],
      ['arp.opcode', 1], ['eth.dst', 'ff:ff:ff:ff:ff:ff'], ['eth.padding', 18], ['ipv6.src', 'fe80::1'], ['dns.flags.response', true],
      ['http.response.code', 404], ['http.request.method', 'GET'], ['dhcp.option.dhcp', 1],
    ];
    for (const [abbrev, value] of samples) {
      const lines = explainValue(abbrev, value);
      expect(lines.length, abbrev).toBeGreaterThan(0);
      for (const entry of lines) {
        expect(entry.en.trim(), abbrev).not.toBe('');
        expect(entry.zh, abbrev).toMatch(chinese);
      }
    }
  });

  it('has no registry explanation whose Chinese is not Chinese', () => {
    const suspicious = registry.all().filter((field) => field.explain && !chinese.test(field.explain.zh)).map((field) => field.abbrev);
    expect(suspicious).toEqual([]);
  });
});
