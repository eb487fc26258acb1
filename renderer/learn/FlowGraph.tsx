import { useEffect, useMemo, useState } from 'react';
import type { PacketRow } from '../../engine/api/contract';
import { selectDisplayed } from '../app/actions';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';
import { useSelection } from '../state/selection-store';
import { SequenceDiagram, type SequenceArrow, type SequenceLane } from './SequenceDiagram';

/** More arrows than this make an unreadable picture and a slow page; the rest are counted. */
export const flowLimit = 1000;
const rowsPerRequest = 2000;
const labelLength = 40;

/** Hosts in order of first appearance, and one arrow per packet between them. */
export function flowGraph(rows: readonly PacketRow[]): { lanes: SequenceLane[]; arrows: SequenceArrow[] } {
  const laneOf = new Map<string, number>();
  const lane = (address: string) => {
    if (!laneOf.has(address)) laneOf.set(address, laneOf.size);
    return laneOf.get(address)!;
  };
  const arrows = rows.map((row): SequenceArrow => {
    const from = lane(row.source);
    const to = lane(row.destination);
    const text = `${row.protocol}: ${row.info}`;
    return {
      key: row.displayedIndex,
      from,
      to,
      label: text.length > labelLength ? `${text.slice(0, labelLength - 1)}…` : text,
      title: text,
      note: `#${row.frame}  ${row.timeRelative.toFixed(6)}`,
    };
  });
  return { lanes: [...laneOf.keys()].map((address) => ({ label: address })), arrows };
}

/**
 * Statistics › Flow Graph, interactive: every displayed packet (all conversations) as an arrow
 * between its hosts; clicking an arrow selects the packet, and the selected packet's arrow is
 * highlighted.
 */
export function FlowGraph() {
  const t = useText();
  const summary = useCapture((state) => state.summary);
  const selected = useSelection((state) => state.displayedIndex);
  const [rows, setRows] = useState<PacketRow[]>([]);
  const displayed = summary?.displayed ?? 0;
  const key = `${summary?.name}:${summary?.frames}:${summary?.filter}:${displayed}:${summary?.sort?.column}:${summary?.sort?.ascending}`;

  useEffect(() => {
    let live = true;
    void (async () => {
      const wanted = Math.min(displayed, flowLimit);
      const collected: PacketRow[] = [];
      for (let start = 0; start < wanted && live; start += rowsPerRequest) collected.push(...await engine().rows(start, Math.min(rowsPerRequest, wanted - start)));
      if (live) setRows(collected);
    })();
    return () => {
      live = false;
    };
  }, [key]);

  const graph = useMemo(() => flowGraph(rows), [rows]);
  if (displayed === 0) return <p className="muted">{t('flowEmpty')}</p>;
  return (
    <section className="flow-graph" aria-label={t('flowTitle')}>
      {displayed > flowLimit && <p className="muted">{t('flowLimit', { count: flowLimit, total: displayed })}</p>}
      <SequenceDiagram
        lanes={graph.lanes}
        arrows={graph.arrows}
        current={selected !== null && selected < graph.arrows.length ? selected : null}
        onSelect={(index) => void selectDisplayed(index)}
        label={t('flowLabel')}
        noteWidth={20}
      />
    </section>
  );
}
