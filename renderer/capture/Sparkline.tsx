import { sparklinePoints } from './sparkline-geometry';

const WIDTH = 120;
const HEIGHT = 20;

/** An interface's packet rate over the last seconds, drawn with SVG (newest at the right). */
export function Sparkline({ samples, label }: { samples: readonly number[]; label: string }) {
  return (
    <svg className="sparkline" role="img" aria-label={label} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} data-samples={samples.length}>
      <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="sparkline-base" />
      {samples.length > 0 && <polyline points={sparklinePoints(samples, WIDTH, HEIGHT - 1)} className="sparkline-line" />}
    </svg>
  );
}
