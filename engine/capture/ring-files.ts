import { unlinkSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** A ring buffer of capture files: switch after `bytesPerFile`, keep at most `files` (null: all). */
export interface RingBufferOptions {
  files: number | null;
  bytesPerFile: number;
}

/**
 * Names and retires the files of a ring buffer as tshark/dumpcap do: `out.pcapng` becomes
 * `out_00001_20261122041300.pcapng`, `out_00002_…` (sequence number, then local start time).
 * Keeps the paths of the files still on disk, oldest first, and deletes the oldest when a new
 * one would make more than `files`.
 */
export class RingFiles {
  private sequence = 0;
  private readonly kept: string[] = [];

  constructor(private readonly template: string, private readonly limit: number | null) {}

  /** The path of the next file; the oldest is deleted first when the ring is full. */
  next(now: Date = new Date()): string {
    const extension = extname(this.template);
    const stem = basename(this.template, extension);
    const path = join(dirname(this.template), `${stem}_${String(++this.sequence).padStart(5, '0')}_${timestamp(now)}${extension}`);
    while (this.limit !== null && this.kept.length >= this.limit) unlinkSync(this.kept.shift()!);
    this.kept.push(path);
    return path;
  }

  /** Files on disk, oldest first. */
  get paths(): readonly string[] {
    return this.kept;
  }
}

function timestamp(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}
