import { describe, expect, it } from 'vitest';
import { dissectBytes, findNode, hexBytes } from '../../test/support/tree.js';

// An ARP request as it appears on the wire: broadcast destination, 28-byte ARP body padded with
// 18 zero bytes to Ethernet's 60-byte minimum (IEEE 802.3, RFC 826 layout).
const arpRequest = hexBytes(`
  ffffffffffff 00055d112233 0806
  0001 0800 06 04 0001 00055d112233 c0a80037 000000000000 c0a80002
  000000000000000000000000000000000000`);

describe('Ethernet II', () => {
  it('decodes destination, source and type from the first 14 bytes', () => {
    const { tree } = dissectBytes(arpRequest);
    expect(findNode(tree.roots, 'eth.dst')).toMatchObject({ offset: 0, length: 6, label: 'Destination: ff:ff:ff:ff:ff:ff' });
    expect(findNode(tree.roots, 'eth.src')).toMatchObject({ offset: 6, length: 6, label: 'Source: 00:05:5d:11:22:33' });
    expect(findNode(tree.roots, 'eth.type')).toMatchObject({ offset: 12, length: 2, value: 0x0806, label: 'Type: ARP (0x0806)' });
  });

  it('shows the 18 zero bytes after a 28-byte ARP body as padding', () => {
    const { tree } = dissectBytes(arpRequest);
    expect(findNode(tree.roots, 'eth.padding')).toMatchObject({ offset: 42, length: 18 });
  });

  it('reports a frame shorter than an Ethernet header as malformed instead of throwing', () => {
    const { tree, columns } = dissectBytes(hexBytes('ffffffffffff0005'));
    expect(findNode(tree.roots, '_ws.malformed')?.label).toBe('[Malformed Packet: Ethernet]');
    expect(columns.info).toContain('[Malformed Packet]');
  });

  it('labels the frame with wire and captured sizes', () => {
    const { tree } = dissectBytes(arpRequest, 1, { originalLength: 60, capturedLength: 60, number: 7 });
    expect(tree.roots[0].label).toBe('Frame 7: 60 bytes on wire (480 bits), 60 bytes captured (480 bits)');
  });
});
