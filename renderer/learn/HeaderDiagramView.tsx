import { cellAtByte, diagramProtocols, headerDiagram, type HeaderDiagram } from '../../dissectors/learn/index';
import type { DetailTree } from '../../dissectors/core/tree';
import { itemAt } from '../detail/tree-model';
import { useLanguage, useText } from '../i18n/index';
import { useFields } from '../state/fields-store';
import { useSelection } from '../state/selection-store';
import { localTree } from './local-tree';

const protocolTitles: Readonly<Record<string, string>> = { eth: 'Ethernet II', arp: 'ARP', ip: 'IPv4', ipv6: 'IPv6', icmp: 'ICMP', tcp: 'TCP', udp: 'UDP' };

/** The packet's headers that have a diagram, outermost first. */
function availableDiagrams(tree: DetailTree): HeaderDiagram[] {
  return diagramProtocols.map((protocol) => headerDiagram(tree, protocol)).filter((diagram): diagram is HeaderDiagram => diagram !== undefined)
    .sort((a, b) => a.headerOffset - b.headerOffset);
}

/** The diagram the selected tree item lies in (its path starts with the header's path), else the innermost. */
function diagramForPath(diagrams: readonly HeaderDiagram[], path: string | null): HeaderDiagram | undefined {
  if (path !== null) {
    const inside = diagrams.filter((diagram) => path === diagram.treePath.join('.') || path.startsWith(`${diagram.treePath.join('.')}.`));
    if (inside.length > 0) return inside[inside.length - 1];
  }
  return diagrams[diagrams.length - 1];
}

/**
 * RFC-style header diagram of the selected packet: 32 bits per row, one box per field with its
 * value. A click on a box selects the field in the tree (and so its bytes in the hex pane); a
 * click in the tree or the hex pane highlights the box.
 */
export function HeaderDiagramView() {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const detail = useSelection((state) => state.detail);
  const path = useSelection((state) => state.path);
  const fields = useFields((state) => state.byId);
  if (!detail) return <p className="muted">{t('diagramNothing')}</p>;
  const tree = localTree(detail, fields);
  const diagrams = availableDiagrams(tree);
  if (diagrams.length === 0) return <p className="muted">{t('diagramNothing')}</p>;
  const diagram = diagramForPath(diagrams, path) ?? diagrams[0];

  const selectedItem = path !== null ? itemAt(detail.tree, path) : undefined;
  let selectedCell = path === null ? -1 : diagram.cells.findIndex((cell) => cell.treePath?.join('.') === path);
  if (selectedCell < 0 && selectedItem && path !== diagram.treePath.join('.') && selectedItem.length > 0) {
    selectedCell = cellAtByte(diagram, selectedItem.source, selectedItem.offset);
  }

  const selectCell = (index: number) => {
    const cell = diagram.cells[index];
    useSelection.getState().selectPath((cell.treePath ?? diagram.treePath).join('.'));
  };

  return (
    <section className="header-diagram" aria-label={t('diagramLabel', { protocol: protocolTitles[diagram.protocol] })}>
      <div className="diagram-tabs" role="tablist">
        {diagrams.map((candidate) => (
          <button
            key={candidate.protocol}
            type="button"
            role="tab"
            aria-selected={candidate === diagram}
            className={candidate === diagram ? 'selected' : ''}
            onClick={() => useSelection.getState().selectPath(candidate.treePath.join('.'))}
          >
            {protocolTitles[candidate.protocol]}
          </button>
        ))}
      </div>
      <div className="diagram-grid" role="grid" aria-label={t('diagramLabel', { protocol: protocolTitles[diagram.protocol] })}>
        <div className="diagram-ruler" role="row">
          {Array.from({ length: 32 }, (_, bit) => <span key={bit} role="columnheader">{bit}</span>)}
        </div>
        {diagram.rows.map((row) => (
          <div className="diagram-row" role="row" key={row.bitOffset}>
            {row.pieces.map((piece) => {
              const cell = diagram.cells[piece.cell];
              const classes = ['diagram-cell', piece.first ? 'first' : '', piece.last ? 'last' : '', piece.cell === selectedCell ? 'selected' : '', cell.captured ? '' : 'missing'];
              return (
                <button
                  type="button"
                  role="gridcell"
                  key={`${piece.cell}-${piece.bitStart}`}
                  className={classes.filter(Boolean).join(' ')}
                  style={{ gridColumn: `${piece.bitStart + 1} / span ${piece.bitWidth}` }}
                  title={`${cell.abbrev || cell.label[language]} · ${cell.bitWidth} ${t('diagramBits')}`}
                  aria-selected={piece.cell === selectedCell}
                  onClick={() => selectCell(piece.cell)}
                >
                  <span className="cell-label">{cell.label[language]}</span>
                  {piece.first && <span className="cell-value">{cell.valueText}</span>}
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
