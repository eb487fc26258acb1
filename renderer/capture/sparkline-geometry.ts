/** How many rate samples a sparkline keeps (at 2 samples per second: the last 20 seconds). */
export const SPARKLINE_SAMPLES = 40;

/**
 * The SVG polyline points of a sparkline: one point per sample, oldest on the left, newest at
 * the right edge; 0 on the bottom line, the largest sample (at least 1) touching the top.
 * Fewer samples than `SPARKLINE_SAMPLES` start further right, so the line grows leftwards.
 */
export function sparklinePoints(samples: readonly number[], width: number, height: number, slots = SPARKLINE_SAMPLES): string {
  if (samples.length === 0) return '';
  const shown = samples.slice(-slots);
  const max = Math.max(1, ...shown);
  const step = slots > 1 ? width / (slots - 1) : 0;
  const offset = slots - shown.length;
  const round = (value: number) => Math.round(value * 100) / 100;
  return shown.map((value, index) => `${round((offset + index) * step)},${round(height - (Math.max(0, value) / max) * height)}`).join(' ');
}

/** Appends a sample to a history, keeping at most `SPARKLINE_SAMPLES`. */
export function withSample(history: readonly number[] | undefined, sample: number): number[] {
  const next = [...(history ?? []), sample];
  return next.length > SPARKLINE_SAMPLES ? next.slice(next.length - SPARKLINE_SAMPLES) : next;
}
