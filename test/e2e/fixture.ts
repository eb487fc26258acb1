import { PcapWriter } from '../../engine/formats/pcap-writer';

/**
 * A small Ethernet capture for the end-to-end tests, built byte by byte: ARP request/reply,
 * ICMP echo request/reply, a TCP connection (handshake, an HTTP GET and its answer, teardown)
 * and DNS over UDP. Returns what the tests assert against.
 */
export interface Fixture {
  frames: number;
  tcpFrames: number;
  udpFrames: number;
  /** Frame number of the HTTP GET; its IP source and TCP source port. */
  getFrame: number;
  clientAddress: string;
  clientPort: number;
}

const clientMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0a];
const serverMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0b];
const client = [192, 168, 1, 10];
const server = [192, 168, 1, 20];
const clientPort = 51000;

function ethernet(destination: number[], source: number[], type: number, payload: number[]): number[] {
  return [...destination, ...source, type >> 8, type & 255, ...payload];
}

function checksum(bytes: number[]): number {
  let sum = 0;
  for (let index = 0; index < bytes.length; index += 2) sum += (bytes[index] << 8) | (bytes[index + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4(source: number[], destination: number[], protocol: number, payload: number[], id: number): number[] {
  const length = 20 + payload.length;
  const header = [0x45, 0, length >> 8, length & 255, id >> 8, id & 255, 0x40, 0, 64, protocol, 0, 0, ...source, ...destination];
  const sum = checksum(header);
  header[10] = sum >> 8;
  header[11] = sum & 255;
  return [...header, ...payload];
}

function tcp(sourcePort: number, destinationPort: number, sequence: number, acknowledgement: number, flags: number, payload: number[]): number[] {
  const u32 = (value: number) => [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
  return [sourcePort >> 8, sourcePort & 255, destinationPort >> 8, destinationPort & 255, ...u32(sequence), ...u32(acknowledgement), 0x50, flags, 0xfa, 0xf0, 0, 0, 0, 0, ...payload];
}

function udp(sourcePort: number, destinationPort: number, payload: number[]): number[] {
  const length = 8 + payload.length;
  return [sourcePort >> 8, sourcePort & 255, destinationPort >> 8, destinationPort & 255, length >> 8, length & 255, 0, 0, ...payload];
}

const text = (value: string) => [...new TextEncoder().encode(value)];

function dnsQuery(id: number, name: string, response: boolean): number[] {
  const labels = name.split('.').flatMap((label) => [label.length, ...text(label)]);
  const question = [...labels, 0, 0, 1, 0, 1];
  const header = [id >> 8, id & 255, response ? 0x81 : 0x01, response ? 0x80 : 0x00, 0, 1, 0, response ? 1 : 0, 0, 0, 0, 0];
  const answer = response ? [0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 93, 184, 216, 34] : [];
  return [...header, ...question, ...answer];
}

const SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;

/** The fixture's frames (see writeFixture). */
function fixtureFrames(): number[][] {
  const request = text('GET / HTTP/1.1\r\nHost: example.test\r\n\r\n');
  const reply = text('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
  const frames: number[][] = [
    ethernet([255, 255, 255, 255, 255, 255], clientMac, 0x0806, [0, 1, 8, 0, 6, 4, 0, 1, ...clientMac, ...client, 0, 0, 0, 0, 0, 0, ...server]),
    ethernet(clientMac, serverMac, 0x0806, [0, 1, 8, 0, 6, 4, 0, 2, ...serverMac, ...server, ...clientMac, ...client]),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 1, [8, 0, 0xf7, 0xfe, 0, 1, 0, 0], 1)),
    ethernet(clientMac, serverMac, 0x0800, ipv4(server, client, 1, [0, 0, 0xff, 0xfe, 0, 1, 0, 0], 2)),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 6, tcp(clientPort, 80, 1000, 0, SYN, []), 3)),
    ethernet(clientMac, serverMac, 0x0800, ipv4(server, client, 6, tcp(80, clientPort, 5000, 1001, SYN | ACK, []), 4)),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 6, tcp(clientPort, 80, 1001, 5001, ACK, []), 5)),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 6, tcp(clientPort, 80, 1001, 5001, PSH | ACK, request), 6)),
    ethernet(clientMac, serverMac, 0x0800, ipv4(server, client, 6, tcp(80, clientPort, 5001, 1001 + request.length, PSH | ACK, reply), 7)),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 6, tcp(clientPort, 80, 1001 + request.length, 5001 + reply.length, FIN | ACK, []), 8)),
    ethernet(clientMac, serverMac, 0x0800, ipv4(server, client, 6, tcp(80, clientPort, 5001 + reply.length, 1002 + request.length, FIN | ACK, []), 9)),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 6, tcp(clientPort, 80, 1002 + request.length, 5002 + reply.length, ACK, []), 10)),
    ethernet(serverMac, clientMac, 0x0800, ipv4(client, server, 17, udp(53000, 53, dnsQuery(0x1234, 'example.com', false)), 11)),
    ethernet(clientMac, serverMac, 0x0800, ipv4(server, client, 17, udp(53, 53000, dnsQuery(0x1234, 'example.com', true)), 12)),
  ];
  return frames;
}

export function writeFixture(path: string): Fixture {
  const frames = fixtureFrames();
  const writer = new PcapWriter(path, { linkType: 1 });
  frames.forEach((frame, index) => {
    // Ethernet frames shorter than 60 bytes are padded on the wire; keep them as captured.
    writer.write(1_700_000_000 + index, index * 1000, Uint8Array.from(frame));
  });
  writer.close();
  return { frames: frames.length, tcpFrames: 8, udpFrames: 2, getFrame: 8, clientAddress: client.join('.'), clientPort };
}

