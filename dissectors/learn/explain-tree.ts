import { registry, type Field } from '../core/fields.js';
import type { DetailTree, TreeNode } from '../core/tree.js';
import { netmaskToPrefix } from './addresses.js';
import type { ExplainedValue, ValueContext } from './context.js';
import { explainValue } from './explain-value.js';
import type { Bilingual } from './text.js';

/**
 * Explanations for a node of a detail tree, the way the explain panel asks for them: the value
 * is read from the node (or its bytes), the context from the nodes around it — the same
 * protocol layer first (so a datagram quoted inside an ICMP error is read on its own), then
 * the whole packet (a DHCP subnet mask explains the addresses of the same packet).
 */

/** The node's value: what the tree kept, or the bytes it covers for addresses and byte fields. */
export function nodeValue(tree: DetailTree, node: TreeNode): ExplainedValue | undefined {
  if (node.value !== undefined) return node.value;
  const field = node.field >= 0 ? registry.byId(node.field) : undefined;
  if (!field) return undefined;
  const bytes = tree.sources[node.source]?.bytes;
  if (!bytes) return undefined;
  return bytes.subarray(node.offset, node.offset + node.length);
}

function* walk(nodes: readonly TreeNode[]): Generator<TreeNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}

/** The chain of nodes from a root down to `target` (inclusive), or [] when it is not in the tree. */
function pathTo(nodes: readonly TreeNode[], target: TreeNode): TreeNode[] {
  for (const node of nodes) {
    if (node === target) return [node];
    if (node.children) {
      const below = pathTo(node.children, target);
      if (below.length) return [node, ...below];
    }
  }
  return [];
}

function isProtocolNode(node: TreeNode): boolean {
  return node.field >= 0 && registry.byId(node.field).type === 'protocol';
}

class ContextReader {
  constructor(private readonly tree: DetailTree, private readonly scopes: readonly (readonly TreeNode[])[]) {}

  find(abbrev: string): TreeNode | undefined {
    const field = registry.find(abbrev);
    if (!field) return undefined;
    for (const scope of this.scopes) {
      for (const node of walk(scope)) if (node.field === field.id) return node;
    }
    return undefined;
  }

  number(abbrev: string): number | undefined {
    const node = this.find(abbrev);
    const value = node ? nodeValue(this.tree, node) : undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    return undefined;
  }
}

/**
 * Context for explaining values near `near` (a node of `tree`): the enclosing protocol layer is
 * searched first, then the packet. `overrides` (a prefix typed by the user) win.
 */
export function contextFromTree(tree: DetailTree, near?: TreeNode, overrides: ValueContext = {}): ValueContext {
  const path = near ? pathTo(tree.roots, near) : [];
  const layer = [...path].reverse().find(isProtocolNode);
  const reader = new ContextReader(tree, layer?.children ? [layer.children, tree.roots] : [tree.roots]);
  const mask = reader.number('dhcp.option.subnet_mask');
  const prefixLength = mask !== undefined && netmaskToPrefix(mask) >= 0 ? netmaskToPrefix(mask) : undefined;
  const scaleFactor = reader.number('tcp.window_size_scalefactor');
  const windowShift = scaleFactor === undefined ? undefined : scaleFactor < 0 ? scaleFactor : Math.log2(scaleFactor);
  const moreFragments = reader.number('ip.flags.mf');
  const padding = reader.find('eth.padding');
  const ethernetPayloadLength = padding ? ethernetPayloadBeforePadding(reader, padding) : undefined;
  const context: ValueContext = {
    prefixLength,
    icmpType: reader.number('icmp.type'),
    tcpFlags: reader.number('tcp.flags'),
    tcpSegmentLength: reader.number('tcp.len'),
    windowShift,
    moreFragments: moreFragments === undefined ? undefined : moreFragments !== 0,
    fragmentOffset: reader.number('ip.frag_offset'),
    ipHeaderLength: reader.number('ip.hdr_len'),
    arpOpcode: reader.number('arp.opcode'),
    ethernetPayloadLength,
  };
  return { ...withoutUndefined(context), ...withoutUndefined(overrides) };
}

/** The network-layer packet's length: from the Ethernet header's end to where the padding starts. */
function ethernetPayloadBeforePadding(reader: ContextReader, padding: TreeNode): number | undefined {
  const type = reader.find('eth.type');
  return type ? padding.offset - (type.offset + type.length) : undefined;
}

function withoutUndefined(context: ValueContext): ValueContext {
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined)) as ValueContext;
}

/** The field a node stands for, or undefined for a text-only line. */
function nodeFieldOf(node: TreeNode): Field | undefined {
  return node.field >= 0 ? registry.byId(node.field) : undefined;
}

/** Value explanations for one node of the tree (the explain panel's "how to read this value"). */
export function explainNode(tree: DetailTree, node: TreeNode, overrides: ValueContext = {}): Bilingual[] {
  const field = nodeFieldOf(node);
  if (!field) return [];
  const value = nodeValue(tree, node);
  if (value === undefined && field.type !== 'protocol') return [];
  return explainValue(field, value ?? 0, contextFromTree(tree, node, overrides));
}
