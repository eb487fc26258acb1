import { declareField, declareProtocol, type PacketContext } from '../core/index.js';

/** Bytes no dissector claimed. Wireshark shows them as "Data (N bytes)". */
export const dataProtocol = declareProtocol('data', 'Data', 'DATA', {
  en: 'Bytes PacketLens does not decode further: an application protocol it does not know, or a payload without a recognisable format.',
  zh: 'PacketLens 未进一步解码的字节：未知的应用层协议，或没有可识别格式的载荷。',
});

const hf = {
  data: declareField('data.data', 'Data', 'bytes', {
    explain: { en: 'The undecoded bytes themselves.', zh: '未解码的原始字节。' },
  }),
  len: declareField('data.len', 'Length', 'uint32', {
    explain: { en: 'How many undecoded bytes there are.', zh: '未解码字节的数量。' },
  }),
};

/** Shows `data[offset, end)` as undecoded bytes; used by every table that finds no dissector. */
export function dissectData(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const length = Math.min(end, data.length) - offset;
  if (length <= 0) return;
  const sink = ctx.sink;
  sink.open(dataProtocol, offset, length, undefined, sink.detailed ? `Data (${length} byte${length === 1 ? '' : 's'})` : undefined);
  sink.add(hf.data, offset, length);
  sink.add(hf.len, offset, 0, length);
  sink.close();
}
