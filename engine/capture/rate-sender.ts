/**
 * The traffic source of the capture-rate measurement: `count` small UDP datagrams to
 * 127.0.0.1:`port` at `rate` per second. A Node sender tops out near 30,000 datagrams/s on a
 * busy 2-core machine (one syscall and one callback per datagram), far below the rates to
 * measure, so when a C compiler is present a tiny C sender is built once per process
 * (sendmmsg, 64 datagrams per call, paced every 0.2 ms); otherwise the Node sender is used and
 * the achieved rate (reported) shows its limit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SendResult {
  /** Datagrams the kernel accepted. */
  sent: number;
  seconds: number;
  /** 'c' or 'node': which sender ran. */
  sender: string;
}

const cSource = `
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(int argc, char **argv) {
  if (argc < 5) return 2;
  int port = atoi(argv[1]); double rate = atof(argv[2]); long count = atol(argv[3]); int size = atoi(argv[4]);
  if (size < 0 || size > 65000) return 2;
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to; memset(&to, 0, sizeof to);
  to.sin_family = AF_INET; to.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  static char payload[65536]; memset(payload, 'a', sizeof payload);
  enum { BATCH = 64 };
  struct mmsghdr messages[BATCH]; struct iovec vectors[BATCH];
  for (int i = 0; i < BATCH; i++) {
    vectors[i].iov_base = payload; vectors[i].iov_len = size;
    memset(&messages[i], 0, sizeof messages[i]);
    messages[i].msg_hdr.msg_name = &to; messages[i].msg_hdr.msg_namelen = sizeof to;
    messages[i].msg_hdr.msg_iov = &vectors[i]; messages[i].msg_hdr.msg_iovlen = 1;
  }
  long sent = 0, attempted = 0; double start = now();
  while (attempted < count) {
    long due = (long)((now() - start) * rate); if (due > count) due = count;
    while (attempted < due) {
      int n = due - attempted > BATCH ? BATCH : (int)(due - attempted);
      int done = sendmmsg(fd, messages, n, 0);
      if (done <= 0) { attempted += n; continue; }
      attempted += done; sent += done;
    }
    struct timespec pause = { 0, 200000 }; nanosleep(&pause, NULL);
  }
  printf("{\\"sent\\":%ld,\\"seconds\\":%.6f}", sent, now() - start);
  return 0;
}
`;

/** The Node fallback: one send per datagram, paced per event-loop turn. */
const nodeSource = `
const dgram = require('dgram');
const [port, rate, count, size] = process.argv.slice(1).map(Number);
const socket = dgram.createSocket('udp4');
const payload = Buffer.alloc(size, 0x61);
let sent = 0, confirmed = 0, answered = 0, finished = false;
const start = process.hrtime.bigint();
const finish = () => {
  if (finished) return;
  finished = true;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  socket.close(() => process.stdout.write(JSON.stringify({ sent: confirmed, seconds })));
};
// Unconnected: a connected socket would fail sends on the ICMP port-unreachable replies.
socket.bind(0, '127.0.0.1', () => {
  const tick = () => {
    const due = Math.min(count, Math.floor(Number(process.hrtime.bigint() - start) / 1e9 * rate));
    for (; sent < due; sent++) socket.send(payload, port, '127.0.0.1', (error) => { if (!error) confirmed++; if (++answered === count) finish(); });
    if (sent < count) setImmediate(tick);
  };
  tick();
});`;

let lastSenderKind = 'node';

/** Which sender the last `sendDatagrams` ran ('c' or 'node'). */
export function lastSender(): string {
  return lastSenderKind;
}

let compiled: { path: string | null; directory: string | null } | undefined;

/** The C sender's path, compiled on first use; null without a working `cc`. */
function cSender(): string | null {
  if (compiled) return compiled.path;
  const directory = mkdtempSync(join(tmpdir(), 'packetlens-sender-'));
  const source = join(directory, 'sender.c');
  const binary = join(directory, 'sender');
  writeFileSync(source, cSource);
  const built = spawnSync('cc', ['-O2', '-o', binary, source], { stdio: 'ignore' });
  compiled = built.status === 0 ? { path: binary, directory } : { path: null, directory: null };
  if (built.status !== 0) rmSync(directory, { recursive: true, force: true });
  else process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
  return compiled.path;
}

/** Sends and resolves with what the kernel accepted and how long it took. */
export async function sendDatagrams(port: number, rate: number, count: number, size: number): Promise<SendResult> {
  const binary = cSender();
  const [command, prefix, sender] = binary ? [binary, [], 'c'] : [process.execPath, ['-e', nodeSource], 'node'];
  lastSenderKind = sender;
  const child = spawn(command, [...prefix, String(port), String(rate), String(count), String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  await new Promise<void>((done) => child.on('close', () => done()));
  const result = JSON.parse(output) as { sent: number; seconds: number };
  return { ...result, sender };
}
