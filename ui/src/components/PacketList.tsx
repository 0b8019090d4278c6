import { useMemo, useState } from 'react';
import { formatCount } from '../format';
import type { PacketStore } from '../packetStore';
import { filterLabel, rowTest, type TableFilter } from '../tableFilter';
import { useStoreVersion } from '../useStore';
import { PacketTable } from './PacketTable';

export interface PacketListProps {
  store: PacketStore;
  filter: TableFilter | null;
  onClearFilter: () => void;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  selected: number | null;
  onSelect: (frameNumber: number) => void;
}

/**
 * The packet table with its toolbar: the quick filter, the alert or flow filter, follow-newest
 * and what the browser holds. It alone follows the store, so a redraw of the list redraws
 * nothing else on the page.
 */
export function PacketList({ store, filter, onClearFilter, follow, onFollowChange, selected, onSelect }: PacketListProps) {
  const version = useStoreVersion(store);
  const [quickFilter, setQuickFilter] = useState('');
  const [prepended, setPrepended] = useState<{ count: number; version: number }>();

  const test = useMemo(() => rowTest(filter, quickFilter), [filter, quickFilter]);
  const rows = store.rows;
  const visible = useMemo(
    () => (test ? rows.filter(test) : rows),
    // Live batches change the store's array in place: `version` tells when to filter again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, test, version],
  );

  const loadOlder = async () => {
    const before = store.first;
    const added = await store.loadOlder();
    if (added) {
      const shown = store.rows.filter((row) => row['frame.number'] < before && (!test || test(row))).length;
      setPrepended({ count: shown, version: store.version });
    }
  };
  const loadNewer = async () => {
    await store.loadNewer();
    if (store.attached) onFollowChange(true);
  };

  return (
    <>
      <div className="table-toolbar">
        <input
          type="search"
          aria-label="Quick filter"
          placeholder="Quick filter: text in any column"
          value={quickFilter}
          onChange={(event) => setQuickFilter(event.target.value)}
        />
        {filter && (
          <span className="chip">
            {filterLabel(filter)}
            <button type="button" className="link" aria-label={`Clear ${filter.kind} filter`} onClick={onClearFilter}>✕</button>
          </span>
        )}
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(event) => onFollowChange(event.target.checked)} /> Follow newest
        </label>
        <span className="muted" data-testid="row-count">
          {test ? `${formatCount(visible.length)} of ` : ''}{formatCount(rows.length)} rows
          {store.missingOlder > 0 && ` · ${formatCount(store.missingOlder)} older on the server`}
          {store.missingNewer > 0 && ` · ${formatCount(store.missingNewer)} newer`}
          {store.streamDropped > 0 && ` · ${formatCount(store.streamDropped)} not streamed (this browser fell behind)`}
        </span>
        {!store.attached && <button type="button" onClick={() => onFollowChange(true)}>Jump to newest</button>}
      </div>
      <PacketTable
        rows={visible}
        selected={selected}
        onSelect={onSelect}
        follow={follow}
        onFollowChange={onFollowChange}
        onReachTop={() => void loadOlder()}
        onReachBottom={() => void loadNewer()}
        prepended={prepended}
      />
    </>
  );
}
