import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type WheelEvent } from 'react';
import { followSelected, selectDisplayed, toggleMarkSelected } from '../app/actions';
import { useFollowNewRows } from '../capture/use-follow-new-rows';
import { ContextMenu } from '../detail/ContextMenu';
import { stepThroughSelected } from '../learn/learn-actions';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { ROW_BLOCK, useRows } from '../state/rows-store';
import { useSelection } from '../state/selection-store';
import { useView } from '../state/view-store';
import { gridTemplate, packetColumns } from './columns';
import { PacketListHeader } from './PacketListHeader';
import { PacketListRow, rowElementId } from './PacketListRow';
import {
  clampFirstRow, firstRowForScrollTop, firstRowToReveal, fullyVisibleRows, scrollContentHeight, scrollTopForFirstRow, type ScrollGeometry,
} from './scaled-scroll';

export const ROW_HEIGHT = 20;

/**
 * The packet list: a grid virtualized over the displayed packets. Only the rows in view exist
 * in the DOM; the scrollbar is a separate element whose content height is capped and scaled
 * (scaled-scroll.ts), so millions of rows scroll end to end.
 */
export function PacketList() {
  const t = useText();
  const displayed = useCapture((state) => state.summary?.displayed ?? 0);
  useRows((state) => state.version);
  const rows = useRows.getState();
  const selected = useSelection((state) => state.displayedIndex);
  const timeFormat = useView((state) => state.timeFormat);
  useView((state) => state.widths);
  const widthOf = useView((state) => state.widthOf);
  // The engine's custom columns (not the wished-for ones): rows carry values in its order.
  const customColumns = useCapture((state) => state.summary?.customColumns);
  const columns = useMemo(() => packetColumns(customColumns ?? []), [customColumns]);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [firstRow, setFirstRow] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(400);
  const [trackHeight, setTrackHeight] = useState(400);
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollbarRef = useRef<HTMLDivElement>(null);
  const wheelRemainder = useRef(0);
  /** Set while the user drags the scrollbar, so we do not snap the thumb under their pointer. */
  const scrolledByUser = useRef(false);

  const geometry: ScrollGeometry = { rowCount: displayed, rowHeight: ROW_HEIGHT, viewportHeight, trackHeight };
  const visibleCount = Math.ceil(viewportHeight / ROW_HEIGHT) + 1;
  const first = clampFirstRow(firstRow, geometry);
  useFollowNewRows(first, geometry, setFirstRow);

  // The rows' area and the scrollbar's track differ when a horizontal scrollbar sits under the rows.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const scrollbar = scrollbarRef.current;
    if (!body || !scrollbar) return;
    const measure = () => {
      // The laid-out height, not clientHeight: that one rounds up a fractional 219.8 px to 220.
      setViewportHeight(body.getBoundingClientRect().height);
      setTrackHeight(scrollbar.clientHeight);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    observer.observe(scrollbar);
    measure();
    return () => observer.disconnect();
  }, []);

  // Rows in view, plus a block's worth either side so scrolling finds them already fetched.
  useEffect(() => {
    rows.request(Math.max(0, first - ROW_BLOCK), Math.min(displayed, first + visibleCount + ROW_BLOCK));
  });

  // Keep the scrollbar's thumb where the first row is (it maps back to the same row).
  useLayoutEffect(() => {
    const scrollbar = scrollbarRef.current;
    if (!scrollbar) return;
    if (scrolledByUser.current) {
      scrolledByUser.current = false;
      return;
    }
    const top = scrollTopForFirstRow(first, geometry);
    if (Math.abs(scrollbar.scrollTop - top) >= 1) scrollbar.scrollTop = top;
  });

  // Reveal the selected row when the selection moves (keyboard, go to packet).
  useEffect(() => {
    if (selected !== null) setFirstRow((current) => firstRowToReveal(selected, clampFirstRow(current, geometry), geometry));
  }, [selected, viewportHeight]);

  const onSelect = useCallback((index: number, frame: number) => void useSelection.getState().selectRow(index, frame), []);
  const onContextMenu = useCallback((index: number, frame: number, event: MouseEvent) => {
    void useSelection.getState().selectRow(index, frame);
    setMenu({ x: event.clientX, y: event.clientY });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const onWheel = (event: WheelEvent) => {
    const pixels = event.deltaMode === 1 ? event.deltaY * ROW_HEIGHT : event.deltaMode === 2 ? event.deltaY * viewportHeight : event.deltaY;
    const rowsMoved = pixels / ROW_HEIGHT + wheelRemainder.current;
    const whole = Math.trunc(rowsMoved);
    wheelRemainder.current = rowsMoved - whole;
    if (whole !== 0) setFirstRow(clampFirstRow(first + whole, geometry));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const page = fullyVisibleRows(geometry);
    const current = selected ?? -1;
    const targets: Record<string, number> = {
      ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: displayed - 1,
    };
    if (!(event.key in targets) || displayed === 0) return;
    event.preventDefault();
    void selectDisplayed(targets[event.key]);
  };

  const template = gridTemplate(columns, widthOf);
  const lines = [];
  for (let index = first; index < Math.min(displayed, first + visibleCount); index++) {
    lines.push(
      <PacketListRow
        key={index}
        index={index}
        row={rows.row(index)}
        columns={columns}
        top={(index - first) * ROW_HEIGHT}
        height={ROW_HEIGHT}
        template={template}
        selected={index === selected}
        timeFormat={timeFormat}
        onSelect={onSelect}
        onContextMenu={onContextMenu}
      />,
    );
  }

  return (
    <div
      className="packet-list"
      role="grid"
      aria-label={t('packetList')}
      aria-rowcount={displayed + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selected !== null && selected >= first && selected < first + visibleCount ? rowElementId(selected) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="packet-list-columns">
        <PacketListHeader columns={columns} />
        <div role="rowgroup" className="packet-list-body" ref={bodyRef} onWheel={onWheel}>
          {lines}
        </div>
      </div>
      <div
        className="packet-list-scrollbar"
        ref={scrollbarRef}
        aria-hidden="true"
        onScroll={(event) => {
          const row = firstRowForScrollTop(event.currentTarget.scrollTop, geometry);
          if (row === first) return;
          scrolledByUser.current = true;
          setFirstRow(row);
        }}
      >
        <div style={{ height: scrollContentHeight(geometry) }} />
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          entries={[
            { label: t('markPacket'), run: () => void toggleMarkSelected() },
            { label: t('followTcp'), run: () => void followSelected('tcp') },
            { label: t('stepThrough'), run: () => void stepThroughSelected() },
            { label: t('followUdp'), run: () => void followSelected('udp') },
          ]}
        />
      )}
    </div>
  );
}
