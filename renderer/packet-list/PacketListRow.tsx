import { memo, type MouseEvent } from 'react';
import type { PacketRow } from '../../engine/api/contract';
import { useRowColors } from '../state/coloring-store';
import type { ColumnDefinition } from './columns';
import type { TimeFormat } from './time-format';

interface Props {
  index: number;
  row: PacketRow | undefined;
  columns: readonly ColumnDefinition[];
  top: number;
  height: number;
  template: string;
  selected: boolean;
  timeFormat: TimeFormat;
  onSelect(index: number, frame: number): void;
  onContextMenu(index: number, frame: number, event: MouseEvent): void;
}

export const rowElementId = (index: number) => `packet-row-${index}`;

/** One packet, coloured by its colouring rule; a grey placeholder while its block loads. */
export const PacketListRow = memo(function PacketListRow({ index, row, columns, top, height, template, selected, timeFormat, onSelect, onContextMenu }: Props) {
  const colors = useRowColors(row && !selected && !row.marked ? row.colorRule : null);
  const className = `packet-row${selected ? ' selected' : ''}${row?.marked ? ' marked' : ''}${row ? '' : ' loading'}`;
  return (
    <div
      id={rowElementId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={className}
      style={{ top, height, gridTemplateColumns: template, ...(colors ?? {}) }}
      onMouseDown={(event) => event.button === 0 && row && onSelect(index, row.frame)}
      onContextMenu={(event) => {
        event.preventDefault();
        if (row) onContextMenu(index, row.frame, event);
      }}
    >
      {columns.map((column, columnIndex) => (
        <div key={column.key} role="gridcell" aria-colindex={columnIndex + 1} className={`cell${column.numeric ? ' numeric' : ''}`}>
          {row ? column.text(row, timeFormat) : ''}
        </div>
      ))}
    </div>
  );
});
