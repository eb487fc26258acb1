import { useEffect, useRef } from 'react';

/**
 * A sequence ("ladder") diagram: one vertical line per host, time downwards, one arrow per
 * packet. The stepper draws a TCP connection with it (two lines, states beside them), the flow
 * graph every displayed packet. Clicking an arrow (or its row) selects it; the current arrow
 * is kept in view.
 */
export interface SequenceLane {
  label: string;
  /** A second line under the label (an address and port). */
  detail?: string;
}

export interface SequenceArrow {
  key: string | number;
  from: number;
  to: number;
  /** Text on the arrow, and in full as its tooltip when the label is shortened. */
  label: string;
  title?: string;
  /** Left column: packet number and time. */
  note: string;
  /** Text beside each lane after this arrow (states), by lane index; '' for none. */
  laneNotes?: readonly string[];
  /** Starts a labelled band (a connection phase) at this arrow. */
  band?: { label: string; kind: string };
}

interface Props {
  lanes: readonly SequenceLane[];
  arrows: readonly SequenceArrow[];
  current: number | null;
  /** Arrows after the current one are drawn faint (not yet stepped through). */
  dimFuture?: boolean;
  onSelect(index: number): void;
  label: string;
  /** Horizontal room for each lane's notes (states), in diagram units. */
  noteWidth?: number;
}

const rowHeight = 38;
const bandGap = 18;
const headerHeight = 44;
const noteColumn = 96;
const minimumLaneGap = 220;

export function sequenceLayout(lanes: number, arrows: readonly Pick<SequenceArrow, 'band'>[], noteWidth: number) {
  const laneGap = lanes > 2 ? minimumLaneGap : 280;
  const laneX = Array.from({ length: lanes }, (_, index) => noteColumn + noteWidth + index * laneGap);
  const width = laneX[laneX.length - 1] + noteWidth + 16;
  const rowY: number[] = [];
  let y = headerHeight;
  for (const arrow of arrows) {
    if (arrow.band) y += bandGap;
    rowY.push(y);
    y += rowHeight;
  }
  return { laneX, rowY, width, height: y + 8 };
}

export function SequenceDiagram({ lanes, arrows, current, dimFuture = false, onSelect, label, noteWidth = 100 }: Props) {
  const { laneX, rowY, width, height } = sequenceLayout(lanes.length, arrows, noteWidth);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (current === null) return;
    const element = scroller.current?.querySelector(`[data-arrow="${current}"]`);
    element?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const bands = arrows.flatMap((arrow, index) => (arrow.band ? [{ index, ...arrow.band }] : []));

  return (
    <div className="sequence-diagram" ref={scroller}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
        <defs>
          <marker id="sequence-arrowhead" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {bands.map((band, position) => {
          const top = rowY[band.index] - bandGap;
          const bottom = position + 1 < bands.length ? rowY[bands[position + 1].index] - bandGap : height;
          return (
            <g key={`band-${band.index}`} className={`sequence-band ${band.kind}`}>
              <rect x={0} y={top} width={width} height={bottom - top} />
              <text x={6} y={top + 13}>{band.label}</text>
            </g>
          );
        })}
        {lanes.map((lane, index) => (
          <g key={`lane-${index}`} className="sequence-lane">
            <text x={laneX[index]} y={14} textAnchor="middle" className="lane-label">{lane.label}</text>
            {lane.detail && <text x={laneX[index]} y={28} textAnchor="middle" className="lane-detail">{lane.detail}</text>}
            <line x1={laneX[index]} y1={34} x2={laneX[index]} y2={height} />
          </g>
        ))}
        {arrows.map((arrow, index) => {
          const y = rowY[index];
          const x1 = laneX[arrow.from];
          const x2 = laneX[arrow.to];
          const state = index === current ? 'current' : dimFuture && current !== null && index > current ? 'future' : '';
          return (
            <g
              key={arrow.key}
              className={`sequence-arrow ${state}`}
              data-arrow={index}
              role="button"
              aria-label={`${arrow.note} ${arrow.label}`}
              aria-current={index === current ? 'step' : undefined}
              onClick={() => onSelect(index)}
            >
              <rect className="hit" x={0} y={y - 7} width={width} height={rowHeight - 3} />
              <title>{arrow.title ?? arrow.label}</title>
              <text x={6} y={y + 12} className="arrow-note">{arrow.note}</text>
              <line x1={x1} y1={y + 8} x2={x2} y2={y + 24} markerEnd="url(#sequence-arrowhead)" />
              <text x={(x1 + x2) / 2} y={y + 3} textAnchor="middle" className="arrow-label">{arrow.label}</text>
              {arrow.laneNotes?.map((note, lane) => note && (
                <text
                  key={lane}
                  x={laneX[lane] + (lane === 0 ? -6 : 6)}
                  y={y + 26}
                  textAnchor={lane === 0 ? 'end' : 'start'}
                  className="lane-note"
                >
                  {note}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
