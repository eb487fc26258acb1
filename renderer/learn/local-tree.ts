// dissectors/index registers every protocol, so the registry knows every field the engine sends.
import { registry } from '../../dissectors/index';
import type { DetailTree, TreeNode } from '../../dissectors/core/tree';
import type { FieldInfo, PacketDetail, TreeItem } from '../../engine/api/contract';

/**
 * The engine's detail tree with field ids renumbered for this page's own registry bundle (the
 * two may number fields differently; abbrevs are the common key), so the pure learning code in
 * dissectors/learn can read it. Paths stay the same: nodes are mapped one for one.
 */
const cache = new WeakMap<PacketDetail, DetailTree>();

export function localTree(detail: PacketDetail, engineFields: ReadonlyMap<number, FieldInfo>): DetailTree {
  const cached = cache.get(detail);
  if (cached) return cached;
  const localId = (engineId: number): number => {
    const abbrev = engineFields.get(engineId)?.abbrev;
    return abbrev === undefined ? -1 : registry.find(abbrev)?.id ?? -1;
  };
  const map = (item: TreeItem): TreeNode => ({
    field: item.field >= 0 ? localId(item.field) : -1,
    label: item.label,
    offset: item.offset,
    length: item.length,
    source: item.source,
    ...(item.value !== undefined ? { value: item.value } : {}),
    ...(item.children ? { children: item.children.map(map) } : {}),
  });
  const tree: DetailTree = { roots: detail.tree.map(map), sources: detail.sources };
  cache.set(detail, tree);
  return tree;
}

