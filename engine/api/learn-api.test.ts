import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineApi, type EngineApi } from './engine-api';
import { findSamplesDirectory, readSamples } from './samples';

const fixtures = resolve(__dirname, '../../test/fixtures');
const hasTshark = (() => {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** tshark's view of every TCP segment: flags, relative seq/ack, len, window (scaled). */
function tsharkSegments(file: string): Array<{ frame: number; flags: number; seq: number; ack: number; len: number; window: number }> {
  const output = execFileSync('tshark', ['-n', '-r', resolve(fixtures, file), '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.flags', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.len', '-e', 'tcp.window_size'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return output.trim().split('\n').map((line) => {
    const [frame, flags, seq, ack, len, window] = line.split('\t');
    return { frame: Number(frame), flags: Number(flags), seq: Number(seq), ack: Number(ack), len: Number(len), window: Number(window) };
  });
}

let api: EngineApi;
afterEach(async () => {
  await api?.dispose();
});

async function conversation(file: string) {
  api = createEngineApi();
  await api.openFile(resolve(fixtures, file));
  return api.tcpConversation(0);
}

const states = (steps: Array<{ clientAfter: string; serverAfter: string }>) => steps.map((step) => `${step.clientAfter}/${step.serverAfter}`);

describe('tcpConversation', () => {
  it('follows RFC 9293 Figures 6 and 13 through the handshake, data and four-way close', async () => {
    const result = await conversation('tcp-handshake-teardown.pcapng');
    expect(result.client).toEqual({ address: '192.0.2.1', port: 34158 });
    expect(result.server).toEqual({ address: '192.0.2.2', port: 40001 });
    // Hand-derived from the RFC for the capture's order (tshark -r): SYN, SYN-ACK, ACK, data,
    // ACK, data, ACK, FIN, ACK, FIN, ACK.
    expect(states(result.steps)).toEqual([
      'SYN_SENT/SYN_RCVD', 'ESTABLISHED/SYN_RCVD', 'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/ESTABLISHED',
      'FIN_WAIT_1/CLOSE_WAIT', 'FIN_WAIT_2/CLOSE_WAIT', 'TIME_WAIT/LAST_ACK', 'TIME_WAIT/CLOSED',
    ]);
    expect(result.steps[0]).toMatchObject({ clientBefore: 'CLOSED', serverBefore: 'LISTEN', phase: 'handshake', fromClient: true });
    expect(result.steps[1]).toMatchObject({ clientBefore: 'SYN_SENT', serverBefore: 'SYN_RCVD', fromClient: false });
    // Every "before" is the previous step's "after".
    for (let index = 1; index < result.steps.length; index++) {
      expect(result.steps[index].clientBefore).toBe(result.steps[index - 1].clientAfter);
      expect(result.steps[index].serverBefore).toBe(result.steps[index - 1].serverAfter);
    }
    expect(result.steps.map((step) => step.phase)).toEqual(['handshake', 'handshake', 'handshake', 'data', 'data', 'data', 'data', 'teardown', 'teardown', 'teardown', 'teardown']);
    expect(result.steps.every((step) => step.why.en.length > 0 && /[\u4e00-\u9fff]/.test(step.why.zh))).toBe(true);
  });

  it.skipIf(!hasTshark)('labels each arrow with the flags, relative numbers, length and window tshark shows', async () => {
    for (const file of ['tcp-handshake-teardown.pcapng', 'tcp-refused.pcapng', 'tcp-syn-retransmit.pcapng']) {
      const result = await conversation(file);
      const expected = tsharkSegments(file);
      expect(result.steps.map(({ frame, flags, relSeq, relAck, len, window }) => ({ frame, flags, seq: relSeq, ack: relAck, len, window }))).toEqual(expected);
      await api.dispose();
    }
  });

  it('keeps the server in LISTEN for a lost SYN and in SYN_RCVD from the SYN it answered', async () => {
    const result = await conversation('tcp-syn-retransmit.pcapng');
    expect(states(result.steps.slice(0, 4))).toEqual(['SYN_SENT/LISTEN', 'SYN_SENT/SYN_RCVD', 'ESTABLISHED/SYN_RCVD', 'ESTABLISHED/ESTABLISHED']);
    expect(result.steps[1].time).toBeGreaterThan(0.9);
  });

  it('shows a refused connection: nothing listens, so the server side is CLOSED', async () => {
    const result = await conversation('tcp-refused.pcapng');
    expect(result.steps.map((step) => `${step.clientBefore}>${step.clientAfter} ${step.serverBefore}>${step.serverAfter} ${step.phase}`))
      .toEqual(['CLOSED>SYN_SENT CLOSED>CLOSED handshake', 'SYN_SENT>CLOSED CLOSED>CLOSED reset']);
  });

  it('passes both ends through CLOSING when the FINs cross, and closes in three packets with FIN+ACK', async () => {
    const simultaneous = await conversation('tcp-simultaneous-close.pcapng');
    expect(states(simultaneous.steps.slice(-4))).toEqual(['FIN_WAIT_1/CLOSE_WAIT', 'CLOSING/CLOSING', 'TIME_WAIT/CLOSING', 'TIME_WAIT/TIME_WAIT']);
    await api.dispose();
    const three = await conversation('tcp-teardown-three-packets.pcapng');
    expect(states(three.steps.slice(-3))).toEqual(['FIN_WAIT_1/CLOSE_WAIT', 'TIME_WAIT/LAST_ACK', 'TIME_WAIT/CLOSED']);
  });

  it('answers an unknown stream with no steps', async () => {
    const result = await conversation('tcp-refused.pcapng');
    expect(await api.tcpConversation(7)).toEqual({ stream: 7, client: null, server: null, steps: [] });
    expect(result.steps).toHaveLength(2);
    await expect(api.tcpConversation(-1)).rejects.toThrow(/stream/);
  });
});

describe('sample captures', () => {
  it('lists the fixtures index with both languages, without the format copies', async () => {
    api = createEngineApi();
    const samples = await api.sampleCaptures();
    const index = JSON.parse(execFileSync('cat', [resolve(fixtures, 'index.json')], { encoding: 'utf8' })) as Array<{ file: string; copyOf?: string }>;
    expect(samples.map((sample) => sample.file)).toEqual(index.filter((entry) => !entry.copyOf).map((entry) => entry.file));
    expect(samples[0].title.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(findSamplesDirectory()).toBe(fixtures);
    expect(readSamples(null)).toEqual([]);
  });

  it('opens a listed sample by name and refuses every other name', async () => {
    api = createEngineApi();
    const summary = await api.openSample('tcp-handshake-teardown.pcapng');
    expect(summary).toMatchObject({ name: 'tcp-handshake-teardown.pcapng', frames: 11 });
    for (const name of ['../../package.json', 'README.md', 'index.json', '/etc/passwd', 'tcp-handshake-teardown.pcapng/..', '']) {
      await expect(api.openSample(name)).rejects.toThrow(/not one of the sample captures/);
    }
    await expect(api.openSample(42 as unknown as string)).rejects.toThrow(/must be a string/);
  });
});
