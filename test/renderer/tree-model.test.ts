import { describe, expect, it } from 'vitest';
import type { TreeItem } from '../../engine/api/contract';
import { ancestorKeys, deepestItemAt, expansionKey, itemAt, visibleLines } from '../../renderer/detail/tree-model';

const leaf = (field: number, offset: number, length: number, source = 0): TreeItem => ({ field, label: `f${field}`, offset, length, source });
// frame(0..60) | eth(0..14: dst 0..6, src 6..12, type 12..14) | ip(14..34: flags(20..22: df 20..21))
const tree: TreeItem[] = [
  { ...leaf(1, 0, 60), label: 'Frame 1: 60 bytes' },
  { ...leaf(2, 0, 14), children: [leaf(3, 0, 6), leaf(4, 6, 6), leaf(5, 12, 2)] },
  { ...leaf(6, 14, 20), children: [{ ...leaf(7, 20, 2), children: [leaf(8, 20, 1)] }, { ...leaf(9, 0, 4, 1) }] },
];

describe('detail tree model', () => {
  it('shows roots and the children of expanded items only', () => {
    expect(visibleLines(tree, new Set()).map((line) => line.path)).toEqual(['0', '1', '2']);
    const lines = visibleLines(tree, new Set([expansionKey(tree, '2')]));
    expect(lines.map((line) => `${line.path}@${line.depth}`)).toEqual(['0@0', '1@0', '2@0', '2.0@1', '2.1@1']);
    expect(lines[2]).toMatchObject({ expandable: true, expanded: true });
    expect(lines[0]).toMatchObject({ expandable: false, expanded: false });
  });

  it('remembers expansion by field, not by position', () => {
    const otherPacket: TreeItem[] = [tree[0], tree[2]]; // no Ethernet: IP is now the second root
    expect(expansionKey(otherPacket, '1')).toBe(expansionKey(tree, '2'));
  });

  it('selects the deepest, shortest item covering a byte', () => {
    expect(deepestItemAt(tree, 0, 7)).toBe('1.1'); // eth.src
    expect(deepestItemAt(tree, 0, 20)).toBe('2.0.0'); // the flag bit inside the flags inside IP
    expect(deepestItemAt(tree, 0, 40)).toBe('0'); // only the frame covers the payload
    expect(deepestItemAt(tree, 1, 2)).toBe('2.1'); // the reassembled source
    expect(deepestItemAt(tree, 0, 99)).toBeNull();
  });

  it('finds items and their ancestors', () => {
    expect(itemAt(tree, '2.0.0')?.field).toBe(8);
    expect(itemAt(tree, '5')).toBeUndefined();
    expect(ancestorKeys(tree, '2.0.0')).toEqual([expansionKey(tree, '2.0'), expansionKey(tree, '2')]);
  });
});
