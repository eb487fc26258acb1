import { memo, type MouseEvent } from 'react';
import type { VisibleLine } from './tree-model';

interface Props {
  line: VisibleLine;
  selected: boolean;
  /** Hover text: the field's abbrev and its explanation. */
  title: string;
  onSelect(path: string): void;
  onToggle(path: string, expanded: boolean): void;
  onContextMenu(path: string, event: MouseEvent): void;
}

export const treeItemId = (path: string) => `tree-item-${path.replace(/\./g, '-')}`;

/** One line of the detail tree (a flat treeitem with its level, as ARIA allows). */
export const TreeLine = memo(function TreeLine({ line, selected, title, onSelect, onToggle, onContextMenu }: Props) {
  return (
    <div
      id={treeItemId(line.path)}
      role="treeitem"
      aria-level={line.depth + 1}
      aria-expanded={line.expandable ? line.expanded : undefined}
      aria-selected={selected}
      className={`tree-line${selected ? ' selected' : ''}`}
      style={{ paddingLeft: 4 + line.depth * 16 }}
      title={title || undefined}
      onClick={() => onSelect(line.path)}
      onDoubleClick={() => line.expandable && onToggle(line.path, !line.expanded)}
      onContextMenu={(event) => {
        event.preventDefault();
        onSelect(line.path);
        onContextMenu(line.path, event);
      }}
    >
      <span
        className={`tree-toggle${line.expandable ? '' : ' leaf'}`}
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation();
          if (line.expandable) onToggle(line.path, !line.expanded);
        }}
      >
        {line.expandable ? (line.expanded ? '▾' : '▸') : ''}
      </span>
      {line.item.label}
    </div>
  );
});
