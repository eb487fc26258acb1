import { registry, type Field } from './fields.js';
import { bitPicture, displayValue } from './format.js';
import type { FieldSink, FieldValue } from './sink.js';

/** One line of the detail tree. Plain data: it crosses IPC as JSON. */
export interface TreeNode {
  /** Field id in the registry, or -1 for a label-only line. */
  field: number;
  label: string;
  offset: number;
  length: number;
  /** Index into DetailTree.sources: 0 is the frame, others are reassembled buffers. */
  source: number;
  /** The field's value where it is a plain number, string or boolean (for "Copy value"). */
  value?: number | string | boolean;
  children?: TreeNode[];
}

export interface DataSource {
  name: string;
  bytes: Uint8Array;
}

export interface DetailTree {
  roots: TreeNode[];
  sources: DataSource[];
}

/** The tree path's sink: keeps every item and builds the labels a person reads. */
export class TreeSink implements FieldSink {
  readonly detailed = true;
  private readonly roots: TreeNode[] = [];
  private readonly stack: TreeNode[] = [];
  private readonly sources: DataSource[];
  private readonly sourceStack: number[] = [0];

  constructor(frameBytes: Uint8Array) {
    this.sources = [{ name: 'Frame', bytes: frameBytes }];
  }

  get depth(): number {
    return this.stack.length;
  }

  wants(): boolean {
    return true;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    if (field.hidden) return;
    this.append(this.node(field, offset, length, value, label));
  }

  open(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    const node = this.node(field, offset, length, value, label);
    node.children = [];
    this.append(node);
    this.stack.push(node);
  }

  text(label: string, offset: number, length: number): void {
    this.append({ field: -1, label, offset, length, source: this.currentSource() });
  }

  openText(label: string, offset: number, length: number): void {
    const node: TreeNode = { field: -1, label, offset, length, source: this.currentSource(), children: [] };
    this.append(node);
    this.stack.push(node);
  }

  close(length?: number): void {
    const node = this.stack.pop();
    if (node && length !== undefined) node.length = length;
  }

  unwindTo(depth: number): void {
    while (this.stack.length > depth) this.stack.pop();
  }

  beginSource(name: string, bytes: Uint8Array): void {
    this.sources.push({ name, bytes });
    this.sourceStack.push(this.sources.length - 1);
  }

  endSource(): void {
    if (this.sourceStack.length > 1) this.sourceStack.pop();
  }

  result(): DetailTree {
    return { roots: this.roots, sources: this.sources };
  }

  private currentSource(): number {
    return this.sourceStack[this.sourceStack.length - 1];
  }

  private append(node: TreeNode): void {
    const parent = this.stack[this.stack.length - 1] ?? this.lateFrameParent(node);
    if (parent) parent.children!.push(node);
    else this.roots.push(node);
  }

  /** frame.protocols is known only after the whole dissection; it belongs under the frame node. */
  private lateFrameParent(node: TreeNode): TreeNode | undefined {
    const frame = this.roots[0];
    if (node.field < 0 || !frame?.children || frame.field < 0) return undefined;
    return registry.byId(node.field).protocol === 'frame' && registry.byId(frame.field).abbrev === 'frame' ? frame : undefined;
  }

  private node(field: Field, offset: number, length: number, value: FieldValue, label: string | undefined): TreeNode {
    const source = this.currentSource();
    const node: TreeNode = { field: field.id, label: label ?? this.label(field, offset, length, value, source), offset, length, source };
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') node.value = value;
    return node;
  }

  private label(field: Field, offset: number, length: number, value: FieldValue, source: number): string {
    if (field.type === 'protocol' || field.type === 'none') return field.name;
    const bytes = this.sources[source].bytes;
    const shown = displayValue(field, value, bytes, offset, length);
    const text = `${field.name}: ${shown}${field.unit ?? ''}`;
    if (!field.bitmask || length < 1 || length > 4) return text;
    let raw = 0;
    for (let index = 0; index < length; index++) raw = raw * 256 + (bytes[offset + index] ?? 0);
    return `${bitPicture(raw, field.bitmask, length * 8)} = ${text}`;
  }
}

/** Finds the field a tree node stands for (undefined for label-only lines). */
export function nodeField(node: TreeNode): Field | undefined {
  return node.field < 0 ? undefined : registry.byId(node.field);
}
