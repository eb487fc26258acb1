/**
 * Phase two of registration: every protocol hands itself to the tables of the layer below
 * (phase one, field declaration, happened when each module loaded). Adding a protocol is one
 * file plus one line here.
 */
import { createDissectorTables, type DissectorTables } from '../core/index.js';
import * as dhcp from './dhcp.js';
import * as dns from './dns.js';
import * as eth from './eth.js';
import * as arp from './arp.js';
import * as http from './http.js';
import * as icmp from './icmp.js';
import * as icmpv6 from './icmpv6.js';
import * as igmp from './igmp.js';
import * as ip from './ip.js';
import * as ipv6 from './ipv6.js';
import * as ipReassembly from './ip-reassembly.js';
import * as nullLoopback from './null.js';
import * as ppp from './ppp.js';
import * as raw from './raw.js';
import * as sll from './sll.js';
import * as vlan from './vlan.js';
import * as tcp from './tcp.js';
import * as udp from './udp.js';
import * as vxlan from './vxlan.js';
import * as nflog from './nflog.js';
import * as loop from './loop.js';
import * as llc from './llc.js';
import * as stp from './stp.js';

const protocolModules: ReadonlyArray<{ handoff(tables: DissectorTables): void }> = [
  eth,
  ip,
  ipv6,
  ipReassembly,
  icmp,
  icmpv6,
  igmp,
  arp,
  vlan,
  sll,
  nullLoopback,
  raw,
  ppp,
  tcp,
  udp,
  dns,
  http,
  dhcp,
  vxlan,
  nflog,
  loop,
  llc,
  stp,
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
