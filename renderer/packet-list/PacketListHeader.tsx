import { useRef } from 'react';
import { useText } from '../i18n/index';
import { useView, type ColumnId } from '../state/view-store';
import { columns, gridTemplate } from './columns';

/** The header row: column titles with drag handles to resize. */
export function PacketListHeader() {
  const t = useText();
  const widths = useView((state) => state.widths);
  return (
    <div role="rowgroup" className="packet-list-header">
      <div role="row" aria-rowindex={1} className="packet-row" style={{ gridTemplateColumns: gridTemplate(widths) }}>
        {columns.map((column, index) => (
          <div key={column.id} role="columnheader" aria-colindex={index + 1} className={`cell${column.numeric ? ' numeric' : ''}`}>
            {t(column.title)}
            <ResizeHandle column={column.id} />
          </div>
        ))}
      </div>
    </div>
  );
}

function ResizeHandle({ column }: { column: ColumnId }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const setWidth = useView((state) => state.setWidth);
  return (
    <span
      className="resize-handle"
      aria-hidden="true"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { x: event.clientX, width: useView.getState().widths[column] };
      }}
      onPointerMove={(event) => {
        if (start.current) setWidth(column, start.current.width + event.clientX - start.current.x);
      }}
      onPointerUp={() => (start.current = null)}
    />
  );
}
