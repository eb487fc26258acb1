import { registry, valueName } from '../core/fields.js';
import { etherToString, ipv4ToString, ipv6ToString } from '../core/format.js';
import type { DetailTree, TreeNode } from '../core/tree.js';
import { headerShape, type CellLayout } from './header-layouts.js';
import type { Bilingual } from './text.js';

/**
 * RFC-style header diagrams: rows of 32 bits, one cell per header field, each cell tied to the
 * detail tree (the node's path) and to the hex pane (its bytes), so a click on either side can
 * select the other. Positions come from the RFC layout (header-layouts.ts); values are read
 * from the packet's own bits, so the diagram shows what is on the wire (raw sequence numbers,
 * the 4-bit data offset) while the tree shows Wireshark's interpretation.
 */

export interface DiagramCell {
  /** The registry field the cell stands for ('' for options or data without a field). */
  readonly abbrev: string;
  readonly label: Bilingual;
  /** Position in the header, in bits from its first bit; `bitWidth` is the real width even for variable cells. */
  readonly bitOffset: number;
  readonly bitWidth: number;
  readonly valueText: string;
  /** The bytes the cell lies in, within `DetailTree.sources[source]`, for the hex pane. */
  readonly byteOffset: number;
  readonly byteLength: number;
  /** Child indexes from `tree.roots` down to the node this cell links to; null when the tree has none. */
  readonly treePath: readonly number[] | null;
  /** Options and data: drawn as one full-width row whatever their length, as the RFCs draw them. */
  readonly variable: boolean;
  /** False when the capture was cut before the cell's bits (no value). */
  readonly captured: boolean;
}

/** One piece of a cell within a row: a cell crossing a row boundary (an address) has several. */
export interface DiagramPiece {
  readonly cell: number;
  /** Position within the row, 0–31, and width in bits. */
  readonly bitStart: number;
  readonly bitWidth: number;
  /** Whether this piece starts / ends its cell (draw the label once, close the box at the end). */
  readonly first: boolean;
  readonly last: boolean;
}

export interface DiagramRow {
  /** Bit offset of the row's start in the header (a multiple of 32 except after a variable row). */
  readonly bitOffset: number;
  readonly pieces: readonly DiagramPiece[];
}

export interface HeaderDiagram {
  readonly protocol: string;
  /** Index of the data source (DetailTree.sources) the header lies in. */
  readonly source: number;
  readonly headerOffset: number;
  readonly headerLength: number;
  readonly rowBits: 32;
  readonly cells: readonly DiagramCell[];
  readonly rows: readonly DiagramRow[];
  /** Path of the protocol's node in the tree. */
  readonly treePath: readonly number[];
}

const rowBits = 32;

/** Finds the `occurrence`-th node (0-based, depth first) of a whole protocol, with its path. */
function findProtocol(nodes: readonly TreeNode[], fieldId: number, occurrence: { remaining: number }, path: number[] = []): { node: TreeNode; path: number[] } | undefined {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node.field === fieldId && occurrence.remaining-- === 0) return { node, path: [...path, index] };
    if (node.children) {
      const found = findProtocol(node.children, fieldId, occurrence, [...path, index]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first node of `fieldId` inside a protocol's subtree, not descending into nested whole protocols (a quoted datagram). */
function findField(nodes: readonly TreeNode[], fieldId: number, path: readonly number[]): number[] | null {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node.field === fieldId) return [...path, index];
    const nested = node.field >= 0 && registry.byId(node.field).type === 'protocol' && !registry.byId(node.field).abbrev.includes('.');
    if (node.children && !nested) {
      const found = findField(node.children, fieldId, [...path, index]);
      if (found) return found;
    }
  }
  return null;
}

/** Reads `width` bits (≤ 32) starting `start` bits into `bytes` at `offset`, most significant first. */
function readBits(bytes: Uint8Array, offset: number, start: number, width: number): number {
  let value = 0;
  for (let bit = start; bit < start + width; bit++) {
    const byte = bytes[offset + (bit >> 3)];
    value = value * 2 + ((byte >> (7 - (bit & 7))) & 1);
  }
  return value;
}

