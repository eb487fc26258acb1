import { describe, expect, it } from 'vitest';
import { CaptureState, dissectTree, type FrameInfo } from '../index.js';
import { dissectFrames } from '../../test/support/fields.js';
import { dissectBytes, findNode, hexBytes, walk } from '../../test/support/tree.js';

// Crafted frames; the expectations are tshark 4.0.17's output for the same bytes.
const ethernetHeader = '00112233445500055d1122330800';
const echoRequest = hexBytes(`${ethernetHeader}4500001f123400004001e4a6c0000201c00002020800339600050002616263`);
const echoReply = hexBytes(`${ethernetHeader}4500001f123400004001e4a6c0000202c000020100003b9600050002616263`);
// Port unreachable from 192.0.2.1 quoting a UDP datagram 192.0.2.2:1024 → 192.0.2.1:53.
const portUnreachable = hexBytes(`${ethernetHeader}450000381234000040 01e48dc0000201c0000202
  0303f8bf00000000 4500001c123400004011e499c0000202c00002010400003500080000`);

function frameInfo(number: number, data: Uint8Array): FrameInfo {
  return { number, seconds: 1000 + number, nanoseconds: 0, capturedLength: data.length, originalLength: data.length, linkType: 1, interfaceId: 0 };
}

describe('ICMP', () => {
  it('decodes an echo request and pads the type to 20 characters in Info, as Wireshark does', () => {
    const [frame] = dissectFrames([echoRequest]);
    expect(frame.protocol).toBe('ICMP');
    expect(frame.info).toBe('Echo (ping) request  id=0x0005, seq=2/512, ttl=64');
    expect(frame.get('icmp.type')).toBe('8');
    expect(frame.get('icmp.ident')).toBe('5');
    expect(frame.get('icmp.ident_le')).toBe('1280');
    expect(frame.get('icmp.seq')).toBe('2');
    expect(frame.get('icmp.seq_le')).toBe('512');
    expect(frame.get('icmp.checksum')).toBe('0x3396');
    expect(frame.get('icmp.checksum.status')).toBe('1');
  });

  it('matches a reply to its request during the first pass (tshark single pass)', () => {
    const [request, reply] = dissectFrames([echoRequest, echoReply]);
    expect(request.info).toBe('Echo (ping) request  id=0x0005, seq=2/512, ttl=64');
    expect(reply.info).toBe('Echo (ping) reply    id=0x0005, seq=2/512, ttl=64 (request in 1)');
    expect(reply.get('icmp.resp_to')).toBe('1');
    expect(reply.get('icmp.resptime')).toBe('1000');
  });

  it('shows the reply frame on a request once the first pass has seen it (tshark -2)', () => {
    const state = new CaptureState();
    dissectTree(frameInfo(1, echoRequest), echoRequest, state, true);
    dissectTree(frameInfo(2, echoRequest), echoRequest, state, true);
    dissectTree(frameInfo(3, echoReply), echoReply, state, true);
    expect(dissectTree(frameInfo(1, echoRequest), echoRequest, state, false).columns.info).toBe('Echo (ping) request  id=0x0005, seq=2/512, ttl=64 (no response found!)');
    expect(dissectTree(frameInfo(2, echoRequest), echoRequest, state, false).columns.info).toBe('Echo (ping) request  id=0x0005, seq=2/512, ttl=64 (reply in 3)');
    expect(dissectTree(frameInfo(3, echoReply), echoReply, state, false).columns.info).toBe('Echo (ping) reply    id=0x0005, seq=2/512, ttl=64 (request in 2)');
  });

  it('dissects the quoted datagram of an error inside the ICMP tree without touching the columns', () => {
    const [frame] = dissectFrames([portUnreachable]);
    expect(frame.protocol).toBe('ICMP');
    expect(frame.info).toBe('Destination unreachable (Port unreachable)');
    expect(frame.get('icmp.code')).toBe('3');
    expect(frame.get('icmp.unused')).toBe('00000000');
    // Both the outer and the quoted header are there, as tshark lists them.
    expect(frame.get('ip.src')).toBe('192.0.2.1,192.0.2.2');
    const { tree } = dissectBytes(portUnreachable);
    const icmp = tree.roots.find((node) => node.label === 'Internet Control Message Protocol')!;
    expect(icmp.children!.some((node) => node.label === 'Internet Protocol Version 4, Src: 192.0.2.2, Dst: 192.0.2.1')).toBe(true);
    expect(findNode(tree.roots, 'icmp.code')?.label).toBe('Code: 3 (Port unreachable)');
  });

  it('names every unreachable code as Wireshark does', () => {
    const names = ['Network unreachable', 'Host unreachable', 'Protocol unreachable', 'Port unreachable', 'Fragmentation needed', 'Source route failed'];
    names.forEach((name, code) => {
      const bytes = portUnreachable.slice();
      bytes[35] = code;
      expect(dissectFrames([bytes])[0].info).toBe(`Destination unreachable (${name})`);
    });
  });

  it('reports a bad checksum with the value it should have', () => {
    const bytes = echoRequest.slice();
    bytes[36] ^= 0xff;
    const [frame] = dissectFrames([bytes]);
    expect(frame.get('icmp.checksum.status')).toBe('0');
    const { tree } = dissectBytes(bytes);
    expect(findNode(tree.roots, 'icmp.checksum_bad')?.label).toBe('Bad checksum [should be 0x3396]');
  });

  it('turns a message cut inside its header into a malformed packet, never an exception', () => {
    const cut = hexBytes(`${ethernetHeader}45000019123400004001e4acc0000201c0000202080033`);
    const [frame] = dissectFrames([cut]);
    expect(frame.protocol).toBe('ICMP');
    expect(frame.info).toBe('[Malformed Packet]');
    expect(frame.get('_ws.malformed')).toBe('');
    expect([...walk(dissectBytes(cut).tree.roots)].some((node) => node.label === '[Malformed Packet: ICMP]')).toBe(true);
  });
});
