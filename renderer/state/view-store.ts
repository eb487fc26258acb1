import { create } from 'zustand';
import type { TimeFormat } from '../packet-list/time-format';
import { readStored, writeStored } from './persisted';

export const columnIds = ['number', 'time', 'source', 'destination', 'protocol', 'length', 'info'] as const;
export type ColumnId = (typeof columnIds)[number];

const defaultWidths: Record<ColumnId, number> = { number: 70, time: 110, source: 150, destination: 150, protocol: 80, length: 70, info: 600 };
const timeKey = 'packetlens.timeFormat';
const widthsKey = 'packetlens.columnWidths';
const MIN_WIDTH = 36;

interface ViewState {
  timeFormat: TimeFormat;
  widths: Record<ColumnId, number>;
  setTimeFormat(format: TimeFormat): void;
  setWidth(column: ColumnId, width: number): void;
}

function storedWidths(): Record<ColumnId, number> {
  const stored = readStored(widthsKey) as Partial<Record<ColumnId, unknown>> | undefined;
  const widths = { ...defaultWidths };
  for (const id of columnIds) {
    const value = stored?.[id];
    if (typeof value === 'number' && value >= MIN_WIDTH && value < 5000) widths[id] = value;
  }
  return widths;
}

const timeFormats: readonly TimeFormat[] = ['relative', 'delta', 'epoch', 'absolute'];

export const useView = create<ViewState>((set, get) => ({
  timeFormat: timeFormats.find((format) => format === readStored(timeKey)) ?? 'relative',
  widths: storedWidths(),
  setTimeFormat(timeFormat) {
    writeStored(timeKey, timeFormat);
    set({ timeFormat });
  },
  setWidth(column, width) {
    const widths = { ...get().widths, [column]: Math.max(MIN_WIDTH, Math.round(width)) };
    writeStored(widthsKey, widths);
    set({ widths });
  },
}));
