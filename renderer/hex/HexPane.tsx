import { memo, useMemo, type MouseEvent } from 'react';
import { deepestItemAt, itemAt } from '../detail/tree-model';
import { useText } from '../i18n/index';
import { useSelection } from '../state/selection-store';
import { asciiChar, BYTES_PER_LINE, hexByte, lineCount, offsetText } from './hex-lines';

/**
 * The bytes of the selected packet: offset, hex and ASCII, one tab per data source (the frame,
 * reassembled buffers). The selected tree item's bytes are highlighted; clicking a byte selects
 * the deepest field that covers it.
 */
export function HexPane() {
  const t = useText();
  const detail = useSelection((state) => state.detail);
  const path = useSelection((state) => state.path);
  const sourceIndex = useSelection((state) => state.source);
  const source = detail?.sources[sourceIndex] ?? detail?.sources[0];
  const item = detail && path !== null ? itemAt(detail.tree, path) : undefined;
  const highlight = item && item.source === sourceIndex ? { start: item.offset, end: item.offset + item.length } : null;

  const onClick = (event: MouseEvent) => {
    const offset = (event.target as HTMLElement).dataset.offset;
    if (!detail || offset === undefined) return;
    const found = deepestItemAt(detail.tree, sourceIndex, Number(offset));
    if (found !== null) useSelection.getState().selectPath(found);
  };

  return (
    <section className="hex-pane" role="region" aria-label={t('packetBytes')}>
      {detail && detail.sources.length > 1 && (
        <div role="tablist" className="hex-tabs">
          {detail.sources.map((entry, index) => (
            <button
              key={index}
              role="tab"
              type="button"
              aria-selected={index === sourceIndex}
              className={index === sourceIndex ? 'selected' : ''}
              onClick={() => useSelection.getState().setSource(index)}
            >
              {entry.name} ({entry.bytes.length})
            </button>
          ))}
        </div>
      )}
      <div className="hex-dump" onClick={onClick}>
        {source && <HexLines bytes={source.bytes} highlightStart={highlight?.start ?? -1} highlightEnd={highlight?.end ?? -1} />}
      </div>
    </section>
  );
}

interface LinesProps {
  bytes: Uint8Array;
  highlightStart: number;
  highlightEnd: number;
}

const HexLines = memo(function HexLines({ bytes, highlightStart, highlightEnd }: LinesProps) {
  const lines = useMemo(() => Array.from({ length: lineCount(bytes.length) }, (_, line) => line), [bytes]);
  const marked = (offset: number) => (offset >= highlightStart && offset < highlightEnd ? ' highlight' : '');
  return (
    <>
      {lines.map((line) => {
        const start = line * BYTES_PER_LINE;
        const end = Math.min(bytes.length, start + BYTES_PER_LINE);
        const hex = [];
        const ascii = [];
        for (let offset = start; offset < end; offset++) {
          const gap = offset - start === 8 ? ' gap' : '';
          hex.push(<span key={offset} data-offset={offset} className={`byte${gap}${marked(offset)}`}>{hexByte(bytes[offset])}</span>);
          ascii.push(<span key={offset} data-offset={offset} className={`char${marked(offset)}`}>{asciiChar(bytes[offset])}</span>);
        }
        return (
          <div key={line} className="hex-line">
            <span className="hex-offset">{offsetText(start, bytes.length)}</span>
            <span className="hex-bytes">{hex}</span>
            <span className="hex-ascii">{ascii}</span>
          </div>
        );
      })}
    </>
  );
});
