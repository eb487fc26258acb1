/** Axis and line geometry for the I/O graph (pure, unit-tested). */

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, wanted = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / wanted;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let value = 0; value < max + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

export interface PlotBox {
  width: number;
  height: number;
  /** Largest x (seconds) and y (rate) on the axes. */
  xMax: number;
  yMax: number;
}

/**
 * An SVG path through one point per interval, at the interval's start, of `values[i] / interval`
 * (a rate: per second), in a box whose origin is at the bottom left.
 */
export function ratePath(starts: readonly number[], values: readonly number[], interval: number, box: PlotBox): string {
  const x = (seconds: number) => (box.xMax > 0 ? (seconds / box.xMax) * box.width : 0);
  const y = (rate: number) => box.height - (box.yMax > 0 ? (rate / box.yMax) * box.height : 0);
  return values.map((value, index) => `${index === 0 ? 'M' : 'L'}${x(starts[index]).toFixed(1)},${y(value / interval).toFixed(1)}`).join(' ');
}

/** Short axis labels: 1500 → 1.5k, 2000000 → 2M. */
export function shortNumber(value: number): string {
  if (value >= 1e9) return `${Number((value / 1e9).toPrecision(3))}G`;
  if (value >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (value >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}
