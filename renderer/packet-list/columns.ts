import type { PacketRow } from '../../engine/api/contract';
import type { MessageKey } from '../i18n/index';
import type { ColumnId } from '../state/view-store';
import { formatTime, type TimeFormat } from './time-format';

export interface ColumnDefinition {
  id: ColumnId;
  title: MessageKey;
  numeric: boolean;
  text(row: PacketRow, timeFormat: TimeFormat): string;
}

/** Wireshark's default columns, in its order. */
export const columns: readonly ColumnDefinition[] = [
  { id: 'number', title: 'columnNumber', numeric: true, text: (row) => String(row.frame) },
  { id: 'time', title: 'columnTime', numeric: true, text: (row, format) => formatTime(row, format) },
  { id: 'source', title: 'columnSource', numeric: false, text: (row) => row.source },
  { id: 'destination', title: 'columnDestination', numeric: false, text: (row) => row.destination },
  { id: 'protocol', title: 'columnProtocol', numeric: false, text: (row) => row.protocol },
  { id: 'length', title: 'columnLength', numeric: true, text: (row) => String(row.length) },
  { id: 'info', title: 'columnInfo', numeric: false, text: (row) => row.info },
];

export function gridTemplate(widths: Record<ColumnId, number>): string {
  return columns.map((column) => `${widths[column.id]}px`).join(' ');
}
