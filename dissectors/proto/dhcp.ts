import { declareField, declareProtocol, etherToString, ipv4ToString, latin1, need, u16, u32, type DissectorTables, type PacketContext } from '../core/index.js';

/** DHCP (RFC 2131) and the BOOTP message it extends (RFC 951), with options (RFC 2132). UDP 67/68. */
export const dhcp = declareProtocol('dhcp', 'Dynamic Host Configuration Protocol', 'DHCP', {
  en: 'How a host gets an IP address and settings: Discover, Offer, Request, ACK between client and server.',
  zh: '主机获取 IP 地址和网络设置的方式：客户端与服务器之间的 Discover、Offer、Request、ACK。',
});

const e = (en: string, zh: string) => ({ en, zh });

const messageTypeNames: Readonly<Record<number, string>> = {
  1: 'Discover', 2: 'Offer', 3: 'Request', 4: 'Decline', 5: 'ACK', 6: 'NAK', 7: 'Release', 8: 'Inform',
  9: 'Force Renew', 10: 'Lease query', 11: 'Lease Unassigned', 12: 'Lease Unknown', 13: 'Lease Active',
};

const optionNames: Readonly<Record<number, string>> = {
  0: 'Padding', 1: 'Subnet Mask', 2: 'Time Offset', 3: 'Router', 4: 'Time Server', 6: 'Domain Name Server',
  12: 'Host Name', 15: 'Domain Name', 26: 'Interface MTU', 28: 'Broadcast Address', 42: 'Network Time Protocol Servers',
  43: 'Vendor-Specific Information', 44: 'NetBIOS over TCP/IP Name Server', 46: 'NetBIOS over TCP/IP Node Type',
  47: 'NetBIOS over TCP/IP Scope', 50: 'Requested IP Address', 51: 'IP Address Lease Time', 53: 'DHCP Message Type',
  54: 'DHCP Server Identifier', 55: 'Parameter Request List', 57: 'Maximum DHCP Message Size', 58: 'Renewal Time Value',
  59: 'Rebinding Time Value', 60: 'Vendor class identifier', 61: 'Client identifier', 81: 'Client Fully Qualified Domain Name',
  82: 'Agent Information Option', 119: 'Domain Search', 121: 'Classless Static Route', 249: 'Private/Classless Static Route (Microsoft)',
  252: 'Private/Proxy autodiscovery', 255: 'End',
};

