import { CaptureState, dissectTree, registry, type FrameInfo, type TreeNode } from '../../dissectors/index.js';

/** Dissects hand-made bytes as one frame of the given link type. */
export function dissectBytes(bytes: Uint8Array | number[], linkType = 1, frame: Partial<FrameInfo> = {}) {
  const data = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  const info: FrameInfo = { number: 1, seconds: 0, nanoseconds: 0, capturedLength: data.length, originalLength: data.length, linkType, interfaceId: 0, ...frame };
  return dissectTree(info, data, new CaptureState(), true);
}

/** Every node of the tree, depth first. */
export function* walk(nodes: TreeNode[]): Generator<TreeNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}

/** The first node for `abbrev`, or undefined. */
export function findNode(nodes: TreeNode[], abbrev: string): TreeNode | undefined {
  const field = registry.find(abbrev);
  if (!field) throw new Error(`no such field ${abbrev}`);
  for (const node of walk(nodes)) if (node.field === field.id) return node;
  return undefined;
}

/** Parses "00 11 22 …" hex (whitespace ignored) into bytes. */
export function hexBytes(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(clean.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}
