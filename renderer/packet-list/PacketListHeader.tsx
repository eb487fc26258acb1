import { useRef, useState } from 'react';
import type { SortOrder } from '../../engine/api/contract';
import { sortByColumn } from '../app/actions';
import { ContextMenu } from '../detail/ContextMenu';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { useView, type ColumnKey } from '../state/view-store';
import { gridTemplate, type ColumnDefinition } from './columns';

interface Props {
  columns: readonly ColumnDefinition[];
}

function ariaSort(column: ColumnDefinition, sort: SortOrder | null | undefined): 'ascending' | 'descending' | 'none' {
  if (!sort || sort.column !== column.sort) return 'none';
  return sort.ascending ? 'ascending' : 'descending';
}

/**
 * The header row: click a title to sort (ascending, descending, frame order — as Wireshark
 * cycles), drag a handle to resize, right-click a custom column to remove it.
 */
export function PacketListHeader({ columns }: Props) {
  const t = useText();
  const widthOf = useView((state) => state.widthOf);
  useView((state) => state.widths);
  const sort = useCapture((state) => state.summary?.sort);
  const [menu, setMenu] = useState<{ x: number; y: number; abbrev: string } | null>(null);
  return (
    <div role="rowgroup" className="packet-list-header">
      <div role="row" aria-rowindex={1} className="packet-row" style={{ gridTemplateColumns: gridTemplate(columns, widthOf) }}>
        {columns.map((column, index) => {
          const direction = ariaSort(column, sort);
          return (
            <div
              key={column.key}
              role="columnheader"
              aria-colindex={index + 1}
              aria-sort={direction}
              title={column.abbrev ?? t('sortTitle')}
              className={`cell${column.numeric ? ' numeric' : ''}${direction !== 'none' ? ' sorted' : ''}`}
              onClick={() => void sortByColumn(column.sort)}
              onContextMenu={(event) => {
                if (!column.abbrev) return;
                event.preventDefault();
                setMenu({ x: event.clientX, y: event.clientY, abbrev: column.abbrev });
              }}
            >
              {/* The arrow goes first: a narrow column's ellipsis would hide it at the end. */}
              {direction !== 'none' && <span className="sort-arrow" aria-hidden="true">{direction === 'ascending' ? '▲ ' : '▼ '}</span>}
              {column.title ? t(column.title) : column.abbrev}
              <ResizeHandle column={column.key} />
            </div>
          );
        })}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          entries={[{ label: t('removeColumn', { field: menu.abbrev }), run: () => useView.getState().removeCustomColumn(menu.abbrev) }]}
          onClose={() => setMenu(null)}
        />
      )}
    </div>
  );
}

function ResizeHandle({ column }: { column: ColumnKey }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const setWidth = useView((state) => state.setWidth);
  return (
    <span
      className="resize-handle"
      aria-hidden="true"
      onClick={(event) => event.stopPropagation()}
      onPointerDown={(event) => {
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { x: event.clientX, width: useView.getState().widthOf(column) };
      }}
      onPointerMove={(event) => {
        if (start.current) setWidth(column, start.current.width + event.clientX - start.current.x);
      }}
      onPointerUp={() => (start.current = null)}
    />
  );
}
