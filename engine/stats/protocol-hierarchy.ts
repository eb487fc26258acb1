import { registry } from '../../dissectors/index.js';
import type { ProtocolHierarchy, ProtocolHierarchyNode } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { framesPassing } from './frame-filter.js';

/**
 * Protocol Hierarchy Statistics (`-z io,phs`) from the protocol-stack column alone: each frame
 * counts once, with its length, at every protocol on its path (the frame protocol itself is
 * the root and not shown, as in tshark). No frame is dissected.
 */
export async function protocolHierarchy(session: CaptureSession, filter: string | null = null): Promise<ProtocolHierarchy> {
  const store = session.store;
  const passing = await framesPassing(session, filter);
  // Frames and bytes per distinct stack first (a capture has few), then the tree.
  const framesPerStack = new Float64Array(store.stacks.size);
  const bytesPerStack = new Float64Array(store.stacks.size);
  let frames = 0;
  let bytes = 0;
  for (let index = 0; index < store.count; index++) {
    if (!passing[index]) continue;
    const stack = store.stack[index];
    framesPerStack[stack]++;
    bytesPerStack[stack] += store.originalLength[index];
    frames++;
    bytes += store.originalLength[index];
  }
  const roots: ProtocolHierarchyNode[] = [];
  // Children in order of first appearance, like tshark: visit stacks by their first frame.
  for (const stackId of stacksInOrderOfFirstFrame(session, passing)) {
    let level = roots;
    for (const protocol of pathOf(session, stackId)) {
      let node = level.find((candidate) => candidate.protocol === protocol);
      if (!node) {
        node = { protocol, frames: 0, bytes: 0, children: [] };
        level.push(node);
      }
      node.frames += framesPerStack[stackId];
      node.bytes += bytesPerStack[stackId];
      level = node.children;
    }
  }
  return { frames, bytes, roots };
}

/**
 * The protocols below "frame" on a stack, by filter name, as tshark's hierarchy sees them: only
 * top-level tree items. Wireshark's ICMP and ICMPv6 put what they carry (an echo's data, the
 * datagram quoted in an error) inside their own subtree, so it is left out; a malformed mark
 * found in there still counts.
 */
function pathOf(session: CaptureSession, stackId: number): string[] {
  const names = session.store.stacks.get(stackId).protocols.map((id) => registry.byId(id).abbrev);
  const path: string[] = [];
  for (let position = names[0] === 'frame' ? 1 : 0; position < names.length; position++) {
    const name = names[position];
    path.push(name);
    if (name === 'icmp' || name === 'icmpv6') {
      path.push(...names.slice(position + 1).filter((rest) => rest.startsWith('_ws.')));
      break;
    }
  }
  return path;
}

function stacksInOrderOfFirstFrame(session: CaptureSession, passing: Uint8Array): number[] {
  const store = session.store;
  const seen = new Uint8Array(store.stacks.size);
  const order: number[] = [];
  for (let index = 0; index < store.count && order.length < store.stacks.size; index++) {
    const stack = store.stack[index];
    if (passing[index] && !seen[stack]) {
      seen[stack] = 1;
      order.push(stack);
    }
  }
  return order;
}
