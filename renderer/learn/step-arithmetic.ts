import type { TcpConversationStep } from '../../engine/api/contract';

/** One sentence in both UI languages. */
export interface Sentence {
  en: string;
  zh: string;
}

const SYN = 0x002;
const FIN = 0x001;
const ACK = 0x010;
const RST = 0x004;

/** Sequence numbers a segment occupies: its payload bytes, plus one each for SYN and FIN (RFC 9293 §3.4). */
export function sequenceSpace(step: Pick<TcpConversationStep, 'flags' | 'len'>): number {
  return step.len + ((step.flags & SYN) !== 0 ? 1 : 0) + ((step.flags & FIN) !== 0 ? 1 : 0);
}

const side = (fromClient: boolean) => (fromClient ? { en: 'client', zh: '客户端' } : { en: 'server', zh: '服务器' });

/** "SYN", "FIN", "13 bytes", "13 bytes + FIN": what a segment put into the sequence space. */
function contents(step: TcpConversationStep): Sentence {
  const en: string[] = [];
  const zh: string[] = [];
  if (step.flags & SYN) { en.push('SYN'); zh.push('SYN'); }
  if (step.len > 0) { en.push(`${step.len} byte${step.len === 1 ? '' : 's'}`); zh.push(`${step.len} 字节数据`); }
  if (step.flags & FIN) { en.push('FIN'); zh.push('FIN'); }
  return { en: en.join(' + '), zh: zh.join(' + ') };
}

/** The sum that gives the segment's end: "0 + 1" (SYN), "1 + 13", "14 + 1" (FIN), "1 + 13 + 1". */
function sum(step: TcpConversationStep): string {
  const parts = [String(step.relSeq)];
  if (step.flags & SYN) parts.push('1');
  if (step.len > 0) parts.push(String(step.len));
  if (step.flags & FIN) parts.push('1');
  return parts.join(' + ');
}

/**
 * The sequence arithmetic of step `index`, for the stepper: which earlier segment its Ack
 * acknowledges and how (Seq + Len, +1 for SYN and FIN), and where this side's next Seq will
 * be. Relative numbers, as the ladder labels them.
 */
export function stepArithmetic(steps: readonly TcpConversationStep[], index: number): Sentence {
  const step = steps[index];
  const en: string[] = [];
  const zh: string[] = [];
  const from = side(step.fromClient);
  const peer = side(!step.fromClient);

  if (step.flags & RST) {
    en.push(`RST (Seq=${step.relSeq}) aborts the connection: it consumes no sequence number and is never acknowledged.`);
    zh.push(`RST（Seq=${step.relSeq}）中止连接：它不占用序号，也永远不会被确认。`);
    return { en: en.join(' '), zh: zh.join('') };
  }

  if (step.flags & ACK) {
    const previousAck = findLast(steps, index, (other) => other.fromClient === step.fromClient && (other.flags & ACK) !== 0);
    const acknowledged = findLast(steps, index, (other) => other.fromClient !== step.fromClient && sequenceSpace(other) > 0 && other.relSeq + sequenceSpace(other) === step.relAck);
    if (previousAck && previousAck.relAck === step.relAck) {
      en.push(`Ack=${step.relAck} repeats the ${from.en}'s previous acknowledgment: nothing new arrived from the ${peer.en}.`);
      zh.push(`Ack=${step.relAck} 与${from.zh}上一次的确认相同：没有收到${peer.zh}的新数据。`);
    } else if (acknowledged) {
      const what = contents(acknowledged);
      const synOrFin = (acknowledged.flags & (SYN | FIN)) !== 0;
      en.push(`Ack=${step.relAck} = ${sum(acknowledged)}: the ${from.en} acknowledges the ${peer.en}'s ${what.en} in packet ${acknowledged.frame} (Seq=${acknowledged.relSeq})${synOrFin ? `; ${acknowledged.flags & SYN ? 'SYN' : 'FIN'} consumes one sequence number, so the Ack is one more` : ''}. It names the next byte the ${from.en} expects.`);
      zh.push(`Ack=${step.relAck} = ${sum(acknowledged)}：${from.zh}确认${peer.zh}在第 ${acknowledged.frame} 个分组中发送的${what.zh}（Seq=${acknowledged.relSeq}）${synOrFin ? `；${acknowledged.flags & SYN ? 'SYN' : 'FIN'} 占用一个序号，所以确认号要加一` : ''}。确认号是${from.zh}期望收到的下一个字节的序号。`);
    } else {
      en.push(`Ack=${step.relAck}: the next byte the ${from.en} expects from the ${peer.en}.`);
      zh.push(`Ack=${step.relAck}：${from.zh}期望从${peer.zh}收到的下一个字节的序号。`);
    }
  }

  const space = sequenceSpace(step);
  if (step.flags & SYN) {
    en.push(`SYN consumes one sequence number: the ${from.en}'s initial sequence number shows as relative 0, so the ${peer.en} will acknowledge ${sum(step)} = ${step.relSeq + space}.`);
    zh.push(`SYN 占用一个序号：${from.zh}的初始序号显示为相对值 0，所以${peer.zh}将确认 ${sum(step)} = ${step.relSeq + space}。`);
  } else if (space > 0) {
    const what = contents(step);
    en.push(`This segment carries ${what.en} from Seq=${step.relSeq}${step.flags & FIN ? ' (FIN consumes one sequence number, like SYN)' : ''}: the ${peer.en} will acknowledge ${sum(step)} = ${step.relSeq + space}.`);
    zh.push(`本报文段从 Seq=${step.relSeq} 开始携带${what.zh}${step.flags & FIN ? '（FIN 与 SYN 一样占用一个序号）' : ''}：${peer.zh}将确认 ${sum(step)} = ${step.relSeq + space}。`);
  } else {
    en.push(`Len=0 and no SYN or FIN: this segment consumes no sequence number, so the ${from.en}'s next segment again starts at Seq=${step.relSeq}.`);
    zh.push(`Len=0 且没有 SYN 或 FIN：本报文段不占用序号，${from.zh}的下一个报文段仍从 Seq=${step.relSeq} 开始。`);
  }
  return { en: en.join(' '), zh: zh.join('') };
}

function findLast(steps: readonly TcpConversationStep[], before: number, test: (step: TcpConversationStep) => boolean): TcpConversationStep | undefined {
  for (let index = before - 1; index >= 0; index--) if (test(steps[index])) return steps[index];
  return undefined;
}