const hf = {
  type: declareField('dhcp.type', 'Message type', 'uint8', { values: { 1: 'Boot Request', 2: 'Boot Reply' }, explain: e('1 from the client (request), 2 from the server (reply); the DHCP message type option says which step.', '1 为客户端请求，2 为服务器应答；具体步骤由 DHCP 消息类型选项给出。') }),
  hwType: declareField('dhcp.hw.type', 'Hardware type', 'uint8', { base: 'hex', values: { 1: 'Ethernet' }, explain: e('The client\'s link type; 0x01 is Ethernet.', '客户端的链路类型；0x01 为以太网。') }),
  hwLength: declareField('dhcp.hw.len', 'Hardware address length', 'uint8', { explain: e('Bytes in the client hardware address (6 for a MAC address).', '客户端硬件地址的字节数（MAC 地址为 6）。') }),
  hops: declareField('dhcp.hops', 'Hops', 'uint8', { explain: e('Relay agents the message passed through.', '消息经过的中继代理数量。') }),
  id: declareField('dhcp.id', 'Transaction ID', 'uint32', { base: 'hex', explain: e('Random number chosen by the client that ties the four steps of one exchange together.', '客户端选择的随机数，把一次交互的四个步骤关联在一起。') }),
  secs: declareField('dhcp.secs', 'Seconds elapsed', 'uint16', { explain: e('Seconds since the client began acquiring or renewing an address.', '客户端开始获取或续租地址以来的秒数。') }),
  flags: declareField('dhcp.flags', 'Bootp flags', 'uint16', { base: 'hex', explain: e('The broadcast bit asks the server to broadcast its reply (the client has no address yet).', '广播位要求服务器以广播方式应答（客户端尚无地址）。') }),
  broadcast: declareField('dhcp.flags.bc', 'Broadcast flag', 'bool', { bitmask: 0x8000, trueFalse: ['Broadcast', 'Unicast'], explain: e('Set when the client cannot receive unicast before it has an address.', '客户端在获得地址前无法接收单播时置位。') }),
  reservedFlags: declareField('dhcp.flags.reserved', 'Reserved flags', 'uint16', { base: 'hex', bitmask: 0x7fff, explain: e('Must be zero.', '必须为 0。') }),
  clientIp: declareField('dhcp.ip.client', 'Client IP address', 'ipv4', { explain: e('The client\'s current address when renewing; 0.0.0.0 otherwise.', '续租时为客户端当前地址；否则为 0.0.0.0。') }),
  yourIp: declareField('dhcp.ip.your', 'Your (client) IP address', 'ipv4', { explain: e('The address the server offers or assigns to the client.', '服务器提供或分配给客户端的地址。') }),
  serverIp: declareField('dhcp.ip.server', 'Next server IP address', 'ipv4', { explain: e('Server for the next boot step (network boot, TFTP).', '下一步引导所用的服务器（网络启动、TFTP）。') }),
  relayIp: declareField('dhcp.ip.relay', 'Relay agent IP address', 'ipv4', { explain: e('The relay that forwarded the message from another subnet; 0.0.0.0 when none.', '从其他子网转发该消息的中继；无中继时为 0.0.0.0。') }),
  macAddress: declareField('dhcp.hw.mac_addr', 'Client MAC address', 'ether', { explain: e('The client\'s MAC address, which the server uses to recognise it.', '客户端的 MAC 地址，服务器据此识别客户端。') }),
  hwAddress: declareField('dhcp.hw.addr', 'Client hardware address', 'bytes', { explain: e('The client hardware address when it is not an Ethernet MAC.', '非以太网 MAC 时的客户端硬件地址。') }),
  hwPadding: declareField('dhcp.hw.addr_padding', 'Client hardware address padding', 'bytes', { explain: e('Unused rest of the 16-byte hardware address field.', '16 字节硬件地址字段中未使用的部分。') }),
  serverName: declareField('dhcp.server', 'Server host name', 'string', { explain: e('Optional server name (64 bytes, usually empty).', '可选的服务器名（64 字节，通常为空）。') }),
  file: declareField('dhcp.file', 'Boot file name', 'string', { explain: e('Boot file for network booting (128 bytes, usually empty).', '网络启动所用的引导文件（128 字节，通常为空）。') }),
  cookie: declareField('dhcp.cookie', 'Magic cookie', 'ipv4', { explain: e('99.130.83.99 (0x63825363): marks the start of DHCP options.', '99.130.83.99（0x63825363）：标记 DHCP 选项的开始。') }),
  option: declareField('dhcp.option.type', 'Option', 'uint8', { values: optionNames, explain: e('Which option this is (53 message type, 50 requested address, 55 parameter list, …).', '选项类型（53 消息类型，50 请求的地址，55 参数列表等）。') }),
  optionLength: declareField('dhcp.option.length', 'Length', 'uint8', { explain: e('Bytes of option data.', '选项数据的字节数。') }),
  optionValue: declareField('dhcp.option.value', 'Value', 'bytes', { explain: e('The option data of an option PacketLens does not decode.', 'PacketLens 不解码的选项数据。') }),
  messageType: declareField('dhcp.option.dhcp', 'DHCP', 'uint8', { values: messageTypeNames, explain: e('The step: 1 Discover, 2 Offer, 3 Request, 5 ACK, 6 NAK, 7 Release, 8 Inform.', '步骤：1 Discover，2 Offer，3 Request，5 ACK，6 NAK，7 Release，8 Inform。') }),
  subnetMask: declareField('dhcp.option.subnet_mask', 'Subnet Mask', 'ipv4', { explain: e('The network mask for the assigned address.', '所分配地址的子网掩码。') }),
  router: declareField('dhcp.option.router', 'Router', 'ipv4', { explain: e('Default gateway.', '默认网关。') }),
  dnsServer: declareField('dhcp.option.domain_name_server', 'Domain Name Server', 'ipv4', { explain: e('A DNS server the client should use.', '客户端应使用的 DNS 服务器。') }),
  hostname: declareField('dhcp.option.hostname', 'Host Name', 'string', { explain: e('The client\'s name.', '客户端的名字。') }),
  domainName: declareField('dhcp.option.domain_name', 'Domain Name', 'string', { explain: e('The DNS domain of the network.', '该网络的 DNS 域。') }),
  requestedIp: declareField('dhcp.option.requested_ip_address', 'Requested IP Address', 'ipv4', { explain: e('The address the client asks for (often its previous one).', '客户端请求的地址（常为其之前的地址）。') }),
  leaseTime: declareField('dhcp.option.ip_address_lease_time', 'IP Address Lease Time', 'uint32', { explain: e('Seconds the client may use the address.', '客户端可使用该地址的秒数。') }),
  serverId: declareField('dhcp.option.dhcp_server_id', 'DHCP Server Identifier', 'ipv4', { explain: e('Which server made the offer; the Request names it to accept that offer.', '提供该 Offer 的服务器；Request 中用它表示接受该 Offer。') }),
  requestItem: declareField('dhcp.option.request_list_item', 'Parameter Request List Item', 'uint8', { values: optionNames, explain: e('An option the client wants in the reply.', '客户端希望应答中包含的选项。') }),
  maxMessageSize: declareField('dhcp.option.dhcp_max_message_size', 'Maximum DHCP Message Size', 'uint16', { explain: e('Largest DHCP message the client accepts.', '客户端接受的最大 DHCP 消息。') }),
  renewal: declareField('dhcp.option.renewal_time_value', 'Renewal Time Value', 'uint32', { explain: e('Seconds until the client should renew with its server (T1).', '客户端应向服务器续租前的秒数（T1）。') }),
  rebinding: declareField('dhcp.option.rebinding_time_value', 'Rebinding Time Value', 'uint32', { explain: e('Seconds until the client asks any server (T2).', '客户端向任意服务器续租前的秒数（T2）。') }),
  vendorClass: declareField('dhcp.option.vendor_class_id', 'Vendor class identifier', 'string', { explain: e('The client\'s vendor and type (e.g. MSFT 5.0).', '客户端厂商及类型（如 MSFT 5.0）。') }),
  end: declareField('dhcp.option.end', 'Option End', 'uint8', { explain: e('255 ends the option list.', '255 表示选项列表结束。') }),
  padding: declareField('dhcp.option.padding', 'Padding', 'bytes', { explain: e('Zero bytes after the end option.', '结束选项之后的零字节。') }),
};

