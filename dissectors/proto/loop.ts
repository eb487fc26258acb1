import { declareField, declareProtocol, need, u16le, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';

/**
 * Ethernet Configuration Testing Protocol ("loopback", ethertype 0x9000, from the Ethernet
 * v2.0 specification): a skip count, then functions (forward to an address, reply) that
 * stations along the path act on in turn. Numbers are little-endian, unusually for Ethernet.
 */
export const loop = declareProtocol('loop', 'Configuration Test Protocol (loopback)', 'LOOP', {
  en: 'An old Ethernet self-test: the frame lists stations to forward it through and finally a reply; switches (e.g. Cisco keepalives) still send it.',
  zh: '一种早期的以太网自检协议：帧中列出要依次转发经过的站点，最后是应答；交换机（如 Cisco 的 keepalive）仍在发送。',
});

const functionReply = 1;
const functionForwardData = 2;
const functionNames: Readonly<Record<number, string>> = { [functionReply]: 'Reply', [functionForwardData]: 'Forward Data' };

const hf = {
  skipCount: declareField('loop.skipcount', 'skipCount', 'uint16', {
    explain: { en: 'Bytes of functions already done: the function at this offset (after the count) is the one the receiver acts on.', zh: '已完成的功能所占字节数：计数之后此偏移处的功能就是接收方要执行的功能。' },
  }),
  relevantFunction: declareField('loop.relevant_function', 'Relevant function', 'uint16', {
    values: functionNames,
    explain: { en: 'The function the skip count points at: what this receiver must do (1 reply, 2 forward).', zh: '跳过计数所指向的功能：本接收方要执行的操作（1 应答，2 转发）。' },
  }),
  function: declareField('loop.function', 'Function', 'uint16', {
    values: functionNames,
    explain: { en: 'One step of the test: 2 forward the frame to the address that follows, 1 reply (the last step).', zh: '测试中的一步：2 表示把帧转发到其后的地址，1 表示应答（最后一步）。' },
  }),
  forwardingAddress: declareField('loop.forwarding_address', 'Forwarding address', 'ether', {
    explain: { en: 'The station to forward the frame to for this step.', zh: '这一步要把帧转发到的站点。' },
  }),
  receiptNumber: declareField('loop.receipt_number', 'Receipt number', 'uint16', {
    explain: { en: 'A number the original sender chose to recognise the reply.', zh: '原发送方选定的编号，用来识别应答。' },
  }),
};

export function dissectLoop(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  ctx.columns?.setProtocol('LOOP');
  ctx.columns?.setInfo('');
  const depth = sink.depth;
  sink.open(loop, offset, Math.min(end, data.length) - offset);
  need(data, offset, 2, end, 'loop');
  const skipCount = u16le(data, offset);
  sink.add(hf.skipCount, offset, 2, skipCount);
  let cursor = offset + 2;
  for (;;) {
    need(data, cursor, 2, end, 'loop');
    const fn = u16le(data, cursor);
    if (cursor === offset + 2 + skipCount) {
      ctx.columns?.setInfo(functionNames[fn] ?? `Unknown function (${fn})`);
      sink.add(hf.relevantFunction, cursor, 2, fn);
    }
    sink.add(hf.function, cursor, 2, fn);
    cursor += 2;
    if (fn === functionReply) {
      need(data, cursor, 2, end, 'loop');
      sink.add(hf.receiptNumber, cursor, 2, u16le(data, cursor));
      cursor += 2;
      break;
    }
    if (fn !== functionForwardData) break;
    need(data, cursor, 6, end, 'loop');
    sink.add(hf.forwardingAddress, cursor, 6);
    cursor += 6;
  }
  sink.close(cursor - offset);
  sink.unwindTo(depth);
  dissectData(ctx, data, cursor, end);
}

export function handoff(tables: DissectorTables): void {
  tables.etherType.add(0x9000, dissectLoop);
}
