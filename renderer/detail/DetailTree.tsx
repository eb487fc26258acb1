import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useLanguage, useText } from '../i18n/index';
import { useFields } from '../state/fields-store';
import { useFilter } from '../state/filter-store';
import { useSelection } from '../state/selection-store';
import { useView } from '../state/view-store';
import { ContextMenu, type MenuEntry } from './ContextMenu';
import { explanationOf } from './field-explanation';
import { filterForItem, filterValue } from './filter-expression';
import { itemAt, parentPath, visibleLines } from './tree-model';
import { TreeLine, treeItemId } from './TreeLine';

/**
 * The detail tree of the selected packet: expand/collapse by mouse and keyboard, hover for the
 * field's explanation, right-click to filter on a field or copy its value.
 */
export function DetailTree() {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const detail = useSelection((state) => state.detail);
  const selectedPath = useSelection((state) => state.path);
  const expanded = useSelection((state) => state.expanded);
  const fields = useFields((state) => state.byId);
  const [menu, setMenu] = useState<{ x: number; y: number; path: string } | null>(null);

  const lines = useMemo(() => (detail ? visibleLines(detail.tree, expanded) : []), [detail, expanded]);
  const { selectPath, setExpanded } = useSelection.getState();
  const onToggle = useCallback((path: string, open: boolean) => useSelection.getState().setExpanded(path, open), []);
  const onSelect = useCallback((path: string) => useSelection.getState().selectPath(path), []);
  const onContextMenu = useCallback((path: string, event: MouseEvent) => setMenu({ x: event.clientX, y: event.clientY, path }), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  // Keep the selected line in view (keyboard moves, a click in the hex pane).
  useEffect(() => {
    if (selectedPath !== null) document.getElementById(treeItemId(selectedPath))?.scrollIntoView({ block: 'nearest' });
  }, [selectedPath, lines]);

  if (!detail) return <div className="detail-tree empty" role="tree" aria-label={t('packetDetails')}>{t('noPacketSelected')}</div>;

  const selectedItem = selectedPath !== null ? itemAt(detail.tree, selectedPath) : undefined;
  const selectedField = selectedItem ? fields.get(selectedItem.field) : undefined;

  const onKeyDown = (event: KeyboardEvent) => {
    const at = lines.findIndex((line) => line.path === selectedPath);
    const line = lines[at];
    let handled = true;
    if (event.key === 'ArrowDown') selectPath(lines[Math.min(lines.length - 1, at + 1)]?.path ?? null);
    else if (event.key === 'ArrowUp') selectPath(lines[Math.max(0, at - 1)]?.path ?? null);
    else if (event.key === 'ArrowRight' && line) {
      if (line.expandable && !line.expanded) setExpanded(line.path, true);
      else if (line.expanded) selectPath(lines[at + 1].path);
    } else if (event.key === 'ArrowLeft' && line) {
      const parent = parentPath(line.path);
      if (line.expanded) setExpanded(line.path, false);
      else if (parent !== null) selectPath(parent);
    } else if ((event.key === 'Enter' || event.key === ' ') && line?.expandable) setExpanded(line.path, !line.expanded);
    else if (event.key === 'ContextMenu' && line) {
      const box = document.getElementById(treeItemId(line.path))?.getBoundingClientRect();
      setMenu({ x: box ? box.left + 24 : 0, y: box ? box.bottom : 0, path: line.path });
    } else handled = false;
    if (handled) event.preventDefault();
  };

  const menuEntries = (path: string): MenuEntry[] => {
    const item = itemAt(detail.tree, path);
    if (!item) return [];
    const field = fields.get(item.field);
    const filter = filterForItem(item, field, detail.sources[item.source]?.bytes);
    const value = copyText(item.label, field ? filterValue(item, field, detail.sources[item.source]?.bytes) : null);
    const { setText, apply } = useFilter.getState();
    return [
      { label: t('applyAsFilter'), disabled: !filter, run: () => void apply(filter!) },
      { label: t('prepareAsFilter'), disabled: !filter, run: () => setText(filter!) },
      { label: t('applyAsColumn'), disabled: !field, run: () => useView.getState().addCustomColumn(field!.abbrev) },
      { label: t('copyValue'), disabled: !value, run: () => void navigator.clipboard?.writeText(value) },
    ];
  };

  return (
    <div className="detail-pane">
      <div
        className="detail-tree"
        role="tree"
        aria-label={t('packetDetails')}
        tabIndex={0}
        aria-activedescendant={selectedPath !== null ? treeItemId(selectedPath) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => selectedPath === null && lines[0] && selectPath(lines[0].path)}
      >
        {lines.map((line) => {
          const field = fields.get(line.item.field);
          const title = field ? [field.abbrev, explanationOf(field, language)].filter(Boolean).join(' — ') : '';
          return (
            <TreeLine key={line.path} line={line} selected={line.path === selectedPath} title={title} onSelect={onSelect} onToggle={onToggle} onContextMenu={onContextMenu} />
          );
        })}
      </div>
      <div className="field-explanation" aria-live="polite">
        {selectedField ? (
          <>
            <code>{selectedField.abbrev}</code> {explanationOf(selectedField, language)}
          </>
        ) : null}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} entries={menuEntries(menu.path)} onClose={closeMenu} />}
    </div>
  );
}

/** "Copy Value" copies what the tree shows after "Name: ", else the filter value. */
function copyText(label: string, value: string | null): string {
  const colon = label.indexOf(': ');
  return colon >= 0 ? label.slice(colon + 2) : value ?? '';
}
