import { create } from 'zustand';
import type { TimeFormat } from '../packet-list/time-format';
import { readStored, writeStored } from './persisted';

export const columnIds = ['number', 'time', 'source', 'destination', 'protocol', 'length', 'info'] as const;
export type ColumnId = (typeof columnIds)[number];
/** A column's key for widths: a default column's id, or `custom:<abbrev>`. */
export type ColumnKey = ColumnId | `custom:${string}`;

const defaultWidths: Record<ColumnId, number> = { number: 70, time: 110, source: 150, destination: 150, protocol: 80, length: 70, info: 600 };
const CUSTOM_WIDTH = 120;
const timeKey = 'packetlens.timeFormat';
const widthsKey = 'packetlens.columnWidths';
const customKey = 'packetlens.customColumns';
const MIN_WIDTH = 36;
const MAX_CUSTOM_COLUMNS = 32;

interface ViewState {
  timeFormat: TimeFormat;
  widths: Readonly<Record<string, number>>;
  /** Custom columns by field abbrev ("Apply as Column"), persisted; the engine fills their values. */
  customColumns: readonly string[];
  setTimeFormat(format: TimeFormat): void;
  setWidth(column: ColumnKey, width: number): void;
  widthOf(column: ColumnKey): number;
  addCustomColumn(abbrev: string): void;
  removeCustomColumn(abbrev: string): void;
}

function storedWidths(): Record<string, number> {
  const stored = readStored(widthsKey);
  const widths: Record<string, number> = { ...defaultWidths };
  if (stored && typeof stored === 'object') {
    for (const [key, value] of Object.entries(stored)) {
      if (typeof value === 'number' && value >= MIN_WIDTH && value < 5000) widths[key] = value;
    }
  }
  return widths;
}

function storedCustomColumns(): string[] {
  const stored = readStored(customKey);
  return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string').slice(0, MAX_CUSTOM_COLUMNS) : [];
}

const timeFormats: readonly TimeFormat[] = ['relative', 'delta', 'epoch', 'absolute'];

export const useView = create<ViewState>((set, get) => ({
  timeFormat: timeFormats.find((format) => format === readStored(timeKey)) ?? 'relative',
  widths: storedWidths(),
  customColumns: storedCustomColumns(),
  setTimeFormat(timeFormat) {
    writeStored(timeKey, timeFormat);
    set({ timeFormat });
  },
  setWidth(column, width) {
    const widths = { ...get().widths, [column]: Math.max(MIN_WIDTH, Math.round(width)) };
    writeStored(widthsKey, widths);
    set({ widths });
  },
  widthOf(column) {
    return get().widths[column] ?? CUSTOM_WIDTH;
  },
  addCustomColumn(abbrev) {
    const current = get().customColumns;
    if (current.includes(abbrev) || current.length >= MAX_CUSTOM_COLUMNS) return;
    const customColumns = [...current, abbrev];
    writeStored(customKey, customColumns);
    set({ customColumns });
  },
  removeCustomColumn(abbrev) {
    const customColumns = get().customColumns.filter((entry) => entry !== abbrev);
    writeStored(customKey, customColumns);
    set({ customColumns });
  },
}));
