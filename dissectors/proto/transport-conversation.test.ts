import { describe, expect, it } from 'vitest';
import type { NetworkAddresses } from '../core/index.js';
import { EndpointPairTable } from './transport-conversation.js';

function ipv4(source: number, destination: number): NetworkAddresses {
  return { family: 4, source, destination, source6: null, destination6: null, hopLimit: 64, finalDestination6: null };
}

const client = 0xc0a80001; // 192.168.0.1: above 2^31, as most real addresses are
const server = 0x0a000002; // 10.0.0.2

describe('EndpointPairTable', () => {
  it('finds a conversation from either direction and says which side sent', () => {
    const table = new EndpointPairTable();
    expect(table.find(ipv4(client, server), 50000, 80)).toBe(-1);
    table.set(ipv4(client, server), 50000, 80, 7);
    expect(table.find(ipv4(client, server), 50000, 80)).toBe(7);
    // The greater address sends as the first flow (Wireshark's rule): 192.168.0.1 > 10.0.0.2.
    expect(table.senderIsFirst).toBe(true);
    expect(table.find(ipv4(server, client), 80, 50000)).toBe(7);
    expect(table.senderIsFirst).toBe(false);
    // Other ports or other addresses are other conversations.
    expect(table.find(ipv4(client, server), 50001, 80)).toBe(-1);
    expect(table.find(ipv4(client, server), 80, 50000)).toBe(-1);
    expect(table.find(ipv4(client, 0x0a000003), 50000, 80)).toBe(-1);
  });

  it('replaces a conversation (port reuse) and keeps many apart as the table grows', () => {
    const table = new EndpointPairTable();
    const count = 20000;
    for (let index = 0; index < count; index++) {
      table.set(ipv4(client + (index % 300), server), 1024 + Math.floor(index / 300), 443, index);
    }
    for (let index = 0; index < count; index += 37) {
      expect(table.find(ipv4(server, client + (index % 300)), 443, 1024 + Math.floor(index / 300))).toBe(index);
    }
    table.set(ipv4(client, server), 1024, 443, count);
    expect(table.find(ipv4(client, server), 1024, 443)).toBe(count);
  });

  it('tells an address the capture cut off (-1) from 255.255.255.255', () => {
    const table = new EndpointPairTable();
    table.set(ipv4(0xffffffff, server), 68, 67, 1);
    expect(table.find(ipv4(-1, server), 68, 67)).toBe(-1);
    table.set(ipv4(-1, server), 68, 67, 2);
    expect(table.find(ipv4(0xffffffff, server), 68, 67)).toBe(1);
    expect(table.find(ipv4(-1, server), 68, 67)).toBe(2);
  });
});
