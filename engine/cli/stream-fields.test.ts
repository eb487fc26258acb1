/**
 * The streaming `-T fields` pass against tshark: its choice (stream or full pass), its rows on
 * the committed fixtures (tshark run live) and on the corpus (tshark 4.0.17's reference fields
 * and -Y frame lists), and the command line's two passes side by side.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from '../../dissectors/filter/index.js';
import { corpusAvailable, corpusCaptures, corpusPath, readFieldsReference, readFiltersReference } from '../../test/support/corpus.js';
import { parseArguments } from './arguments.js';
import { BufferedOutput } from './output.js';
import { statefulReason } from './stateless-fields.js';
import { printFieldsStreaming, streamingPlan, type StreamOutcome } from './stream-fields.js';
import { registry } from '../../dissectors/index.js';

const repository = resolve(__dirname, '../..');
const fixtures = join(repository, 'test/fixtures');
const cli = join(repository, 'out/engine/cli/dissect.js');
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

/** Runs the streaming pass in process: the rows it printed (header excluded) and how it ended. */
async function stream(args: readonly string[]): Promise<{ text: string; outcome: StreamOutcome }> {
  const options = parseArguments(args);
  const plan = streamingPlan(options, options.displayFilter === null ? null : compileFilter(options.displayFilter));
  if (typeof plan === 'string') throw new Error(`expected a streaming plan, got: ${plan}`);
  let text = '';
  const outcome = await printFieldsStreaming(plan, options, options.readFile!, new BufferedOutput((chunk) => { text += chunk; }));
  return { text, outcome };
}