const fixedLength = 236;
const cookie = 0x63825363;

/** Options whose value is a list of IPv4 addresses, a single address, a number or text. */
const addressOptions: Readonly<Record<number, typeof hf.router>> = { 1: hf.subnetMask, 3: hf.router, 6: hf.dnsServer, 50: hf.requestedIp, 54: hf.serverId };
const numberOptions: Readonly<Record<number, typeof hf.leaseTime>> = { 51: hf.leaseTime, 58: hf.renewal, 59: hf.rebinding };
const textOptions: Readonly<Record<number, typeof hf.hostname>> = { 12: hf.hostname, 15: hf.domainName, 60: hf.vendorClass };

/** Text of a NUL-padded fixed field: up to the first NUL. */
function fixedString(data: Uint8Array, offset: number, length: number): string {
  let stop = offset;
  while (stop < offset + length && data[stop] !== 0) stop++;
  return latin1(data, offset, stop - offset);
}

export function dissectDhcp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('DHCP');
  const depth = sink.depth;
  // Info comes first, from what is there: a message cut short still says what it was.
  need(data, offset, 34, end, 'dhcp/bootp');
  const messageType = offset + fixedLength <= data.length ? findMessageType(data, offset + fixedLength, end) : -1;
  const typeName = messageType < 0 ? undefined : messageTypeNames[messageType] ?? `Unknown Message Type (0x${messageType.toString(16).padStart(2, '0')})`;
  const id = u32(data, offset + 4);
  if (typeName !== undefined) columns?.setInfo(`DHCP ${typeName.padEnd(8)} - Transaction ID 0x${id.toString(16)}`);
  else {
    columns?.setProtocol('BOOTP');
    const mac = etherToString(data, offset + 28);
    columns?.setInfo(data[offset] === 1 ? `Boot Request from ${mac} (${mac})` : 'Boot Reply');
  }
  sink.open(dhcp, offset, Math.min(end, data.length) - offset, undefined, sink.detailed ? `Dynamic Host Configuration Protocol${typeName ? ` (${typeName})` : ''}` : undefined);
  sink.add(hf.type, offset, 1, data[offset]);
  sink.add(hf.hwType, offset + 1, 1, data[offset + 1]);
  const hardwareLength = data[offset + 2];
  sink.add(hf.hwLength, offset + 2, 1, hardwareLength);
  sink.add(hf.hops, offset + 3, 1, data[offset + 3]);
  sink.add(hf.id, offset + 4, 4, id);
  sink.add(hf.secs, offset + 8, 2, u16(data, offset + 8));
  const flags = u16(data, offset + 10);
  sink.open(hf.flags, offset + 10, 2, flags, sink.detailed ? `Bootp flags: 0x${flags.toString(16).padStart(4, '0')} (${flags & 0x8000 ? 'Broadcast' : 'Unicast'})` : undefined);
  sink.add(hf.broadcast, offset + 10, 2, (flags & 0x8000) !== 0);
  sink.add(hf.reservedFlags, offset + 10, 2, flags & 0x7fff);
  sink.close();
  sink.add(hf.clientIp, offset + 12, 4, u32(data, offset + 12));
  sink.add(hf.yourIp, offset + 16, 4, u32(data, offset + 16));
  sink.add(hf.serverIp, offset + 20, 4, u32(data, offset + 20));
  sink.add(hf.relayIp, offset + 24, 4, u32(data, offset + 24));
  if (data[offset + 1] === 1 && hardwareLength === 6) {
    sink.add(hf.macAddress, offset + 28, 6);
    need(data, offset + 34, 10, end, 'dhcp/bootp');
    sink.add(hf.hwPadding, offset + 34, 10);
  } else {
    need(data, offset + 28, 16, end, 'dhcp/bootp');
    sink.add(hf.hwAddress, offset + 28, 16);
  }
  need(data, offset + 44, 64, end, 'dhcp/bootp');
  const serverName = fixedString(data, offset + 44, 64);
  sink.add(hf.serverName, offset + 44, 64, serverName, sink.detailed && serverName === '' ? 'Server host name not given' : undefined);
  need(data, offset + 108, 128, end, 'dhcp/bootp');
  const file = fixedString(data, offset + 108, 128);
  sink.add(hf.file, offset + 108, 128, file, sink.detailed && file === '' ? 'Boot file name not given' : undefined);
  const optionsStart = offset + fixedLength;
  if (optionsStart + 4 <= Math.min(end, data.length) && u32(data, optionsStart) === cookie) {
    sink.add(hf.cookie, optionsStart, 4, cookie, sink.detailed ? 'Magic cookie: DHCP' : undefined);
    dissectOptions(ctx, data, optionsStart + 4, end);
  }
  sink.unwindTo(depth);
}

