import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../proto/index.js';
import { filterToBpf, type BpfTranslation } from './index.js';

const corpus = path.resolve(__dirname, '../../../shared/corpus/public');
const hasCorpus = existsSync(corpus);
const hasTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

function bpfOf(filter: string): string {
  const result = filterToBpf(filter);
  if (!('bpf' in result)) throw new Error(`no BPF for ${filter}: ${result.reason.en}`);
  return result.bpf;
}

function reasonOf(filter: string): Extract<BpfTranslation, { reason: unknown }> {
  const result = filterToBpf(filter);
  if (!('reason' in result)) throw new Error(`${filter} unexpectedly translated to ${result.bpf}`);
  return result;
}

describe('filterToBpf', () => {
  it.each([
    ['tcp.port == 80', 'tcp port 80'],
    ['udp.dstport == 53', 'udp dst port 53'],
    ['ip.addr == 10.0.0.1', 'ip host 10.0.0.1'],
    ['ip.src == 10.0.0.1', 'ip src host 10.0.0.1'],
    ['ip.dst == 192.168.1.255', 'ip dst host 192.168.1.255'],
    ['ip.addr == 10.0.0.0/8', 'ip net 10.0.0.0/8'],
    ['ip.addr == 10.1.2.3/8', 'ip net 10.0.0.0/8'],
    ['ipv6.addr == 2001:db8::/32', 'ip6 net 2001:db8::/32'],
    ['udp', 'udp'],
    ['arp', 'arp'],
    ['icmp', 'icmp'],
    ['ipv6', 'ip6'],
    ['tcp.flags.syn == 1', 'tcp[tcpflags] & tcp-syn != 0'],
    ['tcp.flags.ack == 0', 'tcp[tcpflags] & tcp-ack = 0'],
    ['eth.addr == 00:11:22:33:44:55', 'ether host 00:11:22:33:44:55'],
    ['eth.dst == ff:ff:ff:ff:ff:ff', 'ether dst host ff:ff:ff:ff:ff:ff'],
    ['eth.type == 0x0806', 'ether proto 0x0806'],
    ['tcp.port == 80 && !arp', 'tcp port 80 and not arp'],
    ['tcp or udp', 'tcp or udp'],
    ['(tcp or udp) and ip.ttl < 5', '(tcp or udp) and ip[8] < 5'],
    ['tcp and (udp or arp)', 'tcp and (udp or arp)'],
    ['!(udp.port == 53 || tcp.port == 53)', 'not (udp port 53 or tcp port 53)'],
    ['ip.src != 10.0.0.1', 'ip and not ip src host 10.0.0.1'],
    ['tcp.port != 22', 'tcp and not tcp port 22'],
    ['tcp.port in {80, 443, 8000..8080}', '(tcp port 80 or tcp port 443 or tcp portrange 8000-8080)'],
    ['tcp.srcport >= 1024', 'tcp src portrange 1024-65535'],
    ['tcp.dstport < 1024', 'tcp dst portrange 0-1023'],
    ['frame.len > 100', 'len > 100'],
    ['ip.proto == 17', 'ip proto 17'],
    ['ip.flags.df == 1', 'ip[6] & 0x40 != 0'],
    ['ip.flags.mf == 1 or ip.frag_offset > 0', 'ip[6] & 0x20 != 0 or ip[6:2] & 0x1fff > 0'],
    ['icmp.type == 8', 'icmp[0] = 8'],
    ['arp.opcode == 2', 'arp[6:2] = 2'],
    ['tcp.flags & 0x12', 'tcp[12:2] & 0xfff & 0x12 != 0'],
  ])('%s → %s', (filter, expected) => {
    expect(bpfOf(filter)).toBe(expected);
  });

  it('notes that tcp[…] works on IPv4 only', () => {
    expect(filterToBpf('tcp.flags.syn == 1')).toHaveProperty('note.en', expect.stringContaining('IPv6 packets will not match'));
    expect(filterToBpf('tcp.port == 80')).not.toHaveProperty('note');
  });

  it('explains, in both languages, why there is no capture filter', () => {
    const method = reasonOf('http.request.method == "GET"').reason;
    expect(method.en).toContain('http.request.method');
    expect(method.en).toContain('fixed places');
    expect(method.zh).toMatch(/捕获过滤器/);
    expect(reasonOf('tcp.stream == 1').reason.en).toContain('computes');
    expect(reasonOf('tcp.analysis.retransmission').reason.en).toContain('computes');
    expect(reasonOf('dns').reason.en).toContain('DNS');
    expect(reasonOf('frame contains "GET"').reason.en).toContain('contains');
    expect(reasonOf('tcp.port == 80 or http').reason.en).toContain('http');
    expect(reasonOf('ip.src == ${ip.dst}').reason.en).toContain('selected packet');
  });

  it.skipIf(!hasTcpdump)('produces only expressions libpcap compiles (tcpdump -d)', () => {
    const filters = [
      'tcp.port == 80', 'ip.addr == 10.0.0.1', 'ip.src == 10.0.0.1', 'ip.addr == 10.0.0.0/8', 'udp', 'arp', 'icmp', 'icmpv6', 'ipv6', 'vlan', 'igmp',
      'tcp.flags.syn == 1', 'tcp.flags.ece == 1 or tcp.flags.cwr == 1 or tcp.flags.ae == 1', 'tcp.flags.push == 0 and tcp.flags.urg == 1',
      'eth.addr == 00:11:22:33:44:55', 'eth.src == 00:11:22:33:44:55 && eth.type == 0x0800', 'tcp.port == 80 && !arp',
      'tcp.port in {80, 443, 8000..8080}', 'ip.ttl in {1, 64..128}', 'ip.src != 10.0.0.1', 'tcp.port != 22', 'tcp.srcport > 1023',
      'udp.srcport <= 53', 'frame.len >= 60', 'ip.proto == 17 || arp', 'ip.flags.mf == 1 or ip.frag_offset > 0', 'ip.hdr_len > 20',
      'ip.version == 4', 'ip.dsfield.dscp == 46', 'ip.dsfield.ecn == 3', 'icmp.type == 3 and icmp.code == 3', 'arp.opcode == 1',
      'arp.src.proto_ipv4 == 10.0.0.1', 'ipv6.src == fe80::1', 'ipv6.hlim == 255', 'tcp.window_size_value == 0', 'tcp.hdr_len > 20',
      'udp.length < 100', 'tcp.seq_raw == 1', 'tcp.flags & 0x02', '!(tcp or udp)', 'not (ip.src == 1.2.3.4 and (tcp.port == 1 or udp.port == 2))',
    ];
    for (const filter of filters) {
      const bpf = bpfOf(filter);
      const run = spawnSync('tcpdump', ['-d', bpf], { encoding: 'utf8' });
      expect(run.status, `${filter} → ${bpf}: ${run.stderr}`).toBe(0);
    }
  });
});

