import type { TcpStateName } from '../../engine/api/contract';
import { useText } from '../i18n/index';
import { boxHeight, boxWidth, edgeLine, edges, nodeFor, nodePositions, type DiagramNode } from './state-diagram-layout';

interface Props {
  side: 'client' | 'server';
  before: TcpStateName;
  after: TcpStateName;
  /** The state before `before` (where CLOSED is drawn depends on it); null at the start. */
  earlier: TcpStateName | null;
  inferred: boolean;
}

const nodeNames = Object.keys(nodePositions) as DiagramNode[];

/**
 * One endpoint's state on the RFC 9293 state diagram: the state before this step outlined, the
 * state after it filled, and the transition between them drawn bold (dashed when the RFC's
 * figure has no such arrow, e.g. a reset).
 */
export function StateDiagram({ side, before, after, earlier, inferred }: Props) {
  const t = useText();
  const from = nodeFor(before, earlier);
  const to = nodeFor(after, before);
  const changed = from !== to;
  const drawnEdge = edges.find((edge) => edge.from === from && edge.to === to);
  const sideName = t(side === 'client' ? 'stateClient' : 'stateServer');
  const arrowId = `state-arrow-${side}`;
  const activeArrowId = `state-arrow-active-${side}`;
  return (
    <figure className={`state-diagram${inferred ? ' inferred' : ''}`} data-side={side} data-before={before} data-after={after}>
      <figcaption>
        <strong>{sideName}</strong>{' '}
        <span className="state-transition" data-testid={`${side}-state`}>
          {changed || before !== after ? `${before} → ${after}` : t('stateUnchanged', { state: after })}
        </span>
        {inferred && <span className="state-inferred" title={t('stateInferred')}> *</span>}
      </figcaption>
      <svg viewBox="0 0 400 470" role="img" aria-label={t('stateDiagramLabel', { side: sideName, before, after })}>
        <defs>
          <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="state-arrowhead" />
          </marker>
          <marker id={activeArrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="state-arrowhead active" />
          </marker>
        </defs>
        {edges.map((edge) => {
          const line = edgeLine(edge.from, edge.to);
          const active = changed && edge === drawnEdge;
          return (
            <g key={`${edge.from}-${edge.to}`} className={`state-edge${active ? ' active' : ''}`}>
              <line {...line} markerEnd={`url(#${active ? activeArrowId : arrowId})`}>
                <title>{edge.label}</title>
              </line>
            </g>
          );
        })}
        {changed && !drawnEdge && (
          <g className="state-edge active unusual">
            <line {...edgeLine(from, to)} markerEnd={`url(#${activeArrowId})`} />
          </g>
        )}
        {nodeNames.map((node) => {
          const { x, y } = nodePositions[node];
          const role = node === to ? 'after' : node === from ? 'before' : '';
          return (
            <g key={node} className={`state-node ${role}`} data-state={node}>
              <rect x={x - boxWidth / 2} y={y - boxHeight / 2} width={boxWidth} height={boxHeight} rx={4} />
              <text x={x} y={y + 4} textAnchor="middle">{node === 'CLOSED_END' ? 'CLOSED' : node}</text>
            </g>
          );
        })}
        {changed && drawnEdge && <ActiveEdgeLabel from={from} to={to} label={drawnEdge.label} />}
      </svg>
    </figure>
  );
}

/** The taken transition's event/action, drawn over the boxes so none hides it. */
function ActiveEdgeLabel({ from, to, label }: { from: DiagramNode; to: DiagramNode; label: string }) {
  const line = edgeLine(from, to);
  const x = Math.min(330, Math.max(70, (line.x1 + line.x2) / 2));
  return <text className="state-edge-label" x={x} y={(line.y1 + line.y2) / 2 + 4} textAnchor="middle">{label}</text>;
}
