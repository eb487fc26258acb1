/**
 * The fast paths of runFilter against the generic one: for every capture (our fixtures and the
 * shared corpus), the column kernels with their per-stack shortcuts and the early-stopping
 * dissection must give exactly the frames that dissecting every frame to its end and applying
 * the compiled filter gives (the path test/differential checks against tshark -Y).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../dissectors/filter/index.js';
import { CaptureSession } from '../session/capture-session.js';
import { corpusAvailable, corpusCaptures, corpusPath } from '../../test/support/corpus.js';
import { framesMatchingByDissection } from '../../test/support/filter-reference.js';
import { runFilter } from './run-filter.js';

const fixturesDirectory = resolve(import.meta.dirname, '../../test/fixtures');
const fixtures = readdirSync(fixturesDirectory).filter((name) => /\.(pcap|pcapng)$/.test(name)).map((name) => join(fixturesDirectory, name));

/** One filter per kernel shape: every operator, CIDR in and out, both quantifiers, sets, bits, stack-only parts. */
const columnFilters = [
  'tcp.port == 80', 'tcp.port != 80', 'tcp.port !== 80', 'tcp.port === 80', 'udp.port == 53',
  'tcp.srcport > 1024', 'tcp.dstport >= 443', 'tcp.srcport < 1024', 'tcp.dstport <= 80', 'udp.srcport != 53',
  'ip.addr == 192.0.2.0/24', 'ip.addr != 198.51.100.0/24', 'ip.addr === 192.0.2.0/24', 'ip.src == 192.0.2.1', 'ip.dst != 192.0.2.1', 'ip.addr == 0.0.0.0/0',
  'ip.addr == 10.0.0.0/8 && !arp', 'ip.src == 10.0.0.0/8 || ip.dst == 192.168.0.0/16',
  'tcp.port in {80, 443, 8000..8999}', 'tcp.port in {22}', 'ip.ttl in {1..64}', 'udp.port in {53, 67..68}',
  'tcp.flags & 0x02', 'tcp.flags & 0x11', 'tcp.analysis.retransmission', 'tcp.analysis.flags', 'tcp.len > 0', 'tcp.stream == 0',
  'frame.len > 100', 'frame.number <= 10', 'frame.cap_len < 60', 'ip.proto == 17 || dns', 'ip.ttl > 63 && tcp',
  '!arp', 'arp || icmp', 'not ip', 'tcp && !(tcp.port == 80)', 'ipv6 || ip.ttl < 64', '!(udp && !dns)', 'ip.src', 'tcp.srcport',
];

/** Deep filters: monotone ones stop early; the others must not (a `!`, an `all` quantifier, `count`, a layer). */
const deepFilters = [
  'http.request.method == "GET"', 'dns.qry.name contains "example"', 'http || dns.flags.response == 1', 'dns.qry.type in {1, 28}',
  'http.host contains "a" && tcp.port == 80', 'icmp.type == 3 or arp.opcode == 2', 'dns.a', 'tcp.flags.syn == 1',
  '!(dns.qry.type == 1)', 'dns.qry.type != 1', 'count(dns.qry.name) == 1', 'ip.src#2 == 192.0.2.1', 'tcp.options.mss_val == 1460',
];

/** `alsoToTheEnd`: also run with early stops off (the fixtures do; the corpus run would take a third longer). */
async function differences(paths: readonly string[], filters: readonly string[], alsoToTheEnd: boolean): Promise<{ compared: number; differences: string[] }> {
  const compiled = filters.map((text) => compileFilter(text));
  const found: string[] = [];
  let compared = 0;
  for (const path of paths) {
    let session: CaptureSession;
    try {
      session = await CaptureSession.open(path);
      await session.index();
    } catch {
      continue; // not a capture we read: the corpus tests report those
    }
    try {
      for (const filter of compiled) {
        const expected = framesMatchingByDissection(session, filter).join(',');
        const fast = await runFilter(session, filter);
        compared++;
        if ([...fast.frames].join(',') !== expected) found.push(`${path} [${filter.text}]: fast ${fast.frames.length}, generic ${expected.split(',').filter(Boolean).length}`);
        if (!alsoToTheEnd) continue;
        const dissectedToTheEnd = await runFilter(session, filter, { noEarlyStop: true });
        if ([...dissectedToTheEnd.frames].join(',') !== expected) found.push(`${path} [${filter.text}] without early stop: ${dissectedToTheEnd.frames.length}`);
      }
    } finally {
      await session.dispose();
    }
  }
  return { compared, differences: found };
}

describe('runFilter fast paths agree with dissecting every frame', () => {
  it('on the committed fixtures', async () => {
    const result = await differences(fixtures, [...columnFilters, ...deepFilters], true);
    expect(result.compared).toBeGreaterThan(fixtures.length * 40);
    expect(result.differences).toEqual([]);
  }, 120_000);

  it.skipIf(!corpusAvailable)('on the shared corpus', async () => {
    const result = await differences(corpusCaptures().map(corpusPath), [...columnFilters, ...deepFilters], false);
    expect(result.compared).toBeGreaterThan(5000);
    expect(result.differences).toEqual([]);
  }, 600_000);

  it('decides the column filters without dissecting, and dissects only frames whose stack holds the protocol', async () => {
    const session = await CaptureSession.open(join(fixturesDirectory, 'dns.pcapng'));
    await session.index();
    try {
      expect((await runFilter(session, compileFilter('udp.port == 53 && !arp'))).dissected).toBe(0);
      const dnsFrames = framesMatchingByDissection(session, compileFilter('dns')).length;
      const run = await runFilter(session, compileFilter('dns.qry.name contains "example"'));
      expect(run.dissected).toBe(dnsFrames);
    } finally {
      await session.dispose();
    }
  });
});
