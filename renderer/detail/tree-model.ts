import type { TreeItem } from '../../engine/api/contract';

/**
 * Positions in a detail tree are index paths ("2.0.3": the fourth child of the first child of
 * the third root). Expansion is remembered by a key made of the field ids along the path, so a
 * protocol opened in one packet stays open in the next, as in Wireshark.
 */
export type TreePath = string;

export interface VisibleLine {
  item: TreeItem;
  path: TreePath;
  depth: number;
  expandable: boolean;
  expanded: boolean;
}

/** A stable identity for an item within its parent: its field, or its label's words for text lines. */
function identity(item: TreeItem): string {
  return item.field >= 0 ? `f${item.field}` : `t${item.label.replace(/[\d.:]+/g, '#').slice(0, 40)}`;
}

export function childPath(parent: TreePath | null, index: number): TreePath {
  return parent === null ? String(index) : `${parent}.${index}`;
}

export function parentPath(path: TreePath): TreePath | null {
  const cut = path.lastIndexOf('.');
  return cut < 0 ? null : path.slice(0, cut);
}

export function itemAt(tree: readonly TreeItem[], path: TreePath): TreeItem | undefined {
  let items: readonly TreeItem[] | undefined = tree;
  let found: TreeItem | undefined;
  for (const part of path.split('.')) {
    found = items?.[Number(part)];
    if (!found) return undefined;
    items = found.children;
  }
  return found;
}

/** The expansion key of the item at `path`. */
export function expansionKey(tree: readonly TreeItem[], path: TreePath): string {
  const keys: string[] = [];
  let items: readonly TreeItem[] | undefined = tree;
  for (const part of path.split('.')) {
    const item: TreeItem | undefined = items?.[Number(part)];
    if (!item) break;
    keys.push(identity(item));
    items = item.children;
  }
  return keys.join('/');
}

/** The lines on screen: every root, and the children of expanded items, depth first. */
export function visibleLines(tree: readonly TreeItem[], expanded: ReadonlySet<string>): VisibleLine[] {
  const lines: VisibleLine[] = [];
  const visit = (items: readonly TreeItem[], parent: TreePath | null, parentKey: string, depth: number) => {
    items.forEach((item, index) => {
      const path = childPath(parent, index);
      const key = parentKey ? `${parentKey}/${identity(item)}` : identity(item);
      const expandable = (item.children?.length ?? 0) > 0;
      const isExpanded = expandable && expanded.has(key);
      lines.push({ item, path, depth, expandable, expanded: isExpanded });
      if (isExpanded) visit(item.children!, path, key, depth + 1);
    });
  };
  visit(tree, null, '', 0);
  return lines;
}

/** Expansion keys of every ancestor of `path`, to reveal it. */
export function ancestorKeys(tree: readonly TreeItem[], path: TreePath): string[] {
  const keys: string[] = [];
  for (let parent = parentPath(path); parent !== null; parent = parentPath(parent)) keys.push(expansionKey(tree, parent));
  return keys;
}

/**
 * The item a click on byte `offset` of data source `source` selects: the deepest item covering
 * that byte (the most specific field), and among equally deep ones the shortest. Null if none.
 */
export function deepestItemAt(tree: readonly TreeItem[], source: number, offset: number): TreePath | null {
  let best: { path: TreePath; depth: number; length: number } | null = null;
  const visit = (items: readonly TreeItem[], parent: TreePath | null, depth: number) => {
    items.forEach((item, index) => {
      const path = childPath(parent, index);
      const covers = item.source === source && item.length > 0 && offset >= item.offset && offset < item.offset + item.length;
      if (covers && (!best || depth > best.depth || (depth === best.depth && item.length < best.length))) best = { path, depth, length: item.length };
      if (item.children) visit(item.children, path, depth + 1);
    });
  };
  visit(tree, null, 0);
  return best === null ? null : (best as { path: TreePath }).path;
}