/**
 * The DHCP message type (option 53) without building anything, or -1. Like Wireshark's first
 * pass over the options, the walk goes to the End option: options cut by the snap length
 * before it leave the message a plain BOOTP one.
 */
function findMessageType(data: Uint8Array, offset: number, end: number): number {
  if (offset + 4 > Math.min(end, data.length) || u32(data, offset) !== cookie) return -1;
  let messageType = -1;
  for (let index = offset + 4; index < end; ) {
    if (index >= data.length) return -1;
    const code = data[index];
    if (code === 255) return messageType;
    if (code === 0) { index++; continue; }
    if (index + 1 >= data.length) return -1;
    const length = data[index + 1];
    if (index + 2 + length > data.length) return -1;
    if (code === 53 && length >= 1) messageType = data[index + 2];
    index += 2 + length;
  }
  return messageType;
}

function dissectOptions(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  let index = offset;
  while (index < end) {
    need(data, index, 1, end, 'dhcp/bootp');
    const code = data[index];
    if (code === 255) {
      sink.openText('Option: (255) End', index, 1);
      // tshark's End item carries option type 0 (its option node is added with value 0).
      sink.add(hf.option, index, 1, 0);
      sink.add(hf.end, index, 1, code);
      sink.close();
      index++;
      const available = Math.min(end, data.length);
      if (index < available) sink.add(hf.padding, index, available - index);
      return;
    }
    if (code === 0) {
      sink.add(hf.padding, index, 1);
      index++;
      continue;
    }
    need(data, index, 2, end, 'dhcp/bootp');
    const length = data[index + 1];
    need(data, index + 2, length, end, 'dhcp/bootp');
    const value = index + 2;
    sink.openText(sink.detailed ? optionLabel(data, code, value, length) : '', index, 2 + length);
    sink.add(hf.option, index, 1, code);
    sink.add(hf.optionLength, index + 1, 1, length);
    // Every option shows its raw value first, then the decoded fields (as tshark does).
    if (length > 0) sink.add(hf.optionValue, value, length);
    dissectOptionValue(ctx, data, code, value, length);
    sink.close();
    index = value + length;
  }
}

