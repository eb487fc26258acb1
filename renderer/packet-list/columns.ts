import type { PacketRow, SortColumn } from '../../engine/api/contract';
import type { MessageKey } from '../i18n/index';
import type { ColumnKey } from '../state/view-store';
import { formatTime, type TimeFormat } from './time-format';

export interface ColumnDefinition {
  key: ColumnKey;
  /** What the engine sorts by for this column. */
  sort: SortColumn;
  /** A message key for default columns; custom columns show their field abbrev. */
  title: MessageKey | null;
  abbrev: string | null;
  numeric: boolean;
  text(row: PacketRow, timeFormat: TimeFormat): string;
}

/** Wireshark's default columns, in its order. */
export const defaultColumns: readonly ColumnDefinition[] = [
  { key: 'number', sort: 'number', title: 'columnNumber', abbrev: null, numeric: true, text: (row) => String(row.frame) },
  { key: 'time', sort: 'time', title: 'columnTime', abbrev: null, numeric: true, text: (row, format) => formatTime(row, format) },
  { key: 'source', sort: 'source', title: 'columnSource', abbrev: null, numeric: false, text: (row) => row.source },
  { key: 'destination', sort: 'destination', title: 'columnDestination', abbrev: null, numeric: false, text: (row) => row.destination },
  { key: 'protocol', sort: 'protocol', title: 'columnProtocol', abbrev: null, numeric: false, text: (row) => row.protocol },
  { key: 'length', sort: 'length', title: 'columnLength', abbrev: null, numeric: true, text: (row) => String(row.length) },
  { key: 'info', sort: 'info', title: 'columnInfo', abbrev: null, numeric: false, text: (row) => row.info },
];

/** The default columns, then one per custom field (Wireshark appends custom columns). */
export function packetColumns(customColumns: readonly string[]): ColumnDefinition[] {
  return [
    ...defaultColumns,
    ...customColumns.map((abbrev, index): ColumnDefinition => ({
      key: `custom:${abbrev}`, sort: `custom${index}`, title: null, abbrev, numeric: false, text: (row) => row.custom[index] ?? '',
    })),
  ];
}

export function gridTemplate(columns: readonly ColumnDefinition[], widthOf: (key: ColumnKey) => number): string {
  return columns.map((column) => `${widthOf(column.key)}px`).join(' ');
}
