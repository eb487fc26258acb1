import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaptureFile } from '../formats/index.js';
import { buildCli, captureUnavailableReason, cli, delay, hasCommand, knownFields, ourFields, sendUdp, tsharkFields, udpReceiver } from './capture-test-support.js';

const unavailable = captureUnavailableReason();
if (unavailable) console.warn(`capture command-line tests skipped: ${unavailable}`);
const canSwitchUser = hasCommand('setpriv');
const canMakeNamespaces = unavailable === null && hasCommand('ip');

/** Starts `dissect` capturing (optionally inside a namespace); resolves once it captures. */
async function startCapturing(args: string[], namespace: string | null = null): Promise<{ child: ChildProcess; stderr: () => string; exited: Promise<number | null> }> {
  const command = namespace ? ['ip', ['netns', 'exec', namespace, process.execPath, cli, ...args]] as const : [process.execPath, [cli, ...args]] as const;
  const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  await new Promise<void>((done, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Capturing on')) done();
    });
    void exited.then(() => fail(new Error(`capture exited early: ${stderr}`)));
  });
  return { child, stderr: () => stderr, exited };
}

async function readAll(path: string): Promise<{ packets: number; complete: boolean; warning?: string }> {
  const file = await openCaptureFile(path);
  try {
    const { packets, complete, warning } = await file.scan(() => {});
    return { packets, complete, warning };
  } finally {
    file.close();
  }
}

