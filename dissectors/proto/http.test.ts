import { describe, expect, it } from 'vitest';
import { dissectFrames, ethernetIpv4, tcpFlags, tcpSegment } from '../../test/support/packets.js';
import { findNode, walk } from '../../test/support/tree.js';
import { registry } from '../core/index.js';

// Messages per RFC 9112; expectations from tshark 4.0.17 run on the same frames.
const A = '10.0.0.1';
const B = '10.0.0.2';
const request = 'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8.0\r\nX-Thing: 1\r\n\r\n';
const okResponse = 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello';
const noContent = 'HTTP/1.1 204 No Content\r\nContent-Type: text/html\r\n\r\n';
const push = tcpFlags.ack | tcpFlags.psh;
const segment = (from: string, to: string, sourcePort: number, destinationPort: number, sequence: number, payload: string | number[]) =>
  ethernetIpv4(from, to, 6, tcpSegment({ sourcePort, destinationPort, sequence, acknowledgment: 1, flags: push, payload }));

describe('HTTP', () => {
  it('reads the request line, headers and full URI, and writes Info with Wireshark\'s trailing space', () => {
    const [result] = dissectFrames([segment(A, B, 40000, 80, 1, request)]);
    expect(`${result.columns.protocol} | ${result.columns.info}`).toBe('HTTP | GET /index.html HTTP/1.1 ');
    const roots = result.tree.roots;
    expect(findNode(roots, 'http.request.method')?.value).toBe('GET');
    expect(findNode(roots, 'http.request.uri')?.value).toBe('/index.html');
    expect(findNode(roots, 'http.request.full_uri')?.value).toBe('http://example.com/index.html');
    expect(findNode(roots, 'http.host')?.value).toBe('example.com');
    const lineId = registry.find('http.request.line')!.id;
    expect([...walk(roots)].filter((node) => node.field === lineId).map((node) => node.value))
      .toEqual(['Host: example.com\r\n', 'User-Agent: curl/8.0\r\n', 'X-Thing: 1\r\n']);
  });

  it('names the media type of a response with a body, not of a 204', () => {
    const results = dissectFrames([
      segment(A, B, 40000, 80, 1, request),
      segment(B, A, 80, 40000, 1, okResponse),
      segment(B, A, 80, 40000, 1 + okResponse.length, noContent),
    ]);
    expect(results[1].columns.info).toBe('HTTP/1.1 200 OK  (text/html)');
    expect(findNode(results[1].tree.roots, 'http.file_data')?.value).toBe('hello');
    expect(findNode(results[1].tree.roots, 'http.response.code')?.value).toBe(200);
    expect(results[2].columns.info).toBe('HTTP/1.1 204 No Content ');
  });

  it('recognises HTTP on any port by its first line, and leaves other bytes on port 80 as data', () => {
    const results = dissectFrames([
      segment(A, B, 40002, 9999, 1, request),
      segment(A, B, 40001, 80, 1, [0, 1, ...Array.from('binary\r\n\r\n', (c) => c.charCodeAt(0))]),
    ]);
    expect(results[0].columns.info).toBe('GET /index.html HTTP/1.1 ');
    expect(`${results[1].columns.protocol} | ${results[1].columns.info}`).toBe('TCP | 40001 → 80 [PSH, ACK] Seq=1 Ack=1 Win=1000 Len=12');
  });

  it('calls a later non-HTTP segment of an HTTP stream a Continuation', () => {
    const results = dissectFrames([
      segment(A, B, 40000, 80, 1, request),
      segment(A, B, 40000, 80, 1 + request.length, 'more body bytes\r\n\r\n'),
    ]);
    expect(`${results[1].columns.protocol} | ${results[1].columns.info}`).toBe('HTTP | Continuation');
  });
});
