import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { captureHelperPath, classifyOpenError, permissionError } from './capture-errors.js';
import { checkCaptureFilter } from './capture-filter.js';
import { hasCommand } from './capture-test-support.js';
import { InterfaceRateMeter, parseNetDev, type InterfaceCounters } from './interface-counters.js';
import { formatInterfaceList, listInterfaces } from './interfaces.js';
import { PacketClock } from './packet-clock.js';

const netDev = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:   58395     364    0    0    0     0          0         0    58395     364    0    0    0     0       0          0
  eth0: 1000 10 0 2 0 0 0 0 2000 20 0 0 0 0 0 0
`;

describe('interface counters (/proc/net/dev)', () => {
  it('parses the receive and transmit columns', () => {
    const counters = parseNetDev(netDev);
    expect(counters.get('lo')).toEqual({ receivedBytes: 58395, receivedPackets: 364, receivedDropped: 0, sentBytes: 58395, sentPackets: 364 });
    expect(counters.get('eth0')).toEqual({ receivedBytes: 1000, receivedPackets: 10, receivedDropped: 2, sentBytes: 2000, sentPackets: 20 });
  });

  it('turns two samples into packets per second, counting loopback packets once', () => {
    const samples: Array<Map<string, InterfaceCounters>> = [parseNetDev(netDev), parseNetDev(netDev.replace('364    0', '464    0').replace('364    0    0    0     0       0', '464    0    0    0     0       0').replace(' 10 0 2', ' 40 0 2').replace('2000 20', '2000 50'))];
    const meter = new InterfaceRateMeter((name) => name === 'lo', () => samples.shift()!);
    expect(meter.sample(0).get('eth0')).toBeNull();
    const rates = meter.sample(2000);
    // lo: 100 packets (each counted as received and sent) in 2 s; eth0: 30 in + 30 out in 2 s.
    expect(rates.get('lo')).toBe(50);
    expect(rates.get('eth0')).toBe(30);
  });
});

describe('interfaces', () => {
  it('lists lo as a loopback Ethernet-framed interface with 127.0.0.1', () => {
    // Truth: iproute2's view of lo.
    const ipView = JSON.parse(execFileSync('ip', ['-j', 'addr', 'show', 'lo'], { encoding: 'utf8' })) as Array<{ flags: string[]; addr_info: Array<{ local: string; prefixlen: number }> }>;
    const lo = listInterfaces().find((described) => described.name === 'lo')!;
    expect(lo.loopback).toBe(true);
    expect(lo.linkType).toBe(1);
    expect(lo.up).toBe(ipView[0].flags.includes('UP'));
    for (const address of ipView[0].addr_info) expect(lo.addresses).toContainEqual(expect.objectContaining({ address: address.local, prefixLength: address.prefixlen }));
    expect(formatInterfaceList([lo, { ...lo, name: 'eth9', loopback: false }])).toBe('1. lo (Loopback)\n2. eth9');
  });
});

describe('capture filter check', () => {
  it.skipIf(!hasCommand('tcpdump') && process.getuid?.() !== 0)('accepts a valid filter and returns libpcap\'s own error text for bad ones', () => {
    expect(checkCaptureFilter('tcp port 80 and host 127.0.0.1', 'lo', 1)).toMatchObject({ valid: true, message: null });
    // The texts libpcap 1.10's grammar produces (gencode.c / grammar.y).
    expect(checkCaptureFilter('tcp prt 80', 'lo', 1)).toMatchObject({ valid: false, message: 'can\'t parse filter expression: syntax error' });
    expect(checkCaptureFilter('udp port nosuchservice', 'lo', 1)).toMatchObject({ valid: false, message: 'unknown port \'nosuchservice\'' });
    expect(checkCaptureFilter('', 'lo', 1).valid).toBe(true);
  });

  it.skipIf(!hasCommand('tcpdump'))('checks offline for the link type when the interface cannot be opened', () => {
    // A raw-IP interface has no Ethernet header to filter on.
    const check = checkCaptureFilter('ether host 01:02:03:04:05:06', 'no-such-interface0', 101);
    expect(check).toMatchObject({ valid: false, checkedBy: 'link-type' });
    expect(check.message).toContain('ethernet addresses supported only on');
  });
});

describe('capture errors', () => {
  it('names the interface and the exact fix for each OS, never running the app as root', () => {
    const linux = permissionError('eth0', 'socket: Operation not permitted', 'linux').message;
    expect(linux).toContain('You don\'t have permission to capture on "eth0" (socket: Operation not permitted).');
    expect(linux).toContain(`sudo setcap cap_net_raw,cap_net_admin=eip ${captureHelperPath()}`);
    expect(linux).toContain('sudo usermod -aG wireshark $USER');
    expect(permissionError('en0', 'BIOCSETIF failed: Permission denied', 'darwin').message).toContain('ChmodBPF');
    expect(permissionError('Ethernet', 'Access is denied', 'win32').message).toContain('Npcap');
  });

  it('tells permission, missing interface and other failures apart', () => {
    expect(classifyOpenError('lo', 'socket: Operation not permitted').kind).toBe('permission');
    expect(classifyOpenError('nope0', 'nope0: No such device exists (SIOCGIFHWADDR: No such device)').kind).toBe('no-such-interface');
    expect(classifyOpenError('lo', 'something else').kind).toBe('failed');
  });
});

describe('packet clock', () => {
  it('reads the wall clock with nanoseconds and never goes backwards', () => {
    const clock = new PacketClock();
    let previous = 0;
    for (let index = 0; index < 1000; index++) {
      clock.read();
      expect(clock.nanoseconds).toBeGreaterThanOrEqual(0);
      expect(clock.nanoseconds).toBeLessThan(1e9);
      const time = clock.seconds * 1e9 + clock.nanoseconds;
      expect(time).toBeGreaterThanOrEqual(previous);
      previous = time;
    }
    expect(Math.abs(clock.seconds + clock.nanoseconds / 1e9 - Date.now() / 1000)).toBeLessThan(0.05);
  });

  it('converts a monotonic reading taken elsewhere (the capture process) to wall-clock time', () => {
    const clock = new PacketClock();
    const now = process.hrtime.bigint();
    clock.set(now);
    const first = { seconds: clock.seconds, nanoseconds: clock.nanoseconds };
    expect(Math.abs(first.seconds + first.nanoseconds / 1e9 - Date.now() / 1000)).toBeLessThan(0.05);
    // 2.75 s later on the monotonic clock is 2.75 s later on the wall clock, to the nanosecond.
    clock.set(now + 2_750_000_001n);
    expect((clock.seconds - first.seconds) * 1e9 + clock.nanoseconds - first.nanoseconds).toBe(2_750_000_001);
    expect(clock.nanoseconds).toBeLessThan(1e9);
  });
});
