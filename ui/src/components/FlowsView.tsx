import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api';
import { formatBytes, formatCount, formatDuration, formatEndpoint, formatPacketTime } from '../format';
import { programLabel } from '../processes';
import { protocolFamily } from '../protocols';
import type { Flow, FlowPage, FlowSort, TcpState } from '../types';
import { usePolling } from '../usePolling';

/** Flows drawn at most: the table is not virtualised, and the server sorts the ones that matter first. */
export const MAX_FLOWS = 500;
const REFRESH_MS = 2000;

const ADDRESSES = new Intl.Collator('en', { numeric: true });
const TCP_STATES: readonly TcpState[] = ['NONE', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSING', 'CLOSED', 'RESET'];

interface Column {
  label: string;
  cell: (flow: Flow, onProgram?: (name: string) => void) => ReactNode;
  /** The server's order for this column, largest first; else {@link compare} sorts what it sent. */
  server?: FlowSort;
  compare?: (a: Flow, b: Flow) => number;
  /** Numbers read best largest first; names A to Z. */
  numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  {
    label: 'Protocol',
    // VLAN 0 is a priority tag without a VLAN (IEEE 802.1Q §9.6); -1 is no tag.
    cell: (flow) => (flow.vlan > 0 ? `${flow.protocol} · VLAN ${flow.vlan}` : flow.protocol),
    compare: (a, b) => ADDRESSES.compare(a.protocol, b.protocol) || a.vlan - b.vlan,
  },
  {
    label: 'Initiator',
    cell: (flow) => formatEndpoint(flow.initiator, flow.initiatorPort),
    compare: (a, b) => ADDRESSES.compare(a.initiator, b.initiator) || a.initiatorPort - b.initiatorPort,
  },
  {
    label: 'Responder',
    cell: (flow) => formatEndpoint(flow.responder, flow.responderPort),
    compare: (a, b) => ADDRESSES.compare(a.responder, b.responder) || a.responderPort - b.responderPort,
  },
  {
    label: 'Packets → / ←',
    cell: (flow) => `${formatCount(flow.initiatorPackets)} / ${formatCount(flow.responderPackets)}`,
    server: 'packets',
  },
  {
    label: 'Bytes → / ←',
    cell: (flow) => `${formatBytes(flow.initiatorBytes)} / ${formatBytes(flow.responderBytes)}`,
    server: 'bytes',
  },
  {
    label: 'Duration',
    cell: (flow) => formatDuration(flow.duration),
    compare: (a, b) => a.duration - b.duration,
    numeric: true,
  },
  {
    label: 'State',
    cell: (flow) => (flow.tcpState === 'NONE' ? '—' : flow.tcpState),
    compare: (a, b) => TCP_STATES.indexOf(a.tcpState) - TCP_STATES.indexOf(b.tcpState),
  },
  {
    label: 'Last seen',
    cell: (flow) => formatPacketTime(new Date(flow.lastSeen * 1000)),
    server: 'last',
  },
  {
    label: 'Process',
    cell: (flow, onProgram) => {
      const process = flow.process;
      if (!process) return '—';
      const name = process.name;
      return name && onProgram
        ? (
          <button type="button" className="link" title={`Show the packets of ${name}${process.cmdline ? `: ${process.cmdline}` : ''}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    onProgram(name);
                  }}
                  onKeyDown={(event) => event.stopPropagation()}>{programLabel(process)}</button>
        )
        : programLabel(process);
    },
    compare: (a, b) => ADDRESSES.compare(a.process?.name ?? '', b.process?.name ?? '') || (a.process?.pid ?? 0) - (b.process?.pid ?? 0),
  },
];

const BY_BYTES = COLUMNS.find((column) => column.server === 'bytes')!.label;
const SERVER_ORDER: Record<FlowSort, string> = { bytes: 'most bytes', packets: 'most packets', last: 'latest seen' };

export interface FlowsViewProps {
  /** A flow was picked: show its packets. */
  onSelect: (flow: Flow) => void;
  /** "Follow" on a TCP or UDP flow: open its stream in the follow view. */
  onFollow?: (flow: Flow) => void;
  /** A flow's program was picked: show that program's packets. */
  onProgram?: (name: string) => void;
  /** Loads a page of flows; the server's /api/flows unless a test gives its own. */
  load?: (sort: FlowSort, offset: number, limit: number) => Promise<FlowPage>;
  refreshMs?: number;
}

/** The flow table, refreshed while it is shown; a click on a header sorts, on a flow shows its packets. */
export function FlowsView({ onSelect, onFollow, onProgram, load = api.flows, refreshMs = REFRESH_MS }: FlowsViewProps) {
  const [serverSort, setServerSort] = useState<FlowSort>('bytes');
  const [sort, setSort] = useState({ column: BY_BYTES, descending: true });
  const fetchPage = useCallback(() => load(serverSort, 0, MAX_FLOWS), [load, serverSort]);
  const { data, error } = usePolling(fetchPage, refreshMs);

  const sortBy = (column: Column) => {
    if (column.server) {
      setServerSort(column.server);
      setSort({ column: column.label, descending: true });
    } else {
      setSort((current) => ({
        column: column.label,
        descending: current.column === column.label ? !current.descending : !!column.numeric,
      }));
    }
  };

  const flows = useMemo(() => {
    const shown = data?.flows.slice(0, MAX_FLOWS) ?? [];
    const compare = COLUMNS.find((column) => column.label === sort.column)?.compare;
    if (!compare) return shown;
    return [...shown].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  }, [data, sort]);

  return (
    <div className="flows-view">
      {error && <p className="error" role="alert">{error}</p>}
      {data && (
        <p className="muted" data-testid="flow-count">
          {flows.length < data.total
            ? `Showing ${formatCount(flows.length)} of ${formatCount(data.total)} flows, the ${SERVER_ORDER[serverSort]}`
            : `${formatCount(data.total)} flows`}
          {` · ${formatCount(data.started)} started · ${formatCount(data.expired)} expired · ${formatCount(data.untracked)} untracked`}
        </p>
      )}
      {!data && !error && <p className="muted" role="status">Loading flows…</p>}
      {data && (
        <table className="flows-table" role="grid" aria-label="Flows" aria-rowcount={flows.length + 1}>
          <thead>
            <tr role="row">
              {COLUMNS.map((column) => {
                const active = column.label === sort.column;
                return (
                  <th key={column.label} role="columnheader" scope="col"
                      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="link" onClick={() => sortBy(column)}>{column.label}</button>
                  </th>
                );
              })}
              {onFollow && <th role="columnheader" scope="col"><span className="visually-hidden">Follow</span></th>}
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.id} role="row" tabIndex={0} className={`proto-${protocolFamily(flow.protocol)}`}
                  title="Show this flow's packets"
                  onClick={() => onSelect(flow)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(flow);
                    }
                  }}>
                {COLUMNS.map((column) => <td key={column.label} role="gridcell">{column.cell(flow, onProgram)}</td>)}
                {onFollow && (
                  <td role="gridcell" className="follow-cell">
                    {(flow.protocol === 'TCP' || flow.protocol === 'UDP') && (
                      <button type="button" title={`Follow this ${flow.protocol} stream`}
                              onClick={(event) => {
                                event.stopPropagation();
                                onFollow(flow);
                              }}
                              onKeyDown={(event) => event.stopPropagation()}>Follow</button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.flows.length === 0 && <p className="empty-table-note muted">No flows yet. Start a capture or replay a file.</p>}
    </div>
  );
}