function valueText(layout: CellLayout, bytes: Uint8Array, offset: number, bitOffset: number, bitWidth: number): string {
  const byteStart = offset + (bitOffset >> 3);
  switch (layout.format) {
    case 'ipv4': return ipv4ToString(readBits(bytes, offset, bitOffset, 32));
    case 'ipv6': return ipv6ToString(bytes, byteStart);
    case 'ether': return etherToString(bytes, byteStart);
    case 'bytes': return `${bitWidth / 8} byte${bitWidth === 8 ? '' : 's'}`;
    default: break;
  }
  if (bitWidth > 32) {
    let hex = '';
    for (let index = 0; index < bitWidth / 8; index++) hex += (bytes[byteStart + index] ?? 0).toString(16).padStart(2, '0');
    return `0x${hex}`;
  }
  const value = readBits(bytes, offset, bitOffset, bitWidth);
  const field = layout.abbrev ? registry.find(layout.abbrev) : undefined;
  const name = field && field.type !== 'bool' && !field.bitmask ? valueName(field.values, value) : undefined;
  const named = (text: string) => (name === undefined ? text : `${text} (${name})`);
  switch (layout.format) {
    case 'words': return `${value} (${value * 4} bytes)`;
    case 'binary': return value.toString(2).padStart(bitWidth, '0');
    case 'hex': return named(`0x${value.toString(16).padStart(Math.ceil(bitWidth / 4), '0')}`);
    default: return named(String(value));
  }
}

function layRows(cells: readonly DiagramCell[]): DiagramRow[] {
  const rows: DiagramRow[] = [];
  let current: { bitOffset: number; pieces: DiagramPiece[] } | undefined;
  cells.forEach((cell, index) => {
    if (cell.variable) {
      current = undefined;
      rows.push({ bitOffset: cell.bitOffset, pieces: [{ cell: index, bitStart: 0, bitWidth: rowBits, first: true, last: true }] });
      return;
    }
    for (let bit = cell.bitOffset; bit < cell.bitOffset + cell.bitWidth;) {
      const rowStart = bit - (bit % rowBits);
      if (!current || current.bitOffset !== rowStart) {
        current = { bitOffset: rowStart, pieces: [] };
        rows.push(current);
      }
      const width = Math.min(rowStart + rowBits, cell.bitOffset + cell.bitWidth) - bit;
      current.pieces.push({ cell: index, bitStart: bit - rowStart, bitWidth: width, first: bit === cell.bitOffset, last: bit + width === cell.bitOffset + cell.bitWidth });
      bit += width;
    }
  });
  return rows;
}

/**
 * The header diagram of a protocol in a dissected packet: `protocol` is eth, arp, ip, ipv6,
 * icmp, tcp or udp; `occurrence` picks among several (0 = outermost; an ICMP error's quoted IP
 * header is occurrence 1). Undefined when the packet has no such header or there is no layout.
 */
export function headerDiagram(tree: DetailTree, protocol: string, occurrence = 0): HeaderDiagram | undefined {
  const protocolField = registry.find(protocol);
  if (!protocolField) return undefined;
  const found = findProtocol(tree.roots, protocolField.id, { remaining: occurrence });
  if (!found) return undefined;
  const { node, path } = found;
  const bytes = tree.sources[node.source]?.bytes ?? new Uint8Array(0);
  const shape = headerShape(protocol, bytes, node.offset, node.length);
  if (!shape) return undefined;

  const cells: DiagramCell[] = [];
  let bitOffset = 0;
  const headerBits = shape.length * 8;
  for (const layout of shape.cells) {
    const bitWidth = layout.bits === 'variable' ? headerBits - bitOffset : layout.bits;
    if (bitWidth <= 0) continue;
    const field = layout.abbrev ? registry.find(layout.abbrev) : undefined;
    const captured = node.offset + Math.ceil((bitOffset + bitWidth) / 8) <= bytes.length;
    cells.push({
      abbrev: layout.abbrev,
      label: layout.label,
      bitOffset,
      bitWidth,
      valueText: captured ? valueText(layout, bytes, node.offset, bitOffset, bitWidth) : '',
      byteOffset: node.offset + (bitOffset >> 3),
      byteLength: Math.ceil((bitOffset + bitWidth) / 8) - (bitOffset >> 3),
      treePath: field && node.children ? findField(node.children, field.id, path) : null,
      variable: layout.bits === 'variable',
      captured,
    });
    bitOffset += bitWidth;
  }
  return { protocol, source: node.source, headerOffset: node.offset, headerLength: shape.length, rowBits, cells, rows: layRows(cells), treePath: path };
}

/** The tree node at a path from `headerDiagram` (a cell's `treePath`), or undefined. */
export function nodeAtPath(tree: DetailTree, path: readonly number[]): TreeNode | undefined {
  let nodes: readonly TreeNode[] | undefined = tree.roots;
  let node: TreeNode | undefined;
  for (const index of path) {
    node = nodes?.[index];
    nodes = node?.children;
  }
  return node;
}

/** The cell of a diagram that shows a byte of the hex pane (the first, for a byte shared by bit fields). */
export function cellAtByte(diagram: HeaderDiagram, source: number, byteOffset: number): number {
  if (source !== diagram.source) return -1;
  return diagram.cells.findIndex((cell) => byteOffset >= cell.byteOffset && byteOffset < cell.byteOffset + cell.byteLength);
}
