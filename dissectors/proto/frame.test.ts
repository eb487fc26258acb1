import { describe, expect, it } from 'vitest';
import { findNode, dissectBytes } from '../../test/support/tree.js';

describe('frame', () => {
  it('prints the wiretap encapsulation number, not the link type (tshark: Linux SLL2 276 is 210)', () => {
    const { tree } = dissectBytes(new Uint8Array(20), 276);
    expect(findNode(tree.roots, 'frame.encap_type')?.value).toBe(210);
  });

  it('shows a pcapng Custom Block as tshark 4.0 does: PCAPNG columns, PEN and copy flag, data', () => {
    const data = new TextEncoder().encode('an example Custom Block\0');
    const { tree, columns } = dissectBytes(data, 0xffff, { customBlock: { privateEnterpriseNumber: 32473, copyAllowed: true }, noTimestamp: true });
    expect(columns.protocol).toBe('PCAPNG');
    expect(columns.info).toBe('Custom Block: PEN = Example Enterprise Number for Documentation Use (32473), will be copied');
    expect(findNode(tree.roots, 'frame.cb_pen')?.value).toBe(32473);
    expect(findNode(tree.roots, 'frame.cb_copy')?.label).toBe('Copying: Allowed');
    expect(findNode(tree.roots, 'frame.encap_type')).toBeUndefined();
    expect(findNode(tree.roots, 'data.len')?.value).toBe(24);
  });
});
