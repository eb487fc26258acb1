import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../dissectors/index';
import type { FieldInfo, TreeItem } from '../../engine/api/contract';
import { PcapWriter } from '../../engine/formats/pcap-writer';
import { filterForItem } from '../../renderer/detail/filter-expression';
import { dissectBytes, hexBytes, walk } from '../support/tree';

const fieldInfo = (id: number): FieldInfo => {
  const { abbrev, name, type, protocol } = registry.byId(id);
  return { id, abbrev, name, type, protocol };
};
const byAbbrev = (abbrev: string): FieldInfo => fieldInfo(registry.find(abbrev)!.id);
const item = (abbrev: string, value: TreeItem['value'], offset = 0, length = 0): TreeItem =>
  ({ field: registry.find(abbrev)!.id, label: abbrev, offset, length, source: 0, value });

// Ethernet II → IPv4 (DF, TTL 64, UDP) 192.168.1.10 → 10.0.0.53, UDP 5353 → 53, 4 bytes payload.
const frame = hexBytes(`
  00 11 22 33 44 55 02 00 00 00 00 0a 08 00
  45 00 00 20 12 34 40 00 40 11 00 00 c0 a8 01 0a 0a 00 00 35
  14 e9 00 35 00 0c 00 00 de ad be ef`);

describe('Apply as Filter expressions', () => {
  it('writes values the way Wireshark writes them', () => {
    expect(filterForItem(item('eth.type', 0x0800, 12, 2), byAbbrev('eth.type'), frame)).toBe('eth.type == 0x0800');
    expect(filterForItem(item('eth.src', undefined, 6, 6), byAbbrev('eth.src'), frame)).toBe('eth.src == 02:00:00:00:00:0a');
    expect(filterForItem(item('ip.src', 0xc0a8010a, 26, 4), byAbbrev('ip.src'), frame)).toBe('ip.src == 192.168.1.10');
    expect(filterForItem(item('ip.ttl', 64, 22, 1), byAbbrev('ip.ttl'), frame)).toBe('ip.ttl == 64');
    expect(filterForItem(item('ip.flags.df', true, 20, 1), byAbbrev('ip.flags.df'), frame)).toBe('ip.flags.df == 1');
    expect(filterForItem(item('ip', undefined, 14, 20), byAbbrev('ip'), frame)).toBe('ip');
    expect(filterForItem(item('ip.src_host', 'a "quoted" \\ name'), byAbbrev('ip.src_host'), frame)).toBe('ip.src_host == "a \\"quoted\\" \\\\ name"');
    expect(filterForItem({ field: -1, label: 'text', offset: 0, length: 0, source: 0 }, undefined, frame)).toBeNull();
  });

  it.skipIf(!hasTshark())('builds filters tshark accepts and that select the packet they came from', () => {
    const { tree } = dissectBytes(frame);
    const filters: string[] = [];
    for (const node of walk(tree.roots)) {
      if (node.field < 0 || node.length === 0) continue;
      const info = fieldInfo(node.field);
      // Our dissectors stop at IP here; tshark goes on to UDP and DNS, so only eth and ip compare.
      if ((info.protocol !== 'eth' && info.protocol !== 'ip') || info.type === 'none') continue;
      const filter = filterForItem(node, info, tree.sources[node.source].bytes);
      if (filter) filters.push(filter);
    }
    expect(filters).toContain('ip.dst == 10.0.0.53');
    const directory = mkdtempSync(join(tmpdir(), 'packetlens-filter-'));
    try {
      const file = join(directory, 'two.pcap');
      const writer = new PcapWriter(file, { linkType: 1 });
      writer.write(1, 0, frame);
      const other = frame.slice();
      other[22] = 1; // TTL
      other[6] = 0x04; // source MAC
      other[33] = 0x36; // destination address
      other[37] = 0x36; // destination port
      writer.write(2, 0, other);
      writer.close();
      const matches = (filter: string) => execFileSync('tshark', ['-n', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).trim().split('\n');
      // One tshark run for all (it is slow to start); one per filter only to name a failure.
      if (matches(filters.map((filter) => `(${filter})`).join(' && ')).join() !== '1') {
        for (const filter of filters) expect({ filter, matched: matches(filter).includes('1') }).toEqual({ filter, matched: true });
      }
      expect(matches('ip.ttl == 64 && eth.src == 02:00:00:00:00:0a')).toEqual(['1']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
