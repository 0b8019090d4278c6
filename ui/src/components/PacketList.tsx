import { useCallback, useState } from 'react';
import { formatCount } from '../format';
import type { PacketStore } from '../packetStore';
import { streamOf } from '../followView';
import type { PacketSummary, StreamTarget } from '../types';
import { useStoreVersion } from '../useStore';
import { ContextMenu } from './ContextMenu';
import { PacketTable } from './PacketTable';

export interface PacketListProps {
  store: PacketStore;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  selected: number | null;
  onSelect: (frameNumber: number) => void;
  /** "Follow TCP Stream" or "Follow UDP Stream" from a row's menu. */
  onFollowStream?: (target: StreamTarget) => void;
}

/**
 * The packet table with its toolbar: follow-newest and what the browser holds of the packets
 * the display filter passes. It alone follows the store, so a redraw of the list redraws
 * nothing else on the page.
 */
export function PacketList({ store, follow, onFollowChange, selected, onSelect, onFollowStream }: PacketListProps) {
  useStoreVersion(store);
  const [prepended, setPrepended] = useState<{ count: number; version: number }>();
  const [menu, setMenu] = useState<{ row: PacketSummary; x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const menuStream = menu ? streamOf(menu.row) : null;
  const rows = store.rows;

  const loadOlder = async () => {
    const added = await store.loadOlder();
    if (added) setPrepended({ count: added, version: store.version });
  };
  const loadNewer = async () => {
    await store.loadNewer();
    if (store.attached) onFollowChange(true);
  };

  return (
    <>
      <div className="table-toolbar">
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(event) => onFollowChange(event.target.checked)} /> Follow newest
        </label>
        <span className="muted" data-testid="row-count">
          {formatCount(rows.length)} rows{store.filter && ' displayed by the filter'}
          {store.missingOlder > 0 && ` · ${formatCount(store.missingOlder)} older ${store.filter ? 'packets not searched yet' : 'on the server'}`}
          {store.missingNewer > 0 && ` · ${formatCount(store.missingNewer)} newer`}
          {store.streamDropped > 0 && ` · ${formatCount(store.streamDropped)} not streamed (this browser fell behind)`}
        </span>
        {!store.attached && <button type="button" onClick={() => onFollowChange(true)}>Jump to newest</button>}
      </div>
      <PacketTable
        rows={rows}
        selected={selected}
        onSelect={onSelect}
        follow={follow}
        onFollowChange={onFollowChange}
        onReachTop={() => void loadOlder()}
        onReachBottom={() => void loadNewer()}
        prepended={prepended}
        emptyText={store.filter ? 'No packets pass the display filter.' : undefined}
        onMenu={onFollowStream ? (row, x, y) => setMenu({ row, x, y }) : undefined}
      />
      {menu && onFollowStream && (
        <ContextMenu x={menu.x} y={menu.y} label={`Packet ${menu.row['frame.number']}`} onClose={closeMenu} items={[
          { label: 'Follow TCP Stream', disabled: menuStream?.proto !== 'tcp', onSelect: () => onFollowStream(menuStream!) },
          { label: 'Follow UDP Stream', disabled: menuStream?.proto !== 'udp', onSelect: () => onFollowStream(menuStream!) },
        ]} />
      )}
    </>
  );
}
