/**
 * Phase two of registration: every protocol hands itself to the tables of the layer below
 * (phase one, field declaration, happened when each module loaded). Adding a protocol is one
 * file plus one line here.
 */
import { createDissectorTables, type DissectorTables } from '../core/index.js';
import * as dhcp from './dhcp.js';
import * as dns from './dns.js';
import * as eth from './eth.js';
import * as http from './http.js';
import * as icmp from './icmp.js';
import * as ip from './ip.js';
import * as tcp from './tcp.js';
import * as udp from './udp.js';

const protocolModules: ReadonlyArray<{ handoff(tables: DissectorTables): void }> = [
  eth,
  ip,
  icmp,
  tcp,
  udp,
  dns,
  http,
  dhcp,
];

let shared: DissectorTables | undefined;

/** The dissector tables with every protocol registered. Built once; read-only afterwards. */
export function dissectorTables(): DissectorTables {
  if (shared === undefined) {
    const tables = createDissectorTables();
    for (const module of protocolModules) module.handoff(tables);
    shared = tables;
  }
  return shared;
}

export { dissectFrame, frameFields, frameProtocol, wsFields } from './frame.js';