function tshark(args: readonly string[]): string {
  return execFileSync('tshark', ['-n', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
}

function planFor(...args: string[]): string | 'stream' {
  const options = parseArguments(args);
  const plan = streamingPlan(options, options.displayFilter === null ? null : compileFilter(options.displayFilter));
  return typeof plan === 'string' ? plan : 'stream';
}

describe('which pass a -T fields command takes', () => {
  it('streams header fields, frame times and the number and length columns', () => {
    expect(planFor('-r', 'f', '-Y', 'tcp.port==80', '-T', 'fields', '-e', 'frame.number')).toBe('stream');
    expect(planFor('-r', 'f', '-T', 'fields', '-e', 'frame.time_relative', '-e', 'frame.time_delta', '-e', 'ip.src', '-e', 'tcp.seq_raw', '-e', '_ws.col.No.', '-e', '_ws.col.Length')).toBe('stream');
    expect(planFor('-r', 'f', '-Y', 'ipv6 && !(udp.port in {53, 5353}) && ip.src#2 == 10.0.0.1', '-T', 'fields', '-e', 'eth.src')).toBe('stream');
  });

  it('sends fields that depend on other frames, or on layers above transport, to the full pass', () => {
    expect(planFor('-r', 'f', '-T', 'fields', '-e', 'tcp.stream')).toMatch(/tcp\.stream depends on other frames/);
    expect(planFor('-r', 'f', '-T', 'fields', '-e', 'tcp.seq')).toMatch(/tcp\.seq depends/);
    expect(planFor('-r', 'f', '-Y', 'tcp.analysis.retransmission', '-T', 'fields', '-e', 'frame.number')).toMatch(/tcp\.analysis/);
    expect(planFor('-r', 'f', '-Y', 'http.request', '-T', 'fields', '-e', 'frame.number')).toMatch(/protocol http is not a header layer/);
    expect(planFor('-r', 'f', '-T', 'fields', '-e', 'dns.qry.name')).toMatch(/protocol dns/);
    expect(planFor('-r', 'f', '-T', 'fields', '-e', 'frame.protocols')).toMatch(/frame\.protocols/);
    expect(planFor('-r', 'f', '-T', 'fields', '-e', '_ws.col.Info')).toMatch(/_ws\.col\.Info needs the full pass/);
    expect(planFor('-r', 'f', '-Y', 'tcp')).toMatch(/-T text/);
  });

  it('knows every stateful field by name: each listed abbrev is a declared field', () => {
    for (const abbrev of ['tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.window_size', 'udp.stream', 'icmp.resp_in', 'icmpv6.resptime', 'ip.reassembled_in', 'tcp.time_relative', 'tcp.payload']) {
      const field = registry.find(abbrev);
      expect(field, abbrev).toBeDefined();
      expect(statefulReason(field!), abbrev).not.toBeNull();
    }
  });
});

const fixtureCaptures = readdirSync(fixtures).filter((name) => /\.(pcap|pcapng)$/.test(name)).sort();

// Argument sets over the fixtures: filters and fields of the header layers, relative and delta
// times (tracked in the stream), several occurrences, -E options, -c.
const fixtureCases: ReadonlyArray<readonly string[]> = [
  ['-Y', 'tcp.port==80', '-T', 'fields', '-e', 'frame.number'],
  ['-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_relative', '-e', 'frame.time_delta', '-e', 'frame.time_epoch', '-e', 'frame.len'],
  ['-Y', 'ip.ttl > 1 && !arp', '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'ip.ttl', '-e', 'eth.addr', '-e', '_ws.col.No.', '-e', '_ws.col.Length'],
  ['-Y', 'tcp.flags.syn == 1 || udp', '-T', 'fields', '-e', 'tcp.srcport', '-e', 'tcp.flags', '-e', 'udp.dstport', '-e', 'ipv6.src', '-E', 'separator=,', '-E', 'occurrence=l'],
  ['-Y', 'icmp || icmpv6', '-T', 'fields', '-e', 'icmp.type', '-e', 'icmpv6.type', '-e', 'ip.src', '-E', 'aggregator=/s', '-c', '3'],
];

describe.skipIf(!hasTshark)('the streaming pass prints what tshark prints, on the fixtures', () => {
  it.each(fixtureCaptures)('%s', async (capture) => {
    for (const args of fixtureCases) {
      const full = ['-r', join(fixtures, capture), ...args];
      const { text, outcome } = await stream(full);
      const expected = tshark(full);
      // A capture with IP fragments hands over part-way: what was printed must be tshark's first rows.
      if (outcome.handedOver) expect(expected.startsWith(text), args.join(' ')).toBe(true);
      else expect(text, args.join(' ')).toBe(expected);
    }
  }, 60_000);
});

// Reference fields of the corpus (tshark -T fields, every frame) the streaming pass can print.
const knownCorpusGaps: Readonly<Record<string, readonly string[]>> = {
  // A fraction of a second ≥ 1 s: tshark prints it unnormalised; we normalise (corpus-fields.test.ts).
  'tcpdump__timestamp_invalid_micro.pcap': ['frame.time_epoch'],
  'tcpdump__timestamp_invalid_nano.pcap': ['frame.time_epoch'],
};

describe.skipIf(!corpusAvailable)('the streaming pass matches tshark on the corpus', () => {
  it('prints the reference fields of every capture, cell for cell', async () => {
    const differences: string[] = [];
    let rows = 0;
    for (const capture of corpusCaptures()) {
      const reference = readFieldsReference(capture);
      const columns = reference.header.filter((name) => {
        const field = registry.find(name);
        return field !== undefined && statefulReason(field) === null && !(knownCorpusGaps[capture] ?? []).includes(name);
      });
      if (columns.length === 0 || reference.rows.length === 0) continue;
      const args = ['-r', corpusPath(capture), '-T', 'fields', ...columns.flatMap((name) => ['-e', name])];
      const { text, outcome } = await stream(args).catch(() => ({ text: '', outcome: null }));
      if (outcome === null) continue; // files our reader refuses: corpus-fields.test.ts covers those
      const expected = reference.rows.map((row) => columns.map((name) => row[reference.header.indexOf(name)] ?? '').join('\t'));
      const actual = text.split('\n').slice(0, -1);
      const compared = outcome.handedOver ? actual.length : expected.length;
      if (!outcome.handedOver && actual.length !== expected.length) differences.push(`${capture}: ${actual.length} rows, tshark ${expected.length}`);
      for (let index = 0; index < Math.min(compared, actual.length); index++) {
        if (actual[index] !== expected[index]) differences.push(`${capture}#${index + 1}: "${actual[index]}" ≠ tshark "${expected[index]}"`);
      }
      rows += compared;
    }
    expect(differences.slice(0, 20)).toEqual([]);
    expect(rows).toBeGreaterThan(3000);
  }, 120_000);

  it('selects the frames tshark -Y selects, for every reference filter it can stream', async () => {
    const differences: string[] = [];
    let filters = 0;
    for (const capture of corpusCaptures()) {
      if (readFieldsReference(capture).rows.length === 0) continue;
      for (const { filter, frames } of readFiltersReference(capture)) {
        const args = ['-r', corpusPath(capture), '-Y', filter, '-T', 'fields', '-e', 'frame.number'];
        let plan: string;
        try {
          plan = planFor(...args);
        } catch {
          continue; // filters we reject: corpus-filters.test.ts covers those
        }
        if (plan !== 'stream') continue;
        const { text, outcome } = await stream(args).catch(() => ({ text: '', outcome: null }));
        if (outcome === null || outcome.handedOver) continue;
        filters++;
        const actual = text.split('\n').slice(0, -1).join(',');
        if (actual !== frames.join(',')) differences.push(`${capture} -Y "${filter}": ${actual} ≠ tshark ${frames.join(',')}`);
      }
    }
    expect(differences.slice(0, 20)).toEqual([]);
    expect(filters).toBeGreaterThan(200);
  }, 300_000);
});

/** The built command line, with the pass forced or left to choose, saying on stderr which ran. */
function run(args: readonly string[], pass: 'auto' | 'full'): { stdout: string; trace: string; status: number | null } {
  const env = { ...process.env, PACKETLENS_DISSECT_TRACE: '1', PACKETLENS_DISSECT_PASS: pass };
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  return { stdout: result.stdout, trace: result.stderr, status: result.status };
}

describe.skipIf(!hasTshark)('the command line: streaming and full pass against tshark', () => {
  // UDP datagrams, then IP fragments (mergecap -a concatenates): the stream prints rows before it hands over.
  let directory: string;
  let udpThenFragments: string;
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--node-only', '--quiet'], { cwd: repository });
    directory = mkdtempSync(join(tmpdir(), 'packetlens-stream-'));
    udpThenFragments = join(directory, 'udp-then-fragments.pcapng');
    execFileSync('mergecap', ['-a', '-w', udpThenFragments, join(fixtures, 'udp-datagrams.pcapng'), join(fixtures, 'ip-fragments.pcapng')], { stdio: 'ignore' });
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const cases: ReadonlyArray<{ args: readonly string[]; pass: RegExp }> = [
    { args: ['-r', 'http.pcapng', '-Y', 'tcp.port==80', '-T', 'fields', '-e', 'frame.number'], pass: /^dissect: streaming pass$/ },
    { args: ['-r', 'tcp-retransmission.pcapng', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_relative', '-e', 'tcp.srcport', '-E', 'header=y'], pass: /^dissect: streaming pass$/ },
    { args: ['-r', 'dns.pcapng', '-T', 'fields', '-e', 'udp.srcport', '-e', 'frame.time_delta', '-c', '2'], pass: /^dissect: streaming pass$/ },
    { args: ['-r', 'http.pcapng', '-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'frame.number', '-c', '3', '-E', 'header=y'], pass: /^dissect: streaming pass$/ },
    // Needs conversations: the full pass runs from the start.
    { args: ['-r', 'tcp-retransmission.pcapng', '-Y', 'tcp.port==80', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'tcp.seq'], pass: /^dissect: full pass: tcp\.stream depends on other frames$/ },
    { args: ['-r', 'tcp-retransmission.pcapng', '-Y', 'tcp.analysis.retransmission', '-T', 'fields', '-e', 'frame.number'], pass: /^dissect: full pass: tcp\.analysis/ },
    // IP fragments: the stream hands over to the full pass, which reassembles.
    { args: ['-r', 'ip-fragments.pcapng', '-Y', 'udp || icmp', '-T', 'fields', '-e', 'frame.number', '-e', 'udp.length', '-E', 'header=y'], pass: /^dissect: streaming pass handed over to the full pass at frame 1 \(IP fragment\), after 0 rows$/ },
    { args: ['-r', 'udp-then-fragments', '-Y', 'udp || icmp', '-T', 'fields', '-e', 'frame.number', '-e', 'udp.length', '-e', 'ip.src', '-E', 'header=y'], pass: /^dissect: streaming pass handed over to the full pass at frame \d+ \(IP fragment\), after [1-9]\d* rows$/ },
    { args: ['-r', 'udp-then-fragments', '-T', 'fields', '-e', 'frame.number', '-e', 'icmp.type', '-c', '13'], pass: /^dissect: streaming pass handed over to the full pass at frame \d+ \(IP fragment\), after [1-9]\d* rows$/ },
  ];

  it.each(cases)('$args', ({ args, pass }) => {
    const inFixtures = args.map((arg, index) => (args[index - 1] !== '-r' ? arg : arg === 'udp-then-fragments' ? udpThenFragments : join(fixtures, arg)));
    const expected = tshark(inFixtures);
    const auto = run(inFixtures, 'auto');
    const full = run(inFixtures, 'full');
    expect(auto.status).toBe(0);
    expect(auto.trace.trim()).toMatch(pass);
    expect(full.trace.trim()).toBe('dissect: full pass: PACKETLENS_DISSECT_PASS=full');
    expect(auto.stdout).toBe(expected);
    expect(full.stdout).toBe(expected);
  }, 60_000);
});
