import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isBadTcp, protocolFamily } from '../protocols';
import { programLabel } from '../processes';
import type { PacketSummary } from '../types';

export const ROW_HEIGHT = 22;
const OVERSCAN = 10;
/** jsdom has no layout; a real browser measures the viewport. */
const FALLBACK_VIEWPORT = 600;

const COLUMNS = ['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Process', 'Info'];

export interface PacketTableProps {
  rows: readonly PacketSummary[];
  selected: number | null;
  onSelect: (frameNumber: number) => void;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  /** The user reached the top or bottom of the rows held: time to fetch more. */
  onReachTop?: () => void;
  onReachBottom?: () => void;
  /** Rows added at the top since the last render: the view stays where it was. */
  prepended?: { count: number; version: number };
  /** What an empty table says. */
  emptyText?: string;
  /** The menu was asked for on a row (right click, the menu key or Shift+F10), to open at a point of the viewport. */
  onMenu?: (row: PacketSummary, x: number, y: number) => void;
}

/**
 * The packet list: an ARIA grid that renders only the rows in view, so a hundred thousand
 * rows scroll as smoothly as a hundred. It follows the newest packet until the user scrolls
 * up, and is driven from the keyboard like Wireshark's list.
 */
export function PacketTable({ rows, selected, onSelect, follow, onFollowChange, onReachTop, onReachBottom, prepended,
  emptyText = 'No packets yet. Start a capture or replay a file.', onMenu }: PacketTableProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_VIEWPORT);
  const programmaticTop = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || FALLBACK_VIEWPORT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  /** Where the element was last scrolled to follow the newest row; null once anything else scrolled it. */
  const followedTop = useRef<number | null>(null);
  /** The user scrolled away from the newest row since following was last turned on. */
  const scrolledAway = useRef(false);
  useLayoutEffect(() => {
    if (follow) scrolledAway.current = false;
  }, [follow]);

  const scrollTo = useCallback((top: number) => {
    const element = viewport.current;
    if (!element) return;
    const clamped = Math.max(0, Math.min(top, (rows.length + 1) * ROW_HEIGHT - (element.clientHeight || height)));
    programmaticTop.current = clamped;
    followedTop.current = null;
    element.scrollTop = clamped;
    setScrollTop(clamped);
  }, [rows.length, height]);

  // Following: the rows are drawn from the bottom, and the element is scrolled only when the
  // bottom moves. Once the window is full it stays put while rows flow through it, so a frame
  // costs no forced layout (setting scrollTop needs one) and no second render.
  const bottom = Math.max(0, (rows.length + 1) * ROW_HEIGHT - height);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!follow || !element || followedTop.current === bottom) return;
    followedTop.current = bottom;
    programmaticTop.current = bottom;
    element.scrollTop = bottom;
  }, [follow, bottom]);

  // Older rows fetched above the view: keep the same packets in view.
  useLayoutEffect(() => {
    if (prepended && prepended.count > 0 && viewport.current) {
      scrollTo(viewport.current.scrollTop + prepended.count * ROW_HEIGHT);
    }
  }, [prepended, scrollTo]);

  const onScroll = () => {
    const element = viewport.current;
    if (!element) return;
    const top = element.scrollTop;
    setScrollTop(top);
    const byProgram = programmaticTop.current !== null && Math.abs(top - programmaticTop.current) < 2;
    programmaticTop.current = null;
    if (byProgram) return;
    followedTop.current = null;
    if (top < bottom - ROW_HEIGHT) {
      scrolledAway.current = true;
      if (follow) onFollowChange(false);
    } else {
      onReachBottom?.();
    }
    if (top < ROW_HEIGHT * 5) onReachTop?.();
  };

  const selectedIndex = selected === null ? -1 : indexOf(rows, selected);
  const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);

  const moveTo = (index: number) => {
    if (!rows.length) return;
    const target = Math.max(0, Math.min(rows.length - 1, index));
    onSelect(rows[target]['frame.number']);
    const element = viewport.current;
    // Row i is drawn at (i + 1) rows down, below the sticky header.
    const top = (target + 1) * ROW_HEIGHT;
    const viewHeight = element?.clientHeight || height;
    const current = element?.scrollTop ?? scrollTop;
    if (top < current + ROW_HEIGHT) scrollTo(top - ROW_HEIGHT);
    else if (top + ROW_HEIGHT > current + viewHeight) scrollTo(top + ROW_HEIGHT - viewHeight);
    if (target === 0) onReachTop?.();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) && selectedIndex >= 0 && onMenu) {
      event.preventDefault();
      const box = document.getElementById(`packet-row-${selected}`)?.getBoundingClientRect();
      onMenu(rows[selectedIndex], box ? box.left + 40 : 0, box ? box.bottom : 0);
      return;
    }
    const from = selectedIndex < 0 ? (event.key === 'ArrowUp' ? rows.length : -1) : selectedIndex;
    const moves: Record<string, () => number> = {
      ArrowDown: () => from + 1,
      ArrowUp: () => from - 1,
      PageDown: () => from + pageRows,
      PageUp: () => from - pageRows,
      Home: () => 0,
      End: () => rows.length - 1,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const target = move();
    onFollowChange(event.key === 'End');
    moveTo(target);
  };

  // Rows beyond the view are drawn for scrolling; a followed table does not scroll, and all its
  // rows change in every frame, so there they would only add work.
  const following = follow && !scrolledAway.current;
  const viewTop = following ? bottom : scrollTop;
  const overscan = following ? 0 : OVERSCAN;
  const firstIndex = Math.max(0, Math.floor(viewTop / ROW_HEIGHT) - overscan);
  const lastIndex = Math.min(rows.length, Math.ceil((viewTop + height) / ROW_HEIGHT) + overscan);
  const rendered = [];
  for (let index = firstIndex; index < lastIndex; index++) {
    const row = rows[index];
    const number = row['frame.number'];
    rendered.push(
      // Keyed by position: while following, new packets flow through the same rows, and
      // changing their text is cheaper than building the rows again in every frame.
      <div
        key={index}
        id={`packet-row-${number}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={number === selected}
        className={`packet-row proto-${protocolFamily(row.protocol)}${isBadTcp(row.info) ? ' bad-tcp' : ''}${number === selected ? ' selected' : ''}`}
        style={{ transform: `translateY(${(index + 1) * ROW_HEIGHT}px)` }}
        onClick={() => {
          onSelect(number);
          if (index < rows.length - 1) onFollowChange(false);
        }}
        onContextMenu={onMenu && ((event) => {
          event.preventDefault();
          onSelect(number);
          if (index < rows.length - 1) onFollowChange(false);
          onMenu(row, event.clientX, event.clientY);
        })}
      >
        <span role="gridcell" className="col-no">{number}</span>
        <span role="gridcell" className="col-time">{row.time.toFixed(6)}</span>
        <span role="gridcell" className="col-src">{row.source}</span>
        <span role="gridcell" className="col-dst">{row.destination}</span>
        <span role="gridcell" className="col-proto">{row.protocol}</span>
        <span role="gridcell" className="col-len">{row.length}</span>
        <span role="gridcell" className="col-proc">{row.process ? programLabel(row.process) : ''}</span>
        <span role="gridcell" className="col-info">{row.info}</span>
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="packet-table"
      role="grid"
      aria-label="Packets"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedIndex >= 0 ? `packet-row-${selected}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onWheel={(event) => {
        if (event.deltaY < 0 && follow) onFollowChange(false);
      }}
    >
      <div className="packet-table-body" style={{ height: (rows.length + 1) * ROW_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="packet-row header">
          {COLUMNS.map((column) => <span key={column} role="columnheader">{column}</span>)}
        </div>
        {rendered}
      </div>
      {!rows.length && <div className="empty-table">{emptyText}</div>}
    </div>
  );
}

/** Rows are sorted by frame number: binary search. */
function indexOf(rows: readonly PacketSummary[], frameNumber: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = rows[middle]['frame.number'];
    if (value === frameNumber) return middle;
    if (value < frameNumber) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

