import { protocolsText, registry } from '../../dissectors/index.js';

/** One distinct protocol stack seen in the capture (eth → ip → tcp → http). */
export interface ProtocolStack {
  readonly protocols: readonly number[];
  /** tshark's frame.protocols text: "eth:ethertype:ip:tcp:http". */
  readonly text: string;
  /** A protocol occurs twice (IP in ICMP error, tunnels): column values hold only the first. */
  readonly repeated: boolean;
}

interface TrieNode {
  readonly stackId: number;
  readonly children: Map<number, TrieNode>;
}

/**
 * Interns protocol stacks so each frame stores a 16-bit stack id instead of a list: a capture
 * has a few dozen distinct stacks, whatever its size. Built as a trie so the summary path
 * finds a frame's stack with one map lookup per protocol, without building a key.
 */
export class ProtocolStacks {
  private readonly stacks: ProtocolStack[] = [];
  private readonly nodes: TrieNode[] = [];
  private readonly root: TrieNode;

  constructor() {
    this.root = this.create([], -1);
  }

  get rootId(): number {
    return this.root.stackId;
  }

  /** The stack reached from `stackId` by adding `protocolId` on top. */
  extend(stackId: number, protocolId: number): number {
    const node = this.nodes[stackId];
    let child = node.children.get(protocolId);
    if (child === undefined) {
      child = this.create([...this.stacks[stackId].protocols, protocolId], stackId);
      node.children.set(protocolId, child);
    }
    return child.stackId;
  }

  get(stackId: number): ProtocolStack {
    return this.stacks[stackId];
  }

  get size(): number {
    return this.stacks.length;
  }

  /** Per stack id: 1 when the stack contains `protocolId`. For filters over the stack column. */
  stacksContaining(protocolId: number): Uint8Array {
    const result = new Uint8Array(this.stacks.length);
    this.stacks.forEach((stack, id) => { result[id] = stack.protocols.includes(protocolId) ? 1 : 0; });
    return result;
  }

  private create(protocols: number[], _parent: number): TrieNode {
    const stackId = this.stacks.length;
    // The frame pseudo-protocol and expert marks (malformed) are in the stack, not in frame.protocols.
    const names = protocols.map((id) => registry.byId(id)).filter((field) => field.type === 'protocol' && field.abbrev !== 'frame').map((field) => field.abbrev);
    this.stacks.push({ protocols, text: protocolsText(names), repeated: new Set(protocols).size !== protocols.length });
    const node: TrieNode = { stackId, children: new Map() };
    this.nodes.push(node);
    return node;
  }
}
