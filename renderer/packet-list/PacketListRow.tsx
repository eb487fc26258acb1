import { memo } from 'react';
import type { PacketRow } from '../../engine/api/contract';
import type { ColumnId } from '../state/view-store';
import { rowColors } from './coloring-rules';
import { columns } from './columns';
import type { TimeFormat } from './time-format';

interface Props {
  index: number;
  row: PacketRow | undefined;
  top: number;
  height: number;
  template: string;
  selected: boolean;
  timeFormat: TimeFormat;
  onSelect(index: number, frame: number): void;
}

export const rowElementId = (index: number) => `packet-row-${index}`;

/** One packet, coloured by its colouring rule; a grey placeholder while its block loads. */
export const PacketListRow = memo(function PacketListRow({ index, row, top, height, template, selected, timeFormat, onSelect }: Props) {
  const colors = row && !selected && !row.marked ? rowColors(row.colorRule) : null;
  const className = `packet-row${selected ? ' selected' : ''}${row?.marked ? ' marked' : ''}${row ? '' : ' loading'}`;
  return (
    <div
      id={rowElementId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={className}
      style={{ top, height, gridTemplateColumns: template, ...(colors ?? {}) }}
      onMouseDown={() => row && onSelect(index, row.frame)}
    >
      {columns.map((column, columnIndex) => (
        <div key={column.id as ColumnId} role="gridcell" aria-colindex={columnIndex + 1} className={`cell${column.numeric ? ' numeric' : ''}`}>
          {row ? column.text(row, timeFormat) : ''}
        </div>
      ))}
    </div>
  );
});
