import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, describeError } from '../api';
import { filterForField } from '../displayFilter';
import { streamOf } from '../followView';
import type { FieldInfo, PacketDetail, StreamTarget } from '../types';
import { ContextMenu } from './ContextMenu';
import { ancestorsOf, DetailTree, fieldAtByte, nodeAt, type NodePath } from './DetailTree';
import { HexView } from './HexView';

export interface DetailPaneProps {
  frameNumber: number | null;
  onExplain: (frameNumber: number) => void;
  /** The registry's fields, for writing a line's value as its type wants it in a filter. */
  fields?: readonly FieldInfo[];
  /** "Apply as Filter" on a line of the tree: the filter for its value. */
  onApplyFilter?: (filter: string) => void;
  /** "Prepare as Filter": the same filter, into the bar without applying it. */
  onPrepareFilter?: (filter: string) => void;
  /** "Follow TCP Stream" or "Follow UDP Stream" of the packet, from a line's menu. */
  onFollowStream?: (target: StreamTarget) => void;
  /** Loads a packet; the server's /api/packets/{n} unless a test gives its own. */
  load?: (frameNumber: number) => Promise<PacketDetail>;
}

/** The selected packet: its layer tree beside its bytes, each pointing at the other. */
export function DetailPane({ frameNumber, onExplain, fields = [], onApplyFilter, onPrepareFilter, onFollowStream, load = api.packet }: DetailPaneProps) {
  const [detail, setDetail] = useState<PacketDetail | null>(null);
  const [menu, setMenu] = useState<{ path: NodePath; x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const byName = useMemo(() => new Map(fields.map((field) => [field.name, field])), [fields]);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<NodePath>>(new Set());
  const [selected, setSelected] = useState<NodePath | null>(null);

  useEffect(() => {
    if (frameNumber === null) {
      setDetail(null);
      return;
    }
    let current = true;
    setError(null);
    load(frameNumber).then(
      (packet) => {
        if (!current) return;
        setDetail(packet);
        setSelected(null);
        // Open every layer but the frame's own bookkeeping, as a first look wants the headers.
        setExpanded(new Set(packet.layers.flatMap((layer, index) => (layer.name === 'frame' ? [] : [String(index)]))));
      },
      (problem: unknown) => {
        if (!current) return;
        setDetail(null);
        setError(describeError(problem));
      },
    );
    return () => {
      current = false;
    };
  }, [frameNumber, load]);

  if (frameNumber === null) {
    return <section className="detail-pane empty" aria-label="Packet detail">Select a packet to see its layers and bytes.</section>;
  }
  const node = detail && selected ? nodeAt(detail.layers, selected) : null;
  const menuNode = detail && menu ? nodeAt(detail.layers, menu.path) : null;
  const menuFilter = menuNode ? filterForField(menuNode, byName.get(menuNode.name)) : null;
  const stream = detail ? streamOf(detail.summary) : null;
  const toggle = (path: NodePath) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const selectByte = (offset: number) => {
    if (!detail) return;
    const path = fieldAtByte(detail.layers, offset);
    if (path === null) return;
    setExpanded((open) => new Set([...open, ...ancestorsOf(path)]));
    setSelected(path);
    document.getElementById(`field-${path}`)?.scrollIntoView?.({ block: 'nearest' });
  };

  return (
    <section className="detail-pane" aria-label="Packet detail">
      <div className="detail-toolbar">
        <strong>Frame {frameNumber}</strong>
        {node?.name && <code className="field-name" title="Filter for this field">{filterForField(node, byName.get(node.name))}</code>}
        <button type="button" onClick={() => onExplain(frameNumber)}>Explain</button>
      </div>
      {error && <div className="error" role="alert">{error}</div>}
      {detail && (
        <div className="detail-split">
          <DetailTree layers={detail.layers} expanded={expanded} selected={selected} onToggle={toggle} onSelect={setSelected}
                      onMenu={onApplyFilter || onPrepareFilter || onFollowStream ? (path, x, y) => setMenu({ path, x, y }) : undefined} />
          <HexView hex={detail.bytes} highlight={node && node.length > 0 ? node : null} onSelectByte={selectByte} />
        </div>
      )}
      {menu && menuNode && (
        <ContextMenu x={menu.x} y={menu.y} label={`Field ${menuNode.name || menuNode.label}`} onClose={closeMenu} items={[
          { label: 'Apply as Filter', disabled: !menuFilter || !onApplyFilter, onSelect: () => onApplyFilter?.(menuFilter!) },
          { label: 'Prepare as Filter', disabled: !menuFilter || !onPrepareFilter, onSelect: () => onPrepareFilter?.(menuFilter!) },
          ...(onFollowStream ? [
            { label: 'Follow TCP Stream', disabled: stream?.proto !== 'tcp', onSelect: () => onFollowStream(stream!) },
            { label: 'Follow UDP Stream', disabled: stream?.proto !== 'udp', onSelect: () => onFollowStream(stream!) },
          ] : []),
        ]} />
      )}
    </section>
  );
}