/**
 * Which frames a BPF expression keeps in a capture, by frame number. tcpdump prints no frame
 * numbers for the matches, so they are found by timestamp (microseconds, as tcpdump prints
 * them) against tshark's reference list of frame times.
 */
function bpfFrames(file: string, bpf: string): number[] {
  const output = execFileSync('tcpdump', ['-n', '-tt', '-r', path.join(corpus, file), bpf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rows = readFileSync(path.join(corpus, `${file}.fields.tsv`), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t'));
  const framesByTime = new Map<string, number[]>();
  for (const [frame, epoch] of rows) {
    const time = epoch.slice(0, epoch.indexOf('.') + 7);
    framesByTime.set(time, [...(framesByTime.get(time) ?? []), Number(frame)]);
  }
  return output.split('\n').filter(Boolean).map((printed) => framesByTime.get(printed.split(' ')[0])?.shift() ?? -1);
}

/** tshark's frames for a display filter: the corpus reference, or a run of tshark itself. */
function referenceFrames(file: string, filter: string): number[] | undefined {
  const listed = readFileSync(path.join(corpus, `${file}.filters.tsv`), 'utf8').split('\n').map((row) => row.split('\t')).find(([text]) => text === filter);
  if (listed) return listed[1] ? listed[1].split(',').map(Number) : [];
  if (!hasTshark) return undefined;
  const output = execFileSync('tshark', ['-n', '-r', path.join(corpus, file), '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return output.split('\n').filter(Boolean).map(Number);
}

function referenceFilters(file: string): string[] {
  return readFileSync(path.join(corpus, `${file}.filters.tsv`), 'utf8').split('\n').filter(Boolean).map((row) => row.split('\t')[0]);
}

describe.skipIf(!hasCorpus || !hasTcpdump)('BPF translations select the frames the display filter selects (tshark 4.0 vs libpcap)', () => {
  // Plain Ethernet captures: no tunnels, VLANs, fragments, IPv6 TCP or ICMP errors quoting TCP/UDP.
  const files = [
    'ppa__arppoison.pcapng', 'ppa__activeosfingerprinting.pcapng', 'ppa__tcp_refuseconnection.pcapng', 'ppa__tcp_handshake.pcapng',
    'ppa__icmp_echo.pcapng', 'ppa__arp_resolution.pcapng', 'libpcap__gateway_or_not.pcap', 'tcpdump__dns_udp.pcap', 'tcpdump__print-flags.pcap',
  ];
  const extraFilters = [
    'tcp.port in {80, 53}', 'ip.src != 172.16.0.107', 'tcp.srcport >= 1024', 'tcp.flags.push == 1', 'icmp.type == 8', 'arp.opcode == 2',
    'ip.addr == 172.16.0.0/16', 'ip.proto == 17', 'eth.dst == ff:ff:ff:ff:ff:ff or udp.length > 100', '!(tcp or udp)',
  ];

  it.each(files)('%s', (file) => {
    let compared = 0;
    for (const filter of [...referenceFilters(file), ...(file === 'ppa__arppoison.pcapng' ? extraFilters : [])]) {
      const translation = filterToBpf(filter);
      if (!('bpf' in translation)) continue;
      const expected = referenceFrames(file, filter);
      if (!expected) continue;
      expect(bpfFrames(file, translation.bpf), `${filter} → ${translation.bpf}`).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('differs where Wireshark reads a header quoted inside an ICMP error (known, by design)', () => {
    // Traceroute: every ICMP "time exceeded" quotes the probe, so tshark's ip.src also matches the quoted source.
    const file = 'ppa__icmp_traceroute.pcapng';
    const filter = 'ip.src == 192.168.100.138';
    const expected = referenceFrames(file, filter)!;
    const selected = bpfFrames(file, bpfOf(filter));
    expect(selected.every((frame) => expected.includes(frame))).toBe(true);
    expect(selected.length).toBeLessThan(expected.length);
  });
});