describe('dissect capture options', () => {
  let directory: string;
  beforeAll(() => {
    buildCli();
    directory = mkdtempSync(join(tmpdir(), 'packetlens-capture-cli-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.skipIf(!hasCommand('dumpcap'))('-D lists the interfaces as dumpcap -D does', () => {
    const ours = spawnSync(process.execPath, [cli, '-D'], { encoding: 'utf8' });
    const theirs = spawnSync('dumpcap', ['-D'], { encoding: 'utf8' });
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toMatch(/^\d+\. lo \(Loopback\)$/m);
  });

  it.skipIf(unavailable !== null)('a capture killed with SIGKILL leaves a readable file with every flushed packet', async () => {
    const receiver = await udpReceiver();
    const path = join(directory, 'killed.pcapng');
    const capture = await startCapturing(['-i', 'lo', '-f', `udp dst port ${receiver.port}`, '-w', path]);
    await sendUdp(receiver.port, 500, 40);
    await delay(400); // > the 100 ms flush interval
    capture.child.kill('SIGKILL');
    await capture.exited;
    receiver.close();
    expect(await readAll(path)).toEqual({ packets: 500, complete: true, warning: undefined });
  });

  it.skipIf(unavailable !== null)('-i lo -c N prints the captured packets like -r', async () => {
    const receiver = await udpReceiver();
    const capture = await startCapturing(['-i', 'lo', '-f', `udp dst port ${receiver.port}`, '-c', '3', '-T', 'fields', '-e', 'udp.dstport', '-e', 'udp.length']);
    const stdout: string[] = [];
    capture.child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    await sendUdp(receiver.port, 5, 12);
    expect(await capture.exited).toBe(0);
    receiver.close();
    expect(stdout.join('')).toBe(`${receiver.port}\t20\n`.repeat(3));
    expect(capture.stderr()).toContain('3 packets captured');
  });

  it.skipIf(unavailable !== null)('rejects a bad capture filter with libpcap\'s message before capturing', () => {
    const result = spawnSync(process.execPath, [cli, '-i', 'lo', '-f', 'tcp prt 80'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('dissect: Invalid capture filter "tcp prt 80" for interface "lo": can\'t parse filter expression: syntax error.\n');
  });

  it.skipIf(!canSwitchUser || process.getuid?.() !== 0)('an unprivileged user gets the documented message, not a stack trace', () => {
    const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, '-i', 'lo', '-c', '1'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(2);
    const message = result.stderr;
    expect(message).toMatch(/^dissect: You don't have permission to capture on "lo" \(.*Operation not permitted.*\)\./);
    expect(message).toContain('sudo setcap cap_net_raw,cap_net_admin=eip /');
    expect(message).toContain('sudo dpkg-reconfigure wireshark-common');
    expect(message).toContain('sudo usermod -aG wireshark $USER');
    expect(message).toContain('Opening and analysing files works without these permissions.');
    expect(message).not.toMatch(/\n\s+at /);
    // It never suggests running the app as root (only says the fix avoids it).
    expect(message.replace('without running PacketLens as root', '')).not.toMatch(/root|sudo .*dissect/i);
  });
});

/** Two network namespaces joined by a veth pair: all traffic stays inside them. */
describe.skipIf(!canMakeNamespaces)(`capture on a veth pair between two namespaces${canMakeNamespaces ? '' : ` (skipped: ${unavailable ?? 'no ip command'})`}`, () => {
  const suffix = `${process.pid % 100000}`;
  const left = `plcap-a-${suffix}`;
  const right = `plcap-b-${suffix}`;
  const [leftAddress, rightAddress, broadcast] = ['10.213.7.1', '10.213.7.2', '10.213.7.255'];
  let directory: string;
  const ip = (...args: string[]): void => { execFileSync('ip', args, { stdio: 'pipe' }); };
  const inside = (namespace: string, ...command: string[]): string => execFileSync('ip', ['netns', 'exec', namespace, ...command], { encoding: 'utf8', timeout: 20_000 });

  beforeAll(() => {
    buildCli();
    directory = mkdtempSync(join(tmpdir(), 'packetlens-veth-'));
    ip('netns', 'add', left);
    ip('netns', 'add', right);
    ip('link', 'add', 'vleft', 'netns', left, 'type', 'veth', 'peer', 'name', 'vright', 'netns', right);
    for (const [namespace, device, address] of [[left, 'vleft', leftAddress], [right, 'vright', rightAddress]]) {
      // No IPv6 (router solicitations, MLD): only the traffic the test makes.
      inside(namespace, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');
      ip('-n', namespace, 'addr', 'add', `${address}/24`, 'broadcast', broadcast, 'dev', device);
      ip('-n', namespace, 'link', 'set', device, 'up');
    }
  });

  afterAll(() => {
    for (const namespace of [left, right]) spawnSync('ip', ['netns', 'del', namespace]);
    rmSync(directory, { recursive: true, force: true });
  });

  it('captures ARP, a UDP broadcast, ping and a TCP handshake, dissected as tshark does', async () => {
    const path = join(directory, 'veth.pcapng');
    const capture = await startCapturing(['-i', 'vleft', '-w', path], left);
    try {
      inside(right, 'ping', '-c', '2', '-i', '0.2', '-W', '1', leftAddress);
      inside(right, process.execPath, '-e', `const s = require('dgram').createSocket('udp4'); s.bind(() => { s.setBroadcast(true); s.send('hello all', 5353, '${broadcast}', () => s.close()); });`);
      const server = spawn('ip', ['netns', 'exec', left, process.execPath, '-e', `const n = require('net'); const srv = n.createServer((c) => { c.end('hi'); srv.close(); }); srv.listen(7007, '${leftAddress}', () => console.log('ready'));`], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((done) => server.stdout!.once('data', () => done()));
      inside(right, process.execPath, '-e', `const c = require('net').connect(7007, '${leftAddress}'); c.on('data', () => {}); c.on('end', () => c.end());`);
      await new Promise<void>((done) => server.on('close', () => done()));
      await delay(300);
    } finally {
      capture.child.kill('SIGINT');
    }
    expect(await capture.exited).toBe(0);

    const theirs = tsharkFields(path, ['arp.opcode', 'ip.dst', 'udp.dstport', 'icmp.type', 'tcp.flags', 'eth.dst']);
    // What the namespaces did: ARP who-has / is-at, echo request/reply twice, the broadcast, the handshake.
    expect(theirs.filter((row) => row[0] !== '').map((row) => row[0])).toEqual(['1', '2']);
    expect(theirs.filter((row) => row[3] !== '').map((row) => row[3])).toEqual(['8', '0', '8', '0']);
    expect(theirs.filter((row) => row[2] === '5353').map((row) => [row[1], row[5]])).toEqual([[broadcast, 'ff:ff:ff:ff:ff:ff']]);
    expect(theirs.filter((row) => row[4] !== '').slice(0, 3).map((row) => row[4])).toEqual(['0x0002', '0x0012', '0x0010']);

    const fields = knownFields(['frame.len', 'eth.src', 'eth.dst', 'eth.type', 'arp.opcode', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4', 'ip.src', 'ip.dst', 'ip.ttl', 'ip.proto', 'udp.srcport', 'udp.dstport', 'udp.length', 'icmp.type', 'icmp.seq', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.len']);
    const reference = tsharkFields(path, fields);
    const ours = await ourFields(path, fields);
    expect(ours.length).toBe(reference.length);
    ours.forEach((row, index) => expect(row.fields, `frame ${index + 1}`).toEqual(reference[index]));
  });
});
