import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusCaptures, corpusPath } from '../../test/support/corpus.js';
import { CaptureSession } from '../session/capture-session.js';
import { expertSummary } from './expert.js';
import { formatExpert } from './stats-text.js';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const fixturesDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');
const fixtures = readdirSync(fixturesDirectory).filter((name) => /\.pcap(ng)?(\.gz)?$/.test(name)).sort();

/**
 * Differential test: Analyze › Expert Information / `dissect -z expert` against tshark 4.0.17's
 * `-z expert` on the same file, byte for byte. The captures below differ because a dissector
 * does not raise an expert item tshark raises (or words it differently); the summary itself
 * (what counts, severities, summaries, protocols, order) must match everywhere else. An entry
 * that starts matching fails the test, so the list stays true.
 */
const noHttpChat = 'the HTTP dissector raises no "http.chat" item for request/response lines';
const knownDifferences: Record<string, string> = {
  'http.pcapng': noHttpChat,
  'http.pcapng.gz': noHttpChat,
  'ttl-exceeded.pcapng': 'no UDP "Possible traceroute" chat',
  'filesamples__simple_http.pcap': noHttpChat,
  'filesamples__simple_http_sll2.pcap': noHttpChat,
  'gopacket__test_ethernet.pcap': noHttpChat,
  'gopacket__test_loopback.pcap': noHttpChat,
  'ppa__arppoison.pcapng': `${noHttpChat}; no UDP traceroute chat`,
  'ppa__http_espn.pcapng': noHttpChat,
  'ppa__http_ip4and6.pcapng': noHttpChat,
  'tcpdump__accecn_handshake.pcap': noHttpChat,
  'tcpdump__ipv4_tcp_http_xml.pcap': noHttpChat,
  'tcpdump__print-flags.pcap': noHttpChat,
  'ppa__http_google.pcapng': `${noHttpChat}; no Ethertype "non-zero padding" item`,
  'ppa__http_post.pcapng': `${noHttpChat}; no Ethertype "non-zero padding" item`,
  'ppa__latency1.pcapng': `${noHttpChat}; no Ethertype "non-zero padding" item`,
  'ppa__tcp_teardown.pcapng': 'no Ethertype "non-zero padding" item',
  'tcpdump__pptp_bigendian.pcap': 'no Ethertype "non-zero padding" item',
  'ppa__tcp_dupack.pcapng': 'no HTTP "Illegal characters found in header name" item',
  'ppa__activeosfingerprinting.pcapng': 'no TCP MSS option notes',
  'tcpdump__tfo.pcap': 'no TCP MSS option notes, no TFO cookie chat',
  'ppa__dns_axfr.pcapng': 'no DNS "Extraneous data" item',
  'ppa__nowebaccess1.pcapng': 'no DNS query retransmission item',
  'tcpdump__quic_handshake_null.pcap': 'no QUIC dissector',
  'pcapngtest__le_test009.pcapng': 'packet comments are not expert items yet',
  'tcpdump__timestamp_invalid_micro.pcap': 'no frame item for an invalid fractional second',
  'tcpdump__timestamp_invalid_nano.pcap': 'no frame item for an invalid fractional second',
  'filesamples__teardrop.pcap': 'overlapping IP fragments are reassembled differently (no UDP bad length)',
  'tcpdump__ipv6-bad-version.pcap': 'IPv6 words the bogus version differently and adds a malformed item',
  'tcpdump__ipv6-routing-header.pcap': 'IPv6 routing header: short name and group ("IPv6 Routing", Deprecated) differ',
};

function tsharkExpert(path: string): string {
  return spawnSync('tshark', ['-n', '-q', '-r', path, '-z', 'expert'], { encoding: 'utf8' }).stdout;
}

/**
 * tshark's -z expert for a corpus capture. Its -T json reference shows every expert item as a
 * "_ws.expert" subtree: without one the summary is empty, and tshark need not run (it would
 * take minutes over the whole corpus on a busy machine).
 */
function corpusTsharkExpert(name: string): string {
  const reference = corpusPath(`${name}.json`);
  if (existsSync(reference) && !readFileSync(reference, 'utf8').includes('"_ws.expert"')) return '';
  return tsharkExpert(corpusPath(name));
}

/** Our summary in tshark's layout, or null when we cannot read the file (nothing to compare). */
async function ourExpert(path: string): Promise<string | null> {
  let session: CaptureSession;
  try {
    session = await CaptureSession.open(path);
  } catch {
    return null;
  }
  try {
    await session.index();
    return formatExpert(await expertSummary(session));
  } finally {
    await session.dispose();
  }
}

async function compare(names: readonly string[], pathOf: (name: string) => string, expected: (name: string) => string): Promise<void> {
  const unexpected: string[] = [];
  const resolved: string[] = [];
  for (const name of names) {
    const ours = await ourExpert(pathOf(name));
    if (ours === null) continue;
    const same = ours === expected(name);
    if (!same && !(name in knownDifferences)) unexpected.push(`${name}:\n${ours}`);
    if (same && name in knownDifferences) resolved.push(name);
  }
  expect(unexpected).toEqual([]);
  expect(resolved, 'now equal to tshark: remove from knownDifferences').toEqual([]);
}

describe.skipIf(!hasTshark)('expert summary equals tshark -z expert', () => {
  for (const fixture of fixtures) {
    it(`on the fixture ${fixture}`, async () => {
      await compare([fixture], (name) => join(fixturesDirectory, name), (name) => tsharkExpert(join(fixturesDirectory, name)));
    }, 60_000);
  }

  it.skipIf(!corpusAvailable)('on the corpus captures', async () => {
    await compare(corpusCaptures(), corpusPath, corpusTsharkExpert);
  }, 900_000);
});
