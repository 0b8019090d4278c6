import { formatEndpoint } from './format';
import type { Alert, Flow, PacketSummary } from './types';

/** What the packet table is narrowed to besides the quick text: one at a time. */
export type TableFilter = { kind: 'alert'; alert: Alert } | { kind: 'flow'; flow: Flow };

/**
 * A test for the rows to show, built once per filter (an alert's frames go into a set), or null
 * when every row shows.
 */
export function rowTest(filter: TableFilter | null, text: string): ((row: PacketSummary) => boolean) | null {
  const inFilter = filterTest(filter);
  const query = text.trim().toLowerCase();
  if (!inFilter && !query) return null;
  return (row) => (!inFilter || inFilter(row)) && (!query || matchesText(row, query));
}

function filterTest(filter: TableFilter | null): ((row: PacketSummary) => boolean) | null {
  if (!filter) return null;
  if (filter.kind === 'flow') {
    const id = filter.flow.id;
    return (row) => row.flow === id;
  }
  const frames = new Set(filter.alert.packets);
  return (row) => frames.has(row['frame.number']);
}

function matchesText(row: PacketSummary, query: string): boolean {
  return row.info.toLowerCase().includes(query) || row.protocol.toLowerCase().includes(query)
    || row.source.toLowerCase().includes(query) || row.destination.toLowerCase().includes(query)
    || String(row['frame.number']) === query;
}

/** The filter as its chip names it. */
export function filterLabel(filter: TableFilter): string {
  if (filter.kind === 'alert') return `Packets of alert “${filter.alert.detector}” (${filter.alert.packets.length})`;
  const { id, initiator, initiatorPort, responder, responderPort } = filter.flow;
  return `Flow ${id}: ${formatEndpoint(initiator, initiatorPort)} ↔ ${formatEndpoint(responder, responderPort)}`;
}
