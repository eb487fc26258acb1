import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultColoringRules } from '../../dissectors/coloring/default-rules.js';
import { createEngineApi, type EngineApi } from './engine-api.js';

// tshark -r tcp-handshake-teardown.pcap: frame 1 is 192.0.2.1:34158 → 192.0.2.2:40001 [SYN],
// frame 3 the handshake's [ACK]; every frame is port 40001 on one side.
const fixture = resolve(__dirname, '../../test/fixtures/tcp-handshake-teardown.pcap');
const defaults = defaultColoringRules.map(({ name, filter }) => ({ name, filter, enabled: true }));
const defaultIndex = (name: string) => defaultColoringRules.findIndex((rule) => rule.name === name);

describe('setColoringRules', () => {
  let api: EngineApi;

  beforeEach(async () => {
    api = createEngineApi();
    await api.openFile(fixture);
  });

  afterEach(async () => {
    await api.dispose();
  });

  const colorRules = async () => (await api.rows(0, 3)).map((row) => row.colorRule);

  it("makes rows' colorRule an index into the user's list: a rule added on top wins", async () => {
    // Wireshark's defaults: the SYN wears "TCP SYN/FIN", the pure ACK "TCP".
    expect(await colorRules()).toEqual([defaultIndex('TCP SYN/FIN'), defaultIndex('TCP SYN/FIN'), defaultIndex('TCP')]);
    await api.setColoringRules([{ name: 'Lesson port', filter: 'tcp.port == 40001', enabled: true }, ...defaults]);
    expect(await colorRules()).toEqual([0, 0, 0]);
  });

  it('skips disabled rules and rules whose filter does not compile, keeping the indexes', async () => {
    await api.setColoringRules([
      { name: 'Off', filter: 'tcp', enabled: false },
      { name: 'Broken', filter: 'tcp.port ==', enabled: true },
      { name: 'Handshake ACK', filter: 'tcp.flags.syn == 0', enabled: true },
      { name: 'Any TCP', filter: 'tcp', enabled: true },
    ]);
    expect(await colorRules()).toEqual([3, 3, 2]);
  });

  it('keeps the rules for the next capture opened', async () => {
    await api.setColoringRules([{ name: 'Only', filter: 'ip.src == 192.0.2.2', enabled: true }]);
    await api.openFile(fixture);
    expect(await colorRules()).toEqual([-1, 0, -1]);
  });

  it('rejects malformed input and keeps the rules it had', async () => {
    const before = await colorRules();
    const tooMany = Array.from({ length: 101 }, () => ({ name: 'x', filter: 'tcp', enabled: true }));
    const invalid: unknown[] = [
      'tcp',
      null,
      tooMany,
      [null],
      [{ name: 'x', filter: 'tcp' }],
      [{ name: 'x', filter: 7, enabled: true }],
      [{ name: 'x'.repeat(1001), filter: 'tcp', enabled: true }],
      [{ name: 'x', filter: `tcp || ${'ip || '.repeat(200)}udp`, enabled: true }],
    ];
    for (const rules of invalid) {
      await expect(api.setColoringRules(rules as never)).rejects.toThrow();
    }
    expect(await colorRules()).toEqual(before);
    // 100 rules of 1000 characters are the limit, not over it.
    await expect(api.setColoringRules(Array.from({ length: 100 }, () => ({ name: 'x'.repeat(1000), filter: 'tcp', enabled: true })))).resolves.toBeUndefined();
  });
});
