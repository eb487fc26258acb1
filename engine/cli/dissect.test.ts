import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../formats/index.js';
import { hexBytes } from '../../test/support/tree.js';
import { parseArguments } from './arguments.js';

const repository = resolve(__dirname, '../..');
const cli = join(repository, 'out/engine/cli/dissect.js');
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dissect command line', () => {
  let directory: string;
  let capture: string;

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--node-only', '--quiet'], { cwd: repository });
    directory = mkdtempSync(join(tmpdir(), 'packetlens-cli-'));
    capture = join(directory, 'arp.pcap');
    const writer = new PcapWriter(capture, { linkType: 1 });
    const frame = hexBytes(`ffffffffffff 00055d112233 0806 0001 0800 06 04 0001 00055d112233 c0a80037 000000000000 c0a80002 ${'00'.repeat(18)}`);
    writer.write(1_700_000_000, 123_456_000, frame);
    writer.write(1_700_000_002, 0, frame);
    writer.close();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('prints -T fields with a header, tab separated, epoch time with nine decimals', () => {
    const { status, stdout } = run('-r', capture, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_epoch', '-e', 'eth.dst', '-e', 'eth.type', '-E', 'header=y');
    expect(status).toBe(0);
    expect(stdout).toBe('frame.number\tframe.time_epoch\teth.dst\teth.type\n1\t1700000000.123456000\tff:ff:ff:ff:ff:ff\t0x0806\n2\t1700000002.000000000\tff:ff:ff:ff:ff:ff\t0x0806\n');
  });

  it('joins several occurrences with commas and honours -c', () => {
    const { stdout } = run('-r', capture, '-T', 'fields', '-e', 'eth.addr', '-c', '1');
    expect(stdout).toBe('ff:ff:ff:ff:ff:ff,00:05:5d:11:22:33\n');
  });

  it('prints -T json as tshark lays it out: layers per protocol, field texts by abbrev', () => {
    const { status, stdout } = run('-r', capture, '-T', 'json', '-c', '1');
    expect(status).toBe(0);
    const packets = JSON.parse(stdout) as Array<{ _source: { layers: Record<string, Record<string, string>> } }>;
    expect(packets).toHaveLength(1);
    expect(packets[0]._source.layers.frame['frame.time_epoch']).toBe('1700000000.123456000');
    expect(packets[0]._source.layers.eth).toMatchObject({ 'eth.dst': 'ff:ff:ff:ff:ff:ff', 'eth.type': '0x0806' });
    expect(stdout.split('\n')[1]).toBe('  {');
  });

  it('writes the packets that pass -Y to a file tshark reads', () => {
    const output = join(directory, 'out.pcapng');
    expect(run('-r', capture, '-Y', 'frame.number == 2', '-w', output).status).toBe(0);
    const { stdout } = run('-r', output, '-T', 'fields', '-e', 'frame.time_epoch');
    expect(stdout).toBe('1700000002.000000000\n');
    if (hasTshark) expect(execFileSync('tshark', ['-r', output, '-T', 'fields', '-e', 'frame.len'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).toBe('60\n');
  });

  it('fails with one line and a non-zero code on bad input', () => {
    const notCapture = join(directory, 'text.pcap');
    writeFileSync(notCapture, 'this is not a capture file at all');
    for (const args of [['-r', notCapture], ['-r', join(directory, 'absent.pcap')], ['-T', 'xml'], ['-r', capture, '-T', 'fields', '-e', 'ip.nonsense']]) {
      const { status, stdout, stderr } = run(...args);
      expect(status, args.join(' ')).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stderr).toMatch(/^dissect: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('dissect arguments', () => {
  it('reads tshark-style options', () => {
    expect(parseArguments(['-r', 'f.pcap', '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-E', 'separator=,', '-E', 'header=y', '-c', '10'])).toMatchObject({
      readFile: 'f.pcap', outputFormat: 'fields', fields: ['ip.src', 'ip.dst'], separator: ',', header: true, count: 10,
    });
  });

  it('says what is wrong with an argument', () => {
    expect(() => parseArguments(['-c', '0'])).toThrow('-c needs a positive whole number, not "0"');
    expect(() => parseArguments(['-T', 'fields'])).toThrow('-T fields needs at least one -e FIELD');
    expect(() => parseArguments(['-r'])).toThrow('option -r needs a value');
    expect(() => parseArguments(['--frobnicate'])).toThrow('unknown option --frobnicate');
  });
});