function dissectOptionValue(ctx: PacketContext, data: Uint8Array, code: number, value: number, length: number): void {
  const sink = ctx.sink;
  const addressField = addressOptions[code];
  if (addressField !== undefined && length % 4 === 0 && length > 0) {
    for (let at = value; at < value + length; at += 4) sink.add(addressField, at, 4, u32(data, at));
    return;
  }
  const numberField = numberOptions[code];
  if (numberField !== undefined && length === 4) {
    sink.add(numberField, value, 4, u32(data, value));
    return;
  }
  const textField = textOptions[code];
  if (textField !== undefined) {
    sink.add(textField, value, length, fixedString(data, value, length));
    return;
  }
  switch (code) {
    case 53:
      if (length === 1) return sink.add(hf.messageType, value, 1, data[value]);
      break;
    case 55:
      for (let at = value; at < value + length; at++) {
        sink.add(hf.requestItem, at, 1, data[at], sink.detailed ? `Parameter Request List Item: (${data[at]}) ${optionNames[data[at]] ?? 'Unknown'}` : undefined);
      }
      return;
    case 57:
      if (length === 2) return sink.add(hf.maxMessageSize, value, 2, u16(data, value));
      break;
    case 61:
      if (length === 7 && data[value] === 1) {
        sink.add(hf.hwType, value, 1, 1);
        sink.add(hf.macAddress, value + 1, 6);
        return;
      }
      break;
  }
}

/** "Option: (53) DHCP Message Type (Discover)", "Option: (50) Requested IP Address (192.168.100.129)". */
function optionLabel(data: Uint8Array, code: number, value: number, length: number): string {
  const name = optionNames[code] ?? 'Unknown';
  let detail = '';
  if (code === 53 && length === 1) detail = ` (${messageTypeNames[data[value]] ?? 'Unknown'})`;
  else if ((code === 50 || code === 54 || code === 1) && length === 4) detail = ` (${ipv4ToString(u32(data, value))})`;
  else if (numberOptions[code] !== undefined && length === 4) detail = ` (${u32(data, value)}s)`;
  return `Option: (${code}) ${name}${detail}`;
}

export function handoff(tables: DissectorTables): void {
  tables.udpPort.add(67, dissectDhcp);
  tables.udpPort.add(68, dissectDhcp);
}
