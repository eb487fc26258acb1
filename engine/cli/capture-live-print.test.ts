import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, captureUnavailableReason, cli, delay, sendUdp, udpReceiver } from '../capture/capture-test-support.js';

const unavailable = captureUnavailableReason();

/** Resolves once `read()` satisfies `check`, or rejects after `timeoutMs`. */
async function until(read: () => string, check: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(read())}`);
    await delay(20);
  }
}

describe.skipIf(unavailable !== null)(`dissect -i prints packets as they arrive${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(() => buildCli());

  it('prints each packet while the capture is still running, then the count when -c is reached', async () => {
    const receiver = await udpReceiver();
    const child = spawn(process.execPath, [cli, '-i', 'lo', '-f', `udp dst port ${receiver.port}`, '-c', '3', '-T', 'fields', '-e', 'frame.number', '-e', 'udp.dstport', '-e', 'udp.length'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      await until(() => stderr, (text) => text.includes("Capturing on 'lo'"), 'the capture to start');
      // One datagram at a time: each line must appear before the next datagram is even sent.
      for (const [index, size] of [5, 17, 0].entries()) {
        await sendUdp(receiver.port, 1, size);
        await until(() => stdout, (text) => text.split('\n').length - 1 === index + 1, `line ${index + 1}`);
        if (index < 2) expect(child.exitCode).toBeNull();
      }
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      receiver.close();
    }
    // udp.length = 8-byte header + payload.
    expect(stdout).toBe(`1\t${receiver.port}\t13\n2\t${receiver.port}\t25\n3\t${receiver.port}\t8\n`);
    expect(stderr).toBe("Capturing on 'lo'\n3 packets captured\n");
  });

  it('Ctrl+C (SIGINT) prints what arrived and the count', async () => {
    const receiver = await udpReceiver();
    const child = spawn(process.execPath, [cli, '-i', 'lo', '-f', `udp dst port ${receiver.port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      await until(() => stderr, (text) => text.includes("Capturing on 'lo'"), 'the capture to start');
      await sendUdp(receiver.port, 2, 4);
      await until(() => stdout, (text) => text.split('\n').length - 1 === 2, 'two lines');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      receiver.close();
    }
    // tshark's text line: number, time, source → destination, protocol, frame length (14+20+8+4), Info.
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    lines.forEach((line, index) => expect(line).toMatch(new RegExp(`^\\s*${index + 1} \\d+\\.\\d{9}\\s+127\\.0\\.0\\.1 → 127\\.0\\.0\\.1\\s+UDP 46 \\d+ → ${receiver.port} Len=4$`)));
    expect(stderr).toBe("Capturing on 'lo'\n2 packets captured\n");
  });
});
