import type { TcpStateName } from '../../engine/api/contract';

/**
 * The TCP connection state diagram as RFC 9293 Figure 5 draws it: CLOSED at the top, the
 * handshake states, ESTABLISHED in the middle, the close states below, and a second CLOSED at
 * the bottom right where connections end. Coordinates are box centres in a 400×470 picture.
 */
export type DiagramNode = TcpStateName | 'CLOSED_END';

export const nodePositions: Readonly<Record<DiagramNode, { x: number; y: number }>> = {
  CLOSED: { x: 200, y: 24 },
  LISTEN: { x: 200, y: 92 },
  SYN_RCVD: { x: 62, y: 164 },
  SYN_SENT: { x: 338, y: 164 },
  ESTABLISHED: { x: 200, y: 236 },
  FIN_WAIT_1: { x: 62, y: 308 },
  CLOSE_WAIT: { x: 338, y: 308 },
  FIN_WAIT_2: { x: 62, y: 380 },
  CLOSING: { x: 200, y: 380 },
  LAST_ACK: { x: 338, y: 380 },
  TIME_WAIT: { x: 200, y: 446 },
  CLOSED_END: { x: 338, y: 446 },
};

export const boxWidth = 100;
export const boxHeight = 26;

export interface DiagramEdge {
  from: DiagramNode;
  to: DiagramNode;
  /** The event / action, as the RFC labels its arrows. */
  label: string;
}

/** Figure 5's arrows, plus FIN_WAIT_1 → TIME_WAIT on a FIN+ACK (the RFC's text, §3.10.7.4). */
export const edges: readonly DiagramEdge[] = [
  { from: 'CLOSED', to: 'LISTEN', label: 'passive OPEN' },
  { from: 'CLOSED', to: 'SYN_SENT', label: 'active OPEN / snd SYN' },
  { from: 'LISTEN', to: 'SYN_RCVD', label: 'rcv SYN / snd SYN,ACK' },
  { from: 'SYN_SENT', to: 'SYN_RCVD', label: 'rcv SYN / snd SYN,ACK' },
  { from: 'SYN_SENT', to: 'ESTABLISHED', label: 'rcv SYN,ACK / snd ACK' },
  { from: 'SYN_RCVD', to: 'ESTABLISHED', label: 'rcv ACK of SYN' },
  { from: 'SYN_RCVD', to: 'FIN_WAIT_1', label: 'CLOSE / snd FIN' },
  { from: 'ESTABLISHED', to: 'FIN_WAIT_1', label: 'CLOSE / snd FIN' },
  { from: 'ESTABLISHED', to: 'CLOSE_WAIT', label: 'rcv FIN / snd ACK' },
  { from: 'FIN_WAIT_1', to: 'FIN_WAIT_2', label: 'rcv ACK of FIN' },
  { from: 'FIN_WAIT_1', to: 'CLOSING', label: 'rcv FIN / snd ACK' },
  { from: 'FIN_WAIT_1', to: 'TIME_WAIT', label: 'rcv FIN,ACK' },
  { from: 'FIN_WAIT_2', to: 'TIME_WAIT', label: 'rcv FIN / snd ACK' },
  { from: 'CLOSING', to: 'TIME_WAIT', label: 'rcv ACK of FIN' },
  { from: 'CLOSE_WAIT', to: 'LAST_ACK', label: 'CLOSE / snd FIN' },
  { from: 'LAST_ACK', to: 'CLOSED_END', label: 'rcv ACK of FIN' },
  { from: 'TIME_WAIT', to: 'CLOSED_END', label: 'timeout 2MSL' },
];

/** Where CLOSED is drawn: the top before a connection, the bottom once it has ended (or was reset). */
export function nodeFor(state: TcpStateName, previous: TcpStateName | null): DiagramNode {
  if (state !== 'CLOSED') return state;
  return previous === null || previous === 'CLOSED' || previous === 'LISTEN' || previous === 'SYN_SENT' ? 'CLOSED' : 'CLOSED_END';
}

/** The point where the segment from a box's centre towards (towardX, towardY) leaves the box. */
export function boxExit(node: DiagramNode, towardX: number, towardY: number): { x: number; y: number } {
  const { x, y } = nodePositions[node];
  const dx = towardX - x;
  const dy = towardY - y;
  if (dx === 0 && dy === 0) return { x, y };
  const scale = Math.min(dx === 0 ? Infinity : (boxWidth / 2) / Math.abs(dx), dy === 0 ? Infinity : (boxHeight / 2) / Math.abs(dy));
  return { x: x + dx * scale, y: y + dy * scale };
}

/** The arrow between two nodes, from box edge to box edge. */
export function edgeLine(from: DiagramNode, to: DiagramNode): { x1: number; y1: number; x2: number; y2: number } {
  const a = nodePositions[from];
  const b = nodePositions[to];
  const start = boxExit(from, b.x, b.y);
  const end = boxExit(to, a.x, a.y);
  return { x1: start.x, y1: start.y, x2: end.x, y2: end.y };
}
